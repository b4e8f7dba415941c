"""Public data, open to anyone: what the public pages show, and nothing more.

Every queryset here starts from the same public querysets the pages use
(``Institution.objects.public``, ``program_public_queryset``, published partners...), so
the API never shows a row the site hides, and no serializer here has a personal field.
"""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from alumni.filters import EnterpriseFilter
from alumni.selectors import public_enterprises
from institutions.filters import InstitutionFilter
from institutions.models import District, Instructor, Regency, Village, VocationalField
from institutions.regions import KABUPATEN_TANGERANG_CODE
from institutions.selectors import profile_institutions
from partnerships.models import PartnershipScope
from partnerships.selectors import public_active_partnerships, published_partners
from trainings.filters import ProgramFilter
from trainings.selectors import program_public_queryset

from . import public_serializers as public
from .base import ReadOnlyViewSet
from .pagination import CursorPagination

# Regions ----------------------------------------------------------------------------------


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
    serializer_class = public.RegencySerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"
    ordering_fields = ("code", "name")


class DistrictViewSet(ReadOnlyViewSet):
    """Kecamatan, by default those of Kabupaten Tangerang (``?kabupaten=`` for another)."""

    serializer_class = public.DistrictSerializer
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
    serializer_class = public.VillageSerializer
    filterset_class = VillageFilter
    pagination_class = CursorPagination
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"
    ordering = ("code",)
    ordering_fields = ("code", "name")


# Kejuruan and BLKK -----------------------------------------------------------------------


class VocationalFieldViewSet(ReadOnlyViewSet):
    """Kejuruan (trades) taught at BLKK, by name."""

    queryset = VocationalField.objects.order_by("name", "pk")
    serializer_class = public.VocationalFieldSerializer
    lookup_field = "slug"
    ordering_fields = ("name",)


class InstitutionViewSet(ReadOnlyViewSet):
    """Public BLKK with their profile, as the directory and profile pages show them; filters
    as on the directory."""

    queryset = profile_institutions().order_by("name", "pk")
    serializer_class = public.InstitutionSerializer
    filterset_class = InstitutionFilter
    lookup_field = "slug"
    ordering_fields = ("name",)


# Programs ---------------------------------------------------------------------------------


class PublicProgramFilter(ProgramFilter):
    """The program listing's filters; the API sorts with ``?urutan=`` instead of ``urut``."""

    urut = None


class ProgramViewSet(ReadOnlyViewSet):
    """Public training programs, as the program pages show them; filters as on the listing.
    Latest start first by default."""

    serializer_class = public.ProgramSerializer
    filterset_class = PublicProgramFilter
    pagination_class = CursorPagination
    lookup_field = "slug"
    ordering = ("-start_date", "id")
    ordering_fields = ("start_date", "registration_closes", "created_at", "title")

    def get_queryset(self):
        # Built per request: the public status depends on today's date.
        return program_public_queryset().prefetch_related(
            Prefetch("instructors", queryset=Instructor.objects.order_by("full_name", "pk"))
        )


# Alumni enterprises -----------------------------------------------------------------------


class EnterpriseViewSet(ReadOnlyViewSet):
    """Alumni enterprises published with their owner's consent, as the showcase shows them;
    filters as on the showcase."""

    queryset = public_enterprises()
    serializer_class = public.EnterpriseSerializer
    filterset_class = EnterpriseFilter
    lookup_field = "slug"
    ordering_fields = ("name", "started_on")


# Partners and partnerships ----------------------------------------------------------------


class PartnerViewSet(ReadOnlyViewSet):
    """The forum's published partners, as the partners page shows them."""

    queryset = published_partners()
    serializer_class = public.PartnerSerializer
    lookup_field = "slug"
    ordering_fields = ("name",)


class PartnershipFilter(django_filters.FilterSet):
    lingkup = django_filters.ModelChoiceFilter(
        label=_("Kode ruang lingkup kemitraan."),
        field_name="scopes",
        queryset=PartnershipScope.objects.all(),
        to_field_name="code",
    )
    mitra = django_filters.ModelChoiceFilter(
        label=_("Slug mitra."),
        field_name="partner",
        queryset=published_partners(),
        to_field_name="slug",
    )


class PartnershipViewSet(ReadOnlyViewSet):
    """Partnerships in force of published partners, as the partners page shows them: the
    public BLKK they name and what they delivered to public BLKK."""

    serializer_class = public.PartnershipSerializer
    filterset_class = PartnershipFilter
    ordering_fields = ("start_date", "end_date", "title")

    def get_queryset(self):
        # Built per request: which agreements are in force depends on today's date.
        return public_active_partnerships()


ROUTES = [
    ("kabupaten", RegencyViewSet, "regency"),
    ("kecamatan", DistrictViewSet, "district"),
    ("desa", VillageViewSet, "village"),
    ("kejuruan", VocationalFieldViewSet, "vocational-field"),
    ("blkk", InstitutionViewSet, "institution"),
    ("pelatihan", ProgramViewSet, "program"),
    ("usaha-alumni", EnterpriseViewSet, "enterprise"),
    ("mitra", PartnerViewSet, "partner"),
    ("kemitraan", PartnershipViewSet, "partnership"),
]
