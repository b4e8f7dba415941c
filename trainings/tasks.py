"""Celery tasks of the trainings app; each one calls a service."""

import datetime
import logging

from celery import shared_task

from . import imports, services, summaries
from .models import ParticipantImport

logger = logging.getLogger(__name__)


@shared_task
def close_registrations_past_deadline() -> int:
    """Nightly (see ``fkblkk/celery.py``): close registrations whose deadline has passed."""
    return services.program_close_registrations_past_deadline()


# SMTPException is an OSError too: a mail server that is down or refuses is worth retrying.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_application_confirmation(enrollment_id: int) -> bool:
    """Queued by ``services.enrollment_apply`` once the application is committed."""
    sent = services.enrollment_send_confirmation(enrollment_id=enrollment_id)
    logger.info(
        "Application confirmation for enrollment %s: %s",
        enrollment_id,
        "sent" if sent else "skipped",
    )
    return sent


@shared_task
def send_due_application_decisions() -> int:
    """Every minute (see ``fkblkk/celery.py``): queue the decisions past their undo window."""
    return services.enrollment_queue_due_decisions()


# No autoretry: a decision whose mail failed stays due, and the next sweep queues it again.
@shared_task
def send_application_decision(enrollment_id: int) -> bool:
    """Queued by ``services.enrollment_queue_due_decisions``; sends nothing undone or early."""
    sent = services.enrollment_send_decision(enrollment_id=enrollment_id)
    logger.info(
        "Application decision for enrollment %s: %s",
        enrollment_id,
        "sent" if sent else "skipped",
    )
    return sent


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_program_cancellation(enrollment_id: int) -> bool:
    """Queued by ``services.program_transition`` once a cancellation is committed."""
    return services.enrollment_send_cancellation(enrollment_id=enrollment_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_program_alert_confirmation(alert_id: int) -> bool:
    """Queued by ``services.program_alert_request``; the address is never logged."""
    return services.program_alert_send_confirmation(alert_id=alert_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_program_alerts(program_id: int) -> int:
    """Queued by ``TrainingProgram.announce_registration_opened``; a retry sends each alert
    once (``send_once``)."""
    sent = services.program_alerts_send(program_id=program_id)
    logger.info("Program %s opened registration: %s alerts sent", program_id, sent)
    return sent


@shared_task
def import_participants(import_id: int) -> bool:
    """Queued by ``imports.participant_import_start``; a finished job is not run again."""
    return imports.participant_import_run(import_id=import_id)


@shared_task
def fail_stalled_participant_imports() -> int:
    """Every quarter of an hour (see ``fkblkk/celery.py``): end imports whose worker died."""
    return ParticipantImport.fail_stalled()


@shared_task
def send_pbk_report_reminders(on: str | None = None) -> int:
    """Each morning (see ``fkblkk/celery.py``): queue the day's PBK report reminders per BLKK.

    ``on`` (an ISO date) is for a rerun of a past day; the beat passes nothing, and today is
    taken. Queuing again is harmless: each BLKK's reminder is sent at most once a day.
    """
    today = datetime.date.fromisoformat(on) if on else None
    return services.pbk_report_remind_due(today=today)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_pbk_report_reminder(institution_id: int, on: str) -> bool:
    """Queued by ``services.pbk_report_remind_due``: one BLKK's reminder for the day ``on``."""
    sent = services.pbk_report_send_reminder(
        institution_id=institution_id, today=datetime.date.fromisoformat(on)
    )
    logger.info(
        "PBK report reminder for institution %s on %s: %s",
        institution_id,
        on,
        "sent" if sent else "skipped",
    )
    return sent


@shared_task
def refresh_program_summaries() -> int:
    """Nightly (see ``fkblkk/celery.py``): recount every program's summary from scratch, in
    case a write went around the signals. Idempotent."""
    return summaries.program_summaries_refresh()
