"""The project's own tasks: those that read every app (beat in ``fkblkk/celery.py``)."""

import datetime
import logging

from celery import shared_task

from . import accounts, digest

logger = logging.getLogger(__name__)


@shared_task
def send_weekly_digests(on: str | None = None) -> int:
    """Monday mornings: queue each manager's weekly digest. ``on`` (an ISO date) is for a
    rerun; queuing again is harmless, each manager gets one digest a week."""
    today = datetime.date.fromisoformat(on) if on else None
    return digest.weekly_digest_queue(today=today)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_weekly_digest(user_id: int, on: str) -> bool:
    """Queued by ``digest.weekly_digest_queue``: one manager's digest for the week of ``on``."""
    sent = digest.weekly_digest_send(user_id=user_id, today=datetime.date.fromisoformat(on))
    logger.info("Weekly digest for user %s on %s: %s", user_id, on, "sent" if sent else "skipped")
    return sent


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_password_reset(user_id: int) -> bool:
    """Queued by a password reset request (``accounts.queue_password_reset``)."""
    return accounts.send_password_reset(user_id)
