"""The alumni enterprise showcase's filters, carried in the URL."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.widgets import QuickSelect
from institutions.filters import kecamatan_filter
from institutions.models import Institution

from .models import Enterprise


class EnterpriseFilter(django_filters.FilterSet):
    sektor = django_filters.ChoiceFilter(
        label=_("Sektor"),
        field_name="sector",
        choices=Enterprise.Sector.choices,
        empty_label=_("Semua sektor"),
    )
    kecamatan = kecamatan_filter("district")
    blkk = django_filters.ModelChoiceFilter(
        label=_("BLKK tempat pemilik berlatih"),
        queryset=Institution.objects.public().order_by("name"),
        to_field_name="slug",
        method="filter_institution",
        empty_label=_("Semua BLKK"),
        widget=QuickSelect,
    )

    def filter_institution(self, queryset, name, value: Institution):
        return queryset.of_institution(value)
