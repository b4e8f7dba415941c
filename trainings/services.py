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
from .status_links import status_path
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


def enrollment_withdraw_by_applicant(*, enrollment: Enrollment) -> Enrollment:
    """The applicant withdraws, from their personal page; an accepted applicant's seat is free.

    The row is locked and read afresh, so a second click, or a manager's decision a moment
    before, is judged on the status as it is now: ``InvalidTransition`` (a ValidationError)
    when the status no longer allows a withdrawal. The history names the applicant as the
    one who withdrew, since no user is signed in.
    """
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("program__institution")
            .get(pk=enrollment.pk)
        )
        enrollment._change_reason = gettext("Diundurkan oleh pendaftar lewat tautan pribadinya.")
        enrollment.withdraw()
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
    ``<template>.html``; each may link to the applicant's personal page (``status_url``) and
    to the status check (``check_url``). The cache ``marker`` is set before sending and removed when
    sending fails, so a retried task sends once (``core.mail.send_once``).
    """
    if enrollment is None or not enrollment.trainee.email:
        return False
    return send_once(
        marker=marker,
        template=template,
        context={
            "enrollment": enrollment,
            "program": enrollment.program,
            "status_url": portal_url(status_path(enrollment)),
            "check_url": portal_url(reverse("applications:check")),
            **context,
        },
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

DECISION_SENT_KEY = "trainings:decision-sent:{pk}:{due}"


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
    *, enrollment_ids, decision: str, message: str, user, institution, reason: str = ""
) -> list[Enrollment]:
    """Accept or reject applications of ``institution`` at once: all of them, or none.

    Enrollments are fetched within what ``user`` manages at ``institution``; an id that is
    not found there raises Enrollment.DoesNotExist and nothing changes. The programs' rows
    are locked (in a fixed order) before the seats are counted, so two managers cannot both
    fill the last seat. ValidationError when an application was already decided, a program
    is finished or cancelled, the batch accepts more people than a program has seats left,
    or a rejection lacks its ``reason`` (``Enrollment.rejection_errors``). The decision and
    the manager's ``message`` are stored; the applicants are e-mailed once the undo window
    has passed (``enrollment_send_decision``).
    """
    ids = set(enrollment_ids)
    if decision not in Decision.values:
        raise ValueError(decision)
    if decision == Decision.REJECT:
        errors = Enrollment.rejection_errors(reason, message)
        if errors:
            raise ValidationError(errors)
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
                enrollment.accept(message=message)
                enrollment.program.seats_taken += 1
            else:
                enrollment.reject(reason=reason, message=message)
    return enrollments


def enrollment_reopen_decision(*, enrollment: Enrollment, user) -> bool:
    """Take back the decision on an application of what ``user`` manages: it waits for a new
    one. True when the applicant was never told (undone within the undo window); otherwise
    the history keeps the reopening and the new decision is e-mailed in its turn.

    Raises Enrollment.DoesNotExist for another BLKK's application and ValidationError when
    it is not accepted or rejected (a participant who started is not reopened).
    """
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.for_manager(user)
            .select_for_update(of=("self",))
            .get(pk=enrollment.pk)
        )
        undone = enrollment.decision_mail_pending
        enrollment._change_reason = (
            gettext("Keputusan dibatalkan sebelum e-mail terkirim.")
            if undone
            else gettext("Keputusan dibuka kembali.")
        )
        return enrollment.reopen()


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


def enrollment_queue_due_decisions(*, now: datetime.datetime | None = None) -> int:
    """Queue the e-mail of every decision whose undo window has passed; returns how many.

    Why a sweep rather than a task queued with a ``countdown``: without a broker
    (``CELERY_TASK_ALWAYS_EAGER``, no REDIS_URL) a countdown is ignored and the task runs at
    once, before the manager could undo; and with Redis, a task waiting in the broker cannot
    be taken back. So the decision stores when its e-mail is due
    (``Enrollment.decision_mail_due_at``), undoing clears it, and this sweep, run every
    minute by beat (``fkblkk/celery.py``), sends the due ones. The send checks again, under
    a row lock, that the decision still stands and is due, so a sweep racing an undo, or
    run twice, sends nothing wrong.
    """
    due = list(
        Enrollment.objects.filter(
            status__in=Enrollment.DECIDED_STATUSES,
            decision_mail_due_at__lte=now or timezone.now(),
        )
        .order_by("decision_mail_due_at")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for enrollment_id in due:
            queue_after_commit(
                "trainings.tasks.send_application_decision", enrollment_id, robust=False
            )
    return len(due)


def enrollment_send_decision(*, enrollment_id: int, now: datetime.datetime | None = None) -> bool:
    """E-mail the applicant the manager's decision once it is due; True when a message went
    out. Nothing is sent for a decision undone or not yet due, or without an address; the
    due time is cleared, so the sweep does not queue it again.

    Idempotent: the cache marker names the decision's due time, so a retried task sends
    once, and a decision reopened and taken again is e-mailed anew.
    """
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_related("trainee", "program__institution__district")
            .select_for_update(of=("self",))
            .filter(
                pk=enrollment_id,
                status__in=Enrollment.DECIDED_STATUSES,
                decision_mail_due_at__lte=now or timezone.now(),
            )
            .first()
        )
        if enrollment is None:
            return False
        due = enrollment.decision_mail_due_at
        # update(), not save(): a sent e-mail is no change of the enrollment worth a history
        # row, nor a reason to recount the program's summary.
        Enrollment.objects.filter(pk=enrollment.pk).update(decision_mail_due_at=None)
        accepted = enrollment.status == Enrollment.Status.ACCEPTED
        return _email_applicant_once(
            enrollment,
            marker=DECISION_SENT_KEY.format(pk=enrollment.pk, due=due.timestamp()),
            template="emails/trainings/application_decided",
            accepted=accepted,
            # "Lainnya" says nothing by itself: the message is the reason then.
            reason=""
            if enrollment.rejection_reason in ("", Enrollment.RejectionReason.OTHER)
            else enrollment.get_rejection_reason_display(),
            message=enrollment.decision_message,
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


# The bulk step that moves nobody: it records the competency result of graduates.
KEEP_STATUS = ""


def enrollment_move_many(
    *, program: TrainingProgram, enrollment_ids, move: str, user, result: str = ""
) -> list[Enrollment]:
    """The same move for several participants of ``program``: all of them, or none.

    For a whole class at once: start the training of everyone accepted, graduate those who
    passed with one result, or (``KEEP_STATUS``) record the result of graduates whose
    assessment came later (``Enrollment.record_results``). Certificate numbers differ per
    person, so they are entered on the results table. Raises Enrollment.DoesNotExist when an
    id is not a participant of ``program`` that ``user`` manages, and ValidationError naming
    everyone the move or the result does not fit.
    """
    if move != KEEP_STATUS and move not in ENROLLMENT_MOVES:
        raise KeyError(move)
    ids = set(enrollment_ids)
    # The program's summary is recounted once, not once per participant.
    with transaction.atomic(), program_summaries_deferred():
        enrollments = list(
            Enrollment.objects.for_manager(user)
            .filter(program=program, pk__in=ids)
            .select_related("trainee", "program")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not ids or len(enrollments) != len(ids):
            raise Enrollment.DoesNotExist
        _refuse_unfit(enrollments, move)
        errors = []
        for enrollment in enrollments:
            try:
                if move == KEEP_STATUS:
                    enrollment.record_results(competency_result=result)
                else:
                    _apply_move(enrollment, move, result=result, certificates={})
            except ValidationError as error:
                errors.extend(f"{enrollment.trainee}: {text}" for text in error.messages)
        if errors:
            # Raised inside the transaction: the rows already changed are rolled back.
            raise ValidationError(errors, code="results_refused")
    return enrollments


def _refuse_unfit(enrollments: list[Enrollment], move: str) -> None:
    """Refuse the whole batch, naming everyone whose status does not allow ``move``."""
    refused = [e for e in enrollments if move != KEEP_STATUS and not e.can(move)]
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


def enrollment_record_results_many(*, program: TrainingProgram, rows: dict, user) -> bool:
    """The results table of ``program``: every row's outcome, result and certificates, saved
    all together or not at all. A running program past its end date whose participants all
    have a result now is completed; returns whether it was.

    ``rows`` maps an enrollment id to its row: ``outcome`` (a status of ``RESULT_STATUSES``,
    or "" to leave a participant in training), ``competency_result`` and the certificates by
    name. A participant in training graduates or drops out through ``Enrollment.graduate``
    and ``drop_out``; a graduate's results change through ``record_results``; each checks its
    rules. Raises Enrollment.DoesNotExist when an id is not a participant of ``program`` in
    the table that ``user`` manages, and ValidationError whose ``error_dict`` maps the id of
    every refused row to its errors; nothing is saved then.
    """
    with transaction.atomic(), program_summaries_deferred():
        enrollments = {
            enrollment.pk: enrollment
            for enrollment in Enrollment.objects.for_manager(user)
            .filter(program=program, pk__in=rows, status__in=Enrollment.RESULTS_TABLE_STATUSES)
            .select_related("trainee", "program")
            .select_for_update(of=("self",))
        }
        if len(enrollments) != len(rows):
            raise Enrollment.DoesNotExist
        errors = {}
        for pk, row in rows.items():
            try:
                _record_row(enrollments[pk], row)
            except ValidationError as error:
                errors[pk] = error.messages
        if errors:
            # Raised inside the transaction: the rows already saved are rolled back.
            raise ValidationError(errors)
        return _complete_when_every_result_is_in(program)


def _complete_when_every_result_is_in(program: TrainingProgram) -> bool:
    ended = program.end_date < timezone.localdate()
    in_training = program.enrollments.filter(status=Enrollment.Status.IN_TRAINING)
    if program.status != TrainingProgram.Status.RUNNING or not ended or in_training.exists():
        return False
    program.complete()
    return True


def _record_row(enrollment: Enrollment, row: dict) -> None:
    outcome, result = row["outcome"], row["competency_result"]
    certificates = {name: row[name] for name in Enrollment.CERTIFICATE_FIELDS}
    if enrollment.status == Enrollment.Status.GRADUATED:
        if outcome != Enrollment.Status.GRADUATED:
            raise ValidationError(_("Peserta yang sudah lulus tetap berstatus lulus."))
        changes = {"competency_result": result, **certificates}
        if any(getattr(enrollment, name) != value for name, value in changes.items()):
            enrollment.record_results(**changes)
    elif outcome == Enrollment.Status.GRADUATED:
        enrollment.graduate(result=result, **certificates)
    elif any(certificates.values()):
        raise ValidationError(_("Sertifikat hanya dicatat saat meluluskan peserta."))
    elif outcome == Enrollment.Status.DROPPED_OUT:
        _apply_move(enrollment, "drop_out", result=result, certificates={})
    elif result != Enrollment.CompetencyResult.NOT_ASSESSED:
        raise ValidationError(
            _("Hasil uji dicatat bersama kelulusan: pilih lulus atau tidak selesai.")
        )


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
