"""The dashboard's exports as background jobs: asked for on the page, made by a Celery task.

``dashboard_export_start`` stores the request (format, valid filters, language) and queues
``dashboard.tasks.make_dashboard_export`` once committed; the task calls
``dashboard_export_run``, which makes the file with ``exports.EXPORT_BUILDERS`` into private
storage. Beat jobs fail the jobs whose worker died (``DashboardExport.fail_stalled``) and
delete the files after ``DashboardExport.KEPT_FOR_DAYS``.
"""

import datetime
import logging
import uuid

from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from redis.exceptions import ConnectionError as RedisConnectionError

from core.queueing import queue_after_commit

from . import exports
from .access import DashboardFilterForm
from .indicators import IndicatorFilters
from .models import DashboardExport

logger = logging.getLogger(__name__)

# Worth another try later (the task retries with backoff): the database, the disk or the
# cache (Redis) being briefly away. Anything else fails the job.
TRANSIENT_ERRORS = (OperationalError, OSError, RedisConnectionError)
# Progress is saved when it moved this many points: a few UPDATEs per file, not hundreds.
PROGRESS_STEP = 5


class UnknownFormat(ValueError):
    pass


def valid_filter_params(query_params) -> dict[str, str]:
    """The filter parameters of ``query_params`` that DashboardFilterForm accepts, as given;
    unknown names, invalid and empty values are left out."""
    form = DashboardFilterForm(query_params)
    form.is_valid()
    return {
        name: str(query_params.get(name))
        for name in form.fields
        if form.cleaned_data.get(name) not in (None, "")
    }


def export_filters(job: DashboardExport) -> IndicatorFilters:
    """The job's filters, read again through the dashboard's own form."""
    return DashboardFilterForm(job.filters).indicator_filters()


def filter_labels(filters: IndicatorFilters) -> list[list[str]]:
    """The filters in use as [label, value] pairs, worded as the export's header words them;
    the ones left at "all" are left out."""
    unset = exports.describe_filters(IndicatorFilters())
    return [
        [str(label), str(value)]
        for (label, value), left_out in zip(exports.describe_filters(filters), unset, strict=True)
        if (label, value) != left_out
    ]


def dashboard_export_start(*, user, format: str, query_params) -> DashboardExport:
    """Record an export of the dashboard for the filters in ``query_params`` and queue it
    once committed. Raises ``UnknownFormat`` for a format no builder makes."""
    if format not in DashboardExport.Format.values or format not in exports.EXPORT_BUILDERS:
        raise UnknownFormat(format)
    filters = valid_filter_params(query_params)
    with transaction.atomic():
        job = DashboardExport.objects.create(
            requested_by=user,
            format=format,
            filters=filters,
            filter_labels=filter_labels(DashboardFilterForm(filters).indicator_filters()),
            language=translation.get_language() or "id",
            file_name=f"indikator-fkblkk-{timezone.localdate().isoformat()}.{format}",
        )
        queue_after_commit("dashboard.tasks.make_dashboard_export", job.pk)
    return job


class _ProgressSaver:
    """The builders' progress callback: saves the percentage when it moved ``PROGRESS_STEP``
    points (a plain UPDATE, which also tells the stall check the job is alive)."""

    def __init__(self, job: DashboardExport):
        self.job = job
        self.saved = job.progress

    def __call__(self, percent: int) -> None:
        # 100 is for a saved file: until then the page keeps polling.
        percent = max(0, min(99, int(percent)))
        if percent - self.saved < PROGRESS_STEP:
            return
        DashboardExport.objects.filter(pk=self.job.pk).update(
            progress=percent, updated_at=timezone.now()
        )
        self.saved = self.job.progress = percent


def dashboard_export_run(*, export_id: int, task_id: str = "") -> bool:
    """Make the file of one export; True when it ran now.

    Idempotent: a queued job is claimed by one UPDATE, so a task delivered twice makes one
    file, and a finished job is left alone. A job being made is taken back only by the task
    ``task_id`` that claimed it: its message comes again when its worker died mid-file. The
    file is made in the language of the request. A transient error (``TRANSIENT_ERRORS``)
    puts the job back in the queue and is raised again for the task to retry; any other fails
    the job with a message for the reader.
    """
    claimed = DashboardExport.claim(
        export_id,
        running=DashboardExport.Status.BUILDING,
        also=Q(status=DashboardExport.Status.BUILDING, task_id=task_id) if task_id else None,
        task_id=task_id,
        progress=0,
    )
    if not claimed:
        return False
    job = DashboardExport.objects.get(pk=export_id)
    try:
        with translation.override(job.language):
            content = exports.EXPORT_BUILDERS[job.format](
                export_filters(job), progress=_ProgressSaver(job)
            )
        job.file.save(f"{uuid.uuid4().hex}.{job.format}", ContentFile(content), save=False)
        job.status = DashboardExport.Status.DONE
        job.progress = 100
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "status", "progress", "finished_at", "updated_at"])
    except TRANSIENT_ERRORS:
        logger.warning("Dashboard export %s hit a transient error; queued again", export_id)
        _release(job)
        raise
    except Exception:
        logger.exception("Dashboard export %s failed", export_id)
        job.fail(
            gettext(
                "Berkas tidak dapat dibuat karena kesalahan tak terduga. Coba lagi dari dasbor; "
                "bila terulang, hubungi sekretariat."
            ),
        )
    return True


def _release(job: DashboardExport) -> None:
    """Give the claim back (and drop a half-saved file), so that a retry can claim it again."""
    if job.file:
        job.file.delete(save=False)
    DashboardExport.objects.filter(pk=job.pk, status=DashboardExport.Status.BUILDING).update(
        status=DashboardExport.Status.QUEUED, progress=0, file="", updated_at=timezone.now()
    )


def dashboard_export_give_up(*, export_id: int) -> bool:
    """Fail an unfinished job whose task stopped retrying; True when it was failed now."""
    job = DashboardExport.objects.unfinished().filter(pk=export_id).first()
    if job is None:
        return False
    with translation.override(job.language):
        job.fail(gettext("Berkas tidak dapat dibuat saat ini. Coba lagi beberapa saat lagi."))
    return True


def dashboard_exports_delete_expired(*, now=None) -> int:
    """Delete the exports (file and row) asked for more than ``KEPT_FOR_DAYS`` ago; how many."""
    expired_before = (now or timezone.now()) - datetime.timedelta(
        days=DashboardExport.KEPT_FOR_DAYS
    )
    deleted = 0
    for job in DashboardExport.objects.filter(created_at__lt=expired_before).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
