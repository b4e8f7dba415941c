"""The Disnaker dashboard (/dasbor/): every indicator of ``fkblkk.indicators`` with filters kept
in the URL, and the lists behind the figures.

Only Disnaker and the secretariat (superusers count as secretariat) may read it. The figures
come from the indicator functions alone, in a fixed number of queries, and are cached until a
row behind them changes (``forget_dashboard_figures``, connected in ``fkblkk.apps``).
"""

import datetime
import json
import uuid
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.urls import path
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from alumni.models import Enterprise
from institutions.models import District, Institution, VocationalField
from institutions.regions import KABUPATEN_TANGERANG_CODE
from trainings.models import Enrollment, FundingSource, PBKAssistance, TrainingProgram

from . import indicators, roles
from .indicators import IndicatorFilters, ParticipantBreakdown, ProgramBreakdown
from .templatetags.formats import rupiah

# Writes that bypass model signals (bulk updates, imports) can leave the figures stale for at
# most this long.
DASHBOARD_TIMEOUT = 15 * 60
VERSION_KEY = "dashboard-figures-version"


class DashboardAccessMixin(LoginRequiredMixin):
    """Lets in Disnaker and the secretariat (and superusers); others get a 403 that says why."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not (
            user.is_superuser
            or roles.has_role(user, roles.DISNAKER)
            or roles.has_role(user, roles.SECRETARIAT)
        ):
            raise PermissionDenied(_("Dasbor ini hanya untuk Disnaker dan sekretariat forum."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(dashboard_nav=True, **kwargs)


# Filters ------------------------------------------------------------------------------------


class DashboardFilterForm(forms.Form):
    """The filters, read from the query string; an invalid value is reported and ignored."""

    tahun_dari = forms.IntegerField(
        label=gettext_lazy("Dari tahun"), required=False, min_value=2000, max_value=2100
    )
    tahun_sampai = forms.IntegerField(
        label=gettext_lazy("Sampai tahun"), required=False, min_value=2000, max_value=2100
    )
    kecamatan = forms.ModelChoiceField(
        label=gettext_lazy("Kecamatan"),
        queryset=District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("Semua kecamatan"),
    )
    kejuruan = forms.ModelChoiceField(
        label=gettext_lazy("Kejuruan"),
        queryset=VocationalField.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Semua kejuruan"),
    )
    blkk = forms.ModelChoiceField(
        label=gettext_lazy("BLKK"),
        queryset=Institution.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Semua BLKK"),
    )
    sumber_dana = forms.ChoiceField(
        label=gettext_lazy("Sumber dana"),
        choices=[("", gettext_lazy("Semua sumber dana")), *FundingSource.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("tahun_dari"), cleaned.get("tahun_sampai")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("tahun_sampai", _("Tahun akhir tidak boleh sebelum tahun awal."))
            cleaned.pop("tahun_dari", None)
        return cleaned

    def indicator_filters(self) -> IndicatorFilters:
        """The valid filters as ``IndicatorFilters`` (primary keys); invalid ones are left out."""
        self.is_valid()
        data = self.cleaned_data

        def pk(name):
            value = data.get(name)
            return value.pk if value is not None else None

        return IndicatorFilters(
            year_from=data.get("tahun_dari"),
            year_to=data.get("tahun_sampai"),
            district=pk("kecamatan"),
            field=pk("kejuruan"),
            institution=pk("blkk"),
            funding_source=data.get("sumber_dana") or None,
        )


class FilteredMixin(DashboardAccessMixin):
    """Reads the filters once per request and reports the values it had to ignore."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.filter_form = DashboardFilterForm(request.GET or None)
        self.filters = (
            self.filter_form.indicator_filters()
            if self.filter_form.is_bound
            else IndicatorFilters()
        )

    def get(self, request, *args, **kwargs):
        if self.filter_form.is_bound and self.filter_form.errors:
            messages.warning(
                request, _("Sebagian filter tidak valid dan diabaikan; lihat keterangan di form.")
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("halaman", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            filters=self.filters,
            query=query.urlencode(),
            **kwargs,
        )


# Figures ------------------------------------------------------------------------------------


def forget_dashboard_figures(**signal_kwargs) -> None:
    """Make every cached dashboard figure stale; connected to the writes that change them."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _cache_key(filters: IndicatorFilters, today: datetime.date) -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    parts = (
        filters.year_from,
        filters.year_to,
        filters.district,
        filters.field,
        filters.institution,
        filters.funding_source,
    )
    # The day is part of the key: partnerships and PBK reports change state by date alone.
    return f"dashboard:{version}:{today.isoformat()}:" + ":".join(map(str, parts))


@dataclass(frozen=True)
class Figures:
    coverage: indicators.InstitutionCoverage
    missing_fields: list
    programs_by: dict
    participants_by: dict
    graduation: indicators.Rate
    competency: indicators.Rate
    placement: indicators.Placement
    enterprises: indicators.EnterpriseFigures
    pbk: indicators.PBKFigures
    partnerships: indicators.PartnershipFigures
    contributions: indicators.ContributionFigures


def dashboard_figures(filters: IndicatorFilters, today: datetime.date | None = None) -> Figures:
    """Every indicator for ``filters``, from the cache or from the indicator functions."""
    today = today or timezone.localdate()

    def count():
        return Figures(
            coverage=indicators.institution_coverage(filters),
            missing_fields=indicators.fields_missing_by_district(filters),
            programs_by={
                by: indicators.programs_and_participants(filters, by) for by in ProgramBreakdown
            },
            participants_by={
                by: indicators.participants_by(filters, by) for by in ParticipantBreakdown
            },
            graduation=indicators.graduation_rate(filters),
            competency=indicators.competency_rate(filters),
            placement=indicators.placement(filters),
            enterprises=indicators.enterprises(filters),
            pbk=indicators.pbk(filters, today=today),
            partnerships=indicators.partnerships(filters, today=today),
            contributions=indicators.contributions(filters),
        )

    return cache.get_or_set(_cache_key(filters, today), count, DASHBOARD_TIMEOUT)


@dataclass
class Chart:
    """One indicator as a chart and the table that says the same for screen readers."""

    key: str
    title: str
    kind: str  # bar, line, doughnut; "hbar" for a horizontal bar
    row_header: str
    columns: list  # (label, name) of each series
    rows: list  # indicators.Row
    money: set = field(default_factory=set)  # names of the series in Rupiah

    @property
    def data_json(self) -> str:
        """The chart's data for ``static/js/dashboard.js``, as an attribute value (escaped by
        the template): no script block, which the CSP check would count as inline code."""
        return json.dumps(self.data, cls=DjangoJSONEncoder)

    @property
    def table_rows(self):
        return [
            (
                row.label,
                [
                    rupiah(row[name]) if name in self.money else row[name]
                    for _label, name in self.columns
                ],
            )
            for row in self.rows
        ]

    @property
    def data(self):
        return {
            "type": self.kind,
            "labels": [str(row.label) for row in self.rows],
            "datasets": [
                {"label": str(label), "data": [float(row[name] or 0) for row in self.rows]}
                for label, name in self.columns
            ],
        }


def _rate_rows(rates):
    return [
        indicators.Row(
            key=key,
            label=label,
            values={
                "percent": rate.percent or 0,
                "numerator": rate.numerator,
                "denominator": rate.denominator,
            },
        )
        for key, label, rate in rates
    ]


def _charts(figures: Figures) -> dict[str, list[Chart]]:
    """The charts of each section of the page, in order."""
    programs, participants = _("Program"), _("Peserta")
    program_columns = [(programs, "programs"), (participants, "participants")]
    pbk = figures.pbk
    return {
        "coverage": [
            Chart(
                "blkk-kecamatan",
                _("BLKK aktif per kecamatan"),
                "hbar",
                _("Kecamatan"),
                [(_("BLKK aktif"), "institutions")],
                figures.coverage.by_district,
            )
        ],
        "programs": [
            Chart(
                "program-tahun",
                _("Program dan peserta per tahun"),
                "line",
                _("Tahun"),
                program_columns,
                figures.programs_by[ProgramBreakdown.YEAR],
            ),
            Chart(
                "program-kejuruan",
                _("Program dan peserta per kejuruan"),
                "bar",
                _("Kejuruan"),
                program_columns,
                figures.programs_by[ProgramBreakdown.FIELD],
            ),
            Chart(
                "program-kecamatan",
                _("Program dan peserta per kecamatan"),
                "bar",
                _("Kecamatan"),
                program_columns,
                figures.programs_by[ProgramBreakdown.DISTRICT],
            ),
            Chart(
                "program-sumber-dana",
                _("Peserta per sumber dana"),
                "doughnut",
                _("Sumber dana"),
                [(participants, "participants"), (programs, "programs")],
                figures.programs_by[ProgramBreakdown.FUNDING_SOURCE],
            ),
        ],
        "participants": [
            Chart(
                "peserta-jenis-kelamin",
                _("Peserta per jenis kelamin"),
                "doughnut",
                _("Jenis kelamin"),
                [(participants, "participants")],
                figures.participants_by[ParticipantBreakdown.GENDER],
            ),
            Chart(
                "peserta-usia",
                _("Peserta per kelompok usia"),
                "bar",
                _("Kelompok usia"),
                [(participants, "participants")],
                figures.participants_by[ParticipantBreakdown.AGE_BAND],
            ),
            Chart(
                "peserta-pendidikan",
                _("Peserta per pendidikan terakhir"),
                "bar",
                _("Pendidikan"),
                [(participants, "participants")],
                figures.participants_by[ParticipantBreakdown.EDUCATION],
            ),
        ],
        "results": [
            Chart(
                "tingkat",
                _("Tingkat kelulusan, kompetensi, penempatan dan wirausaha (%)"),
                "bar",
                _("Indikator"),
                [(_("Persen"), "percent"), (_("Jumlah"), "numerator"), (_("Dari"), "denominator")],
                _rate_rows(
                    [
                        ("lulus", _("Kelulusan"), figures.graduation),
                        ("kompeten", _("Kompetensi"), figures.competency),
                        ("penempatan", _("Penempatan"), figures.placement.placement_rate),
                        ("wirausaha", _("Wirausaha"), figures.placement.self_employment_rate),
                    ]
                ),
            )
        ],
        "enterprises": [
            Chart(
                "usaha-sektor",
                _("Usaha alumni per sektor"),
                "doughnut",
                _("Sektor"),
                [(_("Usaha"), "enterprises"), (_("Pekerja"), "workers")],
                figures.enterprises.by_sector,
            ),
            Chart(
                "usaha-kecamatan",
                _("Usaha alumni per kecamatan"),
                "bar",
                _("Kecamatan"),
                [(_("Usaha"), "enterprises"), (_("Pekerja"), "workers")],
                figures.enterprises.by_district,
            ),
        ],
        "pbk": [
            Chart(
                "pbk-tahun",
                _("Target dan realisasi peserta PBK per tahun anggaran"),
                "bar",
                _("Tahun"),
                [(_("Target"), "target"), (_("Realisasi"), "actual")],
                pbk.by_year,
            ),
            Chart(
                "pbk-nilai",
                _("Nilai dan paket PBK per tahun anggaran"),
                "line",
                _("Tahun"),
                [(_("Nilai"), "amount"), (_("Paket"), "packages"), (_("Bantuan"), "grants")],
                pbk.by_year,
                money={"amount"},
            ),
        ],
        "partnerships": [
            Chart(
                "kemitraan-lingkup",
                _("Kemitraan aktif per lingkup"),
                "bar",
                _("Lingkup"),
                [(_("Kemitraan aktif"), "partnerships")],
                figures.partnerships.by_scope,
            ),
            Chart(
                "kontribusi-jenis",
                _("Kontribusi mitra per jenis"),
                "doughnut",
                _("Jenis"),
                [(_("Kontribusi"), "contributions"), (_("Nilai"), "value")],
                figures.contributions.by_kind,
                money={"value"},
            ),
        ],
    }


@dataclass(frozen=True)
class Card:
    """One figure at the top of a section, and the list behind it when there is one."""

    key: str
    label: str
    value: object
    detail: str = ""
    url_name: str = ""


def _percent(rate: indicators.Rate) -> str:
    return "–" if rate.percent is None else f"{number_format(rate.percent, 1)}%"


def _of(rate: indicators.Rate) -> str:
    return _("%(numerator)s dari %(denominator)s") % {
        "numerator": rate.numerator,
        "denominator": rate.denominator,
    }


def _cards(figures: Figures, total_programs: int, total_participants: int) -> dict:
    """The figures at the top of each section."""
    programs, enrollments = "dashboard:program-list", "dashboard:enrollment-list"
    enterprises = "dashboard:enterprise-list"
    pbk, contributions = figures.pbk, figures.contributions
    rates = [
        ("kelulusan", _("Tingkat kelulusan"), figures.graduation),
        ("kompetensi", _("Tingkat kompetensi"), figures.competency),
        ("penempatan", _("Tingkat penempatan"), figures.placement.placement_rate),
        ("wirausaha", _("Tingkat wirausaha"), figures.placement.self_employment_rate),
    ]
    return {
        "coverage": [
            Card(
                "blkk-aktif",
                _("BLKK aktif"),
                sum(row["institutions"] for row in figures.coverage.by_district),
            ),
            Card(
                "kecamatan-terjangkau",
                _("Kecamatan terjangkau"),
                figures.coverage.districts_covered,
                _("dari %(total)s kecamatan") % {"total": figures.coverage.districts_total},
            ),
        ],
        "programs": [
            Card("program", _("Program terlaksana"), total_programs, url_name=programs),
            Card("peserta", _("Peserta"), total_participants, url_name=enrollments),
        ],
        "results": [
            Card(key, label, _percent(rate), _of(rate), enrollments) for key, label, rate in rates
        ],
        "enterprises": [
            Card("usaha", _("Usaha alumni"), figures.enterprises.enterprises, url_name=enterprises),
            Card("pekerja", _("Pekerja"), figures.enterprises.workers, url_name=enterprises),
        ],
        "pbk": [
            Card(
                "pbk-nilai",
                _("Nilai bantuan PBK"),
                rupiah(pbk.amount),
                _("%(grants)s bantuan") % {"grants": pbk.grants},
            ),
            Card("pbk-paket", _("Paket"), pbk.packages),
            Card(
                "pbk-serapan",
                _("Serapan peserta"),
                _percent(pbk.absorption),
                _("%(actual)s dari target %(target)s")
                % {"actual": pbk.actual_participants, "target": pbk.target_participants},
            ),
            Card(
                "pbk-laporan",
                _("Laporan tepat waktu"),
                _percent(pbk.reports_on_time),
                _of(pbk.reports_on_time),
            ),
        ],
        "partnerships": [
            Card(
                "kemitraan-aktif",
                _("Kemitraan aktif"),
                figures.partnerships.active,
                url_name="dashboard:partnership-list",
            ),
            Card(
                "kontribusi",
                _("Kontribusi terealisasi"),
                contributions.contributions,
                _("%(count)s tanpa nilai tercatat") % {"count": contributions.without_value},
            ),
            Card("kontribusi-nilai", _("Nilai kontribusi"), rupiah(contributions.value)),
        ],
    }


class DashboardHomeView(FilteredMixin, TemplateView):
    template_name = "dashboard/home.html"

    def get_context_data(self, **kwargs):
        figures = dashboard_figures(self.filters)
        by_year = figures.programs_by[ProgramBreakdown.YEAR]
        missing = {entry.district.key: entry.missing for entry in figures.missing_fields}
        total_programs = sum(row["programs"] for row in by_year)
        total_participants = sum(row["participants"] for row in by_year)
        return super().get_context_data(
            figures=figures,
            charts=_charts(figures),
            cards=_cards(figures, total_programs, total_participants),
            pbk_reports=[
                (status, label, figures.pbk.reports.get(status, 0))
                for status, label in PBKAssistance.ReportStatus.choices
            ],
            coverage_rows=[(row, missing.get(row.key, [])) for row in figures.coverage.by_district],
            **kwargs,
        )


# Drill-down ---------------------------------------------------------------------------------


class DrillDownListView(FilteredMixin, ListView):
    paginate_by = 25
    page_kwarg = "halaman"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


# The lists keep exactly the rows their figures count, so they use the indicators' own
# definitions: a held program, the agreements a kecamatan or BLKK filter keeps.
_held = indicators._program_is_held


class DashboardProgramListView(DrillDownListView):
    """The held programs the program figures count, with their participants."""

    template_name = "dashboard/program_list.html"

    def get_queryset(self):
        filters = self.filters
        return (
            TrainingProgram.objects.filter(
                _held(), filters.programs(), filters.years("start_date__year")
            )
            .select_related("institution__district", "field")
            .annotate(
                participants=Count(
                    "enrollments", filter=Q(enrollments__status__in=Enrollment.SEATED_STATUSES)
                )
            )
            .order_by("-start_date", "title")
        )


class DashboardEnrollmentListView(DrillDownListView):
    """The participants the figures count: name, masked NIK, program, status; nothing else."""

    template_name = "dashboard/enrollment_list.html"

    def get_queryset(self):
        filters = self.filters
        return (
            Enrollment.objects.filter(
                _held("program__"),
                filters.programs("program__"),
                filters.years("program__start_date__year"),
                status__in=Enrollment.SEATED_STATUSES,
            )
            .select_related("trainee", "program__institution")
            .only(
                "status",
                "competency_result",
                "trainee__nik",
                "trainee__full_name",
                "program__title",
                "program__start_date",
                "program__institution__name",
            )
            .order_by("-program__start_date", "program__title", "trainee__full_name", "pk")
        )


class DashboardEnterpriseListView(DrillDownListView):
    """The alumni enterprises the enterprise figures count, published or not."""

    template_name = "dashboard/enterprise_list.html"

    def get_queryset(self):
        filters = self.filters
        # The filters of ``indicators.enterprises``: the enterprise's own kecamatan, the
        # owner's program and graduation year.
        found = {
            "district": filters.district,
            "owner__program__field": filters.field,
            "owner__program__institution": filters.institution,
            "owner__program__funding_source": filters.funding_source,
        }
        return (
            Enterprise.objects.filter(
                filters.years("owner__completed_on__year"),
                **{lookup: value for lookup, value in found.items() if value is not None},
            )
            .select_related("district", "owner__program__institution")
            .only(
                "name",
                "sector",
                "workers",
                "started_on",
                "district__name",
                "owner__program__institution__name",
            )
            .order_by("name", "pk")
        )


class DashboardPartnershipListView(DrillDownListView):
    """The partnerships in force today that the partnership figures count."""

    template_name = "dashboard/partnership_list.html"

    def get_queryset(self):
        return (
            indicators._covering(self.filters)
            .active(timezone.localdate())
            .select_related("partner")
            .prefetch_related("scopes")
            .order_by("end_date", "title", "pk")
        )


app_name = "dashboard"
urlpatterns = [
    path("", DashboardHomeView.as_view(), name="home"),
    path("program/", DashboardProgramListView.as_view(), name="program-list"),
    path("peserta/", DashboardEnrollmentListView.as_view(), name="enrollment-list"),
    path("usaha/", DashboardEnterpriseListView.as_view(), name="enterprise-list"),
    path("kemitraan/", DashboardPartnershipListView.as_view(), name="partnership-list"),
]
