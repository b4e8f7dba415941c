"""Celery tasks of the partnerships app; each one calls a service."""

import datetime
import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


# SMTPException is an OSError too: a mail server that is down or refuses is worth retrying.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_partnership_ending_reminders(on: str | None = None) -> bool:
    """Each morning (see ``fkblkk/celery.py``): the secretariat's digest of ending partnerships.

    ``on`` (an ISO date) is for a rerun of a past day; the beat passes nothing, and today is
    taken. Sent at most once per day, so a redelivered or rerun task sends nothing more.
    """
    today = datetime.date.fromisoformat(on) if on else None
    sent = services.partnership_remind_ending(today=today)
    logger.info("Partnership ending reminders%s: %s", f" for {on}" if on else "", sent)
    return sent
