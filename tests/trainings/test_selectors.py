import datetime

import pytest
from django.db import connection
from django.utils import translation

from institutions.models import District, Village
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


@pytest.fixture
def in_cikupa():
    """A sewing and a welding program in Cikupa, and a sewing one in Panongan."""
    sewing = factories.VocationalFieldFactory(name="Menjahit (Garmen)", slug="menjahit")
    welding = factories.VocationalFieldFactory(name="Teknik Las", slug="teknik-las")
    cikupa = District.objects.get(code="36.03.18")
    panongan = District.objects.get(code="36.03.19")
    village = Village.objects.get(code="36.03.18.2002")  # Desa Cibadak
    at_cikupa = factories.InstitutionFactory(
        name="BLKK Nurul Iman", district=cikupa, village=village, primary_field=sewing
    )
    at_panongan = factories.InstitutionFactory(
        name="BLKK Al-Falah", district=panongan, primary_field=sewing
    )
    program(title="Busana Muslim", field=sewing, institution=at_cikupa)
    program(title="Las Listrik", field=welding, institution=at_cikupa)
    program(title="Seragam Sekolah", field=sewing, institution=at_panongan)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("menjahit cikupa", {"Busana Muslim"}),
        ("MENJAHIT", {"Busana Muslim", "Seragam Sekolah"}),
        ("cikupa", {"Busana Muslim", "Las Listrik"}),
        ("las cibadak", {"Las Listrik"}),
        ("sewing cikupa", {"Busana Muslim"}),
        ("Cikúpa", {"Busana Muslim", "Las Listrik"}),
        ("menjahit kronjo", set()),
    ],
)
def test_search_finds_every_word_in_kejuruan_kecamatan_desa_or_english(in_cikupa, text, expected):
    assert search(text) == expected


def test_suggestions_name_the_kejuruan_in_the_nearest_kecamatan_and_other_kejuruan_there(
    django_assert_num_queries,
):
    sewing = factories.VocationalFieldFactory(name="Menjahit (Garmen)", slug="menjahit")
    barista = factories.VocationalFieldFactory(name="Barista", slug="barista")
    for code, field, status in [
        ("36.03.07", sewing, Status.OPEN),  # Kronjo, far from Cikupa
        ("36.03.19", sewing, Status.PUBLISHED),  # Panongan, next to it
        ("36.03.12", sewing, Status.RUNNING),  # Pasar Kemis: nothing to join
        ("36.03.18", barista, Status.OPEN),  # Cikupa itself
        ("36.03.18", sewing, Status.COMPLETED),
    ]:
        institution = factories.InstitutionFactory(
            district=District.objects.get(code=code), primary_field=field
        )
        program(field=field, institution=institution, status=status)
    with django_assert_num_queries(2):
        found = selectors.program_suggestions(field_slug="menjahit", district_code="36.03.18")
    assert [(s.field_slug, s.district_name, s.count) for s in found.nearby] == [
        ("menjahit", "Panongan", 1),
        ("menjahit", "Kronjo", 1),
    ]
    assert [(s.field_slug, s.district_name) for s in found.other_fields] == [("barista", "Cikupa")]


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


def test_unknown_order_falls_back_to_what_can_be_done_first(timeline):
    assert sorted_slugs("whatever") == sorted_slugs(SortOrder.ACTION)


def test_default_order_lists_open_by_deadline_then_upcoming_running_and_latest_completed():
    for slug, start_in, closes_in, status, ended_in in [
        ("completed-long-ago", -90, -100, Status.COMPLETED, -60),
        ("upcoming-later", 40, 30, Status.PUBLISHED, 80),
        ("open-closing-late", 20, 15, Status.OPEN, 60),
        ("running", -5, -10, Status.RUNNING, 30),
        ("completed-lately", -40, -50, Status.COMPLETED, -3),
        ("upcoming-soon", 5, -1, Status.OPEN, 45),  # deadline passed: not open any more
        ("open-closing-soon", 60, 2, Status.OPEN, 100),
    ]:
        factories.TrainingProgramFactory(
            slug=slug,
            status=status,
            start_date=days(start_in),
            registration_closes=days(closes_in),
            end_date=days(ended_in),
        )
    assert sorted_slugs(SortOrder.ACTION) == [
        "open-closing-soon",
        "open-closing-late",
        "upcoming-soon",
        "upcoming-later",
        "running",
        "completed-lately",
        "completed-long-ago",
    ]


def test_status_counts_count_each_public_status_in_one_query(django_assert_num_queries):
    program(status=Status.OPEN, slug="a")
    program(status=Status.OPEN, slug="b")
    program(status=Status.PUBLISHED)
    program(start_in=-60, closes_in=-70, status=Status.COMPLETED)
    with django_assert_num_queries(1):
        counts = selectors.public_status_counts(selectors.program_public_queryset())
    assert counts == {"buka": 2, "segera": 1, "berjalan": 0, "selesai": 1}


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
