"""Reads of tracer outcomes and alumni enterprises that the manager portal shares, and the
published enterprises the public pages and the API show.

The manager portal's functions take a queryset already narrowed to what the user may see (the
views pass ``self.scoped(...)``), so visibility stays decided in one place.
"""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Mod
from django.utils import timezone

from core.dates import add_months
from trainings.models import Enrollment, TrainingProgram
from trainings.selectors import Todo

from .models import Enterprise, Outcome


def _missing_outcome(months: int, today: datetime.date) -> Q:
    """Graduated long enough ago for the ``months`` tracer, and it has not been recorded."""
    recorded = Outcome.objects.filter(enrollment=OuterRef("pk"), months_after=months)
    return Q(completed_on__lte=add_months(today, -months)) & ~Exists(recorded)


def _any_outcome_missing(today: datetime.date) -> Q:
    """Some tracer period (3, 6 or 12 months) is due and has not been recorded."""
    missing = Q()
    for months in Outcome.MonthsAfter.values:
        missing |= _missing_outcome(months, today)
    return missing


def graduates_without_outcome(enrollments, *, months: int, today: datetime.date | None = None):
    """Graduates among ``enrollments`` whose ``months``-month tracer is due and missing,
    the longest waiting first."""
    today = today or timezone.localdate()
    return (
        enrollments.graduates()
        .filter(_missing_outcome(months, today))
        .select_related("trainee", "program__institution")
        .order_by("completed_on", "trainee__full_name", "pk")
    )


def graduates_to_trace(enrollments, *, name: str = "", today: datetime.date | None = None):
    """Graduates among ``enrollments`` whose name holds every word of ``name``, by name; with
    no name, those with a tracer period due and missing, the longest waiting first."""
    graduates = enrollments.graduates().select_related("trainee", "program__institution")
    words = name.split()
    if not words:
        missing = _any_outcome_missing(today or timezone.localdate())
        return graduates.filter(missing).order_by("completed_on", "trainee__full_name", "pk")
    for word in words:
        graduates = graduates.filter(trainee__full_name__icontains=word)
    return graduates.order_by("trainee__full_name", "-completed_on", "pk")


# Tracer outcomes page --------------------------------------------------------------------


@dataclass(frozen=True)
class TracerPeriod:
    """One tracer period of one graduate: its outcome, or whether it is already due."""

    months: int
    label: str
    outcome: Outcome | None
    due_on: datetime.date | None
    is_due: bool


def tracer_graduates(enrollments, *, program=None, untraced: bool = False, today=None):
    """Graduates among ``enrollments`` with their outcomes prefetched, latest graduates first.

    ``untraced`` keeps only those with a tracer period due and not recorded.
    """
    today = today or timezone.localdate()
    graduates = enrollments.graduates()
    if program is not None:
        graduates = graduates.filter(program=program)
    if untraced:
        graduates = graduates.filter(_any_outcome_missing(today))
    return (
        graduates.select_related("trainee", "program")
        .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.order_by("months_after")))
        .order_by("-completed_on", "trainee__full_name", "pk")
    )


def tracer_periods(graduate: Enrollment, *, today: datetime.date | None = None):
    """The 3, 6 and 12-month periods of a graduate from ``tracer_graduates`` (no query)."""
    today = today or timezone.localdate()
    outcomes = {outcome.months_after: outcome for outcome in graduate.outcomes.all()}
    periods = []
    for months, label in Outcome.MonthsAfter.choices:
        due_on = add_months(graduate.completed_on, months) if graduate.completed_on else None
        periods.append(
            TracerPeriod(
                months=months,
                label=label,
                outcome=outcomes.get(months),
                due_on=due_on,
                is_due=due_on is not None and due_on <= today,
            )
        )
    return periods


# Placement from tracer outcomes ----------------------------------------------------------


@dataclass(frozen=True)
class TracerPlacement:
    """Graduates surveyed among some tracer outcomes, each counted once by their latest one."""

    graduates_surveyed: int
    graduates_placed: int  # latest outcome: wage job or own business
    graduates_self_employed: int  # latest outcome: own business


# Each outcome's rank as a graduate's latest one: the later tracer period wins (months times
# ten), and within a period (one outcome each) the digit carries what the outcome counts as.
_NOT_PLACED, _WAGE_JOB, _OWN_BUSINESS = 0, 1, 2


def _latest_rank():
    return (
        Case(
            When(status=Outcome.Status.OWN_BUSINESS, then=Value(_OWN_BUSINESS)),
            When(status__in=Outcome.PLACED_STATUSES, then=Value(_WAGE_JOB)),
            default=Value(_NOT_PLACED),
        )
        + F("months_after") * 10
    )


def tracer_placement(outcomes) -> TracerPlacement:
    """The one definition of the placement figures, in one aggregate query.

    Each graduate among ``outcomes`` (already narrowed to the survey period and whatever else
    the caller wants) counts once, by their latest tracer period among those same outcomes (12
    over 6 over 3 months): a graduate not working at 3 months and working at 6 months is placed.
    Placed means a wage job or an own business (``Outcome.PLACED_STATUSES``); self-employed
    means an own business.

    The query groups the outcomes by graduate, once: each graduate's highest rank (period
    times ten plus what the outcome counts as) is their latest outcome, so no outcome is
    compared with the others one by one (which took seconds at a few million outcomes).
    """
    graduates = (
        outcomes.order_by().values("enrollment").annotate(latest=Mod(Max(_latest_rank()), 10))
    )
    counts = graduates.aggregate(
        surveyed=Count("enrollment"),
        placed=Count("enrollment", filter=Q(latest__gte=_WAGE_JOB)),
        self_employed=Count("enrollment", filter=Q(latest=_OWN_BUSINESS)),
    )
    return TracerPlacement(
        graduates_surveyed=counts["surveyed"],
        graduates_placed=counts["placed"],
        graduates_self_employed=counts["self_employed"],
    )


# The manager's home page -----------------------------------------------------------------


@dataclass(frozen=True)
class AlumniYearFigures:
    outcomes_recorded: int
    published_enterprises: int


def alumni_year_figures(outcomes, enterprises, *, year: int) -> AlumniYearFigures:
    """The tracer outcomes among ``outcomes`` surveyed in ``year``, and the published
    ``enterprises``, in two queries. (The placement rate of the year's graduates is the
    dashboard's, ``dashboard.manager``.)"""
    return AlumniYearFigures(
        outcomes_recorded=outcomes.filter(surveyed_on__year=year).count(),
        published_enterprises=enterprises.published().count(),
    )


def missing_tracers(
    enrollments, *, limit: int, today: datetime.date | None = None
) -> dict[int, Todo]:
    """For the 3 and 6-month periods, the graduates among ``enrollments`` still to trace,
    by period: one aggregate query counts both, one query per period lists the first few."""
    today = today or timezone.localdate()
    periods = (Outcome.MonthsAfter.THREE, Outcome.MonthsAfter.SIX)
    counts = enrollments.graduates().aggregate(
        **{f"m{months}": Count("pk", filter=_missing_outcome(months, today)) for months in periods}
    )
    return {
        months: Todo(
            count=counts[f"m{months}"],
            items=list(graduates_without_outcome(enrollments, months=months, today=today)[:limit]),
        )
        for months in periods
    }


@dataclass(frozen=True)
class TracerCohort:
    """The graduates of one program whose tracer of one period is due and missing."""

    program: object  # a trainings.TrainingProgram
    months: int
    label: str
    count: int


def tracer_cohorts_due(enrollments, *, today: datetime.date | None = None) -> list[TracerCohort]:
    """The graduates among ``enrollments`` still to trace, grouped by program and period (3,
    6 and 12 months), the programs that ended first: one query counts every group, one
    fetches their programs."""
    today = today or timezone.localdate()
    periods = Outcome.MonthsAfter.choices
    rows = (
        enrollments.graduates()
        .order_by()
        .values("program")
        .annotate(
            **{
                f"m{months}": Count("pk", filter=_missing_outcome(months, today))
                for months, _label in periods
            }
        )
        .filter(reduce(operator.or_, (Q(**{f"m{months}__gt": 0}) for months, _label in periods)))
    )
    counts = {row["program"]: row for row in rows}
    programs = TrainingProgram.objects.filter(pk__in=counts).order_by("end_date", "title", "pk")
    return [
        TracerCohort(program, months, label, counts[program.pk][f"m{months}"])
        for program in programs
        for months, label in periods
        if counts[program.pk][f"m{months}"]
    ]


def manager_enterprises(enterprises):
    """A BLKK's alumni enterprises with their owner, program and kecamatan, by name."""
    return enterprises.select_related("owner__trainee", "owner__program", "district").order_by(
        "name", "pk"
    )


# Public pages -----------------------------------------------------------------------------


def public_enterprises():
    """Published enterprises with their kecamatan and the BLKK and kejuruan of the owner's
    training, by name."""
    return (
        Enterprise.objects.published()
        .select_related(
            "district", "village", "owner__program__institution", "owner__program__field"
        )
        .order_by("name", "pk")
    )
