"""Writes on training programs that touch several rows or run outside a request."""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.mail import portal_url, send_once
from core.queueing import queue_after_commit
from core.slugs import save_with_unique_slug
from institutions.models import District, VocationalField

from .models import Enrollment, PBKAssistance, ProgramAlert, Trainee, TrainingProgram
from .selectors import PublicStatus, program_public_queryset
from .summaries import program_summaries_deferred


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


def same_person(trainee: Trainee, data: dict) -> bool:
    """Whether ``data`` names the stored person: same full name, birth date and gender.

    The rule for a NIK that is already known, shared by the public application form and the
    managers' participant import: names compare without case and extra spaces.
    """

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
    if not same_person(trainee, data):
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
        queue_after_commit("trainings.tasks.send_application_confirmation", enrollment.pk)
    return enrollment


def enrollment_send_confirmation(*, enrollment_id: int) -> bool:
    """E-mail the applicant that the application arrived; True when a message went out.

    Idempotent: a marker in the cache, set before sending and removed if sending fails,
    keeps a retried or redelivered task from sending twice. Nothing is sent to applicants
    without an e-mail address or for an enrollment that no longer exists.
    """
    return _email_applicant_once(
        _enrollment_to_email(pk=enrollment_id),
        marker=CONFIRMATION_SENT_KEY.format(pk=enrollment_id),
        template="emails/trainings/application_received",
    )


def _enrollment_to_email(**filters) -> Enrollment | None:
    return (
        Enrollment.objects.select_related("trainee", "program__institution__district")
        .filter(**filters)
        .first()
    )


def _email_applicant_once(enrollment: Enrollment | None, *, marker: str, template: str, **context):
    """Send the e-mail ``template`` to the applicant once; True when a message went out.

    ``template`` names three files: ``<template>_subject.txt``, ``<template>.txt`` and
    ``<template>.html``. The cache ``marker`` is set before sending and removed when
    sending fails, so a retried task sends once (``core.mail.send_once``).
    """
    if enrollment is None or not enrollment.trainee.email:
        return False
    return send_once(
        marker=marker,
        template=template,
        context={"enrollment": enrollment, "program": enrollment.program, **context},
        to=[enrollment.trainee.email],
        timeout=CONFIRMATION_SENT_SECONDS,
    )


# "Kabari saya": alerts of programs opening registration -------------------------------

ALERT_CONFIRM_SALT = "trainings.program-alert.confirm"
ALERT_UNSUBSCRIBE_SALT = "trainings.program-alert.unsubscribe"
ALERT_CONFIRM_MAX_AGE = datetime.timedelta(days=7)
# A visitor who asks again within this time is not sent another confirmation.
ALERT_CONFIRMATION_RESEND_SECONDS = 60 * 60
ALERT_CONFIRMATION_SENT_KEY = "trainings:alert-confirmation-sent:{pk}"
ALERT_SENT_KEY = "trainings:alert-sent:{alert}:{program}"
ALERT_SENT_SECONDS = 90 * 24 * 60 * 60


def alert_token(alert: ProgramAlert, *, salt: str) -> str:
    """A signed token naming ``alert``; its creation time makes it useless for a later row
    that might get the same id. It carries no e-mail address: links end up in logs."""
    return signing.dumps([alert.pk, int(alert.created_at.timestamp())], salt=salt)


def alert_from_token(token: str, *, salt: str, max_age=None) -> ProgramAlert | None:
    """The alert a token names, or None when the token is forged, expired or stale."""
    try:
        pk, created = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    alert = ProgramAlert.objects.select_related("field", "district").filter(pk=pk).first()
    if alert is None or int(alert.created_at.timestamp()) != created:
        return None
    return alert


def program_alert_request(
    *, email: str, field: VocationalField, district: District, consent_text: str
) -> ProgramAlert:
    """Record a visitor's wish to hear of programs of ``field`` in ``district`` and queue the
    confirmation e-mail (double opt-in). Asking again answers the same whether or not the
    address was known, so the form tells nobody who subscribed; a confirmed alert stays
    as it was."""
    with transaction.atomic():
        alert, created = ProgramAlert.objects.select_for_update().get_or_create(
            email=email.strip().lower(),
            field=field,
            district=district,
            defaults={"consent_text": consent_text, "consented_at": timezone.now()},
        )
        if alert.confirmed_at is None:
            if not created:
                alert.consent_text, alert.consented_at = consent_text, timezone.now()
                alert.save(update_fields=["consent_text", "consented_at", "updated_at"])
            queue_after_commit("trainings.tasks.send_program_alert_confirmation", alert.pk)
    return alert


def program_alert_send_confirmation(*, alert_id: int) -> bool:
    """E-mail the link that confirms an alert; at most once an hour per alert."""
    alert = ProgramAlert.objects.select_related("field", "district").filter(pk=alert_id).first()
    if alert is None or alert.confirmed_at is not None:
        return False
    token = alert_token(alert, salt=ALERT_CONFIRM_SALT)
    return send_once(
        marker=ALERT_CONFIRMATION_SENT_KEY.format(pk=alert.pk),
        template="emails/trainings/program_alert_confirm",
        context={
            "alert": alert,
            "confirm_url": portal_url(reverse("trainings:alert-confirm", args=[token])),
            "days": ALERT_CONFIRM_MAX_AGE.days,
        },
        to=[alert.email],
        timeout=ALERT_CONFIRMATION_RESEND_SECONDS,
    )


def program_alert_confirm(*, alert: ProgramAlert) -> ProgramAlert:
    if alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.save(update_fields=["confirmed_at", "updated_at"])
    return alert


def program_alert_unsubscribe(*, alert: ProgramAlert) -> None:
    """Forget the alert, address and all."""
    alert.delete()


def program_alerts_send(*, program_id: int) -> int:
    """E-mail every confirmed alert of the program's kejuruan and kecamatan that its
    registration is open; each alert hears of a program once. Returns how many went out."""
    program = (
        program_public_queryset()
        .filter(pk=program_id, public_status=PublicStatus.OPEN)
        .select_related("institution__district")
        .first()
    )
    if program is None:
        return 0
    alerts = ProgramAlert.objects.filter(
        confirmed_at__isnull=False, field=program.field, district=program.institution.district
    ).order_by("pk")
    sent = 0
    for alert in alerts:
        unsubscribe_url = portal_url(
            reverse(
                "trainings:alert-unsubscribe",
                args=[alert_token(alert, salt=ALERT_UNSUBSCRIBE_SALT)],
            )
        )
        sent += send_once(
            marker=ALERT_SENT_KEY.format(alert=alert.pk, program=program.pk),
            template="emails/trainings/program_alert_opened",
            context={
                "program": program,
                "program_url": portal_url(program.get_absolute_url()),
                "unsubscribe_url": unsubscribe_url,
            },
            to=[alert.email],
            timeout=ALERT_SENT_SECONDS,
            # One-click unsubscribe from the mail program itself (RFC 8058).
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
    return sent


# Manager portal: programs --------------------------------------------------------------


def program_create(*, program: TrainingProgram, instructors=()) -> TrainingProgram:
    """Save a manager's new program (validated, owner set) as a draft with a generated slug."""
    program.status = TrainingProgram.Status.DRAFT

    def save():
        program.save()
        program.instructors.set(instructors)

    save_with_unique_slug(program, program.title, fallback="program", save=save)
    return program


def program_transition(*, program: TrainingProgram, transition: str, user) -> TrainingProgram:
    """Move ``program`` along one of ``TrainingProgram.TRANSITIONS`` for a manager.

    The row is locked, so two managers cannot move it at once from the same status. Raises
    KeyError for a name that is not a transition, and ValidationError (an InvalidTransition
    among them) when the current status or a guard refuses the move; nothing changes then.
    """
    if transition not in TrainingProgram.TRANSITIONS:
        raise KeyError(transition)
    with transaction.atomic():
        program = (
            TrainingProgram.objects.for_manager(user)
            .select_for_update(of=("self",))
            .get(pk=program.pk)
        )
        getattr(program, transition)()
        if transition == "cancel":
            _queue_cancellation_notices(program)
    return program


CANCELLATION_SENT_KEY = "trainings:cancellation-sent:{pk}"
# Who hears that a program is cancelled: everyone still waiting for it or holding a seat.
CANCELLATION_NOTICE_STATUSES = (
    Enrollment.Status.APPLIED,
    Enrollment.Status.ACCEPTED,
    Enrollment.Status.IN_TRAINING,
)


def _queue_cancellation_notices(program: TrainingProgram) -> None:
    waiting = (
        program.enrollments.filter(status__in=CANCELLATION_NOTICE_STATUSES)
        .exclude(trainee__email="")
        .values_list("pk", flat=True)
    )
    for enrollment_id in waiting:
        queue_after_commit("trainings.tasks.send_program_cancellation", enrollment_id)


def enrollment_send_cancellation(*, enrollment_id: int) -> bool:
    """E-mail an applicant or participant that their program was cancelled; True when sent.

    Sent once (a retried task does not repeat it), and only while the program is cancelled.
    """
    return _email_applicant_once(
        _enrollment_to_email(pk=enrollment_id, program__status=TrainingProgram.Status.CANCELLED),
        marker=CANCELLATION_SENT_KEY.format(pk=enrollment_id),
        template="emails/trainings/program_cancelled",
    )


# Manager portal: applications and enrollments -------------------------------------------

DECISION_SENT_KEY = "trainings:decision-sent:{pk}:{decision}"


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Terima")
    REJECT = "reject", _("Tolak")


def _seats_taken(program_ids) -> dict[int, int]:
    rows = (
        Enrollment.objects.filter(program__in=program_ids, status__in=Enrollment.SEATED_STATUSES)
        .values("program")
        .annotate(taken=Count("pk"))
    )
    return {row["program"]: row["taken"] for row in rows}


def enrollment_decide(
    *, enrollment_ids, decision: str, message: str, user, institution
) -> list[Enrollment]:
    """Accept or reject applications of ``institution`` at once: all of them, or none.

    Enrollments are fetched within what ``user`` manages at ``institution``; an id that is
    not found there raises Enrollment.DoesNotExist and nothing changes. The programs' rows
    are locked (in a fixed order) before the seats are counted, so two managers cannot both
    fill the last seat. ValidationError when an application was already decided, a program
    is finished or cancelled, or the batch accepts more people than a program has seats
    left. One e-mail per applicant with an address is queued once the decisions are
    committed, with the manager's ``message``.
    """
    ids = set(enrollment_ids)
    if decision not in Decision.values:
        raise ValueError(decision)
    # Each program's summary is recounted once, not once per decision.
    with transaction.atomic(), program_summaries_deferred():
        scoped = Enrollment.objects.for_manager(user).of_institution(institution)
        program_ids = sorted(set(scoped.filter(pk__in=ids).values_list("program", flat=True)))
        programs = {
            program.pk: program
            for program in TrainingProgram.objects.filter(pk__in=program_ids)
            .select_for_update()
            .order_by("pk")
        }
        enrollments = list(
            scoped.filter(pk__in=ids)
            .select_related("trainee")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not ids or len(enrollments) != len(ids):
            raise Enrollment.DoesNotExist
        taken = _seats_taken(program_ids)
        for program in programs.values():
            program.seats_taken = taken.get(program.pk, 0)
        for enrollment in enrollments:
            enrollment.program = programs[enrollment.program_id]
        _check_decisions(enrollments, decision)
        for enrollment in enrollments:
            if decision == Decision.ACCEPT:
                enrollment.accept()
                enrollment.program.seats_taken += 1
            else:
                enrollment.reject()
        for enrollment in enrollments:
            if enrollment.trainee.email:
                queue_after_commit(
                    "trainings.tasks.send_application_decision", enrollment.pk, decision, message
                )
    return enrollments


def _check_decisions(enrollments: list[Enrollment], decision: str) -> None:
    """Refuse the whole batch, naming each reason, before anything is written."""
    errors = []
    for enrollment in enrollments:
        if enrollment.status != Enrollment.Status.APPLIED:
            errors.append(
                _("Pendaftaran %(name)s sudah diputuskan (%(status)s).")
                % {"name": enrollment.trainee, "status": enrollment.get_status_display().lower()}
            )
    if decision == Decision.ACCEPT:
        accepting = Counter(enrollment.program_id for enrollment in enrollments)
        programs = {enrollment.program_id: enrollment.program for enrollment in enrollments}
        for program_id, count in accepting.items():
            program = programs[program_id]
            if program.status in (
                TrainingProgram.Status.COMPLETED,
                TrainingProgram.Status.CANCELLED,
            ):
                errors.append(
                    _("Program %(program)s sudah %(status)s; pendaftarnya tidak bisa diterima.")
                    % {"program": program, "status": program.get_status_display().lower()}
                )
            elif count > program.seats_left():
                errors.append(
                    _(
                        "Program %(program)s hanya punya %(seats)s kursi tersisa, sedangkan "
                        "%(count)s pendaftar dipilih untuk diterima. Tidak ada yang diubah."
                    )
                    % {"program": program, "seats": program.seats_left(), "count": count}
                )
    if errors:
        raise ValidationError(errors, code="decision_refused")


def enrollment_send_decision(*, enrollment_id: int, decision: str, message: str = "") -> bool:
    """E-mail the applicant the manager's decision; True when a message went out.

    Idempotent like ``enrollment_send_confirmation``: a retried task sends once. Nothing is
    sent when the application no longer has the decided status or has no e-mail address.
    """
    expected = {
        Decision.ACCEPT: Enrollment.Status.ACCEPTED,
        Decision.REJECT: Enrollment.Status.REJECTED,
    }[decision]
    return _email_applicant_once(
        _enrollment_to_email(pk=enrollment_id, status=expected),
        marker=DECISION_SENT_KEY.format(pk=enrollment_id, decision=decision),
        template="emails/trainings/application_decided",
        accepted=decision == Decision.ACCEPT,
        message=message.strip(),
    )


ENROLLMENT_MOVES = ("start_training", "withdraw", "graduate", "drop_out")


def enrollment_move(
    *,
    enrollment: Enrollment,
    move: str,
    user,
    result: str = "",
    certificates: dict | None = None,
) -> Enrollment:
    """Move a participant along: start training, withdraw, graduate or drop out.

    The row is locked. ``result`` and ``certificates`` (``Enrollment.graduate``'s keyword
    arguments) count for a graduate; a drop out may carry a result too. Raises KeyError for
    another name and ValidationError when the status refuses the move or the data break a
    rule; nothing changes then.
    """
    if move not in ENROLLMENT_MOVES:
        raise KeyError(move)
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.for_manager(user)
            .select_for_update(of=("self",))
            .get(pk=enrollment.pk)
        )
        _apply_move(enrollment, move, result=result, certificates=certificates or {})
    return enrollment


def _apply_move(enrollment: Enrollment, move: str, *, result: str, certificates: dict):
    if move == "graduate":
        enrollment.graduate(
            result=result or Enrollment.CompetencyResult.NOT_ASSESSED,
            **{
                name: value.strip() if isinstance(value, str) else value
                for name, value in certificates.items()
            },
        )
    elif move == "drop_out":
        enrollment.drop_out()
        if result and result != enrollment.competency_result:
            enrollment.competency_result = result
            enrollment.save(update_fields=["competency_result", "updated_at"])
    else:
        getattr(enrollment, move)()


def enrollment_move_many(
    *, program: TrainingProgram, enrollment_ids, move: str, user, result: str = ""
) -> list[Enrollment]:
    """The same move for several participants of ``program``: all of them, or none.

    For a whole class at once: start the training of everyone accepted, graduate those who
    passed with one result. Certificate numbers differ per person, so they are entered one
    by one. Raises Enrollment.DoesNotExist when an id is not a participant of ``program``
    that ``user`` manages, and ValidationError naming everyone the move does not fit.
    """
    if move not in ENROLLMENT_MOVES:
        raise KeyError(move)
    ids = set(enrollment_ids)
    # The program's summary is recounted once, not once per participant.
    with transaction.atomic(), program_summaries_deferred():
        enrollments = list(
            Enrollment.objects.for_manager(user)
            .filter(program=program, pk__in=ids)
            .select_related("trainee")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not ids or len(enrollments) != len(ids):
            raise Enrollment.DoesNotExist
        refused = [enrollment for enrollment in enrollments if not enrollment.can(move)]
        if refused:
            label = str(Enrollment.TRANSITIONS[move][0]).lower()
            raise ValidationError(
                [
                    _("Tidak bisa %(action)s %(name)s: statusnya %(status)s.")
                    % {
                        "action": label,
                        "name": enrollment.trainee,
                        "status": enrollment.get_status_display().lower(),
                    }
                    for enrollment in refused
                ],
                code="invalid_transition",
            )
        for enrollment in enrollments:
            _apply_move(enrollment, move, result=result, certificates={})
    return enrollments


# Reminders ------------------------------------------------------------------------------

# Days before the due date of a PBK realisation report on which its BLKK's managers are
# reminded, and -1: the day after the due date, the first day the report counts as late.
PBK_REPORT_REMINDER_DAYS = (30, 7, 1, -1)
PBK_REPORT_REMINDER_SENT_KEY = "trainings:pbk-report-reminder:{institution}:{day}"


def pbk_reports_for_reminder(
    today: datetime.date, *, institution_id: int | None = None
) -> dict[int, list[PBKAssistance]]:
    """Unsubmitted PBK reports due 30, 7 or 1 day(s) after ``today`` or due yesterday.

    Grouped by institution id; each grant carries ``days_left`` (-1 when late). Grants of
    BLKK that are no longer active are left out.
    """
    due_dates = {today + datetime.timedelta(days=days): days for days in PBK_REPORT_REMINDER_DAYS}
    grants = (
        PBKAssistance.objects.filter(
            report_submitted_on__isnull=True,
            report_due_date__in=due_dates,
            institution__is_active=True,
        )
        .select_related("institution", "field")
        .order_by("report_due_date", "-year", "field__name")
    )
    if institution_id is not None:
        grants = grants.filter(institution_id=institution_id)
    grouped: dict[int, list[PBKAssistance]] = {}
    for grant in grants:
        grant.days_left = due_dates[grant.report_due_date]
        grouped.setdefault(grant.institution_id, []).append(grant)
    return grouped


def pbk_report_remind_due(*, today: datetime.date | None = None) -> int:
    """Queue one reminder per BLKK with PBK reports due on a reminder day; returns how many.

    Each BLKK's mail is its own task, so a refused mail is retried for that BLKK alone.
    """
    today = today or timezone.localdate()
    institution_ids = sorted(pbk_reports_for_reminder(today))
    with transaction.atomic():
        for institution_id in institution_ids:
            queue_after_commit(
                "trainings.tasks.send_pbk_report_reminder",
                institution_id,
                today.isoformat(),
                robust=False,
            )
    return len(institution_ids)


def pbk_report_send_reminder(*, institution_id: int, today: datetime.date) -> bool:
    """E-mail the managers of one BLKK its PBK reports due on ``today``'s reminder days.

    True when the mail went out. One mail per BLKK per day, however often the task runs
    (see ``core.mail.send_once``); nothing is sent when the reports were submitted in the
    meantime or the BLKK has no active manager with an e-mail address.
    """
    grants = pbk_reports_for_reminder(today, institution_id=institution_id).get(institution_id)
    if not grants:
        return False
    managers = (
        get_user_model()
        .objects.filter(is_active=True, institution_links__institution_id=institution_id)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return send_once(
        marker=PBK_REPORT_REMINDER_SENT_KEY.format(
            institution=institution_id, day=today.isoformat()
        ),
        template="emails/trainings/pbk_report_reminder",
        context={
            "institution": grants[0].institution,
            "grants": grants,
            "today": today,
            "pbk_url": portal_url(reverse("manager:pbk-list")),
        },
        to=list(managers),
    )
