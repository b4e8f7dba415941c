"""The manager's "Pembaruan bulanan": the BLKK's pending work on one page, with its actions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from alumni.models import Outcome
from core.manager_portal import manager_menu
from tests import factories
from tests.formsets import formset_post
from tests.pdfs import BLANK_PDF
from trainings.models import Enrollment, TrainingProgram

MONTHLY = "/pengelola/pembaruan-bulanan/"
QUERY_BUDGET = 16
Status = TrainingProgram.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def client_a(client, manager_a, institution_a):
    client.force_login(manager_a)
    return client


def ended_program(institution, today, title, *, days_ago=1):
    end = today - days_ago * DAY
    return factories.TrainingProgramFactory(
        institution=institution,
        status=Status.RUNNING,
        title=title,
        start_date=end - 30 * DAY,
        end_date=end,
        registration_closes=end - 40 * DAY,
    )


def graduate(program, name):
    return factories.GraduateFactory(
        program=program, completed_on=program.end_date, trainee__full_name=name
    )


def fill_blkk(institution, today, *, count: int, tag: str):
    """``count`` rows of every kind of pending work at ``institution``, named with ``tag``."""
    open_program = factories.TrainingProgramFactory(institution=institution, status=Status.OPEN)
    for index in range(count):
        factories.EnrollmentFactory(
            program=open_program, trainee__full_name=f"Pendaftar {tag} {index}"
        )
        awaiting = ended_program(institution, today, f"Belum ada hasil {tag} {index}")
        factories.EnrollmentFactory(program=awaiting, status=Enrollment.Status.IN_TRAINING)
        traced = ended_program(institution, today, f"Angkatan {tag} {index}", days_ago=200)
        graduate(traced, f"Lulusan {tag} {index}")
        factories.PBKAssistanceFactory(
            institution=institution, year=2017 + index, report_due_date=today - DAY
        )
        instructor = factories.InstructorFactory(
            institution=institution, full_name=f"Instruktur {tag} {index}"
        )
        factories.InstructorCertificateFactory(
            instructor=instructor, issued_on=today - 900 * DAY, valid_until=today + 30 * DAY
        )


def test_the_page_is_in_the_menu():
    assert ("manager:monthly-updates", "Pembaruan bulanan") in manager_menu()


def test_with_nothing_waiting_the_page_says_so_and_leads_on(client_a):
    response = client_a.get(MONTHLY)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tidak ada yang menunggu bulan ini." in page
    assert f'href="{reverse("manager:program-create")}"' in page


def test_applicants_waiting_with_their_decision_and_whatsapp(client_a, institution_a, today):
    application = factories.EnrollmentFactory(
        program=factories.TrainingProgramFactory(institution=institution_a, status=Status.OPEN),
        trainee__full_name="Siti Pendaftar",
    )
    page = client_a.get(MONTHLY).content.decode()
    assert "Siti Pendaftar" in page
    assert f'form="decide-{application.pk}" name="decision" value="accept"' in page
    assert f'form="decide-{application.pk}" name="decision" value="reject"' in page
    assert f'name="next" value="{MONTHLY}"' in page
    assert "https://wa.me/" in page
    assert "Tidak ada yang menunggu bulan ini." not in page


def test_a_decision_made_here_comes_back_here(client_a, institution_a):
    application = factories.EnrollmentFactory(
        program=factories.TrainingProgramFactory(institution=institution_a, status=Status.OPEN)
    )
    response = client_a.post(
        reverse("manager:application-decide"),
        {"enrollments": [application.pk], "decision": "accept", "next": MONTHLY},
    )
    assert response.status_code == 302
    assert response["Location"] == MONTHLY
    application.refresh_from_db()
    assert application.status == Enrollment.Status.ACCEPTED


def test_programs_that_ended_with_participants_still_in_training(client_a, institution_a, today):
    awaiting = ended_program(institution_a, today, "Menjahit Selesai", days_ago=3)
    factories.EnrollmentFactory.create_batch(
        2, program=awaiting, status=Enrollment.Status.IN_TRAINING
    )
    later = ended_program(institution_a, today, "Las Selesai", days_ago=2)
    factories.EnrollmentFactory(program=later, status=Enrollment.Status.IN_TRAINING)
    done = ended_program(institution_a, today, "Sudah Dinilai")
    graduate(done, "Sudah Lulus")
    still_running = factories.TrainingProgramFactory(
        institution=institution_a,
        status=Status.RUNNING,
        title="Masih Berjalan",
        start_date=today - 10 * DAY,
        end_date=today,
        registration_closes=today - 20 * DAY,
    )
    factories.EnrollmentFactory(program=still_running, status=Enrollment.Status.IN_TRAINING)

    response = client_a.get(MONTHLY)
    pending = response.context["pending"]
    assert [(p.title, p.awaiting) for p in pending.programs_awaiting_results.items] == [
        ("Menjahit Selesai", 2),
        ("Las Selesai", 1),
    ]
    # The longest waiting has its table here; the next is a link to its own.
    rows = response.context["results_formset"]
    assert {form.instance.program for form in rows} == {awaiting}
    assert len(rows.forms) == 2
    page = response.content.decode()
    assert f'action="{results_here(awaiting)}"' in page
    assert 'name="hasil-0-outcome"' in page
    assert f'href="{results_here(later)}"' in page


def results_here(program) -> str:
    """The address of ``program``'s results table that comes back here once saved."""
    return f"{reverse('manager:program-results', args=[program.pk])}?next={MONTHLY}"


def test_the_results_saved_here_come_back_here(client_a, institution_a, today):
    awaiting = ended_program(institution_a, today, "Menjahit Selesai")
    participants = factories.EnrollmentFactory.create_batch(
        2, program=awaiting, status=Enrollment.Status.IN_TRAINING
    )
    rows = client_a.get(MONTHLY).context["results_formset"]
    graduated = {"outcome": Enrollment.Status.GRADUATED, "competency_result": "kompeten"}

    response = client_a.post(
        results_here(awaiting), formset_post(rows, {0: graduated, 1: graduated})
    )

    assert response.status_code == 302
    assert response["Location"] == MONTHLY
    for participant in participants:
        participant.refresh_from_db()
        assert participant.status == Enrollment.Status.GRADUATED
    assert client_a.get(MONTHLY).context["results_formset"] is None


def test_tracers_due_grouped_by_program_and_period(client_a, institution_a, today):
    # Ended 200 days ago: the 3 and 6-month tracers are due; one graduate has the 3-month.
    older = ended_program(institution_a, today, "Las Angkatan 1", days_ago=200)
    traced = graduate(older, "Sudah Tiga Bulan")
    graduate(older, "Belum Sama Sekali")
    factories.OutcomeFactory(enrollment=traced, months_after=Outcome.MonthsAfter.THREE)
    # Ended 100 days ago: only the 3-month tracer is due.
    recent = ended_program(institution_a, today, "Las Angkatan 2", days_ago=100)
    graduate(recent, "Baru Tiga Bulan")
    # Ended 20 days ago: nothing due yet.
    graduate(ended_program(institution_a, today, "Las Angkatan 3", days_ago=20), "Baru Lulus")

    response = client_a.get(MONTHLY)
    cohorts = response.context["pending"].tracer_cohorts
    assert [(c.program.title, c.months, c.count) for c in cohorts] == [
        ("Las Angkatan 1", 3, 1),
        ("Las Angkatan 1", 6, 2),
        ("Las Angkatan 2", 3, 1),
    ]
    assert response.context["pending"].graduates_to_trace == 4
    # The first cohort's rows are here; the others link to their own page.
    rows = response.context["tracer_formset"]
    assert [form.graduate.trainee.full_name for form in rows] == ["Belum Sama Sekali"]
    page = response.content.decode()
    assert f'action="{cohort_here(older, 3)}"' in page
    assert 'name="tracer-0-status"' in page
    assert f'href="{cohort_here(older, 6)}"' in page
    assert f'href="{cohort_here(recent, 3)}"' in page


def cohort_here(program, months: int) -> str:
    """The address of a cohort's tracer page that comes back here once saved."""
    return f"{reverse('manager:outcome-cohort', args=[program.pk, months])}?next={MONTHLY}"


def test_the_tracers_saved_here_come_back_here(client_a, institution_a, today):
    program = ended_program(institution_a, today, "Las Angkatan 1", days_ago=100)
    graduates = [graduate(program, "Ani"), graduate(program, "Budi")]
    rows = client_a.get(MONTHLY).context["tracer_formset"]
    changes = {0: {"status": Outcome.Status.WAGE_JOB, "employer_or_business": "Bengkel Jaya"}}

    response = client_a.post(cohort_here(program, 3), formset_post(rows, changes))

    assert response.status_code == 302
    assert response["Location"] == MONTHLY
    recorded = Outcome.objects.filter(enrollment__in=graduates)
    assert list(recorded.values_list("enrollment__trainee__full_name", "status")) == [
        ("Ani", Outcome.Status.WAGE_JOB)
    ]
    # Budi, skipped, stays to be called again.
    rows = client_a.get(MONTHLY).context["tracer_formset"]
    assert [form.graduate for form in rows] == [graduates[1]]


def test_pbk_reports_due_or_late_are_uploaded_here(client_a, institution_a, today):
    late = factories.PBKAssistanceFactory(
        institution=institution_a, year=2021, report_due_date=today - 5 * DAY
    )
    soon = factories.PBKAssistanceFactory(
        institution=institution_a, year=2023, report_due_date=today + 5 * DAY
    )
    factories.PBKAssistanceFactory(
        institution=institution_a, year=2022, report_due_date=today + 90 * DAY
    )
    page = client_a.get(MONTHLY).content.decode()
    assert "PBK 2021" in page and "PBK 2023" in page and "PBK 2022" not in page
    for grant in (late, soon):
        upload = reverse("manager:pbk-report-upload", args=[grant.pk])
        assert f'enctype="multipart/form-data" action="{upload}?next={MONTHLY}"' in page
        assert f'id="pbk-{grant.pk}-report_file"' in page

    upload = reverse("manager:pbk-report-upload", args=[late.pk])
    report = SimpleUploadedFile("laporan.pdf", BLANK_PDF, content_type="application/pdf")
    response = client_a.post(f"{upload}?next={MONTHLY}", {"report_file": report})

    assert response.status_code == 302
    assert response["Location"] == MONTHLY
    late.refresh_from_db()
    assert (bool(late.report_file), late.report_submitted_on) == (True, today)
    assert "PBK 2021" not in client_a.get(MONTHLY).content.decode()


def test_instructor_certificates_ending_within_60_days(client_a, institution_a, today):
    def certificate(name, valid_until, **instructor):
        return factories.InstructorCertificateFactory(
            instructor=factories.InstructorFactory(
                institution=institution_a, full_name=name, **instructor
            ),
            issued_on=today - 900 * DAY,
            valid_until=valid_until,
        )

    ending = certificate("Ustadz Hasan", today + 60 * DAY)
    certificate("Bu Rina", today + 61 * DAY)
    certificate("Pak Lama", today - DAY)
    certificate("Tidak Aktif", today + 10 * DAY, is_active=False)

    pending = client_a.get(MONTHLY).context["pending"]
    assert [c.instructor.full_name for c in pending.certificates_ending] == ["Ustadz Hasan"]
    page = client_a.get(MONTHLY).content.decode()
    assert reverse("manager:instructor-update", args=[ending.instructor_id]) in page


def test_another_blkks_work_never_appears(client_a, institution_b, today):
    fill_blkk(institution_b, today, count=1, tag="B")
    response = client_a.get(MONTHLY)
    assert not response.context["pending"]
    page = response.content.decode()
    assert " B 0" not in page
    assert "Tidak ada yang menunggu bulan ini." in page


@pytest.mark.parametrize("count", [1, 8])
def test_the_query_budget_does_not_grow_with_the_rows(
    client_a, institution_a, today, count, django_assert_max_num_queries
):
    fill_blkk(institution_a, today, count=count, tag="A")
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client_a.get(MONTHLY)
    pending = response.context["pending"]
    assert pending.applications.count == count
    assert pending.programs_awaiting_results.count == count
    assert len(pending.tracer_cohorts) == 2 * count  # the 3 and 6-month tracers
    assert pending.pbk_reports.count == count
    assert len(pending.certificates_ending) == count
    assert len(response.context["results_formset"].forms) == 1
    assert len(response.context["tracer_formset"].forms) == 1
