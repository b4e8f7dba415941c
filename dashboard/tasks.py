"""Celery tasks of the portal's cross-app pieces (the dashboard); each one calls a service."""

import logging

from celery import Task, shared_task
from django.db import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from . import export_jobs
from .figures import dashboard_figures
from .indicators import IndicatorFilters
from .models import DashboardExport

logger = logging.getLogger(__name__)


class DashboardExportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries used up (or an error the service did not expect): the reader is told, rather
        # than left waiting for the stall check.
        export_id = kwargs.get("export_id", args[0] if args else None)
        if export_id is not None:
            export_jobs.dashboard_export_give_up(export_id=export_id)


@shared_task(
    bind=True,
    base=DashboardExportTask,
    autoretry_for=(OperationalError, OSError, RedisConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def make_dashboard_export(self, export_id: int) -> bool:
    """Queued by ``export_jobs.dashboard_export_start``; a job taken by another task or
    finished is not run again."""
    return export_jobs.dashboard_export_run(export_id=export_id, task_id=self.request.id or "")


@shared_task
def delete_expired_dashboard_exports() -> int:
    """Nightly (see ``fkblkk/celery.py``): delete the exports past their seven days."""
    return export_jobs.dashboard_exports_delete_expired()


@shared_task
def fail_stalled_dashboard_exports() -> int:
    """Every quarter of an hour (see ``fkblkk/celery.py``): end exports whose worker died."""
    return DashboardExport.fail_stalled()


@shared_task
def refresh_dashboard_figures() -> None:
    """Nightly, just after midnight (see ``fkblkk/celery.py``): count the unfiltered dashboard
    for the new day, whose figures are cached per day, so its first reader does not wait."""
    dashboard_figures(IndicatorFilters())
    logger.info("Dashboard figures counted for the day")
