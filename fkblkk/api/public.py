"""Public data, open to anyone: what the public pages show, and nothing more.

Every queryset here starts from the same public querysets the pages use
(``Institution.objects.public``, ``program_public_queryset``, published partners...), so
the API never shows a row the site hides, and no serializer here has a personal field.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from institutions.models import District, Regency, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE

from .base import ReadOnlyViewSet
from .pagination import CursorPagination

# Regions ----------------------------------------------------------------------------------


class RegencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Regency
        fields = ("code", "name", "province_name")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri kabupaten/kota, misalnya 36.03.")},
            "name": {"help_text": _("Nama kabupaten/kota.")},
            "province_name": {"help_text": _("Nama provinsi.")},
        }


class DistrictSerializer(serializers.ModelSerializer):
    regency = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Kode Kemendagri kabupaten/kotanya.")
    )

    class Meta:
        model = District
        fields = ("code", "name", "regency")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri kecamatan, misalnya 36.03.01.")},
            "name": {"help_text": _("Nama kecamatan.")},
        }


class VillageSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Kode Kemendagri kecamatannya.")
    )

    class Meta:
        model = Village
        fields = ("code", "name", "kind", "district")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri desa/kelurahan, misalnya 36.03.01.2003.")},
            "name": {"help_text": _("Nama desa/kelurahan.")},
            "kind": {"help_text": _("Desa atau kelurahan.")},
        }


class DistrictFilter(django_filters.FilterSet):
    kabupaten = django_filters.CharFilter(
        field_name="regency__code",
        label=_("Kode Kemendagri kabupaten/kota, misalnya 36.03."),
    )

    class Meta:
        model = District
        fields = ("kabupaten",)


class VillageFilter(django_filters.FilterSet):
    kecamatan = django_filters.CharFilter(
        field_name="district__code", label=_("Kode Kemendagri kecamatan, misalnya 36.03.01.")
    )

    class Meta:
        model = Village
        fields = ("kecamatan",)


class RegencyViewSet(ReadOnlyViewSet):
    """Kabupaten/kota of Indonesia, with their Kemendagri codes."""

    queryset = Regency.objects.order_by("code")
    serializer_class = RegencySerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"
    ordering_fields = ("code", "name")


class DistrictViewSet(ReadOnlyViewSet):
    """Kecamatan, by default those of Kabupaten Tangerang (``?kabupaten=`` for another)."""

    serializer_class = DistrictSerializer
    filterset_class = DistrictFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"
    ordering_fields = ("code", "name")

    def get_queryset(self):
        districts = District.objects.select_related("regency").order_by("code")
        if self.action == "list" and "kabupaten" not in self.request.query_params:
            districts = districts.filter(regency__code=KABUPATEN_TANGERANG_CODE)
        return districts


class VillageViewSet(ReadOnlyViewSet):
    """Desa and kelurahan, with their Kemendagri codes and kecamatan."""

    queryset = Village.objects.select_related("district")
    serializer_class = VillageSerializer
    filterset_class = VillageFilter
    pagination_class = CursorPagination
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"
    ordering = ("code",)
    ordering_fields = ("code", "name")


ROUTES = [
    ("kabupaten", RegencyViewSet, "regency"),
    ("kecamatan", DistrictViewSet, "district"),
    ("desa", VillageViewSet, "village"),
]
