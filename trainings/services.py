"""Writes on training programs that touch several rows or run outside a request."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import tasks
from .models import Enrollment, Trainee, TrainingProgram


def program_close_registrations_past_deadline(*, today: datetime.date | None = None) -> int:
    """Close registration of every open program whose closing date has passed.

    Returns how many programs it closed. Running it again closes nothing more, so the
    nightly task may be retried safely. The history rows carry the reason, since no user
    made the change.
    """
    reason = gettext("Ditutup otomatis: batas pendaftaran sudah lewat.")
    closed = 0
    with transaction.atomic():
        programs = TrainingProgram.objects.registration_past_deadline(today).select_for_update()
        for program in programs:
            program._change_reason = reason
            program.close_registration()
            closed += 1
    return closed


# Applications ---------------------------------------------------------------------------

CONFIRMATION_SENT_KEY = "trainings:confirmation-sent:{pk}"
CONFIRMATION_SENT_SECONDS = 30 * 24 * 60 * 60


def _same_person(trainee: Trainee, data: dict) -> bool:
    def comparable(name: str) -> str:
        return " ".join(name.split()).casefold()

    return (
        comparable(trainee.full_name) == comparable(data["full_name"])
        and trainee.birth_date == data["birth_date"]
        and trainee.gender == data["gender"]
    )


def _trainee_for_application(data: dict) -> Trainee:
    """The person with this NIK: created, or updated when the form names the same person.

    An anonymous form must not rewrite someone else's record, so a known NIK is taken only
    when the full name, birth date and gender agree with those stored; then the contact
    details, education and occupation are updated (the history keeps the old values).
    Otherwise it is refused without saying which of them differs, which would tell a
    stranger what is stored.
    """
    trainee = Trainee.objects.select_for_update().filter(nik=data["nik"]).first()
    if trainee is None:
        trainee = Trainee(**data)
        trainee.full_clean(validate_unique=False)
        try:
            # A savepoint: a concurrent first application with the same NIK may win the race.
            with transaction.atomic():
                trainee.save()
            return trainee
        except IntegrityError:
            trainee = Trainee.objects.select_for_update().get(nik=data["nik"])
    if not _same_person(trainee, data):
        raise ValidationError(
            {
                "nik": _(
                    "NIK ini sudah terdaftar dengan nama, tanggal lahir, atau jenis kelamin "
                    "yang berbeda. Periksa kembali isian Anda, atau hubungi BLKK bila data "
                    "lama Anda perlu diperbaiki."
                )
            },
            code="identity_mismatch",
        )
    for field in Trainee.CONTACT_FIELDS:
        setattr(trainee, field, data[field])
    trainee.full_clean()
    trainee.save()
    return trainee


def enrollment_apply(*, program: TrainingProgram, trainee_data: dict) -> Enrollment:
    """Take a visitor's application to ``program``; the BLKK's manager decides on it later.

    ``trainee_data`` holds the ``Trainee`` fields by name. The program row is locked so
    that two applicants cannot both take the last seat or both pass the checks. Raises
    ValidationError (by field where one is to blame) when registration is not open, the
    person is outside the age limits, the NIK belongs to a different person, or the person
    already applied; nothing is saved then. The confirmation e-mail is queued once the
    application is committed.
    """
    with transaction.atomic():
        program = (
            TrainingProgram.objects.select_related("institution")
            .select_for_update(of=("self",))
            .get(pk=program.pk)
        )
        refusal = program.registration_refusal()
        if refusal:
            raise ValidationError(refusal, code="registration_closed")
        age_refusal = program.age_refusal(trainee_data["birth_date"])
        if age_refusal:
            raise ValidationError({"birth_date": age_refusal}, code="age_limit")
        trainee = _trainee_for_application(trainee_data)
        if program.enrollments.filter(trainee=trainee).exists():
            raise ValidationError(
                _("NIK ini sudah terdaftar di program ini; pendaftaran cukup sekali."),
                code="already_applied",
            )
        enrollment = Enrollment.objects.create(trainee=trainee, program=program)
        # robust: a broker or mail server that is down must not turn an application that is
        # already stored into an error page; the failure is logged instead.
        transaction.on_commit(
            lambda: tasks.send_application_confirmation.delay(enrollment.pk), robust=True
        )
    return enrollment


def enrollment_send_confirmation(*, enrollment_id: int) -> bool:
    """E-mail the applicant that the application arrived; True when a message went out.

    Idempotent: a marker in the cache, set before sending and removed if sending fails,
    keeps a retried or redelivered task from sending twice. Nothing is sent to applicants
    without an e-mail address or for an enrollment that no longer exists.
    """
    enrollment = (
        Enrollment.objects.select_related("trainee", "program__institution__district")
        .filter(pk=enrollment_id)
        .first()
    )
    if enrollment is None or not enrollment.trainee.email:
        return False
    marker = CONFIRMATION_SENT_KEY.format(pk=enrollment.pk)
    if not cache.add(marker, True, CONFIRMATION_SENT_SECONDS):
        return False
    try:
        _confirmation_message(enrollment).send()
    except Exception:
        cache.delete(marker)
        raise
    return True


def _confirmation_message(enrollment: Enrollment) -> EmailMultiAlternatives:
    context = {"enrollment": enrollment, "program": enrollment.program}
    # Official notices go out in Indonesian, whatever language the form was filled in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/trainings/application_received_subject.txt", context)
        text = render_to_string("emails/trainings/application_received.txt", context)
        html = render_to_string("emails/trainings/application_received.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[enrollment.trainee.email]
    )
    message.attach_alternative(html, "text/html")
    return message
