"""What graduates did next: tracer outcomes, alumni enterprises, and nurtured community groups."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import add_months, day_label
from core.fields import MobileNumberField, ReencodedImageField, rupiah_field
from core.models import TimeStampedModel
from core.validators import IMAGE_UPLOAD_VALIDATORS, validate_plain_text
from institutions.models import (
    District,
    Institution,
    InstitutionOwnedQuerySet,
    Village,
    check_village_in_district,
)
from trainings.models import Enrollment, PBKAssistance


def check_graduate(enrollment, field="enrollment"):
    if enrollment is not None and enrollment.status != Enrollment.Status.GRADUATED:
        raise ValidationError({field: _("Hanya lulusan yang dapat dicatat di sini.")})


# A tracer round may start a little before the graduates' anniversary of the period.
EARLY_SURVEY_TOLERANCE = datetime.timedelta(days=14)


class OutcomeQuerySet(InstitutionOwnedQuerySet):
    institution_path = "enrollment__program__institution"


class Outcome(TimeStampedModel):
    """A tracer study answer: what a graduate does some months after the training."""

    class Status(models.TextChoices):
        WAGE_JOB = "bekerja", _("Bekerja (menerima upah)")
        OWN_BUSINESS = "wirausaha", _("Berwirausaha")
        FURTHER_STUDY = "melanjutkan_studi", _("Melanjutkan pendidikan/pelatihan")
        NOT_WORKING = "belum_bekerja", _("Belum bekerja")

    class MonthsAfter(models.IntegerChoices):
        THREE = 3, _("3 bulan")
        SIX = 6, _("6 bulan")
        TWELVE = 12, _("12 bulan")

    PLACED_STATUSES = (Status.WAGE_JOB, Status.OWN_BUSINESS)

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("lulusan")
    )
    months_after = models.PositiveSmallIntegerField(
        _("bulan setelah lulus"), choices=MonthsAfter.choices
    )
    surveyed_on = models.DateField(_("tanggal pendataan"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    employer_or_business = models.CharField(
        _("tempat kerja/nama usaha"), max_length=200, blank=True
    )
    job_matches_training = models.BooleanField(_("sesuai kejuruan"), null=True, blank=True)
    monthly_income = rupiah_field(_("penghasilan per bulan (Rp)"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("hasil tracer study")
        verbose_name_plural = _("hasil tracer study")
        ordering = ["-surveyed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "months_after"],
                name="outcome_once_per_graduate_and_period",
                violation_error_message=_("Tracer untuk lulusan dan periode ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(monthly_income__isnull=True) | Q(monthly_income__gte=0),
                name="outcome_income_not_negative",
                violation_error_message=_("Penghasilan tidak boleh negatif."),
            ),
        ]
        indexes = [models.Index(fields=["months_after", "status"])]

    def __str__(self):
        return f"{self.enrollment.trainee} — {self.get_months_after_display()}"

    def clean(self):
        check_graduate(self.enrollment if self.enrollment_id else None)
        if self.enrollment_id and self.months_after in self.MonthsAfter.values and self.surveyed_on:
            errors = self.survey_date_errors()
            if errors:
                raise ValidationError({"surveyed_on": errors})

    def first_survey_day(self) -> datetime.date | None:
        """The earliest day this period's tracer may be taken: ``months_after`` months after
        the graduation, less a couple of weeks for a survey round that starts early."""
        graduated_on = self.enrollment.completed_on
        if graduated_on is None:
            return None
        return add_months(graduated_on, self.months_after) - EARLY_SURVEY_TOLERANCE

    def survey_date_errors(self) -> list[str]:
        if self.surveyed_on > timezone.localdate():
            return [_("Tanggal pendataan tidak boleh di masa depan.")]
        first_day = self.first_survey_day()
        if first_day is not None and self.surveyed_on < first_day:
            return [
                _(
                    "Tracer %(period)s setelah lulus (lulus %(graduated)s) baru bisa dicatat "
                    "sejak %(first_day)s."
                )
                % {
                    "period": self.MonthsAfter(self.months_after).label,
                    "graduated": day_label(self.enrollment.completed_on),
                    "first_day": day_label(first_day),
                }
            ]
        return []

    @property
    def is_placed(self) -> bool:
        return self.status in self.PLACED_STATUSES


class EnterpriseQuerySet(InstitutionOwnedQuerySet):
    institution_path = "owner__program__institution"

    def published(self):
        return self.filter(is_published=True, owner_consents_to_publish=True)


class Enterprise(TimeStampedModel):
    """A business run by an alumnus, shown to the public only with the owner's consent."""

    class Sector(models.TextChoices):
        FOOD = "kuliner", _("Kuliner dan makanan olahan")
        FASHION = "fesyen", _("Fesyen dan konveksi")
        AUTOMOTIVE = "otomotif", _("Jasa otomotif")
        ELECTRONICS = "elektronik", _("Servis elektronik dan pendingin")
        CRAFT = "kriya", _("Kriya dan mebel")
        DIGITAL = "digital", _("Digital, desain dan multimedia")
        AGRICULTURE = "pertanian", _("Pertanian dan perikanan")
        CONSTRUCTION = "konstruksi", _("Las dan konstruksi")
        SERVICES = "jasa", _("Jasa lainnya")

    owner = models.ForeignKey(
        Enrollment,
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("pemilik (lulusan)"),
    )
    name = models.CharField(_("nama usaha"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    sector = models.CharField(_("sektor"), max_length=15, choices=Sector.choices)
    description = models.TextField(_("produk/jasa"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("kecamatan")
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
    )
    business_address = models.CharField(
        _("alamat usaha"), max_length=255, blank=True, validators=[validate_plain_text]
    )
    started_on = models.DateField(_("mulai berusaha"))
    workers = models.PositiveSmallIntegerField(_("jumlah pekerja"), default=1)
    monthly_revenue = rupiah_field(_("omzet per bulan (Rp)"), null=True, blank=True)
    business_phone = MobileNumberField(_("telepon/WhatsApp usaha"), blank=True)
    order_info = models.CharField(
        _("cara memesan"), max_length=255, blank=True, help_text=_("Marketplace, Instagram, dll.")
    )
    photo = ReencodedImageField(
        _("foto"), upload_to="enterprises/", blank=True, validators=IMAGE_UPLOAD_VALIDATORS
    )
    owner_consents_to_publish = models.BooleanField(_("pemilik setuju ditampilkan"), default=False)
    consent_recorded_on = models.DateField(_("tanggal persetujuan"), null=True, blank=True)
    is_published = models.BooleanField(_("tampil di situs publik"), default=False)
    history = HistoricalRecords()

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("usaha alumni")
        verbose_name_plural = _("usaha alumni")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False)
                | Q(owner_consents_to_publish=True, consent_recorded_on__isnull=False),
                name="enterprise_published_only_with_consent",
                violation_error_message=_(
                    "Usaha hanya boleh ditampilkan jika pemilik sudah menyetujui "
                    "(dengan tanggalnya)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(monthly_revenue__isnull=True) | Q(monthly_revenue__gte=0),
                name="enterprise_revenue_not_negative",
                violation_error_message=_("Omzet tidak boleh negatif."),
            ),
        ]
        indexes = [models.Index(fields=["is_published", "sector"])]

    def __str__(self):
        return self.name

    def clean(self):
        check_graduate(self.owner if self.owner_id else None, field="owner")
        check_village_in_district(self.village, self.district if self.district_id else None)

    def get_absolute_url(self):
        return reverse("alumni:enterprise-detail", kwargs={"slug": self.slug})

    @property
    def institution(self) -> Institution:
        return self.owner.program.institution


class CommunityGroup(TimeStampedModel):
    """Kelompok masyarakat binaan: a community group a BLKK nurtures, often through PBK."""

    class Kind(models.TextChoices):
        YOUTH = "pemuda", _("Karang taruna/pemuda")
        WOMEN = "perempuan", _("Kelompok perempuan/PKK")
        RELIGIOUS = "majelis", _("Majelis taklim/jamaah")
        BUSINESS = "usaha", _("Kelompok usaha bersama")
        FARMERS = "tani", _("Kelompok tani/nelayan")
        OTHER = "lainnya", _("Lainnya")

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="community_groups",
        verbose_name=_("BLKK pembina"),
    )
    name = models.CharField(_("nama kelompok"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=15, choices=Kind.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="community_groups",
        verbose_name=_("kecamatan"),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="community_groups",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
    )
    members = models.PositiveSmallIntegerField(_("jumlah anggota"))
    leader_name = models.CharField(
        _("nama ketua"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    activities = models.TextField(_("kegiatan"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("tahun dibina"), null=True, blank=True)
    pbk_assistance = models.ForeignKey(
        PBKAssistance,
        on_delete=models.SET_NULL,
        related_name="community_groups",
        verbose_name=_("melalui bantuan PBK"),
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    objects = InstitutionOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kelompok masyarakat binaan")
        verbose_name_plural = _("kelompok masyarakat binaan")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members__gt=0),
                name="community_group_has_members",
                violation_error_message=_("Jumlah anggota harus lebih dari nol."),
            ),
            models.UniqueConstraint(
                fields=["institution", "name"], name="community_group_name_unique_per_institution"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        check_village_in_district(self.village, self.district if self.district_id else None)
        if (
            self.pbk_assistance_id
            and self.institution_id
            and self.pbk_assistance.institution_id != self.institution_id
        ):
            raise ValidationError({"pbk_assistance": _("Bantuan PBK ini milik BLKK lain.")})
