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

from core import populations
from core.populations import Population, RateDefinition
from core.templatetags.formats import grouped, rupiah
from institutions.models import KemnakerAssistance
from trainings.models import PBKAssistance

from . import indicators
from .indicators import IndicatorFilters, ParticipantBreakdown, ProgramBreakdown

# Writes that bypass model signals (bulk updates, imports) can leave the figures stale for at
# most this long.
DASHBOARD_TIMEOUT = 15 * 60
# Renamed whenever ``Figures`` changes shape, so that figures cached by the release before
# (pickled without the new fields) are never read back.
VERSION_KEY = "dashboard-figures-version:cohorts-domicile"


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
    # Instances are keyed by their primary key: two BLKK may share a name.
    keyed = (str(getattr(part, "pk", part)) for part in parts)
    return f"dashboard:{version}:{today.isoformat()}:" + ":".join(keyed)


@dataclass(frozen=True)
class Figures:
    coverage: indicators.InstitutionCoverage
    missing_fields: list
    programs_by: dict
    participants_by: dict
    people: indicators.People
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
            people=indicators.people(filters),
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
    """One indicator as a chart and the table that says the same for screen readers.

    ``percent`` charts draw shares (each row's "percent", from its "numerator" out of its
    "denominator") on a 0–100% axis; the counts go to the table and the tooltips. A row
    whose ``planned`` value is true is a year not yet held: labelled "(rencana)", drawn
    hollow and dashed or left out of the drawing (``planned_rows``), and explained by
    ``note``; its ``not_yet`` series (a realisation) are not drawn at all, never as 0.
    """

    key: str
    title: str
    kind: str  # bar, line, doughnut; "hbar" for horizontal bars (long category names)
    row_header: str
    columns: list  # (label, name) of each series
    rows: list  # indicators.Row
    money: set = field(default_factory=set)  # names of the series in Rupiah
    percent: bool = False
    note: str = ""  # said under the chart when a row is planned
    # How planned rows are drawn: "hollow" (pale, dashed) or "apart" (left out of the
    # drawing, the note naming them; the table keeps them).
    planned_rows: str = "hollow"
    not_yet: set = field(default_factory=set)  # series without a value in a planned row

    @property
    def data_json(self) -> str:
        """The chart's data for ``static/js/dashboard.js``, as an attribute value (escaped by
        the template): no script block, which the CSP check would count as inline code."""
        return json.dumps(self.data, cls=DjangoJSONEncoder)

    @property
    def table_columns(self) -> list:
        """(label, name) of the table's columns: the series, then a rate's counts."""
        if not self.percent:
            return list(self.columns)
        return [*self.columns, (_("Jumlah"), "numerator"), (_("Dari"), "denominator")]

    @staticmethod
    def planned(row) -> bool:
        return bool(row.values.get("planned"))

    @property
    def any_planned(self) -> bool:
        return any(map(self.planned, self.rows))

    def label(self, row) -> str:
        """A row's label as shown: "2027 (rencana)" for a year not yet held."""
        if self.planned(row):
            return _("%(year)s (rencana)") % {"year": row.label}
        return str(row.label)

    def shown(self, name: str, value) -> str:
        """A value as the page writes it: Rupiah, a percent to one decimal, or a count."""
        if value is None:
            return "–"
        if name in self.money:
            return rupiah(value)
        if self.percent and name == "percent":
            return f"{grouped(value, 1)}%"
        return grouped(value)

    def detail(self, row) -> str:
        """What a rate's tooltip says besides its percent: "1.170 dari 1.505"."""
        return _("%(numerator)s dari %(denominator)s") % {
            "numerator": grouped(row["numerator"]),
            "denominator": grouped(row["denominator"]),
        }

    @property
    def table_rows(self):
        return [
            (self.label(row), [self.shown(name, row[name]) for _label, name in self.table_columns])
            for row in self.rows
        ]

    @property
    def drawn(self) -> list:
        """The rows the chart draws: all of them, or the held ones when planned rows are
        drawn ``apart``."""
        if self.planned_rows == "apart":
            return [row for row in self.rows if not self.planned(row)]
        return self.rows

    def value(self, row, name) -> float | None:
        """A row's value as drawn: None (no mark) where there is none yet."""
        if row[name] is None or (name in self.not_yet and self.planned(row)):
            return None
        return float(row[name])

    @property
    def data(self):
        rows = self.drawn
        data = {
            "type": self.kind,
            "labels": [self.label(row) for row in rows],
            "datasets": [
                {
                    "label": str(label),
                    "data": [self.value(row, name) for row in rows],
                    "money": name in self.money,
                }
                for label, name in self.columns
            ],
            "percent": self.percent,
        }
        if any(map(self.planned, rows)):
            data["planned"] = [self.planned(row) for row in rows]
        if self.percent:
            data["details"] = [self.detail(row) for row in rows]
        return data


def _rate_rows(rates):
    return [
        indicators.Row(
            key=key,
            label=label,
            values={
                "percent": rate.percent,
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
    by_year = figures.programs_by[ProgramBreakdown.YEAR]
    planned_programs = " ".join(
        [
            *(
                _(
                    "Tahun %(year)s (rencana): %(programs)s program dijadwalkan, "
                    "%(participants)s pendaftar sudah diterima."
                )
                % {
                    "year": row.label,
                    "programs": grouped(row["programs"]),
                    "participants": grouped(row["participants"]),
                }
                for row in by_year
                if Chart.planned(row)
            ),
            _(
                "Tahun yang belum berlangsung tidak digambar, agar tidak terbaca sebagai "
                "penurunan; angkanya ada di tabel."
            ),
        ]
    )
    planned_pbk = _(
        "Tahun anggaran bertanda (rencana) belum berjalan: nilai dan targetnya digambar pucat "
        "dan putus-putus, realisasinya belum ada dan tidak digambar sebagai nol."
    )
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
                by_year,
                note=planned_programs,
                planned_rows="apart",
            ),
            Chart(
                "program-kejuruan",
                _("Program dan peserta per kejuruan"),
                "hbar",
                _("Kejuruan"),
                program_columns,
                figures.programs_by[ProgramBreakdown.FIELD],
            ),
            Chart(
                "program-kecamatan",
                _("Program dan peserta per kecamatan"),
                "hbar",
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
                [(_("Persen"), "percent")],
                _rate_rows(
                    [
                        ("lulus", _("Kelulusan"), figures.graduation),
                        ("kompeten", _("Kompetensi"), figures.competency),
                        ("penempatan", _("Penempatan"), figures.placement.placement_rate),
                        ("wirausaha", _("Wirausaha"), figures.placement.self_employment_rate),
                    ]
                ),
                percent=True,
            )
        ],
        "enterprises": [
            Chart(
                "usaha-sektor",
                _("Usaha alumni per sektor"),
                "hbar",
                _("Sektor"),
                [(_("Usaha"), "enterprises"), (_("Pekerja"), "workers")],
                figures.enterprises.by_sector,
            ),
            Chart(
                "usaha-kecamatan",
                _("Usaha alumni per kecamatan"),
                "hbar",
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
                note=planned_pbk,
                not_yet={"actual"},
            ),
            Chart(
                "pbk-nilai",
                _("Nilai dan paket PBK per tahun anggaran"),
                "line",
                _("Tahun"),
                [(_("Nilai"), "amount"), (_("Paket"), "packages"), (_("Bantuan"), "grants")],
                pbk.by_year,
                money={"amount"},
                note=planned_pbk,
            ),
        ],
        "partnerships": [
            Chart(
                "kemitraan-lingkup",
                _("Kemitraan aktif per lingkup"),
                "hbar",
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
    # How the figure is counted ("cara menghitung"), from ``core.populations``.
    how_counted: str = ""


RUPIAH, PERCENT = "rupiah", "percent"


def rupiah_card(key: str, label, amount, detail="") -> "Card":
    return Card(key, label, rupiah(amount), detail, number=amount, unit=RUPIAH)


def percent_card(key: str, label, rate: indicators.Rate, detail="") -> "Card":
    return Card(key, label, _percent(rate), detail, number=rate.percent, unit=PERCENT)


def population_card(population: Population, count: int, detail="", url_name="") -> Card:
    return Card(
        population.key,
        population.name,
        count,
        detail,
        url_name,
        how_counted=population.how_counted,
    )


def rate_card(definition: RateDefinition, rate: indicators.Rate, detail="") -> Card:
    return Card(
        definition.key,
        definition.name,
        _percent(rate),
        detail or _of(rate),
        "dashboard:enrollment-list",
        number=rate.percent,
        unit=PERCENT,
        how_counted=definition.how_counted,
    )


def _percent(rate: indicators.Rate) -> str:
    return "–" if rate.percent is None else f"{number_format(rate.percent, 1)}%"


def _of(rate: indicators.Rate) -> str:
    return _("%(numerator)s dari %(denominator)s") % {
        "numerator": grouped(rate.numerator),
        "denominator": grouped(rate.denominator),
    }


def figure_cards(figures: Figures, total_programs: int, total_participants: int) -> dict:
    """The figures at the top of each section."""
    programs, enrollments = "dashboard:program-list", "dashboard:enrollment-list"
    enterprises = "dashboard:enterprise-list"
    pbk, contributions = figures.pbk, figures.contributions
    placement = figures.placement
    traced = _("%(percent)s dari %(graduates)s lulusan") % {
        "percent": _percent(placement.traced),
        "graduates": grouped(placement.graduates),
    }
    return {
        "coverage": [
            population_card(
                populations.ACTIVE_INSTITUTIONS,
                sum(row["institutions"] for row in figures.coverage.by_district),
            ),
            population_card(
                populations.DISTRICTS_COVERED,
                figures.coverage.districts_covered,
                _("dari %(total)s kecamatan")
                % {"total": grouped(figures.coverage.districts_total)},
            ),
        ],
        "programs": [
            Card("program", _("Program terlaksana"), total_programs, url_name=programs),
            population_card(populations.PARTICIPANTS, total_participants, url_name=enrollments),
            population_card(populations.APPLICANTS, figures.people.applicants),
            population_card(populations.PEOPLE_TRAINED, figures.people.people_trained),
            population_card(
                populations.GRADUATES, figures.graduation.numerator, url_name=enrollments
            ),
        ],
        "results": [
            rate_card(populations.GRADUATION_RATE, figures.graduation),
            rate_card(populations.COMPETENCY_RATE, figures.competency),
            rate_card(
                populations.PLACEMENT_RATE,
                placement.placement_rate,
                _("%(placed)s dari %(traced)s lulusan ditracer")
                % {
                    "placed": grouped(placement.placement_rate.numerator),
                    "traced": grouped(placement.traced.numerator),
                },
            ),
            rate_card(
                populations.SELF_EMPLOYMENT_RATE,
                placement.self_employment_rate,
                _("%(self_employed)s dari %(traced)s lulusan ditracer")
                % {
                    "self_employed": grouped(placement.self_employment_rate.numerator),
                    "traced": grouped(placement.traced.numerator),
                },
            ),
            population_card(
                populations.TRACED_GRADUATES, placement.traced.numerator, traced, enrollments
            ),
        ],
        "enterprises": [
            population_card(
                populations.ALUMNI_ENTERPRISES,
                figures.enterprises.enterprises,
                url_name=enterprises,
            ),
            Card("pekerja", _("Pekerja"), figures.enterprises.workers, url_name=enterprises),
        ],
        "pbk": [
            rupiah_card(
                "pbk-nilai",
                _("Nilai bantuan PBK"),
                pbk.amount,
                _("%(grants)s bantuan") % {"grants": grouped(pbk.grants)},
            ),
            Card("pbk-paket", _("Paket"), pbk.packages),
            percent_card(
                "pbk-serapan",
                _("Serapan peserta"),
                pbk.absorption,
                _("%(actual)s dari target %(target)s")
                % {
                    "actual": grouped(pbk.actual_participants),
                    "target": grouped(pbk.target_participants),
                },
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
                    _("%(grants)s bantuan")
                    % {"grants": grouped(figures.kemnaker.grants.get(kind, 0))},
                )
                for kind, label in (
                    (KemnakerAssistance.Kind.WORKSHOP, _("Bantuan gedung workshop Kemnaker")),
                    (KemnakerAssistance.Kind.EQUIPMENT, _("Bantuan peralatan Kemnaker")),
                )
            ),
        ],
        "partnerships": [
            population_card(
                populations.ACTIVE_PARTNERSHIPS,
                figures.partnerships.active,
                url_name="dashboard:partnership-list",
            ),
            Card(
                "kontribusi",
                _("Kontribusi terealisasi"),
                contributions.contributions,
                _("%(count)s tanpa nilai tercatat")
                % {"count": grouped(contributions.without_value)},
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
