"""The dashboard's figures: every indicator for a set of filters, cached until the data
changes, and laid out as cards, charts and tables."""

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.templatetags.formats import rupiah
from institutions.models import KemnakerAssistance
from trainings.models import PBKAssistance

from . import indicators
from .indicators import IndicatorFilters, ParticipantBreakdown, ProgramBreakdown

# Writes that bypass model signals (bulk updates, imports) can leave the figures stale for at
# most this long.
DASHBOARD_TIMEOUT = 15 * 60
# Renamed whenever ``Figures`` changes shape, so that figures cached by the release before
# (pickled without the new fields) are never read back.
VERSION_KEY = "dashboard-figures-version:domicile"


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
    kemnaker: indicators.KemnakerAssistanceFigures
    partnerships: indicators.PartnershipFigures
    contributions: indicators.ContributionFigures


def dashboard_sections_cache_key(filters: IndicatorFilters, language: str, query: str) -> str:
    """The key of the dashboard home page's figures as rendered HTML: the figures' own key (so
    it goes stale with them), the language, and the query string its links carry."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    return f"{_cache_key(filters, timezone.localdate())}:html:{language}:{digest}"


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
            kemnaker=indicators.kemnaker_assistance(filters),
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


def figure_charts(figures: Figures) -> dict[str, list[Chart]]:
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
            Chart(
                "peserta-domisili",
                _("Peserta menurut domisili"),
                "doughnut",
                _("Domisili"),
                [(participants, "participants")],
                figures.participants_by[ParticipantBreakdown.DOMICILE],
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
    # The figure as a number when ``value`` is written out ("77,7%", "Rp 7.838.000.000"), for
    # the workbook to store a number in its own format; ``unit`` is RUPIAH or PERCENT.
    number: object = None
    unit: str = ""


RUPIAH, PERCENT = "rupiah", "percent"


def rupiah_card(key: str, label, amount, detail="") -> "Card":
    return Card(key, label, rupiah(amount), detail, number=amount, unit=RUPIAH)


def percent_card(key: str, label, rate: indicators.Rate, detail="", url_name="") -> "Card":
    return Card(key, label, _percent(rate), detail, url_name, number=rate.percent, unit=PERCENT)


def _percent(rate: indicators.Rate) -> str:
    return "–" if rate.percent is None else f"{number_format(rate.percent, 1)}%"


def _of(rate: indicators.Rate) -> str:
    return _("%(numerator)s dari %(denominator)s") % {
        "numerator": rate.numerator,
        "denominator": rate.denominator,
    }


def figure_cards(figures: Figures, total_programs: int, total_participants: int) -> dict:
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
            percent_card(key, label, rate, _of(rate), enrollments) for key, label, rate in rates
        ],
        "enterprises": [
            Card("usaha", _("Usaha alumni"), figures.enterprises.enterprises, url_name=enterprises),
            Card("pekerja", _("Pekerja"), figures.enterprises.workers, url_name=enterprises),
        ],
        "pbk": [
            rupiah_card(
                "pbk-nilai",
                _("Nilai bantuan PBK"),
                pbk.amount,
                _("%(grants)s bantuan") % {"grants": pbk.grants},
            ),
            Card("pbk-paket", _("Paket"), pbk.packages),
            percent_card(
                "pbk-serapan",
                _("Serapan peserta"),
                pbk.absorption,
                _("%(actual)s dari target %(target)s")
                % {"actual": pbk.actual_participants, "target": pbk.target_participants},
            ),
            percent_card(
                "pbk-laporan",
                _("Laporan tepat waktu"),
                pbk.reports_on_time,
                _of(pbk.reports_on_time),
            ),
            *(
                rupiah_card(
                    f"kemnaker-{kind}",
                    label,
                    figures.kemnaker.value.get(kind, 0),
                    _("%(grants)s bantuan") % {"grants": figures.kemnaker.grants.get(kind, 0)},
                )
                for kind, label in (
                    (KemnakerAssistance.Kind.WORKSHOP, _("Bantuan gedung workshop Kemnaker")),
                    (KemnakerAssistance.Kind.EQUIPMENT, _("Bantuan peralatan Kemnaker")),
                )
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
            rupiah_card("kontribusi-nilai", _("Nilai kontribusi"), contributions.value),
        ],
    }


def page_figures(figures: Figures) -> dict:
    """What the dashboard's home page lays out for ``figures``, and the exports with it:
    ``figures``, ``charts`` and ``cards`` by section, and two tables: ``coverage_rows``
    (each kecamatan's row with the kejuruan missing there) and ``pbk_reports`` ((status,
    label, grants) for every report status)."""
    by_year = figures.programs_by[ProgramBreakdown.YEAR]
    missing = {entry.district.key: entry.missing for entry in figures.missing_fields}
    return {
        "figures": figures,
        "charts": figure_charts(figures),
        "cards": figure_cards(
            figures,
            total_programs=sum(row["programs"] for row in by_year),
            total_participants=sum(row["participants"] for row in by_year),
        ),
        "pbk_reports": [
            (status, label, figures.pbk.reports.get(status, 0))
            for status, label in PBKAssistance.ReportStatus.choices
        ],
        "coverage_rows": [(row, missing.get(row.key, [])) for row in figures.coverage.by_district],
    }
