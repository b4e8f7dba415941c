"""The indicators Disnaker reads (docs/DOMAIN.md), each defined once.

The dashboard, the exports, the API, the home page and the manager portal call these functions
for the populations of ``core.populations`` (whose names and "how it is counted" they show), so
a figure means the same wherever it shows. Each function takes an ``IndicatorFilters`` and
returns plain data (numbers, rates, rows) from a fixed number of aggregate queries, whatever the
number of rows behind them. Each docstring says exactly what is counted and which filters apply.

Shared definitions:

- a *held* program is one neither draft nor cancelled;
- a *participant* is an enrollment that got a seat (``Enrollment.SEATED_STATUSES``: accepted,
  in training, graduated, dropped out) in a held program; a person in two programs counts
  twice;
- the *years* are those of the program's start date, for every figure about people trained:
  participants, graduates, their competency, their tracers and their enterprises all belong to
  the *cohort* of the programs the filters keep, so a rate never divides two cohorts;
- the *kecamatan* filter means the kecamatan of the BLKK that ran the program (or that the
  record belongs to), except for enterprises, which have a kecamatan of their own;
- a ``Rate`` keeps its numerator and denominator; its ``percent`` is None when nothing was
  counted (0/0), never a division by zero.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alumni.models import Enterprise, Outcome
from alumni.selectors import tracer_placement
from institutions.models import (
    District,
    Gender,
    Institution,
    KemnakerAssistance,
    VocationalField,
)
from institutions.regions import KABUPATEN_TANGERANG_CODE
from partnerships.models import Contribution, Partnership, PartnershipScope
from trainings.models import (
    AgeBand,
    Domicile,
    Education,
    Enrollment,
    FundingSource,
    PBKAssistance,
    ProgramSummary,
    TrainingProgram,
)

# Agreements ending within this many days are flagged so they can be renewed in time.
ENDING_SOON_DAYS = 90

NOT_HELD_STATUSES = (TrainingProgram.Status.DRAFT, TrainingProgram.Status.CANCELLED)


@dataclass(frozen=True)
class IndicatorFilters:
    """What the reader narrowed the indicators to; every field is optional.

    ``district``, ``field`` and ``institution`` take a model instance or its primary key;
    ``funding_source`` a ``FundingSource`` value; the years are inclusive.
    """

    year_from: int | None = None
    year_to: int | None = None
    district: District | int | None = None
    field: VocationalField | int | None = None
    institution: Institution | int | None = None
    funding_source: str | None = None

    def years(self, lookup: str) -> Q:
        """The year range on ``lookup``: a date field (its year is compared) or a year."""
        condition = Q()
        if self.year_from is not None:
            condition &= Q(**{f"{lookup}__gte": self.year_from})
        if self.year_to is not None:
            condition &= Q(**{f"{lookup}__lte": self.year_to})
        return condition

    def programs(self, to_program: str = "") -> Q:
        """Kecamatan, kejuruan, BLKK and funding source on the program reached by
        ``to_program`` (``""`` for a program itself, ``"program__"`` for an enrollment)."""
        return _where(
            {
                f"{to_program}institution__district": self.district,
                f"{to_program}field": self.field,
                f"{to_program}institution": self.institution,
                f"{to_program}funding_source": self.funding_source,
            }
        )


def _where(lookups: dict) -> Q:
    """``lookups`` as a condition, leaving out those whose filter was not given (None)."""
    return Q(
        **{
            lookup: getattr(value, "pk", value)
            for lookup, value in lookups.items()
            if value is not None
        }
    )


@dataclass(frozen=True)
class Rate:
    """A share counted from data: ``numerator`` out of ``denominator``."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """The share in percent to one decimal (half up); None when the denominator is 0."""
        if not self.denominator:
            return None
        return (Decimal(100 * self.numerator) / Decimal(self.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: what it is (``key`` for URLs and code, ``label`` to show)
    and its counts by name: ``row["participants"]``, or ``{{ row.participants }}`` in a
    template (which tries the item lookup first)."""

    key: object
    label: str
    values: dict

    def __getitem__(self, name):
        return self.values[name]


def program_is_held(to_program: str = "") -> Q:
    """A program that took place or is taking place: neither draft nor cancelled.

    ``to_program`` is the lookup path from the queried model (``"program__"``).
    """
    return ~Q(**{f"{to_program}status__in": NOT_HELD_STATUSES})


def _held_programs(filters: IndicatorFilters):
    """Held programs narrowed by ``filters`` (years on the start date)."""
    return TrainingProgram.objects.filter(
        program_is_held(), filters.programs(), filters.years("start_date__year")
    ).order_by()


def _summed(filters: IndicatorFilters, columns) -> dict[str, int]:
    """The ``ProgramSummary`` columns summed over the held programs of ``filters``.

    Participants are counted per program from its seated enrollments (``trainings.summaries``
    keeps the counts), so no reading joins the enrollments; a program without a summary row
    counts zero.
    """
    return _held_programs(filters).aggregate(
        **{column: Sum(f"summary__{column}", default=0) for column in columns}
    )


# Institutions and coverage --------------------------------------------------------------


@dataclass(frozen=True)
class InstitutionCoverage:
    by_district: list[Row]  # every kecamatan of the regency, with "institutions" (0 or more)
    districts_covered: int
    districts_total: int

    @property
    def districts_without_institution(self) -> list[Row]:
        return [row for row in self.by_district if not row["institutions"]]


def _active_institutions(filters: IndicatorFilters):
    institutions = Institution.objects.active().filter(
        _where({"district": filters.district, "pk": filters.institution})
    )
    if filters.field is not None:
        institutions = institutions.teaching(filters.field)
    return institutions


def _regency_districts(filters: IndicatorFilters):
    return District.objects.filter(
        _where({"pk": filters.district}), regency__code=KABUPATEN_TANGERANG_CODE
    ).order_by("name")


def institution_coverage(filters: IndicatorFilters) -> InstitutionCoverage:
    """Active BLKK (``is_active``, published or not) by kecamatan, and the kecamatan of
    Kabupaten Tangerang that have at least one, out of all of them (29), in one query.

    Filters: kecamatan (only that one is listed and counted), kejuruan (BLKK built for it or
    teaching it besides), BLKK. The years and the funding source do not apply: a BLKK is not
    counted per year.
    """
    rows = (
        _regency_districts(filters)
        .annotate(
            active_institutions=Count(
                "institutions", filter=Q(institutions__in=_active_institutions(filters))
            )
        )
        .values_list("code", "name", "active_institutions")
    )
    by_district = [
        Row(key=code, label=name, values={"institutions": count}) for code, name, count in rows
    ]
    return InstitutionCoverage(
        by_district=by_district,
        districts_covered=sum(1 for row in by_district if row["institutions"]),
        districts_total=len(by_district),
    )


@dataclass(frozen=True)
class MissingFields:
    district: Row  # key: Kemendagri code, label: name
    missing: list[str]  # names of the kejuruan no active BLKK of the kecamatan teaches


def fields_missing_by_district(filters: IndicatorFilters) -> list[MissingFields]:
    """For each kecamatan of Kabupaten Tangerang, the kejuruan taught somewhere in the forum
    that no active BLKK of that kecamatan teaches (as its primary kejuruan or besides), in
    three queries. A kecamatan without a BLKK misses every kejuruan.

    "Taught somewhere in the forum" means taught by at least one active BLKK of the regency:
    the gaps the forum could fill from its own strengths. Filters: kecamatan (only that one
    is listed), kejuruan (only that one is looked for). The years, BLKK and funding source do
    not apply.
    """
    active = Institution.objects.active().filter(district__regency__code=KABUPATEN_TANGERANG_CODE)
    taught_pairs = (
        active.order_by()
        .values_list("district", "primary_field")
        .union(
            Institution.fields.through.objects.filter(institution__in=active)
            .order_by()
            .values_list("institution__district", "vocationalfield")
        )
    )
    taught = set(taught_pairs)
    fields = list(
        VocationalField.objects.filter(
            _where({"pk": filters.field}), pk__in={field for _district, field in taught}
        )
        .order_by("name")
        .values_list("pk", "name")
    )
    return [
        MissingFields(
            district=Row(key=code, label=name, values={}),
            missing=[field_name for field, field_name in fields if (pk, field) not in taught],
        )
        for pk, code, name in _regency_districts(filters).values_list("pk", "code", "name")
    ]


# Programs and participants --------------------------------------------------------------


class ProgramBreakdown(models.TextChoices):
    YEAR = "tahun", _("Tahun")
    FIELD = "kejuruan", _("Kejuruan")
    DISTRICT = "kecamatan", _("Kecamatan")
    FUNDING_SOURCE = "sumber_dana", _("Sumber dana")


# (key, label) of each program breakdown, as lookups from a program.
_PROGRAM_GROUPS = {
    ProgramBreakdown.YEAR: ("start_date__year", "start_date__year"),
    ProgramBreakdown.FIELD: ("field__slug", "field__name"),
    ProgramBreakdown.DISTRICT: ("institution__district__code", "institution__district__name"),
    ProgramBreakdown.FUNDING_SOURCE: ("funding_source", "funding_source"),
}


def programs_and_participants(filters: IndicatorFilters, by: ProgramBreakdown) -> list[Row]:
    """Held programs and their participants, by start year, kejuruan, kecamatan of the BLKK or
    funding source, in one query. Each row has "programs" and "participants".

    Programs: held (neither draft nor cancelled). Participants: seated enrollments (accepted,
    in training, graduated or dropped out). Rows: the years (ascending), kejuruan and
    kecamatan (by name) that have a held program; every funding source in its choice order,
    zeros included.

    Filters: years on the program's start date; kecamatan of the BLKK, kejuruan, BLKK and
    funding source of the program.

    By year, each row also says whether the year is only ``planned``: the current or a later
    year in which no program has started yet (none running or completed), so that its
    programs are scheduled and its participants are applicants accepted in advance.
    """
    key, label = _PROGRAM_GROUPS[by]
    # Each program's participants come counted in its summary row (one per program, so the
    # join repeats no program).
    started = Q(status__in=(TrainingProgram.Status.RUNNING, TrainingProgram.Status.COMPLETED))
    rows = (
        _held_programs(filters)
        .values(*dict.fromkeys((key, label)))
        .annotate(
            programs=Count("pk"),
            participants=Sum("summary__participants", default=0),
            started=Count("pk", filter=started),
        )
        .order_by(label)
    )
    counted = ("programs", "participants")
    if by == ProgramBreakdown.FUNDING_SOURCE:
        by_source = {row[key]: row for row in rows}
        return [
            Row(
                key=source,
                label=source_label,
                values={name: by_source.get(source, {}).get(name, 0) for name in counted},
            )
            for source, source_label in FundingSource.choices
        ]
    if by == ProgramBreakdown.YEAR:
        this_year = timezone.localdate().year
        return [
            Row(
                key=row[key],
                label=str(row[label]),
                values={
                    **{name: row[name] for name in counted},
                    "planned": row[key] > this_year
                    or (row[key] == this_year and not row["started"]),
                },
            )
            for row in rows
        ]
    return [
        Row(key=row[key], label=str(row[label]), values={name: row[name] for name in counted})
        for row in rows
    ]


@dataclass(frozen=True)
class People:
    applicants: int  # every application to a held program (core.populations.APPLICANTS)
    people_trained: int  # each person who started a training, once (PEOPLE_TRAINED)


def people(filters: IndicatorFilters) -> People:
    """Applications, and people trained, in one query.

    Applicants: every enrollment of a held program, whatever its status. People trained:
    distinct trainees with an enrollment in training, graduated or dropped out
    (``Enrollment.TRAINED_STATUSES``) in a held program, so a person trained twice counts once.

    Filters: years on the program's start date; kecamatan of the BLKK, kejuruan, BLKK and
    funding source of the program.
    """
    counts = Enrollment.objects.filter(
        program_is_held("program__"),
        filters.programs("program__"),
        filters.years("program__start_date__year"),
    ).aggregate(
        applicants=Count("pk"),
        people_trained=Count(
            "trainee", distinct=True, filter=Q(status__in=Enrollment.TRAINED_STATUSES)
        ),
    )
    return People(**counts)


@dataclass(frozen=True)
class ProgramTotals:
    programs: int
    participants: int
    graduates: int
    assessed: int
    competent: int

    @property
    def graduation(self) -> Rate:
        return Rate(self.graduates, self.participants)

    @property
    def competency(self) -> Rate:
        return Rate(self.competent, self.assessed)


def program_totals(filters: IndicatorFilters) -> ProgramTotals:
    """Held programs, their participants, graduates, assessed and competent participants, in
    one query: the totals of ``programs_and_participants``, ``graduation_rate`` and
    ``competency_rate`` for a page that shows only totals (the manager portal's home)."""
    counts = _held_programs(filters).aggregate(
        programs=Count("pk"),
        **{
            column: Sum(f"summary__{column}", default=0)
            for column in ("participants", "graduates", "assessed", "competent")
        },
    )
    return ProgramTotals(**counts)


class ParticipantBreakdown(models.TextChoices):
    GENDER = "jenis_kelamin", _("Jenis kelamin")
    AGE_BAND = "usia", _("Kelompok usia")
    EDUCATION = "pendidikan", _("Pendidikan terakhir")
    DOMICILE = "domisili", _("Domisili")


def participants_by(filters: IndicatorFilters, by: ParticipantBreakdown) -> list[Row]:
    """Participants (seated enrollments in held programs) by gender, age band, education or
    domicile, in one query. Each row has "participants"; every choice is listed in its order,
    zeros included.

    Age band: the trainee's age in whole years on the program's start date, in the bands of
    ``AgeBand`` (under 20, 20–24, 25–29, 30–39, 40 and over). Gender and education: as
    recorded on the trainee now. Domicile: whether the kecamatan recorded on the trainee now
    lies in Kabupaten Tangerang or elsewhere in Indonesia. A person in two programs counts
    twice.

    Filters: years on the program's start date; kecamatan of the BLKK, kejuruan, BLKK and
    funding source of the program.
    """
    columns, choices = {
        ParticipantBreakdown.GENDER: (ProgramSummary.GENDER_COLUMNS, Gender.choices),
        ParticipantBreakdown.AGE_BAND: (ProgramSummary.AGE_BAND_COLUMNS, AgeBand.choices),
        ParticipantBreakdown.EDUCATION: (ProgramSummary.EDUCATION_COLUMNS, Education.choices),
        ParticipantBreakdown.DOMICILE: (ProgramSummary.DOMICILE_COLUMNS, Domicile.choices),
    }[by]
    counts = _summed(filters, columns.values())
    return [
        Row(key=key, label=label, values={"participants": counts[columns[key]]})
        for key, label in choices
    ]


# Training results -----------------------------------------------------------------------


def graduation_rate(filters: IndicatorFilters) -> Rate:
    """Graduated out of accepted, in one query.

    Accepted means the enrollment got a seat (``Enrollment.SEATED_STATUSES``: accepted, in
    training, graduated, dropped out) in a held program; graduated means status graduated.
    Trainees still in a running program count as accepted and not (yet) graduated.

    Filters: years on the program's start date (a cohort); kecamatan of the BLKK, kejuruan,
    BLKK and funding source of the program.
    """
    counts = _summed(filters, ("participants", "graduates"))
    return Rate(counts["graduates"], counts["participants"])


def competency_rate(filters: IndicatorFilters) -> Rate:
    """Found competent out of assessed, in one query.

    Assessed means a seated enrollment of a held program whose competency result is not
    "belum diuji" (competent or not yet competent; only graduates and drop-outs have one).

    Filters: years on the program's start date (a cohort); kecamatan of the BLKK, kejuruan,
    BLKK and funding source of the program.
    """
    counts = _summed(filters, ("assessed", "competent"))
    return Rate(counts["competent"], counts["assessed"])


# Tracer outcomes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where the graduates of one cohort went: ``core.populations.PLACEMENT_RATE`` and
    ``SELF_EMPLOYMENT_RATE``, both out of the cohort's traced graduates."""

    graduates: int  # the cohort: graduates of the programs kept
    traced: Rate  # graduates with a tracer outcome / graduates
    placement_rate: Rate  # (wage job + own business) / traced graduates
    self_employment_rate: Rate  # own business / traced graduates


def placement(filters: IndicatorFilters) -> Placement:
    """Placement and self-employment of the graduates of the programs kept, from their tracer
    outcomes, in two queries.

    The cohort: graduates (status graduated) of the held programs the filters keep. Traced: the
    cohort's graduates with at least one tracer outcome (3, 6 or 12 months), each counted once
    by their latest period (12 over 6 over 3 months), whenever it was surveyed. Placed: that
    outcome is a wage job or an own business; self-employed: an own business. Counting is
    ``alumni.selectors.tracer_placement``, which the manager portal's figures use too.

    Filters: years on the program's start date; kecamatan of the BLKK, kejuruan, BLKK and
    funding source of the graduate's program.
    """
    outcomes = Outcome.objects.filter(
        program_is_held("enrollment__program__"),
        filters.programs("enrollment__program__"),
        filters.years("enrollment__program__start_date__year"),
        enrollment__status=Enrollment.Status.GRADUATED,
    )
    counts = tracer_placement(outcomes)
    graduates = _summed(filters, ("graduates",))["graduates"]
    traced = counts.graduates_surveyed
    return Placement(
        graduates=graduates,
        traced=Rate(traced, graduates),
        placement_rate=Rate(counts.graduates_placed, traced),
        self_employment_rate=Rate(counts.graduates_self_employed, traced),
    )


@dataclass(frozen=True)
class EnterpriseFigures:
    enterprises: int
    workers: int
    by_sector: list[Row]  # every sector in its order, with "enterprises" and "workers"
    by_district: list[Row]  # kecamatan that have an enterprise, by name


def enterprises(filters: IndicatorFilters) -> EnterpriseFigures:
    """Alumni enterprises and the workers they employ (``Enterprise.workers``, the owner
    included as recorded), by sector and by the enterprise's own kecamatan, in two queries.
    Every enterprise recorded counts, published or not.

    Filters: years on the start date of the owner's program (the cohort whose enterprises
    they are); kecamatan of the enterprise; kejuruan, BLKK and funding source of the owner's
    program.
    """
    found = Enterprise.objects.filter(
        _where(
            {
                "district": filters.district,
                "owner__program__field": filters.field,
                "owner__program__institution": filters.institution,
                "owner__program__funding_source": filters.funding_source,
            }
        ),
        filters.years("owner__program__start_date__year"),
    ).order_by()
    totals = ("enterprises", "workers")
    sectors = {
        row["sector"]: row
        for row in found.values("sector").annotate(
            enterprises=Count("pk"), workers=Sum("workers", default=0)
        )
    }
    by_sector = [
        Row(
            key=sector,
            label=label,
            values={name: sectors.get(sector, {}).get(name, 0) for name in totals},
        )
        for sector, label in Enterprise.Sector.choices
    ]
    by_district = [
        Row(
            key=row["district__code"],
            label=row["district__name"],
            values={name: row[name] for name in totals},
        )
        for row in found.values("district__code", "district__name")
        .annotate(enterprises=Count("pk"), workers=Sum("workers", default=0))
        .order_by("district__name")
    ]
    return EnterpriseFigures(
        enterprises=sum(row["enterprises"] for row in by_sector),
        workers=sum(row["workers"] for row in by_sector),
        by_sector=by_sector,
        by_district=by_district,
    )


# PBK ------------------------------------------------------------------------------------


def pbk_report_status_conditions(today: datetime.date) -> dict[str, Q]:
    """``PBKAssistance.report_status`` as query conditions, one per status."""
    Status = PBKAssistance.ReportStatus
    submitted = Q(report_submitted_on__isnull=False)
    due_soon_from = today + datetime.timedelta(days=PBKAssistance.REPORT_DUE_SOON_DAYS)
    return {
        Status.ON_TIME: submitted & Q(report_submitted_on__lte=models.F("report_due_date")),
        Status.SUBMITTED_LATE: submitted & Q(report_submitted_on__gt=models.F("report_due_date")),
        Status.LATE: ~submitted & Q(report_due_date__lt=today),
        Status.DUE_SOON: ~submitted
        & Q(report_due_date__gte=today, report_due_date__lte=due_soon_from),
        Status.NOT_DUE: ~submitted & Q(report_due_date__gt=due_soon_from),
    }


@dataclass(frozen=True)
class PBKFigures:
    by_year: list[Row]  # "grants", "packages", "amount", "target", "actual" per budget year
    grants: int
    packages: int
    amount: Decimal
    target_participants: int
    actual_participants: int
    reports: dict[str, int]  # PBKAssistance.ReportStatus value -> grants in that status
    reports_on_time: Rate  # on time / reports submitted or past due

    @property
    def absorption(self) -> Rate:
        """Actual participants out of the target."""
        return Rate(self.actual_participants, self.target_participants)


@dataclass(frozen=True)
class KemnakerAssistanceFigures:
    """Kemnaker's assistance other than PBK, by kind: how many grants and their value."""

    grants: dict[str, int]  # KemnakerAssistance.Kind value -> grants
    value: dict[str, Decimal]  # KemnakerAssistance.Kind value -> total value


def kemnaker_assistance(filters: IndicatorFilters) -> KemnakerAssistanceFigures:
    """Workshop buildings and equipment Kemnaker gave the BLKK, in one query.

    Filters: years on the budget year; kecamatan and BLKK. Kejuruan and funding source do not
    apply: a building or its equipment serves the whole BLKK, and Kemnaker funds them all.
    """
    rows = (
        KemnakerAssistance.objects.filter(
            _where({"institution__district": filters.district, "institution": filters.institution}),
            filters.years("year"),
        )
        .order_by()
        .values("kind")
        .annotate(grants=Count("pk"), value=Sum("value"))
    )
    return KemnakerAssistanceFigures(
        grants={row["kind"]: row["grants"] for row in rows},
        value={row["kind"]: row["value"] or Decimal(0) for row in rows},
    )


def pbk(filters: IndicatorFilters, *, today: datetime.date | None = None) -> PBKFigures:
    """PBK grants: amount, packages, target and actual participants by budget year, and how
    their realisation reports came in, in three queries.

    Actual participants: seated enrollments (accepted or beyond) in held programs funded by
    the grant. Reports on time: reports submitted by their due date, out of the reports that
    were submitted or are past due (``PBKAssistance.report_status`` as of ``today``).

    Filters: years on the grant's budget year; kecamatan of the BLKK; kejuruan of the grant;
    BLKK. The funding source does not apply (these are PBK grants by definition).

    A budget year after ``today``'s is ``planned`` on its row: its realisation is yet to come.
    """
    today = today or timezone.localdate()
    grants = PBKAssistance.objects.filter(
        _where(
            {
                "institution__district": filters.district,
                "field": filters.field,
                "institution": filters.institution,
            }
        ),
        filters.years("year"),
    ).order_by()
    actual = dict(
        Enrollment.objects.filter(
            program_is_held("program__"),
            program__pbk_assistance__in=grants,
            status__in=Enrollment.SEATED_STATUSES,
        )
        .order_by()
        .values("program__pbk_assistance__year")
        .annotate(participants=Count("pk"))
        .values_list("program__pbk_assistance__year", "participants")
    )
    by_year = [
        Row(
            key=row["year"],
            label=str(row["year"]),
            values={
                "grants": row["grants"],
                "packages": row["packages"],
                "amount": row["amount"],
                "target": row["target"],
                "actual": actual.get(row["year"], 0),
                "planned": row["year"] > today.year,
            },
        )
        for row in grants.values("year")
        .annotate(
            grants=Count("pk"),
            packages=Sum("packages"),
            amount=Sum("amount"),
            target=Sum("target_participants"),
        )
        .order_by("year")
    ]
    conditions = pbk_report_status_conditions(today)
    reports = grants.aggregate(
        **{status: Count("pk", filter=condition) for status, condition in conditions.items()}
    )
    Status = PBKAssistance.ReportStatus
    return PBKFigures(
        by_year=by_year,
        grants=sum(row["grants"] for row in by_year),
        packages=sum(row["packages"] for row in by_year),
        amount=sum((row["amount"] for row in by_year), Decimal(0)),
        target_participants=sum(row["target"] for row in by_year),
        actual_participants=sum(row["actual"] for row in by_year),
        reports=reports,
        reports_on_time=Rate(
            reports[Status.ON_TIME],
            reports[Status.ON_TIME] + reports[Status.SUBMITTED_LATE] + reports[Status.LATE],
        ),
    )


# Partnerships ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EndingAgreement:
    title: str
    partner: str
    end_date: datetime.date


@dataclass(frozen=True)
class PartnershipFigures:
    active: int  # agreements in force today (each once, whatever its scopes)
    by_scope: list[Row]  # every scope in its order, with "partnerships"
    ending_soon: list[EndingAgreement]  # in force and ending within ENDING_SOON_DAYS


def partnerships_covering(filters: IndicatorFilters):
    """Agreements covering the whole forum, or naming a BLKK of the filtered kecamatan/BLKK."""
    named = _where({"institution__district": filters.district, "institution": filters.institution})
    if not named:
        return Partnership.objects.all()
    names = Partnership.institutions.through.objects.filter(named, partnership=OuterRef("pk"))
    return Partnership.objects.filter(Q(covers_whole_forum=True) | Exists(names))


def partnerships(
    filters: IndicatorFilters, *, today: datetime.date | None = None
) -> PartnershipFigures:
    """Partnerships in force today (``Partnership.objects.active``), by scope, and those
    ending within 90 days (``ending_within``), soonest first, in three queries.

    Filters: kecamatan and BLKK (agreements covering the whole forum, or naming a BLKK of the
    kecamatan, or that BLKK). The years, kejuruan and funding source do not apply: these are
    the agreements in force today.
    """
    today = today or timezone.localdate()
    covering = partnerships_covering(filters)
    active = covering.active(today)
    by_scope = [
        Row(key=code, label=name, values={"partnerships": count})
        for code, name, count in PartnershipScope.objects.annotate(
            partnerships_active=Count("partnerships", filter=Q(partnerships__in=active))
        ).values_list("code", "name", "partnerships_active")
    ]
    ending = covering.ending_within(ENDING_SOON_DAYS, today)
    return PartnershipFigures(
        active=active.count(),
        by_scope=by_scope,
        ending_soon=[
            EndingAgreement(title=title, partner=partner, end_date=end_date)
            for title, partner, end_date in ending.order_by("end_date", "title").values_list(
                "title", "partner__name", "end_date"
            )
        ],
    )


@dataclass(frozen=True)
class ContributionFigures:
    contributions: int
    value: Decimal  # the sum of the values recorded
    without_value: int  # contributions whose value was not recorded
    by_kind: list[Row]  # every kind in its order, with "contributions" and "value"


def contributions(filters: IndicatorFilters) -> ContributionFigures:
    """Contributions delivered by partnerships (realisasi) and their value in Rupiah, by
    kind, in one query. A contribution without a recorded value counts, adds nothing to the
    value and is counted in ``without_value``.

    Filters: years on the delivery date; kecamatan of the receiving BLKK; BLKK. Kejuruan and
    funding source do not apply.
    """
    kinds = {
        row["kind"]: row
        for row in Contribution.objects.filter(
            _where({"institution__district": filters.district, "institution": filters.institution}),
            filters.years("delivered_on__year"),
        )
        .order_by()
        .values("kind")
        .annotate(
            contributions=Count("pk"),
            total_value=Sum("value", default=Decimal(0)),
            without_value=Count("pk", filter=Q(value__isnull=True)),
        )
    }
    by_kind = [
        Row(
            key=kind,
            label=label,
            values={
                "contributions": kinds.get(kind, {}).get("contributions", 0),
                "value": kinds.get(kind, {}).get("total_value", Decimal(0)),
            },
        )
        for kind, label in Contribution.Kind.choices
    ]
    return ContributionFigures(
        contributions=sum(row["contributions"] for row in by_kind),
        value=sum((row["value"] for row in by_kind), Decimal(0)),
        without_value=sum(row["without_value"] for row in kinds.values()),
        by_kind=by_kind,
    )
