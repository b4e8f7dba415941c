"""The BLKK directory's filters, carried in the URL so that a filtered list can be shared."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.widgets import QuickSelect

from .models import District, Institution, VocationalField
from .regions import KABUPATEN_TANGERANG_CODE


def kecamatan_filter(field_name: str) -> django_filters.ModelChoiceFilter:
    """A kecamatan of Kabupaten Tangerang, by its Kemendagri code (``?kecamatan=36.03.01``)."""
    return django_filters.ModelChoiceFilter(
        label=_("Kecamatan"),
        field_name=field_name,
        queryset=District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE).order_by("name"),
        to_field_name="code",
        empty_label=_("Semua kecamatan"),
        widget=QuickSelect,
    )


def fields_taught_publicly():
    """Kejuruan that a public BLKK was built for or teaches besides."""
    public = Institution.objects.public()
    return VocationalField.objects.filter(
        Exists(public.filter(primary_field=OuterRef("pk")))
        | Exists(public.filter(fields=OuterRef("pk")))
    )


class InstitutionFilter(django_filters.FilterSet):
    """Parameters have short Indonesian names, like the program listing's."""

    kecamatan = kecamatan_filter("district")
    kejuruan = django_filters.ModelChoiceFilter(
        label=_("Kejuruan"),
        queryset=fields_taught_publicly(),
        to_field_name="slug",
        method="filter_teaching",
        empty_label=_("Semua kejuruan"),
        widget=QuickSelect,
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis lembaga pengelola"),
        field_name="host_type",
        choices=Institution.HostType.choices,
        empty_label=_("Semua jenis"),
    )

    def filter_teaching(self, queryset, name, value: VocationalField):
        return queryset.teaching(value)
