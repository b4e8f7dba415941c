"""Reads of training programs that the public pages share, and the manager's home page reads.

Visitors see programs through ``program_public_queryset``: published programs at published
BLKK, with the seats taken and the visitor-facing status (``PublicStatus``) annotated, so a
page of cards costs one query whatever it shows.
"""

import csv
import datetime
import functools
import operator
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from pathlib import Path

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from institutions import boundaries
from institutions.models import District, Institution, VocationalField

from .models import Enrollment, PBKAssistance, TrainingProgram

Status = TrainingProgram.Status

# Filter choices change when a BLKK or a program is published; a few minutes late is harmless.
CHOICES_CACHE_SECONDS = 5 * 60


class PublicStatus(models.TextChoices):
    """What a visitor needs to know of a program's status, in four words."""

    OPEN = "buka", _("Pendaftaran dibuka")
    UPCOMING = "segera", _("Segera dimulai")
    RUNNING = "berjalan", _("Sedang berjalan")
    COMPLETED = "selesai", _("Selesai")


def public_status_conditions(today: datetime.date) -> dict[str, Q]:
    """The one mapping from program status (and deadline) to ``PublicStatus``.

    An open program whose deadline passed today is not open to visitors even before the
    nightly task closes it: it is upcoming, like a published or closed one.
    """
    open_now = Q(status=Status.OPEN, registration_closes__gte=today)
    return {
        PublicStatus.OPEN: open_now,
        PublicStatus.UPCOMING: Q(status__in=[Status.PUBLISHED, Status.CLOSED, Status.OPEN])
        & ~open_now,
        PublicStatus.RUNNING: Q(status=Status.RUNNING),
        PublicStatus.COMPLETED: Q(status=Status.COMPLETED),
    }


def _public_status(today: datetime.date) -> Case:
    return Case(
        *(
            When(condition, then=Value(str(status)))
            for status, condition in public_status_conditions(today).items()
        ),
        output_field=models.CharField(),
    )


def program_public_queryset(*, today: datetime.date | None = None):
    """Public programs with what their cards and pages show, in one query.

    Annotates ``seats_taken`` (so ``seats_left()`` costs nothing) and ``public_status``.
    """
    today = today or timezone.localdate()
    return (
        TrainingProgram.objects.public()
        .with_seats_taken()
        .select_related("institution__district", "field")
        .annotate(public_status=_public_status(today))
    )


def public_status_counts(queryset) -> dict[str, int]:
    """How many of ``queryset``'s programs have each ``PublicStatus``, in one query."""
    counts = queryset.order_by().aggregate(
        **{str(status): Count("pk", filter=Q(public_status=status)) for status in PublicStatus}
    )
    return {str(status): counts[str(status)] for status in PublicStatus}


# Search ---------------------------------------------------------------------------------

SEARCH_WORD = re.compile(r"[^\W_]+")
SYNONYMS_FILE = Path(__file__).parent / "data" / "search_synonyms.csv"
# What a visitor's words are looked for in: the program, its kejuruan, and its BLKK's name
# and place, so that "menjahit cikupa" finds the sewing programs of Cikupa.
SEARCH_FIELDS = (
    "title",
    "field__name",
    "institution__name",
    "institution__district__name",
    "institution__village__name",
)


@functools.cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Words that also search for others: English trades for the Indonesian kejuruan names
    (kejuruan have no English name), and short forms like "jahit" for "menjahit"."""
    synonyms = defaultdict(list)
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            synonyms[row["word"]].append(row["also_searches"])
    return {word: tuple(others) for word, others in synonyms.items()}


def search_words(text: str) -> list[tuple[str, ...]]:
    """Each word of ``text``, lower case and without accents, with the words it also means."""
    plain = "".join(
        char
        for char in unicodedata.normalize("NFKD", text.lower())
        if not unicodedata.combining(char)
    )
    return [(word, *_synonyms().get(word, ())) for word in SEARCH_WORD.findall(plain)]


def program_search(queryset, *, text: str):
    """Programs where every word of ``text`` (or a word it also means) matches one of
    ``SEARCH_FIELDS``.

    On PostgreSQL this is full-text search with the 'simple' configuration (PostgreSQL has
    no Indonesian stemmer) and prefix matching, so "jahit" finds "Jahit" and "menj" finds
    "Menjahit" as a visitor types. Other databases fall back to substring matching.
    """
    words = search_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Only letters and digits reach the raw query, so it cannot be malformed.
        query = SearchQuery(
            " & ".join(
                "(" + " | ".join(f"{word}:*" for word in meanings) + ")" for meanings in words
            ),
            config="simple",
            search_type="raw",
        )
        vector = SearchVector(*SEARCH_FIELDS, config="simple")
        # alias(), not annotate(): the vector stays out of the SELECT and the GROUP BY.
        return queryset.alias(search=vector).filter(search=query)
    for meanings in words:
        queryset = queryset.filter(
            reduce(
                operator.or_,
                (
                    Q(**{f"{field}__icontains": word})
                    for field in SEARCH_FIELDS
                    for word in meanings
                ),
            )
        )
    return queryset


# Sorting --------------------------------------------------------------------------------


class SortOrder(models.TextChoices):
    ACTION = "aksi", _("Pendaftaran dibuka dulu")
    SOONEST = "mulai", _("Mulai paling dekat")
    NEWEST = "terbaru", _("Terbaru diumumkan")
    DEADLINE = "batas", _("Batas pendaftaran terdekat")
    SEATS = "kursi", _("Kursi tersisa terbanyak")


def _coming_dates_first(field: str, today: datetime.date) -> list:
    """Dates from today on, nearest first; then past dates, latest first."""
    return [
        Case(When(**{f"{field}__gte": today}, then=Value(0)), default=Value(1)),
        Case(When(**{f"{field}__gte": today}, then=F(field))).asc(nulls_last=True),
        F(field).desc(),
    ]


def _what_can_be_done_first() -> list:
    """Open programs by registration deadline, then upcoming and running ones by start,
    then completed ones, the latest ended first: what a visitor can still join comes first."""
    rank = Case(
        *(When(public_status=status, then=Value(rank)) for rank, status in enumerate(PublicStatus)),
        output_field=models.IntegerField(),
    )
    soonest = Case(
        When(public_status=PublicStatus.OPEN, then=F("registration_closes")),
        When(public_status=PublicStatus.COMPLETED, then=None),
        default=F("start_date"),
    )
    return [rank.asc(), soonest.asc(nulls_last=True), F("end_date").desc()]


def program_sort(queryset, *, order: str, today: datetime.date | None = None):
    """Order public programs as the visitor chose; ``title`` breaks ties for stable pages."""
    today = today or timezone.localdate()
    if order == SortOrder.SOONEST:
        ordering = _coming_dates_first("start_date", today)
    elif order == SortOrder.NEWEST:
        ordering = [F("created_at").desc()]
    elif order == SortOrder.DEADLINE:
        ordering = _coming_dates_first("registration_closes", today)
    elif order == SortOrder.SEATS:
        queryset = queryset.annotate(seats_free=F("quota") - F("seats_taken"))
        ordering = [F("seats_free").desc(), *_coming_dates_first("start_date", today)]
    else:
        ordering = _what_can_be_done_first()
    return queryset.order_by(*ordering, "title", "pk")


# Suggestions when nothing matches ---------------------------------------------------------

# Programs a visitor can still join: worth suggesting.
JOINABLE = (PublicStatus.OPEN, PublicStatus.UPCOMING)
NEARBY_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    """Programs still to join of one kejuruan in one kecamatan."""

    field_slug: str
    field_name: str
    district_code: str
    district_name: str
    count: int


@dataclass(frozen=True)
class Suggestions:
    field_slug: str | None  # the kejuruan and kecamatan looked for, where known
    district_code: str | None
    nearby: list[Suggestion]  # the same kejuruan in other kecamatan, the nearest first
    other_fields: list[Suggestion]  # other kejuruan in the same kecamatan, the most first

    def __bool__(self):
        return bool(self.nearby or self.other_fields)


def _joinable_by_field_and_district(**filters) -> list[Suggestion]:
    rows = (
        TrainingProgram.objects.public()
        .alias(public_status=_public_status(timezone.localdate()))
        .filter(public_status__in=JOINABLE, **filters)
        .values_list(
            "field__slug",
            "field__name",
            "institution__district__code",
            "institution__district__name",
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "field__name", "institution__district__name")
    )
    return [Suggestion(*row) for row in rows]


def program_suggestions(*, field_slug: str | None, district_code: str | None) -> Suggestions:
    """Where to look instead when a kejuruan in a kecamatan has nothing (two queries at most):
    that kejuruan in the nearest kecamatan that has a program to join, and the other kejuruan
    with a program to join in that kecamatan."""
    nearby, other_fields = [], []
    if field_slug:
        elsewhere = {
            suggestion.district_code: suggestion
            for suggestion in _joinable_by_field_and_district(field__slug=field_slug)
            if suggestion.district_code != district_code
        }
        codes = boundaries.nearest_first(district_code, elsewhere) if district_code else elsewhere
        nearby = [elsewhere[code] for code in codes][:NEARBY_SUGGESTIONS]
    if district_code:
        other_fields = [
            suggestion
            for suggestion in _joinable_by_field_and_district(
                institution__district__code=district_code
            )
            if suggestion.field_slug != field_slug
        ]
    return Suggestions(
        field_slug=field_slug,
        district_code=district_code,
        nearby=nearby,
        other_fields=other_fields,
    )


# Choices for the listing's filters and the application form -----------------------------


def _cached(key: str, compute):
    return cache.get_or_set(f"trainings:{key}", compute, CHOICES_CACHE_SECONDS)


def vocational_field_choices() -> list[tuple[str, str]]:
    """Kejuruan that have at least one public program, as (slug, name)."""
    return _cached(
        "choices:fields",
        lambda: list(
            VocationalField.objects.filter(
                Exists(TrainingProgram.objects.public().filter(field=OuterRef("pk")))
            ).values_list("slug", "name")
        ),
    )


def district_choices() -> list[tuple[str, str]]:
    """Kecamatan with at least one published BLKK, as (Kemendagri code, name)."""
    return _cached(
        "choices:districts",
        lambda: list(
            District.objects.filter(
                Exists(Institution.objects.published().filter(district=OuterRef("pk")))
            )
            .order_by("name")
            .values_list("code", "name")
        ),
    )


def institution_choices() -> list[tuple[str, str]]:
    """Published BLKK, as (slug, name)."""
    return _cached(
        "choices:institutions",
        lambda: list(Institution.objects.published().values_list("slug", "name")),
    )


def start_month_choices() -> list[tuple[str, str]]:
    """Months in which public programs start, latest first, as ("2025-03", "Maret 2025")."""
    months = _cached(
        "choices:months",
        lambda: list(TrainingProgram.objects.public().dates("start_date", "month", order="DESC")),
    )
    # Labelled on every call: the cache holds dates, the label follows the visitor's language.
    return [(month.strftime("%Y-%m"), date_format(month, "F Y")) for month in months]


# The manager's home page ------------------------------------------------------------------
#
# Each read takes querysets already narrowed to the BLKK being worked on (the portal's
# ``scoped``) and costs a fixed number of queries whatever the number of rows.

# A program whose registration closes within this many days is worth a look.
REGISTRATION_CLOSING_SOON_DAYS = 7


@dataclass(frozen=True)
class Todo:
    """One thing on a manager's to-do list: how many need doing, and the first few."""

    count: int
    items: list


def applications_waiting(enrollments, *, limit: int) -> Todo:
    """Applications not yet accepted or rejected, the oldest first (two queries)."""
    waiting = enrollments.filter(status=Enrollment.Status.APPLIED)
    return Todo(
        count=waiting.count(),
        items=list(
            waiting.select_related("trainee", "program__institution").order_by("created_at", "pk")[
                :limit
            ]
        ),
    )


@dataclass(frozen=True)
class ProgramTodos:
    closing_soon: Todo  # open, registration closes within REGISTRATION_CLOSING_SOON_DAYS
    to_close: Todo  # open past the registration deadline, or running past the end date


def program_todos(programs, *, limit: int, today: datetime.date | None = None) -> ProgramTodos:
    """Programs whose registration closes soon, and those whose status is overdue for a
    move (close the registration, complete the training), in three queries."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=REGISTRATION_CLOSING_SOON_DAYS)
    closing_soon = Q(status=Status.OPEN, registration_closes__range=(today, soon))
    to_close = Q(status=Status.OPEN, registration_closes__lt=today) | Q(
        status=Status.RUNNING, end_date__lt=today
    )
    counts = programs.aggregate(
        closing_soon=Count("pk", filter=closing_soon), to_close=Count("pk", filter=to_close)
    )
    return ProgramTodos(
        closing_soon=Todo(
            count=counts["closing_soon"],
            items=list(
                programs.filter(closing_soon)
                .with_seats_taken()
                .order_by("registration_closes", "title", "pk")[:limit]
            ),
        ),
        to_close=Todo(
            count=counts["to_close"],
            items=list(programs.filter(to_close).order_by("end_date", "title", "pk")[:limit]),
        ),
    )


def programs_awaiting_results(programs, *, limit: int, today: datetime.date | None = None) -> Todo:
    """Programs past their end date with participants still "in training": their results
    (graduated or dropped out) wait for the results table. Each item carries ``awaiting``,
    how many; the longest waiting first (two queries)."""
    today = today or timezone.localdate()
    awaiting = (
        programs.filter(status__in=(Status.RUNNING, Status.COMPLETED), end_date__lt=today)
        .annotate(
            awaiting=Count(
                "enrollments", filter=Q(enrollments__status=Enrollment.Status.IN_TRAINING)
            )
        )
        .filter(awaiting__gt=0)
    )
    return Todo(
        count=awaiting.count(),
        items=list(awaiting.order_by("end_date", "title", "pk")[:limit]),
    )


def results_table_participants(enrollments, *, program):
    """The rows of ``program``'s results table among ``enrollments``: participants in
    training and graduates, by name (one query)."""
    return (
        enrollments.filter(program=program, status__in=Enrollment.RESULTS_TABLE_STATUSES)
        .select_related("trainee")
        .order_by("trainee__full_name", "pk")
    )


@dataclass(frozen=True)
class WeekPrograms:
    closing: list  # open, registration closes within the week
    starting: list  # announced or open, starts within the week


def programs_this_week(programs, *, today: datetime.date) -> WeekPrograms:
    """Programs whose registration closes, and those that start, in the seven days from
    ``today``, the soonest first (two queries)."""
    week = (today, today + datetime.timedelta(days=6))
    return WeekPrograms(
        closing=list(
            programs.filter(status=Status.OPEN, registration_closes__range=week).order_by(
                "registration_closes", "title", "pk"
            )
        ),
        starting=list(
            programs.filter(
                status__in=(Status.PUBLISHED, Status.OPEN, Status.CLOSED), start_date__range=week
            ).order_by("start_date", "title", "pk")
        ),
    )


def pbk_reports_due(assistance, *, limit: int, today: datetime.date | None = None) -> Todo:
    """PBK realisation reports not submitted and due within ``REPORT_DUE_SOON_DAYS`` or
    late, the earliest deadline first (two queries)."""
    today = today or timezone.localdate()
    due = assistance.filter(
        report_submitted_on__isnull=True,
        report_due_date__lte=today + datetime.timedelta(days=PBKAssistance.REPORT_DUE_SOON_DAYS),
    )
    return Todo(
        count=due.count(),
        items=list(due.select_related("field").order_by("report_due_date", "pk")[:limit]),
    )
