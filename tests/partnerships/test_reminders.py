"""The secretariat's morning digest of partnerships ending in 90, 30 and 7 days."""

import datetime
import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone, translation

from core import roles
from partnerships import services, tasks
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def ending_in(days, today=DAY, **kwargs):
    kwargs.setdefault("start_date", today - datetime.timedelta(days=200))
    return factories.PartnershipFactory(end_date=today + datetime.timedelta(days=days), **kwargs)


def run(day=DAY):
    return tasks.send_partnership_ending_reminders.delay(day.isoformat()).get()


@pytest.fixture(autouse=True)
def portal(settings):
    settings.PORTAL_BASE_URL = "https://fkblkk.example.id"


def test_partnerships_ending_in_exactly_90_30_and_7_days_are_picked():
    picked = {days: ending_in(days) for days in (90, 30, 7)}
    for days in (91, 89, 31, 8, 6, 1, 0):
        ending_in(days)

    grouped = services.partnerships_ending_for_reminder(DAY)

    assert {days: [p.pk for p in found] for days, found in grouped.items()} == {
        days: [partnership.pk] for days, partnership in picked.items()
    }


def test_ended_upcoming_and_terminated_partnerships_are_left_out():
    factories.PartnershipFactory(
        start_date=DAY - datetime.timedelta(days=400), end_date=DAY - datetime.timedelta(days=1)
    )
    # Not yet in force on the day.
    ending_in(30, start_date=DAY + datetime.timedelta(days=1))
    ending_in(90, terminated_on=DAY - datetime.timedelta(days=1))
    # Ends early on a date already set: the end date is not what ends it.
    ending_in(30, terminated_on=DAY + datetime.timedelta(days=10))

    assert services.partnerships_ending_for_reminder(DAY) == {}
    assert run() is False
    assert mail.outbox == []


def test_one_digest_to_the_active_secretariat_members_with_an_address(secretariat, manager_a):
    colleague = factories.SecretariatUserFactory(username="sekretaris-2")
    factories.SecretariatUserFactory(username="pensiun", is_active=False)
    factories.SecretariatUserFactory(username="tanpa-email", email="")
    factories.UserFactory(username="disnaker", role=roles.DISNAKER)
    ending_in(90)
    ending_in(30)
    ending_in(7)

    assert run() is True

    [message] = mail.outbox
    assert sorted(message.to) == sorted([secretariat.email, colleague.email])


def test_digest_lists_partnerships_by_threshold_with_their_details(secretariat):
    institution = factories.InstitutionFactory(name="BLKK Nurul Falah")
    named = ending_in(
        30,
        covers_whole_forum=False,
        institutions=[institution],
        partner=factories.PartnerFactory(name="PT Sinar Garmen"),
        agreement_number="PKS/12/2025",
    )
    forum_wide = ending_in(90, partner=factories.PartnerFactory(name="Bank Banten"))

    with translation.override("en"):
        run()

    [message] = mail.outbox
    text, (html, mimetype) = message.body, message.alternatives[0]
    assert mimetype == "text/html"
    assert message.subject == "Pengingat: 2 kemitraan segera berakhir"
    assert text.index("Berakhir dalam 30 hari") < text.index("Berakhir dalam 90 hari")
    assert text.index("PT Sinar Garmen") < text.index("Berakhir dalam 90 hari")
    assert text.index("Bank Banten") > text.index("Berakhir dalam 90 hari")
    for body in (text, html):
        assert "PKS/12/2025" in body
        assert "BLKK Nurul Falah" in body
        assert "seluruh forum" in body
        assert "QuerySet" not in body
        assert "1 April 2026" in body
        for partnership in (named, forum_wide):
            assert (
                f"https://fkblkk.example.id/admin/partnerships/partnership/{partnership.pk}/change/"
                in body
            )
    assert f"Ruang lingkup: {named.scopes.get().name}\n" in text
    assert "BLKK: BLKK Nurul Falah\n" in text
    # The partner's contact person is nobody else's business.
    assert named.partner.contact_email not in text + html
    assert named.partner.contact_phone not in text + html


def test_running_twice_the_same_day_sends_once_and_the_next_threshold_again(secretariat):
    partnership = ending_in(30)

    assert run() is True
    assert run() is False
    assert len(mail.outbox) == 1

    # 23 days later the same partnership ends in 7 days.
    assert run(partnership.end_date - datetime.timedelta(days=7)) is True
    assert len(mail.outbox) == 2
    assert "Berakhir dalam 7 hari" in mail.outbox[1].body


def test_a_day_without_recipients_sends_nothing_and_marks_nothing(secretariat):
    ending_in(7)
    secretariat.is_active = False
    secretariat.save()

    assert run() is False

    secretariat.is_active = True
    secretariat.save()
    assert run() is True
    assert len(mail.outbox) == 1


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection lost")


def test_a_refused_mail_asks_for_a_retry_and_the_retry_sends_once(secretariat, settings):
    ending_in(90)
    locmem = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"

    with pytest.raises(Retry):
        run()

    # What the worker does later with the retry, once the mail server is back:
    settings.EMAIL_BACKEND = locmem
    assert run() is True
    assert run() is False
    assert len(mail.outbox) == 1


def test_without_a_day_the_task_takes_today_in_jakarta(secretariat):
    today = timezone.localdate()
    ending_in(90, today=today)

    assert tasks.send_partnership_ending_reminders.delay().get() is True
    assert len(mail.outbox) == 1
