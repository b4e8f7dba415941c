"""Partners of the forum, their agreements (MoU/PKS) and what those delivered."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import MobileNumberField, ReencodedImageField, rupiah_field
from core.models import TimeStampedModel
from core.validators import IMAGE_UPLOAD_VALIDATORS, validate_plain_text
from institutions.models import Institution, InstitutionOwnedQuerySet


class Partner(TimeStampedModel):
    """Mitra. The contact person's phone and e-mail are private."""

    class Kind(models.TextChoices):
        COMPANY = "perusahaan", _("Perusahaan")
        GOVERNMENT = "pemerintah", _("Instansi pemerintah")
        UNIVERSITY = "perguruan_tinggi", _("Perguruan tinggi")
        ASSOCIATION = "asosiasi", _("Asosiasi")
        RELIGIOUS = "keagamaan", _("Lembaga keagamaan")
        FINANCIAL = "keuangan", _("Lembaga keuangan")
        OTHER = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("profil"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    logo = ReencodedImageField(
        _("logo"), upload_to="partners/logos/", blank=True, validators=IMAGE_UPLOAD_VALIDATORS
    )
    contact_name = models.CharField(
        _("nama narahubung"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    contact_phone = MobileNumberField(_("HP narahubung"), blank=True)
    contact_email = models.EmailField(_("e-mail narahubung"), blank=True)
    is_published = models.BooleanField(_("tampil di situs publik"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Partners have no page of their own: each has an anchor on the partners page."""
        return f"{reverse('partnerships:partner-list')}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"mitra-{self.slug}"


class PartnershipScope(models.Model):
    """One of the fixed scopes of cooperation, loaded by a data migration."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("ruang lingkup kemitraan")
        verbose_name_plural = _("ruang lingkup kemitraan")
        ordering = ["order"]

    def __str__(self):
        return self.name


class PartnershipQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Agreements in force on a day: between their dates, and not terminated early."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on, end_date__gte=on).exclude(terminated_on__lte=on)

    def ending_within(self, days: int, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.active(today).filter(end_date__lte=today + datetime.timedelta(days=days))

    def for_manager(self, user):
        """Agreements that cover an institution the user manages (named, or forum-wide).

        A user who manages no institution sees none, not even the forum-wide ones.
        """
        managed = Institution.objects.managed_by(user)
        names_managed = Partnership.institutions.through.objects.filter(
            partnership=OuterRef("pk"), institution__in=managed
        )
        return self.filter(Exists(managed)).filter(
            Q(covers_whole_forum=True) | Exists(names_managed)
        )


class Partnership(TimeStampedModel):
    """Kemitraan: an MoU or PKS with one partner, covering the whole forum or named BLKK."""

    class AgreementType(models.TextChoices):
        MOU = "mou", _("Nota kesepahaman (MoU)")
        PKS = "pks", _("Perjanjian kerja sama (PKS)")

    class Status(models.TextChoices):
        UPCOMING = "belum_berlaku", _("Belum berlaku")
        ACTIVE = "aktif", _("Aktif")
        EXPIRED = "berakhir", _("Berakhir")
        TERMINATED = "diakhiri", _("Diakhiri lebih awal")

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("mitra")
    )
    title = models.CharField(_("judul"), max_length=200)
    agreement_type = models.CharField(
        _("jenis perjanjian"), max_length=5, choices=AgreementType.choices
    )
    agreement_number = models.CharField(_("nomor perjanjian"), max_length=100, blank=True)
    scopes = models.ManyToManyField(
        PartnershipScope, related_name="partnerships", verbose_name=_("ruang lingkup")
    )
    covers_whole_forum = models.BooleanField(
        _("berlaku untuk seluruh forum"),
        default=False,
        help_text=_("Jika tidak, pilih BLKK yang dicakup."),
    )
    institutions = models.ManyToManyField(
        Institution,
        related_name="partnerships",
        verbose_name=_("BLKK yang dicakup"),
        blank=True,
    )
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal berakhir"))
    terminated_on = models.DateField(_("diakhiri pada"), null=True, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    history = HistoricalRecords(m2m_fields=[scopes, institutions])

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("kemitraan")
        verbose_name_plural = _("kemitraan")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="partnership_dates_ordered",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | Q(terminated_on__gte=F("start_date"), terminated_on__lte=F("end_date")),
                name="partnership_termination_within_term",
                violation_error_message=_(
                    "Tanggal pengakhiran harus di antara tanggal mulai dan berakhir."
                ),
            ),
        ]
        indexes = [models.Index(fields=["start_date", "end_date"])]

    def __str__(self):
        return f"{self.title} ({self.partner})"

    def status(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.terminated_on and self.terminated_on <= today:
            return self.Status.TERMINATED
        if today < self.start_date:
            return self.Status.UPCOMING
        if today > self.end_date:
            return self.Status.EXPIRED
        return self.Status.ACTIVE

    def covers(self, institution: Institution) -> bool:
        if self.covers_whole_forum:
            return True
        return self.institutions.filter(pk=institution.pk).exists()


class Contribution(TimeStampedModel):
    """Realisasi kemitraan: what a partnership delivered to one BLKK."""

    class Kind(models.TextChoices):
        EQUIPMENT = "peralatan", _("Peralatan")
        FUNDS = "dana", _("Dana")
        TRAINERS = "instruktur", _("Instruktur/narasumber")
        CURRICULUM = "kurikulum", _("Kurikulum dan materi")
        BRANDING = "branding", _("Branding dan pemasaran")
        PLACEMENT = "penempatan", _("Magang dan penempatan kerja")
        OTHER = "lainnya", _("Lainnya")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("kemitraan"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("BLKK penerima"),
    )
    kind = models.CharField(_("jenis"), max_length=15, choices=Kind.choices)
    description = models.TextField(_("uraian"))
    delivered_on = models.DateField(_("tanggal realisasi"))
    quantity = models.PositiveIntegerField(_("jumlah"), null=True, blank=True)
    value = rupiah_field(_("nilai (Rp)"), null=True, blank=True)
    history = HistoricalRecords()

    objects = InstitutionOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi kemitraan")
        verbose_name_plural = _("realisasi kemitraan")
        ordering = ["-delivered_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="contribution_value_not_negative",
                violation_error_message=_("Nilai realisasi tidak boleh negatif."),
            ),
        ]
        indexes = [models.Index(fields=["institution", "delivered_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.institution}"

    def clean(self):
        if self.partnership_id and self.institution_id:
            if not self.partnership.covers(self.institution):
                raise ValidationError(
                    {"institution": _("BLKK ini tidak dicakup oleh kemitraan tersebut.")}
                )
            if self.delivered_on and self.delivered_on < self.partnership.start_date:
                raise ValidationError(
                    {"delivered_on": _("Realisasi tidak boleh sebelum kemitraan dimulai.")}
                )
