"""The dashboard's exports: files of its figures made in the background."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import roles
from core.models import BackgroundJob, BackgroundJobQuerySet
from core.storage import private_storage


class DashboardExportQuerySet(BackgroundJobQuerySet):
    def visible_to(self, user):
        """The exports ``user`` may see and download: the requester their own, the secretariat
        and superusers every one, anyone else none. Every view and the admin go through it."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser or roles.has_role(user, roles.SECRETARIAT):
            return self.all()
        return self.filter(requested_by=user)


class DashboardExport(BackgroundJob):
    """A file of the dashboard's figures for the filters in use, made by a Celery task.

    The file is private (no URL): it is handed out by a view that checks ``visible_to``, and
    deleted with its row after ``KEPT_FOR_DAYS`` by a beat job.
    """

    KEPT_FOR_DAYS = 7

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel (.xlsx)")
        PDF = "pdf", _("PDF")

    class Status(models.TextChoices):
        QUEUED = BackgroundJob.QUEUED, _("Menunggu giliran")
        BUILDING = "dibuat", _("Sedang dibuat")
        DONE = BackgroundJob.DONE, _("Selesai")
        FAILED = BackgroundJob.FAILED, _("Gagal")

    CONTENT_TYPES = {
        Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format.PDF: "application/pdf",
    }

    # A person's exports go with their account: the files are theirs and nobody else's.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dashboard_exports",
        verbose_name=_("diminta oleh"),
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The valid query parameters of the dashboard (tahun_dari, kecamatan, ...), read again
    # through DashboardFilterForm when the file is made.
    filters = models.JSONField(_("filter"), default=dict, blank=True)
    # (label, value) pairs of the filters, worded when the export was asked for.
    filter_labels = models.JSONField(_("keterangan filter"), default=list, blank=True)
    language = models.CharField(_("bahasa"), max_length=10, default="id")
    status = BackgroundJob.status_field(Status)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    file = models.FileField(
        _("berkas"), upload_to="exports/dashboard/", storage=private_storage, blank=True
    )
    file_name = models.CharField(_("nama berkas"), max_length=100)
    error = models.TextField(_("keterangan kegagalan"), blank=True)
    # The Celery task that took the job: the same message delivered again after its worker
    # died (acks_late, reject_on_worker_lost) carries this id and may take the job back.
    task_id = models.CharField(_("tugas Celery"), max_length=255, blank=True, editable=False)

    objects = DashboardExportQuerySet.as_manager()

    class Meta:
        # The table it had when the model lived in the fkblkk app: moved without a copy.
        db_table = "fkblkk_dashboardexport"
        verbose_name = _("ekspor dasbor")
        verbose_name_plural = _("ekspor dasbor")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="dashboard_export_progress_max_100"
            ),
        ]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("dashboard:export-detail", kwargs={"pk": self.pk})

    @property
    def dashboard_url(self) -> str:
        """The dashboard with the filters this export was made with."""
        query = urlencode(self.filters)
        return reverse("dashboard:home") + (f"?{query}" if query else "")

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.format]

    def progress_percent(self) -> int:
        return self.progress

    def fail(self, message: str) -> None:
        """End the job as failed with ``message`` for its reader, dropping any file made."""
        if self.file:
            self.file.delete(save=False)
        type(self).objects.filter(pk=self.pk).update(
            status=self.Status.FAILED,
            file="",
            error=message,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )

    def fail_as_stalled(self) -> None:
        with translation.override(self.language):
            self.fail(gettext("Ekspor terhenti sebelum selesai; mulai lagi dari dasbor."))
