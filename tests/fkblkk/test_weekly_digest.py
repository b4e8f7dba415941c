"""The weekly digest: what waits at a manager's BLKK, e-mailed on Monday mornings."""

import datetime

import pytest
from celery.schedules import crontab
from django.core import mail

from fkblkk import tasks
from fkblkk.celery import app as celery_app
from tests import factories
from trainings.models import TrainingProgram

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)
PORTAL = "https://fkblkk.example.id"
Status = TrainingProgram.Status


@pytest.fixture(autouse=True)
def portal(settings):
    settings.PORTAL_BASE_URL = PORTAL


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The Monday task for ``day``, with the per-manager tasks it queues after commit."""

    def run(day=MONDAY):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_weekly_digests.delay(day.isoformat()).get()

    return run


def applicant(institution, name="Siti Pendaftar"):
    program = factories.TrainingProgramFactory(
        institution=institution,
        status=Status.OPEN,
        title="Menjahit Dasar",
        registration_closes=MONDAY + 3 * DAY,
        start_date=MONDAY + 10 * DAY,
        end_date=MONDAY + 40 * DAY,
    )
    return factories.EnrollmentFactory(program=program, trainee__full_name=name)


def test_the_digest_goes_out_on_monday_at_seven():
    entry = celery_app.conf.beat_schedule["send-weekly-digests"]
    assert entry["task"] == "fkblkk.tasks.send_weekly_digests"
    assert entry["schedule"] == crontab(hour=7, minute=0, day_of_week="mon")


def test_each_manager_gets_what_waits_at_their_blkk_with_links(
    run, manager_a, manager_b, institution_a, institution_b
):
    enrollment = applicant(institution_a)
    grant = factories.PBKAssistanceFactory(
        institution=institution_a, year=2021, report_due_date=MONDAY - DAY
    )
    certificate = factories.InstructorCertificateFactory(
        instructor=factories.InstructorFactory(institution=institution_a, full_name="Ustadz Hasan"),
        issued_on=MONDAY - 900 * DAY,
        valid_until=MONDAY + 20 * DAY,
    )
    completed = factories.TrainingProgramFactory(
        institution=institution_a,
        status=Status.COMPLETED,
        title="Las Angkatan 1",
        start_date=MONDAY - 230 * DAY,
        end_date=MONDAY - 200 * DAY,
        registration_closes=MONDAY - 240 * DAY,
    )
    factories.GraduateFactory(program=completed, completed_on=completed.end_date)

    assert run() == 2  # both managers are asked; B's BLKK has nothing waiting

    [message] = mail.outbox
    assert message.to == [manager_a.email]
    assert "BLKK Al-Hidayah" in message.subject
    at_a = f"?blkk={institution_a.pk}"  # every link opens its page at the digest's BLKK
    body = message.body
    assert "1 pendaftar menunggu keputusan" in body
    assert f"{PORTAL}/pengelola/pendaftar/{at_a}" in body
    assert "Pendaftaran ditutup minggu ini" in body and "Menjahit Dasar" in body
    assert f"{PORTAL}/pengelola/program/{enrollment.program_id}/{at_a}" in body
    assert f"{PORTAL}/pengelola/tracer/angkatan/{completed.pk}/3/{at_a}" in body
    assert f"{PORTAL}/pengelola/tracer/angkatan/{completed.pk}/6/{at_a}" in body
    assert f"{PORTAL}/pengelola/bantuan-pbk/{grant.pk}/laporan/{at_a}" in body
    assert "Ustadz Hasan" in body
    assert f"{PORTAL}/pengelola/instruktur/{certificate.instructor_id}/ubah/{at_a}" in body
    assert f"{PORTAL}/pengelola/pembaruan-bulanan/{at_a}" in body
    assert "BLKK Darul Ulum" not in body


def test_program_starts_this_week_are_listed(run, manager_a, institution_a):
    factories.TrainingProgramFactory(
        institution=institution_a,
        status=Status.PUBLISHED,
        title="Tata Boga Mulai Sabtu",
        registration_closes=MONDAY - 3 * DAY,
        start_date=MONDAY + 5 * DAY,
        end_date=MONDAY + 30 * DAY,
    )
    factories.TrainingProgramFactory(
        institution=institution_a,
        status=Status.PUBLISHED,
        title="Mulai Minggu Depan",
        registration_closes=MONDAY - 3 * DAY,
        start_date=MONDAY + 7 * DAY,
        end_date=MONDAY + 30 * DAY,
    )
    run()
    [message] = mail.outbox
    assert "Program dimulai minggu ini" in message.body
    assert "Tata Boga Mulai Sabtu" in message.body
    assert "Mulai Minggu Depan" not in message.body


def test_nothing_waiting_sends_nothing(run, manager_a, institution_a):
    assert run() == 1
    assert mail.outbox == []


def test_once_a_week_per_manager(run, manager_a, institution_a):
    applicant(institution_a)
    run()
    run(MONDAY + 2 * DAY)  # a rerun within the week
    assert len(mail.outbox) == 1
    run(MONDAY + 7 * DAY)
    assert len(mail.outbox) == 2


def test_managers_without_an_address_or_inactive_are_skipped(run, manager_a, institution_a):
    applicant(institution_a)
    manager_a.email = ""
    manager_a.save()
    assert run() == 0
    assert mail.outbox == []
