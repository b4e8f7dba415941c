"""The manager's home page: what needs doing at their BLKK, and this year's figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alumni.models import Outcome
from dashboard.figures import dashboard_figures, page_figures
from dashboard.indicators import IndicatorFilters
from tests import factories
from trainings.models import Enrollment, TrainingProgram

HOME = "/pengelola/"
QUERY_BUDGET = 21
Status = TrainingProgram.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def client_a(client, manager_a, institution_a):
    client.force_login(manager_a)
    return client


def todo(client) -> dict[str, list[str]]:
    """Each to-do card shown, by key, with the labels of its entries."""
    response = client.get(HOME)
    assert response.status_code == 200
    return {
        card.key: [entry.label for entry in card.entries] for card in response.context["todo_cards"]
    }


def figures(client) -> list:
    return [figure.value for figure in client.get(HOME).context["figures"]]


def program(institution, status, **dates):
    return factories.TrainingProgramFactory(institution=institution, status=status, **dates)


def graduate(institution, completed_on, name):
    completed = program(
        institution,
        Status.COMPLETED,
        start_date=completed_on - 30 * DAY,
        end_date=completed_on,
        registration_closes=completed_on - 40 * DAY,
    )
    return factories.GraduateFactory(
        program=completed, completed_on=completed_on, trainee__full_name=name
    )


def test_with_nothing_to_do_the_page_says_so(client_a):
    response = client_a.get(HOME)
    assert response.context["todo_cards"] == []
    page = response.content.decode()
    assert "Tidak ada yang perlu ditindaklanjuti" in page
    assert reverse("manager:program-create") in page


def test_applications_waiting_of_this_blkk_only(client_a, institution_a, institution_b):
    factories.EnrollmentFactory(
        program=program(institution_a, Status.OPEN), trainee__full_name="Siti Pendaftar"
    )
    factories.EnrollmentFactory(program=program(institution_a, Status.OPEN), status="diterima")
    factories.EnrollmentFactory(
        program=program(institution_b, Status.OPEN), trainee__full_name="Pendaftar B"
    )
    cards = todo(client_a)
    assert cards == {"applications": ["Siti Pendaftar"]}
    page = client_a.get(HOME).content.decode()
    assert reverse("manager:application-list") in page


def test_programs_whose_registration_closes_within_a_week(client_a, institution_a, today):
    def open_program(title, closes):
        return program(
            institution_a,
            Status.OPEN,
            title=title,
            registration_closes=closes,
            start_date=closes + 7 * DAY,
            end_date=closes + 30 * DAY,
        )

    open_program("Tutup hari ini", today)
    open_program("Tutup seminggu lagi", today + 7 * DAY)
    open_program("Tutup delapan hari lagi", today + 8 * DAY)
    program(
        institution_a,
        Status.PUBLISHED,
        title="Belum dibuka",
        registration_closes=today + 2 * DAY,
        start_date=today + 9 * DAY,
    )
    assert todo(client_a) == {"closing-soon": ["Tutup hari ini", "Tutup seminggu lagi"]}


def test_programs_to_close_or_complete(client_a, institution_a, institution_b, today):
    past_deadline = program(
        institution_a,
        Status.OPEN,
        title="Batas lewat",
        registration_closes=today - DAY,
        start_date=today + 5 * DAY,
    )
    program(
        institution_a,
        Status.RUNNING,
        title="Sudah selesai",
        start_date=today - 30 * DAY,
        end_date=today - DAY,
        registration_closes=today - 40 * DAY,
    )
    program(
        institution_a,
        Status.RUNNING,
        title="Masih berjalan",
        start_date=today - 30 * DAY,
        end_date=today,
        registration_closes=today - 40 * DAY,
    )
    program(
        institution_b,
        Status.OPEN,
        title="Batas lewat di B",
        registration_closes=today - DAY,
        start_date=today + 5 * DAY,
    )
    cards = todo(client_a)
    assert sorted(cards["to-close"]) == ["Batas lewat", "Sudah selesai"]
    page = client_a.get(HOME).content.decode()
    assert reverse("manager:program-detail", args=[past_deadline.pk]) in page
    assert "tutup pendaftaran" in page and "tandai program selesai" in page


def test_graduates_without_a_tracer_after_3_and_6_months(
    client_a, institution_a, institution_b, today
):
    four_months = graduate(institution_a, today - 122 * DAY, "Empat Bulan")
    graduate(institution_a, today - 60 * DAY, "Dua Bulan")
    traced = graduate(institution_a, today - 125 * DAY, "Sudah Ditracer")
    factories.OutcomeFactory(enrollment=traced, months_after=Outcome.MonthsAfter.THREE)
    seven_months = graduate(institution_a, today - 215 * DAY, "Tujuh Bulan")
    factories.OutcomeFactory(enrollment=seven_months, months_after=Outcome.MonthsAfter.THREE)
    graduate(institution_b, today - 122 * DAY, "Lulusan B")
    factories.EnrollmentFactory(
        program=four_months.program, status=Enrollment.Status.DROPPED_OUT, completed_on=today
    )

    cards = todo(client_a)
    assert cards == {"tracer-3": ["Empat Bulan"], "tracer-6": ["Tujuh Bulan"]}
    page = client_a.get(HOME).content.decode()
    create_link = (
        f"{reverse('manager:outcome-create')}?lulusan={four_months.pk}&amp;bulan=3&amp;next="
    )
    assert create_link in page


def test_pbk_reports_due_soon_or_late(client_a, institution_a, institution_b, today):
    def pbk(institution, year, due, **extra):
        return factories.PBKAssistanceFactory(
            institution=institution, year=year, report_due_date=due, **extra
        )

    pbk(institution_a, 2021, today - 5 * DAY)
    pbk(institution_a, 2022, today + 30 * DAY)
    pbk(institution_a, 2023, today + 31 * DAY)
    pbk(
        institution_a,
        2024,
        today - 5 * DAY,
        report_submitted_on=today - 6 * DAY,
        report_file="pbk/reports/laporan.pdf",
    )
    pbk(institution_b, 2021, today - 5 * DAY)
    cards = todo(client_a)
    field = institution_a.primary_field
    assert cards == {"pbk-reports": [f"PBK 2021 — {field}", f"PBK 2022 — {field}"]}
    page = client_a.get(HOME).content.decode()
    assert "terlambat" in page
    assert reverse("manager:pbk-list") in page


def test_a_card_lists_the_first_few_and_counts_all(client_a, institution_a):
    open_program = program(institution_a, Status.OPEN)
    factories.EnrollmentFactory.create_batch(7, program=open_program)
    card = client_a.get(HOME).context["todo_cards"][0]
    assert (card.count, len(card.entries)) == (7, 5)


def test_this_years_figures_leave_out_last_year_and_the_other_blkk(
    client_a, institution_a, institution_b, today
):
    last_year = datetime.date(today.year - 1, 6, 1)
    for institution in (institution_a, institution_b):
        running = program(
            institution,
            Status.RUNNING,
            start_date=today,
            end_date=today + 20 * DAY,
            registration_closes=today,
        )
        for status in ("diterima", "mengikuti", "mendaftar", "ditolak"):
            factories.EnrollmentFactory(program=running, status=status)
        competent = factories.GraduateFactory(program=running, completed_on=today)
        factories.GraduateFactory(
            program=running,
            completed_on=today,
            competency_result=Enrollment.CompetencyResult.NOT_YET_COMPETENT,
        )
        program(institution, Status.DRAFT, start_date=today, registration_closes=today)
        program(institution, Status.CANCELLED, start_date=today, registration_closes=today)
        old = graduate(institution, last_year, "Lulusan tahun lalu")
        factories.OutcomeFactory(enrollment=competent, surveyed_on=today)
        factories.OutcomeFactory(
            enrollment=old, months_after=6, surveyed_on=today, status=Outcome.Status.NOT_WORKING
        )
        factories.OutcomeFactory(enrollment=old, months_after=3, surveyed_on=last_year)
        factories.InstructorFactory(institution=institution)
        factories.InstructorFactory(institution=institution, is_active=False)
        factories.EnterpriseFactory(owner=competent)
        factories.EnterpriseFactory(owner=old, is_published=False, owner_consents_to_publish=False)

    # Programs held this year, participants (seated), graduates, competent, tracer outcomes
    # recorded this year, placement of this year's graduates (the one traced is working; last
    # year's graduate belongs to last year's cohort), active instructors, enterprises.
    assert figures(client_a) == [1, 4, 2, 1, 2, "100,0%", 1, 1]


def test_placement_is_the_cohort_of_this_years_programs_by_their_latest_outcome(
    client_a, institution_a, today
):
    """Working at 3 months but not at 6 months is not placed; the reverse is; a tracer of
    last year's graduates surveyed this year does not count for this year's cohort."""
    start = datetime.date(today.year, 1, 1)
    this_year = program(
        institution_a, Status.COMPLETED, start_date=start, end_date=start, registration_closes=start
    )
    lost_job, found_job = (
        factories.GraduateFactory(program=this_year, completed_on=start) for _ in range(2)
    )
    factories.OutcomeFactory(enrollment=lost_job, months_after=3, surveyed_on=today)
    factories.OutcomeFactory(
        enrollment=lost_job, months_after=6, surveyed_on=today, status=Outcome.Status.NOT_WORKING
    )
    factories.OutcomeFactory(
        enrollment=found_job, months_after=3, surveyed_on=today, status=Outcome.Status.NOT_WORKING
    )
    factories.OutcomeFactory(
        enrollment=found_job, months_after=6, surveyed_on=today, status=Outcome.Status.OWN_BUSINESS
    )
    last_years = graduate(institution_a, start - 60 * DAY, "Lulusan tahun lalu")
    factories.OutcomeFactory(enrollment=last_years, months_after=6, surveyed_on=today)

    # 5 outcomes recorded this year; 1 of this year's 2 graduates placed.
    assert figures(client_a)[4:6] == [5, "50,0%"]
    placement = client_a.get(HOME).context["figures"][5]
    assert placement.label == "Tingkat penempatan: 1 dari 2 lulusan ditracer"
    assert "kohort" in placement.how_counted


def test_the_years_figures_are_the_dashboards_for_the_year_and_the_blkk(
    client_a, institution_a, institution_b, today
):
    for institution in (institution_a, institution_b):
        start = datetime.date(today.year, 1, 1)
        held = program(
            institution,
            Status.COMPLETED,
            start_date=start,
            end_date=start,
            registration_closes=start,
        )
        factories.GraduateFactory(program=held, completed_on=start)
        factories.EnrollmentFactory(program=held, status="diterima")
    dashboard = dashboard_figures(
        IndicatorFilters(year_from=today.year, year_to=today.year, institution=institution_a)
    )
    cards = {
        card.key: card.value
        for section in page_figures(dashboard)["cards"].values()
        for card in section
    }

    shown = {figure.label: figure.value for figure in client_a.get(HOME).context["figures"]}

    assert shown["Program terlaksana"] == cards["program"] == 1
    assert shown["Peserta"] == cards["peserta"] == 2
    assert shown["Lulusan"] == cards["lulusan"] == 1
    assert shown["Peserta kompeten"] == dashboard.competency.numerator


def test_without_a_tracer_this_year_placement_shows_a_dash(client_a):
    assert figures(client_a) == [0, 0, 0, 0, 0, "—", 0, 0]


@pytest.mark.parametrize("records", [1, 12])
def test_the_page_costs_the_same_queries_for_few_or_many_records(
    client_a, institution_a, today, records, django_assert_max_num_queries
):
    open_program = program(
        institution_a,
        Status.OPEN,
        registration_closes=today + 2 * DAY,
        start_date=today + 5 * DAY,
    )
    for number in range(records):
        factories.EnrollmentFactory(program=open_program)
        graduate(institution_a, today - 200 * DAY, f"Lulusan {number}")
        program(institution_a, Status.OPEN, registration_closes=today - DAY)
        factories.PBKAssistanceFactory(
            institution=institution_a, year=2017 + number, report_due_date=today
        )
        factories.InstructorFactory(institution=institution_a)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client_a.get(HOME)
    assert len(response.context["todo_cards"]) == 6
