"""Every e-mail the portal sends reads as plain text where it is plain text: its subject and
its text part carry names as written (Manba'ul Ulum, "Al-Ikhlas" & Co), never HTML entities."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from fkblkk import accounts, digest
from partnerships import services as partnership_services
from tests import factories
from trainings import services as training_services
from trainings.models import Enrollment, TrainingProgram

pytestmark = pytest.mark.django_db

BLKK_NAME = "BLKK Manba'ul Ulum"
PROGRAM_TITLE = 'Menjahit "Busana" & Bordir <Dasar>'
TRAINEE_NAME = "Siti Nur'aini"
PARTNER_NAME = "PT Maju & Jaya's"
HTML_ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")
DAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def portal(settings):
    settings.PORTAL_BASE_URL = "https://fkblkk.example.id"


@pytest.fixture
def institution(manager_a):
    return factories.InstitutionFactory(name=BLKK_NAME, managers=[manager_a])


def enrollment_in(institution, status=Enrollment.Status.APPLIED, **program_fields):
    program = factories.TrainingProgramFactory(
        institution=institution, title=PROGRAM_TITLE, **program_fields
    )
    trainee = factories.TraineeFactory(full_name=TRAINEE_NAME, email="siti@example.com")
    return factories.EnrollmentFactory(program=program, trainee=trainee, status=status)


def application_received(institution, **_):
    enrollment = enrollment_in(institution)
    training_services.enrollment_send_confirmation(enrollment_id=enrollment.pk)
    return [TRAINEE_NAME, PROGRAM_TITLE]


def decided(institution, status, **fields):
    """An application decided long enough ago for its e-mail to be due."""
    enrollment = enrollment_in(institution, status=status)
    due = timezone.now() - datetime.timedelta(minutes=1)
    Enrollment.objects.filter(pk=enrollment.pk).update(decision_mail_due_at=due, **fields)
    return enrollment


def application_accepted(institution, **_):
    enrollment = decided(
        institution, Enrollment.Status.ACCEPTED, decision_message="Bawa KTP & ijazah's."
    )
    training_services.enrollment_send_decision(enrollment_id=enrollment.pk)
    return [TRAINEE_NAME, PROGRAM_TITLE, "Bawa KTP & ijazah's."]


def application_rejected(institution, **_):
    enrollment = decided(
        institution,
        Enrollment.Status.REJECTED,
        rejection_reason=Enrollment.RejectionReason.OTHER,
        decision_message='Jadwal "pagi" & sore bentrok.',
    )
    training_services.enrollment_send_decision(enrollment_id=enrollment.pk)
    return [TRAINEE_NAME, PROGRAM_TITLE, 'Jadwal "pagi" & sore bentrok.']


def program_cancelled(institution, **_):
    enrollment = enrollment_in(institution)
    TrainingProgram.objects.filter(pk=enrollment.program_id).update(
        status=TrainingProgram.Status.CANCELLED
    )
    training_services.enrollment_send_cancellation(enrollment_id=enrollment.pk)
    return [TRAINEE_NAME, PROGRAM_TITLE]


def pbk_report_reminder(institution, **_):
    factories.PBKAssistanceFactory(
        institution=institution, report_due_date=DAY + datetime.timedelta(days=7)
    )
    training_services.pbk_report_send_reminder(institution_id=institution.pk, today=DAY)
    return [BLKK_NAME]


def weekly_digest(institution, manager_a, **_):
    enrollment_in(
        institution,
        status=Enrollment.Status.APPLIED,
        registration_closes=DAY + datetime.timedelta(days=2),
        start_date=DAY + datetime.timedelta(days=5),
        end_date=DAY + datetime.timedelta(days=30),
    )
    digest.weekly_digest_send(user_id=manager_a.pk, today=DAY)
    return [BLKK_NAME, PROGRAM_TITLE]


def partnership_ending(institution, secretariat, **_):
    factories.PartnershipFactory(
        partner=factories.PartnerFactory(name=PARTNER_NAME),
        start_date=DAY - datetime.timedelta(days=200),
        end_date=DAY + datetime.timedelta(days=30),
    )
    partnership_services.partnership_remind_ending(today=DAY)
    return [PARTNER_NAME]


def password_reset(institution, manager_a, client, **_):
    manager_a.first_name, manager_a.last_name = "Nur'aini", "& Co"
    manager_a.save()
    accounts.send_password_reset(manager_a.pk)
    return ["Nur'aini & Co"]


@pytest.mark.parametrize(
    "send",
    [
        application_received,
        application_accepted,
        application_rejected,
        program_cancelled,
        pbk_report_reminder,
        weekly_digest,
        partnership_ending,
        password_reset,
    ],
)
def test_subject_and_text_part_carry_names_as_written(
    send, institution, manager_a, secretariat, client
):
    written = send(institution, manager_a=manager_a, secretariat=secretariat, client=client)

    [message] = mail.outbox
    assert not HTML_ENTITY.search(message.subject), message.subject
    assert not HTML_ENTITY.search(message.body), message.body
    text = f"{message.subject}\n{message.body}"
    assert [name for name in written if name not in text] == []
    [(html, _type)] = message.alternatives
    # The HTML part escapes them, as HTML must.
    assert "&amp;" in html or "&#x27;" in html
