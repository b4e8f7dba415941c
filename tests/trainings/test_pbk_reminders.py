"""Reminders to a BLKK's managers of PBK realisation reports coming due or just late."""

import datetime
import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation

from core import roles
from institutions.models import InstitutionManager
from tests import factories
from trainings import services, tasks

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
years = iter(range(2017, 2100))


def due_in(days, institution, today=DAY, **kwargs):
    return factories.PBKAssistanceFactory(
        institution=institution,
        year=next(years),
        report_due_date=today + datetime.timedelta(days=days),
        **kwargs,
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The morning task for ``day``, with the per-BLKK tasks it queues after commit."""

    def run(day=DAY):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_pbk_report_reminders.delay(day.isoformat()).get()

    return run


@pytest.fixture(autouse=True)
def portal(settings):
    settings.PORTAL_BASE_URL = "https://fkblkk.example.id"


def test_reports_due_in_30_7_and_1_days_or_since_yesterday_are_picked(institution_a):
    picked = {days: due_in(days, institution_a) for days in (30, 7, 1, -1)}
    for days in (31, 29, 8, 6, 2, 0, -2, -30):
        due_in(days, institution_a)

    [grants] = services.pbk_reports_for_reminder(DAY).values()

    assert {grant.days_left: grant.pk for grant in grants} == {
        days: grant.pk for days, grant in picked.items()
    }


def test_submitted_reports_and_inactive_blkk_are_left_out(institution_a, run):
    due_in(
        7,
        institution_a,
        report_submitted_on=DAY,
        report_file=ContentFile(b"%PDF-1.4", name="laporan.pdf"),
    )
    manager = factories.UserFactory(username="pengelola-lama", role=roles.MANAGER)
    closed = factories.InstitutionFactory(is_active=False, managers=[manager])
    due_in(7, closed)

    assert services.pbk_reports_for_reminder(DAY) == {}
    assert run() == 0
    assert mail.outbox == []


def test_one_mail_per_blkk_to_that_blkks_managers_only(
    institution_a, institution_b, manager_a, manager_b, secretariat, run
):
    colleague = factories.UserFactory(username="kepala-a", role=roles.MANAGER)
    InstitutionManager.objects.create(user=colleague, institution=institution_a)
    for username, extra in (("keluar", {"is_active": False}), ("tanpa-email", {"email": ""})):
        user = factories.UserFactory(username=username, role=roles.MANAGER, **extra)
        InstitutionManager.objects.create(user=user, institution=institution_a)
    due_in(30, institution_a)
    due_in(7, institution_a)
    due_in(-1, institution_b)

    assert run() == 2

    recipients = sorted(sorted(message.to) for message in mail.outbox)
    assert recipients == sorted([sorted([manager_a.email, colleague.email]), [manager_b.email]])


def test_mail_lists_the_grants_in_indonesian_with_the_portal_link(institution_a, manager_a, run):
    due_in(7, institution_a, decree_number="SK-PBK/07/2025")
    due_in(-1, institution_a)
    due_in(1, institution_a)

    with translation.override("en"):
        run()

    [message] = mail.outbox
    text, (html, mimetype) = message.body, message.alternatives[0]
    assert mimetype == "text/html"
    assert message.subject == "Pengingat laporan realisasi PBK: BLKK Al-Hidayah"
    for body in (text, html):
        assert "SK-PBK/07/2025" in body
        assert "7 hari lagi" in body
        assert "besok" in body
        assert "sudah terlambat" in body
        assert "9 Maret 2026" in body
        assert "https://fkblkk.example.id/pengelola/bantuan-pbk/" in body
    # Most urgent first: the late report, then tomorrow's, then next week's.
    assert text.index("sudah terlambat") < text.index("besok") < text.index("7 hari lagi")


def test_running_twice_the_same_day_sends_once_and_the_next_reminder_day_again(
    institution_a, manager_a, run
):
    grant = due_in(30, institution_a)

    run()
    run()
    assert len(mail.outbox) == 1

    run(grant.report_due_date - datetime.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert "7 hari lagi" in mail.outbox[1].body


def test_a_report_submitted_after_queuing_is_not_reminded(institution_a, manager_a):
    grant = due_in(1, institution_a)
    grant.report_file.save("laporan.pdf", ContentFile(b"%PDF-1.4"), save=False)
    grant.report_submitted_on = DAY
    grant.save()

    assert services.pbk_report_send_reminder(institution_id=institution_a.pk, today=DAY) is False
    assert mail.outbox == []


def test_a_refused_mail_asks_for_a_retry_and_the_retry_sends_once(
    institution_a, manager_a, monkeypatch, run
):
    due_in(7, institution_a)
    real_send = EmailMultiAlternatives.send
    attempts = []

    def send_failing_once(message, *args, **kwargs):
        attempts.append(message)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_failing_once)
    with pytest.raises(Retry):
        run()
    assert mail.outbox == []
    # What the worker does later with the retry:
    assert tasks.send_pbk_report_reminder.delay(institution_a.pk, DAY.isoformat()).get() is True
    assert run() == 1
    assert len(attempts) == 2
    assert len(mail.outbox) == 1


def test_without_a_day_the_task_takes_today_in_jakarta(
    institution_a, manager_a, django_capture_on_commit_callbacks
):
    due_in(30, institution_a, today=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_pbk_report_reminders.delay().get() == 1
    assert len(mail.outbox) == 1
