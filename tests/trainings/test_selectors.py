import datetime

import pytest
from django.db import connection
from django.utils import translation

from tests import factories
from tests.dates import days, today
from trainings import selectors
from trainings.models import Enrollment, TrainingProgram
from trainings.selectors import PublicStatus, SortOrder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

Status = TrainingProgram.Status
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)
not_on_postgresql = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the fallback for databases without it"
)


def program(start_in: int = 30, closes_in: int | None = None, **fields):
    closes_in = start_in - 7 if closes_in is None else closes_in
    return factories.TrainingProgramFactory(
        start_date=days(start_in), registration_closes=days(closes_in), **fields
    )


def public_slugs(queryset=None) -> list[str]:
    queryset = selectors.program_public_queryset() if queryset is None else queryset
    return list(queryset.values_list("slug", flat=True))


# Visitor status --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "closes_in", "expected"),
    [
        (Status.OPEN, 0, PublicStatus.OPEN),
        (Status.OPEN, 5, PublicStatus.OPEN),
        (Status.OPEN, -1, PublicStatus.UPCOMING),
        (Status.PUBLISHED, 5, PublicStatus.UPCOMING),
        (Status.CLOSED, -1, PublicStatus.UPCOMING),
        (Status.RUNNING, -20, PublicStatus.RUNNING),
        (Status.COMPLETED, -60, PublicStatus.COMPLETED),
    ],
)
def test_public_status_follows_status_and_deadline(status, closes_in, expected):
    made = program(start_in=closes_in + 7, closes_in=closes_in, status=status)
    shown = selectors.program_public_queryset().get(pk=made.pk)
    assert shown.public_status == expected


def test_drafts_cancelled_programs_and_unpublished_blkk_are_not_public():
    shown = program(slug="shown")
    program(status=Status.DRAFT)
    program(status=Status.CANCELLED)
    program(institution=factories.InstitutionFactory(is_published=False))
    assert public_slugs() == [shown.slug]


def test_seats_left_counts_only_seated_enrollments():
    made = program(quota=5)
    for status in (Enrollment.Status.ACCEPTED, Enrollment.Status.IN_TRAINING):
        factories.EnrollmentFactory(program=made, status=status)
    for status in (Enrollment.Status.APPLIED, Enrollment.Status.REJECTED):
        factories.EnrollmentFactory(program=made, status=status)
    assert selectors.program_public_queryset().get(pk=made.pk).seats_left() == 3


# Search ----------------------------------------------------------------------------------


@pytest.fixture
def searchable():
    sewing = factories.VocationalFieldFactory(name="Garmen Menjahit", slug="garmen-menjahit")
    welding = factories.VocationalFieldFactory(name="Fabrikasi Logam", slug="fabrikasi-logam")
    return {
        "sewing": program(
            title="Pelatihan Busana Muslim",
            field=sewing,
            institution=factories.InstitutionFactory(name="BLKK Al-Hidayah", primary_field=sewing),
        ),
        "welding": program(
            title="Pengelasan SMAW Pemula",
            field=welding,
            institution=factories.InstitutionFactory(name="BLKK Darul Ulum", primary_field=welding),
        ),
    }


def search(text: str) -> set[str]:
    return {
        p.title for p in selectors.program_search(selectors.program_public_queryset(), text=text)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("busana", {"Pelatihan Busana Muslim"}),
        ("GARMEN", {"Pelatihan Busana Muslim"}),
        ("darul", {"Pengelasan SMAW Pemula"}),
        ("menj", {"Pelatihan Busana Muslim"}),
        ("pelatihan hidayah", {"Pelatihan Busana Muslim"}),
        ("pelatihan ulum", set()),
        ("tata boga", set()),
    ],
)
def test_search_matches_every_word_in_title_kejuruan_or_blkk(searchable, text, expected):
    assert search(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "&|!:*()'\"", "-- ;"])
def test_search_without_words_changes_nothing(searchable, text):
    assert search(text) == {"Pelatihan Busana Muslim", "Pengelasan SMAW Pemula"}


def test_search_survives_query_syntax_around_words(searchable):
    assert search("smaw:* & | !pemula ('") == {"Pengelasan SMAW Pemula"}


@on_postgresql
def test_postgresql_matches_word_beginnings_not_inner_substrings(searchable):
    assert search("elas") == set()
    assert search("pengel") == {"Pengelasan SMAW Pemula"}


@not_on_postgresql
def test_other_databases_match_inner_substrings(searchable):
    assert search("elas") == {"Pengelasan SMAW Pemula"}


def test_search_keeps_the_seat_annotation(searchable):
    factories.EnrollmentFactory(program=searchable["sewing"], status=Enrollment.Status.ACCEPTED)
    [found] = selectors.program_search(selectors.program_public_queryset(), text="busana")
    assert found.seats_left() == searchable["sewing"].quota - 1


# Sorting ---------------------------------------------------------------------------------


def sorted_slugs(order: str) -> list[str]:
    return public_slugs(selectors.program_sort(selectors.program_public_queryset(), order=order))


@pytest.fixture
def timeline():
    return {
        "past": program(start_in=-40, closes_in=-50, status=Status.COMPLETED, slug="past"),
        "long-past": program(
            start_in=-90, closes_in=-100, status=Status.COMPLETED, slug="long-past"
        ),
        "soon": program(start_in=10, closes_in=8, slug="soon", quota=10),
        "later": program(start_in=60, closes_in=3, slug="later", quota=30),
    }


def test_soonest_start_lists_coming_programs_nearest_first_then_past_latest_first(timeline):
    assert sorted_slugs(SortOrder.SOONEST) == ["soon", "later", "past", "long-past"]


def test_unknown_order_falls_back_to_soonest_start(timeline):
    assert sorted_slugs("whatever") == sorted_slugs(SortOrder.SOONEST)


def test_deadline_order_lists_open_deadlines_nearest_first(timeline):
    assert sorted_slugs(SortOrder.DEADLINE) == ["later", "soon", "past", "long-past"]


def test_seats_order_lists_most_seats_left_first(timeline):
    for _seat in range(8):
        factories.EnrollmentFactory(program=timeline["later"], status=Enrollment.Status.ACCEPTED)
    # later: 22 left, past and long-past: 16, soon: 10.
    assert sorted_slugs(SortOrder.SEATS) == ["later", "past", "long-past", "soon"]


def test_newest_order_lists_last_announced_first(timeline):
    assert sorted_slugs(SortOrder.NEWEST) == ["later", "soon", "long-past", "past"]


# Choices ---------------------------------------------------------------------------------


def test_kejuruan_choices_only_those_with_public_programs():
    shown = program().field
    factories.VocationalFieldFactory(name="Tanpa program")
    program(status=Status.DRAFT)
    assert selectors.vocational_field_choices() == [(shown.slug, shown.name)]


def test_district_and_blkk_choices_only_published_institutions():
    published = factories.InstitutionFactory()
    factories.InstitutionFactory(is_published=False)
    assert selectors.institution_choices() == [(published.slug, published.name)]
    assert selectors.district_choices() == [(published.district.code, published.district.name)]


def test_month_choices_are_labelled_in_the_visitors_language():
    program(start_in=0)
    factories.TrainingProgramFactory(
        start_date=datetime.date(2025, 3, 10), registration_closes=datetime.date(2025, 3, 1)
    )
    with translation.override("id"):
        choices = selectors.start_month_choices()
    assert choices[-1] == ("2025-03", "Maret 2025")
    assert choices[0][0] == today().strftime("%Y-%m")


def test_choices_are_cached(django_assert_num_queries):
    program()
    first = selectors.vocational_field_choices()
    with django_assert_num_queries(0):
        assert selectors.vocational_field_choices() == first
