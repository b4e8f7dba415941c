"""The dashboard's indicators (``dashboard.indicators``), the same figures as on /dasbor/.

Every endpoint reads its filters with the dashboard's own form (``DashboardFilterForm``) and
its figures with ``dashboard_figures``, so the API and the page give the same numbers for the
same filters and share one cache. Unlike the page, which reports an invalid filter and ignores
it, the API refuses it with 400: a program reading the API cannot see a warning, and would
otherwise take unfiltered figures for filtered ones.

The headline figures, programs and coverage are public. Participants by gender, age band and
education, and the aggregate detail, are for Disnaker tokens only: narrowed to one BLKK, one
year and one kejuruan, a cell of two or three people can point at a person.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core import populations
from dashboard.access import DashboardFilterForm
from dashboard.figures import dashboard_figures
from dashboard.indicators import ParticipantBreakdown, ProgramBreakdown
from trainings.models import PBKAssistance

from .base import ConditionalMixin, ListViewSet
from .permissions import DisnakerToken
from .schema import ApiAutoSchema

# Shapes -----------------------------------------------------------------------------------


class RupiahField(serializers.IntegerField):
    """An amount in whole Rupiah."""

    def to_representation(self, value):
        return int(Decimal(value).to_integral_value(rounding=ROUND_HALF_UP))


def count(name: str, help_text, field_class=serializers.IntegerField):
    """The figure ``name`` of an ``indicators.Row``."""
    return field_class(source=f"values.{name}", read_only=True, help_text=help_text)


class IndicatorRateSerializer(serializers.Serializer):
    numerator = serializers.IntegerField(help_text=_("Yang memenuhi (pembilang)."))
    denominator = serializers.IntegerField(help_text=_("Dari berapa (penyebut)."))
    percent = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text=_("Persentase, satu desimal; null bila penyebutnya 0."),
    )


class RowSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text=_("Kunci baris (tahun, kode, slug atau nilai pilihan), sama di semua bahasa.")
    )
    label = serializers.CharField(help_text=_("Nama baris, dalam bahasa pembaca."))


class ProgramRowSerializer(RowSerializer):
    programs = count("programs", _("Program terlaksana (bukan draf, tidak dibatalkan)."))
    participants = count(
        "participants",
        _("Peserta: pendaftaran yang mendapat kursi (diterima, mengikuti, lulus, tidak selesai)."),
    )


class ParticipantRowSerializer(RowSerializer):
    participants = count(
        "participants", _("Peserta (pendaftaran yang mendapat kursi di program terlaksana).")
    )


class SectorRowSerializer(RowSerializer):
    enterprises = count("enterprises", _("Usaha alumni di sektor ini."))
    workers = count("workers", _("Pekerja di usaha itu, pemiliknya termasuk bila dicatat."))


class ScopeRowSerializer(RowSerializer):
    partnerships = count("partnerships", _("Kemitraan yang berlaku hari ini dengan lingkup ini."))


class ContributionRowSerializer(RowSerializer):
    contributions = count("contributions", _("Kontribusi yang terealisasi."))
    value = count("value", _("Nilai tercatatnya, dalam Rupiah."), RupiahField)


class PBKYearRowSerializer(RowSerializer):
    grants = count("grants", _("Bantuan PBK pada tahun anggaran ini."))
    packages = count("packages", _("Paket pelatihan."))
    amount = count("amount", _("Nilai bantuan, dalam Rupiah."), RupiahField)
    target = count("target", _("Target peserta."))
    actual = count("actual", _("Peserta yang mendapat kursi di program yang didanai bantuan."))


class DistrictCoverageSerializer(serializers.Serializer):
    code = serializers.CharField(source="key", help_text=_("Kode Kemendagri kecamatan."))
    name = serializers.CharField(source="label", help_text=_("Nama kecamatan."))
    institutions = count("institutions", _("BLKK aktif di kecamatan ini (0 bila belum ada)."))


class CoverageFiguresSerializer(serializers.Serializer):
    districts_covered = serializers.IntegerField(
        help_text=_("Kecamatan yang punya paling sedikit satu BLKK aktif.")
    )
    districts_total = serializers.IntegerField(help_text=_("Kecamatan di Kabupaten Tangerang."))
    active_institutions = serializers.SerializerMethodField(
        help_text=populations.ACTIVE_INSTITUTIONS.how_counted
    )
    by_district = DistrictCoverageSerializer(many=True, help_text=_("BLKK aktif per kecamatan."))

    @extend_schema_field(OpenApiTypes.INT)
    def get_active_institutions(self, coverage) -> int:
        return sum(row["institutions"] for row in coverage.by_district)


class EnterpriseFiguresSerializer(serializers.Serializer):
    enterprises = serializers.IntegerField(help_text=_("Usaha alumni yang tercatat."))
    workers = serializers.IntegerField(help_text=_("Pekerja di usaha alumni."))
    by_sector = SectorRowSerializer(many=True, help_text=_("Per sektor, semua sektor."))


class PartnershipFiguresSerializer(serializers.Serializer):
    active = serializers.IntegerField(help_text=_("Kemitraan yang berlaku hari ini."))
    by_scope = ScopeRowSerializer(many=True, help_text=_("Per lingkup, semua lingkup."))


class IndicatorSummarySerializer(serializers.Serializer):
    """The headline figures; each help text is the population's own "how it is counted"."""

    coverage = CoverageFiguresSerializer(help_text=_("Jangkauan BLKK aktif di kecamatan."))
    applicants = serializers.IntegerField(
        source="people.applicants", help_text=populations.APPLICANTS.how_counted
    )
    people_trained = serializers.IntegerField(
        source="people.people_trained", help_text=populations.PEOPLE_TRAINED.how_counted
    )
    graduates = serializers.IntegerField(
        source="placement.graduates", help_text=populations.GRADUATES.how_counted
    )
    graduation_rate = IndicatorRateSerializer(
        source="graduation", help_text=populations.GRADUATION_RATE.how_counted
    )
    competency_rate = IndicatorRateSerializer(
        source="competency", help_text=populations.COMPETENCY_RATE.how_counted
    )
    traced_graduates = IndicatorRateSerializer(
        source="placement.traced", help_text=populations.TRACED_GRADUATES.how_counted
    )
    placement_rate = IndicatorRateSerializer(
        source="placement.placement_rate", help_text=populations.PLACEMENT_RATE.how_counted
    )
    self_employment_rate = IndicatorRateSerializer(
        source="placement.self_employment_rate",
        help_text=populations.SELF_EMPLOYMENT_RATE.how_counted,
    )
    enterprises = EnterpriseFiguresSerializer(help_text=populations.ALUMNI_ENTERPRISES.how_counted)
    partnerships = PartnershipFiguresSerializer(
        help_text=populations.ACTIVE_PARTNERSHIPS.how_counted
    )


class ReportStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=PBKAssistance.ReportStatus.choices, help_text=_("Status laporan realisasi.")
    )
    label = serializers.CharField(help_text=_("Nama status, dalam bahasa pembaca."))
    grants = serializers.IntegerField(help_text=_("Bantuan dengan laporan berstatus ini."))


class PBKFiguresSerializer(serializers.Serializer):
    grants = serializers.IntegerField(help_text=_("Bantuan PBK."))
    packages = serializers.IntegerField(help_text=_("Paket pelatihan."))
    amount = RupiahField(help_text=_("Nilai bantuan, dalam Rupiah."))
    target_participants = serializers.IntegerField(help_text=_("Target peserta."))
    actual_participants = serializers.IntegerField(help_text=_("Realisasi peserta."))
    absorption = IndicatorRateSerializer(help_text=_("Serapan: realisasi dari target peserta."))
    reports_on_time = IndicatorRateSerializer(
        help_text=_("Laporan tepat waktu, dari laporan yang masuk atau lewat tenggat.")
    )
    reports = serializers.SerializerMethodField(
        help_text=_("Bantuan per status laporan realisasi, semua status.")
    )
    by_year = PBKYearRowSerializer(many=True, help_text=_("Per tahun anggaran."))

    @extend_schema_field(ReportStatusSerializer(many=True))
    def get_reports(self, pbk):
        rows = [
            {"status": status, "label": label, "grants": pbk.reports.get(status, 0)}
            for status, label in PBKAssistance.ReportStatus.choices
        ]
        return ReportStatusSerializer(rows, many=True).data


class ContributionFiguresSerializer(serializers.Serializer):
    contributions = serializers.IntegerField(help_text=_("Kontribusi mitra yang terealisasi."))
    value = RupiahField(help_text=_("Nilai tercatatnya, dalam Rupiah."))
    without_value = serializers.IntegerField(help_text=_("Kontribusi tanpa nilai tercatat."))
    by_kind = ContributionRowSerializer(many=True, help_text=_("Per jenis, semua jenis."))


class MissingFieldsSerializer(serializers.Serializer):
    code = serializers.CharField(source="district.key", help_text=_("Kode Kemendagri kecamatan."))
    name = serializers.CharField(source="district.label", help_text=_("Nama kecamatan."))
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Kejuruan yang diajarkan di forum tetapi belum oleh BLKK aktif kecamatan ini."),
    )


class EndingAgreementSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("Judul perjanjian."))
    partner = serializers.CharField(help_text=_("Nama mitra."))
    end_date = serializers.DateField(help_text=_("Tanggal berakhir."))


def _participants_by(breakdown: ParticipantBreakdown, help_text):
    return ParticipantRowSerializer(
        source=f"participants_by.{breakdown.value}", many=True, help_text=help_text
    )


class IndicatorDetailSerializer(serializers.Serializer):
    participants_by_gender = _participants_by(
        ParticipantBreakdown.GENDER, _("Peserta per jenis kelamin.")
    )
    participants_by_age_band = _participants_by(
        ParticipantBreakdown.AGE_BAND, _("Peserta per kelompok usia pada tanggal mulai program.")
    )
    participants_by_education = _participants_by(
        ParticipantBreakdown.EDUCATION, _("Peserta per pendidikan terakhir.")
    )
    participants_by_domicile = _participants_by(
        ParticipantBreakdown.DOMICILE,
        _("Peserta yang tinggal di Kabupaten Tangerang dan di luarnya."),
    )
    pbk = PBKFiguresSerializer(help_text=_("Bantuan PBK dan laporan realisasinya."))
    contributions = ContributionFiguresSerializer(help_text=_("Kontribusi mitra per jenis."))
    missing_fields = MissingFieldsSerializer(
        many=True, help_text=_("Kejuruan yang belum ada per kecamatan.")
    )
    partnerships_ending_soon = EndingAgreementSerializer(
        source="partnerships.ending_soon",
        many=True,
        help_text=_("Kemitraan berlaku yang berakhir dalam 90 hari, yang terdekat dulu."),
    )


# Filters ----------------------------------------------------------------------------------

# How the filter form's model choices are written in the query string.
CHOICE_KEY_DESCRIPTIONS = {"code": _("kode Kemendagri"), "slug": _("slug")}


class ProgramFilterForm(DashboardFilterForm):
    menurut = forms.ChoiceField(
        label=_("Baris per"),
        choices=ProgramBreakdown.choices,
        required=False,
        initial=ProgramBreakdown.YEAR.value,
    )


class ParticipantFilterForm(DashboardFilterForm):
    menurut = forms.ChoiceField(
        label=_("Baris per"),
        choices=ParticipantBreakdown.choices,
        required=False,
        initial=ParticipantBreakdown.GENDER.value,
    )


def form_parameter(name: str, field: forms.Field) -> OpenApiParameter:
    """The query parameter a field of a filter form reads, described from the field."""
    if isinstance(field, forms.ModelChoiceField):
        key = CHOICE_KEY_DESCRIPTIONS[field.to_field_name]
        return OpenApiParameter(
            name, OpenApiTypes.STR, description=format_lazy("{} ({})", field.label, key)
        )
    if isinstance(field, forms.ChoiceField):
        return OpenApiParameter(
            name,
            OpenApiTypes.STR,
            enum=[value for value, _label in field.choices if value],
            default=field.initial,
            description=field.label,
        )
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
        return OpenApiParameter(name, schema, description=field.label)
    raise TypeError(f"No query parameter for a {type(field).__name__} ({name})")


def form_parameters(form_class) -> list[OpenApiParameter]:
    return [form_parameter(name, field) for name, field in form_class.base_fields.items()]


class IndicatorViewMixin:
    """Reads the filters (and the breakdown) with ``filter_form_class``: 400 when invalid."""

    filter_form_class = DashboardFilterForm
    filter_backends = ()
    pagination_class = None

    @cached_property
    def filter_form(self) -> DashboardFilterForm:
        form = self.filter_form_class(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return form

    def figures(self):
        return dashboard_figures(self.filter_form.indicator_filters())

    def breakdown(self) -> str:
        field = self.filter_form_class.base_fields["menurut"]
        return self.filter_form.cleaned_data["menurut"] or field.initial


class ObjectSchema(ApiAutoSchema):
    """One object answered at the router's list route: documented as an object, not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


# Endpoints --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Angka utama dasbor Disnaker: jangkauan BLKK, tingkat kelulusan, kompetensi, "
            "penempatan dan wirausaha, usaha alumni, kemitraan. Hanya JSON."
        ),
        parameters=form_parameters(DashboardFilterForm),
    )
)
class SummaryViewSet(IndicatorViewMixin, ConditionalMixin, viewsets.GenericViewSet):
    serializer_class = IndicatorSummarySerializer
    renderer_classes = (JSONRenderer,)
    schema = ObjectSchema()

    def list(self, request):
        return Response(self.get_serializer(self.figures()).data)


class IndicatorRowsViewSet(IndicatorViewMixin, ListViewSet):
    """Rows of one indicator (a few dozen at most): one page, JSON or CSV."""

    def get_queryset(self):
        return self.rows(self.figures())


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Program terlaksana dan pesertanya, per tahun mulai, kejuruan, kecamatan BLKK atau "
            "sumber dana (`menurut`)."
        ),
        parameters=form_parameters(ProgramFilterForm),
    )
)
class ProgramRowsViewSet(IndicatorRowsViewSet):
    serializer_class = ProgramRowSerializer
    filter_form_class = ProgramFilterForm

    def rows(self, figures):
        return figures.programs_by[self.breakdown()]


@extend_schema_view(
    list=extend_schema(
        description=_(
            "BLKK aktif per kecamatan Kabupaten Tangerang, semua kecamatan (0 bila belum ada)."
        ),
        parameters=form_parameters(DashboardFilterForm),
    )
)
class DistrictCoverageViewSet(IndicatorRowsViewSet):
    serializer_class = DistrictCoverageSerializer

    def rows(self, figures):
        return figures.coverage.by_district


SMALL_NUMBERS = _(
    "Hanya token Disnaker: dipersempit ke satu BLKK, tahun dan kejuruan, sel berisi dua atau "
    "tiga orang dapat menunjuk seseorang."
)


@extend_schema_view(
    list=extend_schema(
        description=format_lazy(
            "{} {}",
            _(
                "Peserta per jenis kelamin, kelompok usia, pendidikan terakhir atau domisili "
                "(`menurut`)."
            ),
            SMALL_NUMBERS,
        ),
        parameters=form_parameters(ParticipantFilterForm),
    )
)
class ParticipantRowsViewSet(IndicatorRowsViewSet):
    serializer_class = ParticipantRowSerializer
    filter_form_class = ParticipantFilterForm
    permission_classes = (DisnakerToken,)

    def rows(self, figures):
        return figures.participants_by[self.breakdown()]


@extend_schema_view(
    list=extend_schema(
        description=format_lazy(
            "{} {}",
            _(
                "Rincian agregat dasbor: peserta per jenis kelamin, kelompok usia, "
                "pendidikan dan domisili; PBK per tahun anggaran dan laporannya; kontribusi "
                "mitra; kejuruan yang belum ada per kecamatan; kemitraan yang segera berakhir. "
                "Hanya JSON."
            ),
            SMALL_NUMBERS,
        ),
        parameters=form_parameters(DashboardFilterForm),
    )
)
class DetailViewSet(SummaryViewSet):
    serializer_class = IndicatorDetailSerializer
    permission_classes = (DisnakerToken,)


ROUTES = [
    ("indikator", SummaryViewSet, "indicator-summary"),
    ("indikator/program", ProgramRowsViewSet, "indicator-program"),
    ("indikator/kecamatan", DistrictCoverageViewSet, "indicator-district"),
    ("indikator/rinci", DetailViewSet, "indicator-detail"),
    ("indikator/peserta", ParticipantRowsViewSet, "indicator-participant"),
]
