"""The portal's own models, for what crosses apps: the dashboard's exports, the API's tokens."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from institutions.models import Institution

from . import roles
from .db import TimeStampedModel
from .storage import private_storage


class DashboardExportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The exports ``user`` may see and download: the requester their own, the secretariat
        and superusers every one, anyone else none. Every view and the admin go through it."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser or roles.has_role(user, roles.SECRETARIAT):
            return self.all()
        return self.filter(requested_by=user)


class DashboardExport(TimeStampedModel):
    """A file of the dashboard's figures for the filters in use, made by a Celery task.

    The file is private (no URL): it is handed out by a view that checks ``visible_to``, and
    deleted with its row after ``KEPT_FOR_DAYS`` by a beat job.
    """

    KEPT_FOR_DAYS = 7

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel (.xlsx)")
        PDF = "pdf", _("PDF")

    class Status(models.TextChoices):
        QUEUED = "antre", _("Menunggu giliran")
        BUILDING = "dibuat", _("Sedang dibuat")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    FINISHED_STATUSES = (Status.DONE, Status.FAILED)
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
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    file = models.FileField(
        _("berkas"), upload_to="exports/dashboard/", storage=private_storage, blank=True
    )
    file_name = models.CharField(_("nama berkas"), max_length=100)
    error = models.TextField(_("keterangan kegagalan"), blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # The Celery task that took the job: the same message delivered again after its worker
    # died (acks_late, reject_on_worker_lost) carries this id and may take the job back.
    task_id = models.CharField(_("tugas Celery"), max_length=255, blank=True, editable=False)

    objects = DashboardExportQuerySet.as_manager()

    class Meta:
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
    def is_finished(self) -> bool:
        return self.status in self.FINISHED_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def percent(self) -> int:
        return 100 if self.is_finished else min(100, self.progress)

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.format]


# The open data API's tokens ---------------------------------------------------------------


class ApiTokenManager(BaseAPIKeyManager):
    def get_usable_keys(self):
        """Tokens that open the API now: not revoked, not expired, of an active owner."""
        return (
            super()
            .get_usable_keys()
            .filter(expiry_date__gt=timezone.now(), owner__is_active=True)
            .select_related("owner")
        )


class ApiToken(AbstractAPIKey):
    """A key to the API's restricted data, made and revoked by the secretariat in the admin.

    Only a hash is stored (djangorestframework-api-key's SHA-512 of a 40-character random key);
    the key itself is shown once, when the token is made. ``access`` says what it opens on top
    of the public data, and the owner must still hold that role when the token is used.
    """

    # Longest a token may live: a forgotten token stops working within a year.
    MAX_LIFETIME = datetime.timedelta(days=366)
    # ``last_used_at`` is written at most this often, not on every request.
    LAST_USED_PRECISION = datetime.timedelta(minutes=5)

    class Access(models.TextChoices):
        DISNAKER = "disnaker", _("Disnaker")
        MANAGER = "pengelola", _("Pengelola BLKK")

    name = models.CharField(
        _("nama"),
        max_length=50,
        help_text=_("Untuk apa token ini dipakai, misalnya “Laporan bulanan Disnaker”."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("pemilik"),
    )
    access = models.CharField(
        _("akses"),
        max_length=10,
        choices=Access.choices,
        help_text=_(
            "Selain data publik, token Disnaker membuka rincian agregat dan pendaftaran (NIK "
            "disamarkan); token pengelola membuka pendaftaran dan peserta BLKK-nya sendiri."
        ),
    )
    prefix = models.CharField(_("awalan kunci"), max_length=8, unique=True, editable=False)
    created = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    expiry_date = models.DateTimeField(
        _("berlaku sampai"), help_text=_("Paling lama satu tahun sejak dibuat.")
    )
    revoked = models.BooleanField(
        _("dicabut"),
        default=False,
        help_text=_("Token yang dicabut tidak dapat dipakai lagi, dan tidak dapat dipulihkan."),
    )
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, editable=False)

    objects = ApiTokenManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def clean(self):
        """The rules for making a token. A token already made keeps its owner, access and
        expiry (the admin shows them read-only): it may still be renamed or revoked after it
        expired or its owner left the role, which then stops it working."""
        super().clean()
        if not self._state.adding:
            return
        errors = {}
        if self.expiry_date:
            if self.expiry_date > timezone.now() + self.MAX_LIFETIME:
                errors["expiry_date"] = _("Token berlaku paling lama satu tahun.")
            elif self.expiry_date <= timezone.now():
                errors["expiry_date"] = _("Tanggal berlaku harus di masa depan.")
        if self.owner_id and self.access and not self.owner_holds_access():
            errors["owner"] = {
                self.Access.DISNAKER: _("Pemilik token Disnaker harus anggota grup Disnaker."),
                self.Access.MANAGER: _("Pemilik token pengelola harus mengelola sebuah BLKK."),
            }[self.access]
        if errors:
            raise ValidationError(errors)

    def owner_holds_access(self) -> bool:
        """Whether the owner still holds the role the token's access stands for."""
        if self.access == self.Access.DISNAKER:
            return roles.has_role(self.owner, roles.DISNAKER)
        return Institution.objects.managed_by(self.owner).exists()

    def record_use(self) -> None:
        """Note when the token was last used, at most every ``LAST_USED_PRECISION``: most
        requests write nothing."""
        now = timezone.now()
        if self.last_used_at and self.last_used_at > now - self.LAST_USED_PRECISION:
            return
        type(self).objects.filter(pk=self.pk).update(last_used_at=now)
