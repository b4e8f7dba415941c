"""Training programs, trainees and their enrollments, and Kemnaker's PBK assistance."""

import copy
import datetime
import secrets

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import day_label
from core.fields import MobileNumberField, rupiah_field
from core.models import BackgroundJob, BackgroundJobQuerySet, StatusMachine, TimeStampedModel
from core.queueing import queue_after_commit
from core.slugs import NotReserved
from core.storage import private_storage
from core.validators import PDF_UPLOAD_VALIDATORS, validate_plain_text
from institutions.models import (
    District,
    Gender,
    Institution,
    InstitutionOwnedQuerySet,
    Instructor,
    Village,
    VocationalField,
    check_village_in_district,
)

from .validators import nik_mismatch_errors, validate_nik

# PBK assistance -------------------------------------------------------------------------


class PBKAssistance(TimeStampedModel):
    """A Kemnaker grant of PBK training packages to one BLKK for one year."""

    class ReportStatus(models.TextChoices):
        NOT_DUE = "belum_jatuh_tempo", _("Belum jatuh tempo")
        DUE_SOON = "segera", _("Segera jatuh tempo")
        LATE = "terlambat", _("Terlambat")
        ON_TIME = "tepat_waktu", _("Dilaporkan tepat waktu")
        SUBMITTED_LATE = "dilaporkan_terlambat", _("Dilaporkan terlambat")

    REPORT_DUE_SOON_DAYS = 30

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="pbk_assistance", verbose_name=_("BLKK")
    )
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    field = models.ForeignKey(
        VocationalField, on_delete=models.PROTECT, related_name="+", verbose_name=_("kejuruan")
    )
    decree_number = models.CharField(_("nomor SK/perjanjian"), max_length=100, blank=True)
    packages = models.PositiveSmallIntegerField(_("jumlah paket"))
    target_participants = models.PositiveIntegerField(_("target peserta"))
    amount = rupiah_field(_("nilai bantuan (Rp)"))
    disbursed_on = models.DateField(_("tanggal pencairan"), null=True, blank=True)
    report_due_date = models.DateField(_("batas laporan realisasi"))
    report_submitted_on = models.DateField(_("tanggal laporan diserahkan"), null=True, blank=True)
    report_file = models.FileField(
        _("laporan realisasi (PDF)"),
        upload_to="pbk/reports/",
        storage=private_storage,
        blank=True,
        validators=PDF_UPLOAD_VALIDATORS,
    )
    history = HistoricalRecords()

    objects = InstitutionOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bantuan PBK")
        verbose_name_plural = _("bantuan PBK")
        ordering = ["-year", "institution__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year", "field"], name="pbk_one_grant_per_field_and_year"
            ),
            models.CheckConstraint(
                condition=Q(packages__gt=0),
                name="pbk_packages_positive",
                violation_error_message=_("Jumlah paket harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(target_participants__gt=0),
                name="pbk_target_positive",
                violation_error_message=_("Target peserta harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="pbk_amount_not_negative",
                violation_error_message=_("Nilai bantuan tidak boleh negatif."),
            ),
            models.CheckConstraint(
                # The BLK Komunitas programme started in 2017.
                condition=Q(year__gte=2017, year__lte=2100),
                name="pbk_year_plausible",
                violation_error_message=_("Tahun anggaran harus antara 2017 dan 2100."),
            ),
            models.CheckConstraint(
                condition=Q(report_submitted_on__isnull=True) | ~Q(report_file=""),
                name="pbk_submitted_report_has_file",
                violation_error_message=_("Laporan yang diserahkan harus disertai berkas PDF."),
            ),
        ]
        indexes = [models.Index(fields=["year", "institution"])]

    def __str__(self):
        return f"PBK {self.year} — {self.institution} ({self.field})"

    @property
    def report_download_name(self) -> str:
        """The report's file name when downloaded, whatever name it was uploaded under."""
        return f"laporan-pbk-{self.year}-{slugify(str(self.field))}.pdf"

    def report_status(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.report_submitted_on:
            if self.report_submitted_on <= self.report_due_date:
                return self.ReportStatus.ON_TIME
            return self.ReportStatus.SUBMITTED_LATE
        if today > self.report_due_date:
            return self.ReportStatus.LATE
        if (self.report_due_date - today).days <= self.REPORT_DUE_SOON_DAYS:
            return self.ReportStatus.DUE_SOON
        return self.ReportStatus.NOT_DUE


# Programs -------------------------------------------------------------------------------


class FundingSource(models.TextChoices):
    PBK = "pbk", _("PBK Kemnaker")
    APBD = "apbd", _("APBD Kabupaten")
    PARTNER = "mitra", _("Mitra")
    SELF_FUNDED = "swadana", _("Swadana")
    OTHER = "lainnya", _("Lainnya")


class TrainingProgramQuerySet(InstitutionOwnedQuerySet):
    def public(self):
        """Programs a visitor may see: published, not draft or cancelled, at a public BLKK.

        A public BLKK is published and active, as ``InstitutionQuerySet.public`` says; a BLKK
        that is not has no profile, so its programs are hidden too.
        """
        return self.filter(
            status__in=TrainingProgram.PUBLIC_STATUSES,
            institution__is_published=True,
            institution__is_active=True,
        )

    def with_seats_taken(self):
        """Annotates ``seats_taken``: the program's seated enrollments.

        A subquery per program rather than a join and GROUP BY, so that a page of a long,
        sorted list counts the seats of its own rows only (PostgreSQL evaluates it after the
        sort and the LIMIT), not of every program.
        """
        seated = (
            Enrollment.objects.filter(program=OuterRef("pk"), status__in=Enrollment.SEATED_STATUSES)
            .order_by()
            .values("program")
            .annotate(seats=Count("pk"))
            .values("seats")
        )
        return self.annotate(
            seats_taken=Coalesce(Subquery(seated, output_field=models.IntegerField()), 0)
        )

    def registration_past_deadline(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(status=TrainingProgram.Status.OPEN, registration_closes__lt=today)


class TrainingProgram(StatusMachine, TimeStampedModel):
    """One run of a course at one BLKK."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "diumumkan", _("Diumumkan")
        OPEN = "pendaftaran", _("Pendaftaran dibuka")
        CLOSED = "pendaftaran_ditutup", _("Pendaftaran ditutup")
        RUNNING = "berjalan", _("Sedang berjalan")
        COMPLETED = "selesai", _("Selesai")
        CANCELLED = "dibatalkan", _("Dibatalkan")

    # A program in these is over: it takes no more edits, participants or imports.
    FINISHED_STATUSES = (Status.COMPLETED, Status.CANCELLED)
    PUBLIC_STATUSES = (
        Status.PUBLISHED,
        Status.OPEN,
        Status.CLOSED,
        Status.RUNNING,
        Status.COMPLETED,
    )
    TRANSITIONS = {
        "publish": (_("Umumkan"), frozenset({Status.DRAFT}), Status.PUBLISHED),
        "open_registration": (
            _("Buka pendaftaran"),
            frozenset({Status.DRAFT, Status.PUBLISHED, Status.CLOSED}),
            Status.OPEN,
        ),
        "close_registration": (_("Tutup pendaftaran"), frozenset({Status.OPEN}), Status.CLOSED),
        "start": (_("Mulai pelatihan"), frozenset({Status.OPEN, Status.CLOSED}), Status.RUNNING),
        "complete": (_("Selesaikan"), frozenset({Status.RUNNING}), Status.COMPLETED),
        "cancel": (
            _("Batalkan"),
            frozenset({Status.DRAFT, Status.PUBLISHED, Status.OPEN, Status.CLOSED, Status.RUNNING}),
            Status.CANCELLED,
        ),
    }

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="programs", verbose_name=_("BLKK")
    )
    field = models.ForeignKey(
        VocationalField,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("kejuruan"),
    )
    title = models.CharField(_("judul"), max_length=200)
    # Fixed pages under /pelatihan/ beside the programs' own (trainings/urls/public.py).
    RESERVED_SLUGS = ("kabari",)
    slug = models.SlugField(
        _("slug"), max_length=220, unique=True, validators=[NotReserved(RESERVED_SLUGS)]
    )
    description = models.TextField(_("deskripsi"))
    competencies = models.TextField(_("kompetensi yang dipelajari"), blank=True)
    requirements = models.TextField(_("persyaratan dan yang perlu dibawa"), blank=True)
    schedule = models.TextField(_("jadwal"), blank=True)
    location = models.CharField(_("tempat"), max_length=255, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    registration_closes = models.DateField(_("batas pendaftaran"))
    hours = models.PositiveSmallIntegerField(_("jumlah JP"))
    quota = models.PositiveSmallIntegerField(_("kuota peserta"))
    min_age = models.PositiveSmallIntegerField(_("usia minimal"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("usia maksimal"), null=True, blank=True)
    funding_source = models.CharField(
        _("sumber dana"), max_length=10, choices=FundingSource.choices
    )
    pbk_assistance = models.ForeignKey(
        PBKAssistance,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("bantuan PBK"),
        null=True,
        blank=True,
    )
    instructors = models.ManyToManyField(
        Instructor, related_name="programs", verbose_name=_("instruktur"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    history = HistoricalRecords(m2m_fields=[instructors])

    objects = TrainingProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="program_dates_ordered",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__lte=F("start_date")),
                name="program_registration_closes_before_start",
                violation_error_message=_(
                    "Batas pendaftaran tidak boleh setelah tanggal mulai pelatihan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quota__gt=0),
                name="program_quota_positive",
                violation_error_message=_("Kuota peserta harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="program_hours_positive",
                violation_error_message=_("Jumlah JP harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=F("min_age")),
                name="program_age_limits_ordered",
                violation_error_message=_("Usia maksimal tidak boleh di bawah usia minimal."),
            ),
            models.CheckConstraint(
                condition=Q(funding_source=FundingSource.PBK, pbk_assistance__isnull=False)
                | (~Q(funding_source=FundingSource.PBK) & Q(pbk_assistance__isnull=True)),
                name="program_pbk_funding_has_assistance",
                violation_error_message=_(
                    "Program berdana PBK harus menunjuk bantuan PBK-nya, dan hanya program PBK."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["institution", "status"]),
            models.Index(fields=["field", "start_date"]),
            models.Index(fields=["funding_source", "start_date"]),
            models.Index(fields=["registration_closes"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:program-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.institution_id and self.field_id and not self.institution.teaches(self.field):
            errors["field"] = _(
                "BLKK ini belum mengajarkan kejuruan %(field)s; tambahkan dulu di profil BLKK."
            ) % {"field": self.field}
        if self.pbk_assistance_id and self.institution_id:
            assistance = self.pbk_assistance
            if assistance.institution_id != self.institution_id:
                errors["pbk_assistance"] = _("Bantuan PBK ini milik BLKK lain.")
            elif self.start_date and assistance.year != self.start_date.year:
                errors["pbk_assistance"] = _(
                    "Bantuan PBK tahun %(year)s tidak bisa mendanai program yang mulai tahun lain."
                ) % {"year": assistance.year}
            elif self.field_id and assistance.field_id != self.field_id:
                errors["pbk_assistance"] = _("Bantuan PBK ini untuk kejuruan %(field)s.") % {
                    "field": assistance.field
                }
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED_STATUSES

    def seats_left(self) -> int:
        """Uses the ``seats_taken`` annotation when the queryset added it."""
        taken = getattr(self, "seats_taken", None)
        if taken is None:
            taken = self.enrollments.filter(status__in=Enrollment.SEATED_STATUSES).count()
        return max(self.quota - taken, 0)

    def registration_refusal(self, today: datetime.date | None = None) -> str | None:
        """Why an application cannot be taken now, or None when it can."""
        today = today or timezone.localdate()
        if self.status != self.Status.OPEN or not self.institution.is_public:
            return _("Pendaftaran program ini tidak sedang dibuka.")
        if today > self.registration_closes:
            return _("Batas pendaftaran program ini sudah lewat.")
        if self.seats_left() <= 0:
            return _("Kuota program ini sudah penuh.")
        return None

    def age_refusal(self, birth_date: datetime.date) -> str | None:
        age = age_on(birth_date, self.start_date)
        if self.min_age is not None and age < self.min_age:
            return _("Usia minimal peserta program ini %(age)s tahun.") % {"age": self.min_age}
        if self.max_age is not None and age > self.max_age:
            return _("Usia maksimal peserta program ini %(age)s tahun.") % {"age": self.max_age}
        return None

    def publish(self):
        self._transition("publish")

    def open_registration(self, today: datetime.date | None = None):
        self._ensure_can("open_registration")
        if self.registration_closes < (today or timezone.localdate()):
            raise ValidationError(
                _("Batas pendaftaran sudah lewat; ubah dulu batas pendaftarannya."),
                code="deadline_passed",
            )
        self._transition("open_registration")
        self.announce_registration_opened()

    def announce_registration_opened(self):
        """Queue the e-mails to the visitors waiting for this kejuruan in this kecamatan
        (``ProgramAlert``), once the change is committed."""
        queue_after_commit("trainings.tasks.send_program_alerts", self.pk)

    def close_registration(self):
        self._transition("close_registration")

    def start(self):
        self._transition("start")

    def complete(self):
        self._transition("complete")

    def cancel(self):
        self._transition("cancel")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class AgeBand(models.TextChoices):
    """Age in whole years on the program's start date."""

    UNDER_20 = "<20", _("Di bawah 20 tahun")
    FROM_20_TO_24 = "20-24", _("20–24 tahun")
    FROM_25_TO_29 = "25-29", _("25–29 tahun")
    FROM_30_TO_39 = "30-39", _("30–39 tahun")
    FROM_40 = "40+", _("40 tahun ke atas")


# The lower bound of each band but the first, from the oldest.
AGE_BAND_FLOORS = (
    (40, AgeBand.FROM_40),
    (30, AgeBand.FROM_30_TO_39),
    (25, AgeBand.FROM_25_TO_29),
    (20, AgeBand.FROM_20_TO_24),
)


def age_band(age) -> str:
    """The ``AgeBand`` value of an age in whole years (under 20 when it is unknown)."""
    if age is not None:
        for floor, band in AGE_BAND_FLOORS:
            if age >= floor:
                return band.value
    return AgeBand.UNDER_20.value


# Trainees and enrollments ---------------------------------------------------------------


class Education(models.TextChoices):
    NONE = "tidak_sekolah", _("Tidak/belum sekolah")
    PRIMARY = "sd", _("SD/sederajat")
    JUNIOR = "smp", _("SMP/sederajat")
    SENIOR = "sma", _("SMA/SMK/sederajat")
    DIPLOMA = "diploma", _("Diploma (D1-D4)")
    BACHELOR = "s1", _("Sarjana (S1)")
    POSTGRADUATE = "s2", _("Pascasarjana (S2/S3)")


class Occupation(models.TextChoices):
    UNEMPLOYED = "tidak_bekerja", _("Tidak bekerja/mencari kerja")
    STUDENT = "pelajar", _("Pelajar/mahasiswa/santri")
    EMPLOYEE = "karyawan", _("Karyawan/buruh")
    SELF_EMPLOYED = "wirausaha", _("Wirausaha")
    OTHER = "lainnya", _("Lainnya")


class Domicile(models.TextChoices):
    """Where a participant lives, as the indicators split them: Kabupaten Tangerang, or
    anywhere else in Indonesia (Kota Tangerang, Tangerang Selatan, migrant workers)."""

    HOME_REGENCY = "kabupaten_tangerang", _("Kabupaten Tangerang")
    ELSEWHERE = "luar_kabupaten_tangerang", _("Luar Kabupaten Tangerang")


class TraineeQuerySet(models.QuerySet):
    def for_manager(self, user):
        """Trainees enrolled in a program of an institution the user manages, and no others."""
        return self.filter(
            Exists(Enrollment.objects.for_manager(user).filter(trainee=OuterRef("pk")))
        )

    def of_institution(self, institution):
        """Trainees enrolled in a program of ``institution``."""
        return self.filter(
            Exists(Enrollment.objects.of_institution(institution).filter(trainee=OuterRef("pk")))
        )


class Trainee(TimeStampedModel):
    """One person, identified by NIK. Everything here but the name is personal data."""

    # Who the person is, and what a later application or import may bring up to date.
    IDENTITY_FIELDS = ("nik", "full_name", "gender", "birth_date")
    CONTACT_FIELDS = ("phone", "email", "address", "district", "village", "education", "occupation")

    nik = models.CharField(_("NIK"), max_length=16, unique=True, validators=[validate_nik])
    full_name = models.CharField(
        _("nama lengkap"), max_length=150, validators=[validate_plain_text]
    )
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    phone = MobileNumberField(_("nomor HP"))
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("alamat"), max_length=255, validators=[validate_plain_text])
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="trainees", verbose_name=_("kecamatan")
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="trainees",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
    )
    education = models.CharField(_("pendidikan terakhir"), max_length=15, choices=Education.choices)
    occupation = models.CharField(
        _("pekerjaan saat ini"), max_length=15, choices=Occupation.choices
    )
    history = HistoricalRecords()

    objects = TraineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nik__regex=r"^[0-9]{16}$"),
                name="trainee_nik_16_digits",
                violation_error_message=_("NIK harus terdiri dari 16 angka."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    def clean(self):
        errors = {}
        if (
            self.nik
            and len(self.nik) == 16
            and self.nik.isdigit()
            and self.birth_date
            and self.gender
        ):
            errors.update(nik_mismatch_errors(self.nik, self.birth_date, self.gender))
        try:
            check_village_in_district(self.village, self.district if self.district_id else None)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


def mask_nik(nik: str) -> str:
    """Show the region part only: 360301••••••••••."""
    return nik[:6] + "•" * 10 if nik else ""


def generate_reference_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    return "FKB-" + "".join(secrets.choice(alphabet) for _position in range(8))


class EnrollmentQuerySet(InstitutionOwnedQuerySet):
    institution_path = "program__institution"

    def graduates(self):
        return self.filter(status=Enrollment.Status.GRADUATED)


class Enrollment(StatusMachine, TimeStampedModel):
    """A trainee in a program: the application, then the participation and its result."""

    class Status(models.TextChoices):
        APPLIED = "mendaftar", _("Mendaftar")
        ACCEPTED = "diterima", _("Diterima")
        REJECTED = "ditolak", _("Ditolak")
        WITHDRAWN = "mengundurkan_diri", _("Mengundurkan diri")
        IN_TRAINING = "mengikuti", _("Mengikuti pelatihan")
        GRADUATED = "lulus", _("Lulus")
        DROPPED_OUT = "tidak_selesai", _("Tidak menyelesaikan")

    class CompetencyResult(models.TextChoices):
        COMPETENT = "kompeten", _("Kompeten")
        NOT_YET_COMPETENT = "belum_kompeten", _("Belum kompeten")
        NOT_ASSESSED = "belum_diuji", _("Belum diuji")

    class RejectionReason(models.TextChoices):
        QUOTA_FULL = "kuota_penuh", _("Kuota sudah penuh")
        AGE = "usia", _("Tidak memenuhi syarat usia")
        EDUCATION_OR_DOMICILE = (
            "pendidikan_domisili",
            _("Tidak memenuhi syarat pendidikan atau domisili"),
        )
        DOCUMENTS = "dokumen", _("Dokumen tidak lengkap")
        UNREACHABLE = "tidak_dapat_dihubungi", _("Tidak dapat dihubungi")
        OTHER = "lainnya", _("Lainnya")

    # How long a manager may take back a decision before the applicant is told by e-mail:
    # accept() and reject() set ``decision_mail_due_at`` this far ahead (see
    # ``services.enrollment_send_decision``).
    DECISION_UNDO_WINDOW = datetime.timedelta(minutes=10)
    DECIDED_STATUSES = (Status.ACCEPTED, Status.REJECTED)

    SEATED_STATUSES = (
        Status.ACCEPTED,
        Status.IN_TRAINING,
        Status.GRADUATED,
        Status.DROPPED_OUT,
    )
    # The training certificate and the competency certificate, as graduate() takes them.
    CERTIFICATE_FIELDS = (
        "training_certificate_number",
        "competency_scheme",
        "competency_certificate_issuer",
        "competency_certificate_number",
        "competency_certificate_date",
    )
    # Statuses that carry a result of the training and the day it ended for the participant.
    RESULT_STATUSES = (Status.GRADUATED, Status.DROPPED_OUT)
    # A person has been trained once they started (core.populations.PEOPLE_TRAINED): accepted
    # applicants who have not started yet have not.
    TRAINED_STATUSES = (Status.IN_TRAINING, *RESULT_STATUSES)
    # Statuses whose results the results table takes: those finishing now, and graduates whose
    # results come later. A drop-out's result is corrected on its own page.
    RESULTS_TABLE_STATUSES = (Status.IN_TRAINING, Status.GRADUATED)
    TRANSITIONS = {
        "accept": (_("Terima"), frozenset({Status.APPLIED}), Status.ACCEPTED),
        "reject": (_("Tolak"), frozenset({Status.APPLIED}), Status.REJECTED),
        # Takes a decision back: within DECISION_UNDO_WINDOW nobody was told; later, the
        # applicant hears of the new decision in its turn.
        "reopen": (
            _("Buka kembali keputusan"),
            frozenset({Status.ACCEPTED, Status.REJECTED}),
            Status.APPLIED,
        ),
        "withdraw": (
            _("Mundur"),
            frozenset({Status.APPLIED, Status.ACCEPTED}),
            Status.WITHDRAWN,
        ),
        "start_training": (_("Mulai mengikuti"), frozenset({Status.ACCEPTED}), Status.IN_TRAINING),
        "graduate": (_("Luluskan"), frozenset({Status.IN_TRAINING}), Status.GRADUATED),
        "drop_out": (
            _("Nyatakan tidak selesai"),
            frozenset({Status.IN_TRAINING}),
            Status.DROPPED_OUT,
        ),
    }

    trainee = models.ForeignKey(
        Trainee, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("peserta")
    )
    program = models.ForeignKey(
        TrainingProgram,
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=_("program"),
    )
    reference_code = models.CharField(
        _("kode pendaftaran"), max_length=12, unique=True, default=generate_reference_code
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    competency_result = models.CharField(
        _("hasil uji kompetensi"),
        max_length=15,
        choices=CompetencyResult.choices,
        default=CompetencyResult.NOT_ASSESSED,
    )
    # The BLKK's own certificate, given to its graduates; unique within the BLKK (clean()).
    training_certificate_number = models.CharField(
        _("nomor sertifikat pelatihan"), max_length=100, blank=True
    )
    # The competency certificate an LSP licensed by BNSP issues after a competency assessment.
    competency_scheme = models.CharField(_("skema sertifikasi"), max_length=200, blank=True)
    competency_certificate_issuer = models.CharField(_("LSP penerbit"), max_length=200, blank=True)
    competency_certificate_number = models.CharField(
        _("nomor sertifikat kompetensi"), max_length=100, blank=True
    )
    competency_certificate_date = models.DateField(
        _("tanggal sertifikat kompetensi"), null=True, blank=True
    )
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("alasan penolakan"), max_length=25, choices=RejectionReason.choices, blank=True
    )
    # Told to the applicant with the decision; the reason's own words when it is "lainnya".
    decision_message = models.TextField(_("pesan keputusan"), blank=True)
    # When the decision's e-mail is due; empty once it is sent (or when nobody is to be told).
    decision_mail_due_at = models.DateTimeField(
        _("e-mail keputusan dikirim pada"), null=True, blank=True
    )
    completed_on = models.DateField(_("tanggal lulus/berhenti"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kepesertaan")
        verbose_name_plural = _("kepesertaan")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "program"],
                name="enrollment_once_per_program",
                violation_error_message=_("Peserta ini sudah terdaftar di program ini."),
            ),
            models.CheckConstraint(
                condition=Q(training_certificate_number="") | Q(status="lulus"),
                name="enrollment_training_certificate_only_for_graduates",
                violation_error_message=_(
                    "Nomor sertifikat pelatihan hanya untuk peserta yang lulus."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    competency_scheme="",
                    competency_certificate_issuer="",
                    competency_certificate_number="",
                    competency_certificate_date__isnull=True,
                )
                | Q(competency_result="kompeten"),
                name="enrollment_competency_certificate_only_if_competent",
                violation_error_message=_(
                    "Sertifikat kompetensi hanya untuk peserta yang hasil ujinya kompeten."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    competency_certificate_number="", competency_certificate_date__isnull=True
                )
                | (
                    ~Q(competency_certificate_number="")
                    & Q(competency_certificate_date__isnull=False)
                ),
                name="enrollment_competency_certificate_number_with_date",
                violation_error_message=_(
                    "Isi nomor dan tanggal sertifikat kompetensi bersama-sama, atau kosongkan "
                    "keduanya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rejection_reason="") | Q(status="ditolak"),
                name="enrollment_rejection_reason_only_if_rejected",
                violation_error_message=_("Alasan penolakan hanya untuk pendaftar yang ditolak."),
            ),
            models.CheckConstraint(
                condition=Q(competency_result="belum_diuji")
                | Q(status__in=["lulus", "tidak_selesai"]),
                name="enrollment_result_after_training",
                violation_error_message=_(
                    "Hasil uji kompetensi hanya untuk peserta yang lulus atau tidak selesai."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["program", "status"]),
            models.Index(fields=["status", "completed_on"]),
            # The admin's newest-first list (created_at, then pk) reads its page from here.
            models.Index(fields=["created_at", "id"], name="enrollment_created_idx"),
        ]

    def __str__(self):
        return f"{self.trainee} — {self.program}"

    def clean(self):
        if self.trainee_id and self.program_id and self._state.adding:
            refusal = self.program.age_refusal(self.trainee.birth_date)
            if refusal:
                raise ValidationError({"trainee": refusal})
        if not self.program_id:
            return
        errors = self.certificate_errors()
        if self.status in self.RESULT_STATUSES:
            # Not tied to the date field: a form that corrects only the result has none.
            date_errors = self.result_date_errors(self.completed_on)
            if date_errors:
                errors[NON_FIELD_ERRORS] = [
                    ValidationError(message, code="result_date") for message in date_errors
                ]
        if errors:
            raise ValidationError(errors)

    def certificate_errors(self) -> dict[str, list[str]]:
        """What the constraints cannot check of the certificates: a training certificate
        number is used once within a BLKK, whatever the program; a competency certificate
        is dated from the program's start to today."""
        errors = {}
        number = self.training_certificate_number
        if (
            number
            and Enrollment.objects.filter(
                program__institution_id=self.program.institution_id,
                training_certificate_number__iexact=number,
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["training_certificate_number"] = [
                _("Nomor sertifikat pelatihan %(number)s sudah dipakai peserta lain di BLKK ini.")
                % {"number": number}
            ]
        issued_on, start = self.competency_certificate_date, self.program.start_date
        if issued_on and issued_on < start:
            errors["competency_certificate_date"] = [
                _("Tanggal sertifikat kompetensi tidak boleh sebelum program dimulai, %(start)s.")
                % {"start": day_label(start)}
            ]
        elif issued_on and issued_on > timezone.localdate():
            errors["competency_certificate_date"] = [
                _("Tanggal sertifikat kompetensi tidak boleh melewati hari ini.")
            ]
        return errors

    def result_date_errors(self, on: datetime.date | None) -> list[str]:
        """Why a graduation or drop-out on ``on`` cannot be recorded: a result exists only once
        the program has started, on a day within the program and not after today."""
        program, today = self.program, timezone.localdate()
        start, end = program.start_date, program.end_date
        if start > today:
            return [
                _(
                    "Program ini baru dimulai %(start)s; kelulusan dan hasil uji baru bisa "
                    "dicatat sejak hari itu."
                )
                % {"start": day_label(start)}
            ]
        if on is None:
            return [_("Isi tanggal lulus atau berhenti.")]
        if not start <= on <= end:
            return [
                _("Tanggal lulus atau berhenti harus dalam masa program, %(start)s–%(end)s.")
                % {"start": day_label(start), "end": day_label(end)}
            ]
        if on > today:
            return [_("Tanggal lulus atau berhenti tidak boleh melewati hari ini.")]
        return []

    def _result_date(self, transition: str, on: datetime.date | None) -> datetime.date:
        """``on``, or the last day of the program that has come, once it may hold a result."""
        self._ensure_can(transition)
        on = on or min(timezone.localdate(), self.program.end_date)
        errors = self.result_date_errors(on)
        if errors:
            raise ValidationError(errors, code="result_date")
        return on

    def _decision_changes(self, message: str) -> dict:
        now = timezone.now()
        return {
            "decided_on": timezone.localdate(now),
            "decision_message": message.strip(),
            "decision_mail_due_at": now + self.DECISION_UNDO_WINDOW,
        }

    def accept(self, *, message: str = ""):
        """Accept, with a ``message`` for the applicant; e-mailed after the undo window."""
        self._ensure_can("accept")
        if self.program.seats_left() <= 0:
            raise ValidationError(_("Kuota program ini sudah penuh."), code="quota_full")
        self._transition("accept", **self._decision_changes(message))

    @classmethod
    def rejection_errors(cls, reason: str, message: str) -> dict[str, list[str]]:
        """Why an applicant cannot be rejected with ``reason`` and ``message``: a reason is
        one of ``RejectionReason``, and "lainnya" says in ``message`` what it is."""
        if reason not in cls.RejectionReason.values:
            return {"rejection_reason": [_("Pilih alasan penolakan.")]}
        if reason == cls.RejectionReason.OTHER and not message.strip():
            return {"decision_message": [_('Tuliskan alasannya bila memilih "Lainnya".')]}
        return {}

    def reject(self, *, reason: str, message: str = ""):
        """Reject for ``reason``; the applicant is e-mailed it after the undo window."""
        self._ensure_can("reject")
        errors = self.rejection_errors(reason, message)
        if errors:
            raise ValidationError(errors)
        self._transition("reject", rejection_reason=reason, **self._decision_changes(message))

    @property
    def decision_mail_pending(self) -> bool:
        """Whether the decision may still be taken back before the applicant hears of it."""
        return self.status in self.DECIDED_STATUSES and self.decision_mail_due_at is not None

    def reopen(self) -> bool:
        """Back to "mendaftar", for a new decision; True when the applicant was never told
        (the decision's e-mail was still waiting, and now is not sent)."""
        undone = self.decision_mail_pending
        self._transition(
            "reopen",
            decided_on=None,
            rejection_reason="",
            decision_message="",
            decision_mail_due_at=None,
        )
        return undone

    def withdraw(self):
        self._transition("withdraw")

    def status_history(self) -> list[tuple[str, datetime.date]]:
        """Each status the enrollment took, with the day it took it, oldest first.

        Read from the history records (one query): a record is kept for every save, so the
        first record of each new status is the day of that change. Decided and result days
        recorded on the enrollment (``decided_on``, ``completed_on``) win over the day the
        record was made, since a manager may enter them afterwards.
        """
        recorded_day = {
            self.Status.ACCEPTED: self.decided_on,
            self.Status.REJECTED: self.decided_on,
            self.Status.GRADUATED: self.completed_on,
            self.Status.DROPPED_OUT: self.completed_on,
        }
        steps, previous = [], None
        records = self.history.order_by("history_date", "history_id").values_list(
            "status", "history_date"
        )
        for status, changed_at in records:
            if status != previous:
                day = recorded_day.get(status) or timezone.localdate(changed_at)
                steps.append((self.Status(status).label, day))
                previous = status
        # Rows written without history (none today, but a bulk load may) still have a date.
        return steps or [(self.get_status_display(), timezone.localdate(self.created_at))]

    def start_training(self):
        self._transition("start_training")

    def graduate(
        self,
        *,
        result: str,
        on=None,
        training_certificate_number: str = "",
        competency_scheme: str = "",
        competency_certificate_issuer: str = "",
        competency_certificate_number: str = "",
        competency_certificate_date: datetime.date | None = None,
    ):
        """Graduate with the competency result and the certificates, refused (nothing saved)
        when they break a rule of ``certificate_errors`` or of the constraints."""
        changes = {
            "competency_result": result,
            "training_certificate_number": training_certificate_number,
            "competency_scheme": competency_scheme,
            "competency_certificate_issuer": competency_certificate_issuer,
            "competency_certificate_number": competency_certificate_number,
            "competency_certificate_date": competency_certificate_date,
            "completed_on": self._result_date("graduate", on),
        }
        self._check_graduate_results(changes)
        self._transition("graduate", **changes)

    # What record_results() may change of a graduate.
    RESULT_FIELDS = ("competency_result", *CERTIFICATE_FIELDS)

    def record_results(self, **changes):
        """Set a graduate's competency result and certificates (``RESULT_FIELDS`` by name),
        keeping the status: results often come from the LSP weeks after the graduation.
        Refused (nothing saved) when they break a rule, as in ``graduate``."""
        if self.status != self.Status.GRADUATED:
            raise ValidationError(
                _(
                    "Hasil uji hanya bisa dicatat tanpa perubahan status untuk peserta yang "
                    "lulus; statusnya %(status)s."
                )
                % {"status": self.get_status_display().lower()},
                code="not_graduated",
            )
        unknown = set(changes) - set(self.RESULT_FIELDS)
        if unknown:
            raise TypeError(f"not a result field: {', '.join(sorted(unknown))}")
        self._check_graduate_results(changes)
        for field, value in changes.items():
            setattr(self, field, value)
        self.save(update_fields=[*changes, "updated_at"])

    def _check_graduate_results(self, changes: dict) -> None:
        """Raise ValidationError when this participant, graduated with ``changes``, would break
        a rule of ``certificate_errors`` or of the constraints."""
        # Checked on a copy, so that a refused change leaves this participant as it was.
        graduated = copy.copy(self)
        graduated.status = self.Status.GRADUATED
        for field, value in changes.items():
            setattr(graduated, field, value)
        errors = graduated.certificate_errors()
        try:
            # The rules naming the trainee or the status hold for any graduate; each check
            # left is a query, and a class may be graduated at once.
            graduated.validate_constraints(exclude={"trainee", "status"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def drop_out(self, *, on=None):
        self._transition("drop_out", completed_on=self._result_date("drop_out", on))


# Participant imports --------------------------------------------------------------------


class ParticipantImportQuerySet(BackgroundJobQuerySet, InstitutionOwnedQuerySet):
    institution_path = "program__institution"


class ParticipantImport(BackgroundJob):
    """A manager's file of participants for one program, checked and saved by a Celery task
    (``trainings.imports``). Its ``errors`` are ``error_entry`` dicts, in the file's order."""

    class Status(models.TextChoices):
        QUEUED = BackgroundJob.QUEUED, _("Menunggu giliran")
        CHECKING = "diperiksa", _("Sedang diperiksa")
        SAVING = "disimpan", _("Sedang disimpan")
        DONE = BackgroundJob.DONE, _("Selesai")
        FAILED = BackgroundJob.FAILED, _("Gagal")

    program = models.ForeignKey(
        TrainingProgram,
        on_delete=models.CASCADE,
        related_name="participant_imports",
        verbose_name=_("program"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    # Deleted once processed: it holds personal data.
    file = models.FileField(
        _("berkas"), upload_to="imports/participants/", storage=private_storage, blank=True
    )
    original_name = models.CharField(_("nama berkas"), max_length=255)
    status = BackgroundJob.status_field(Status)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    processed_rows = models.PositiveIntegerField(_("baris diproses"), default=0)
    created_trainees = models.PositiveIntegerField(_("peserta baru"), default=0)
    matched_trainees = models.PositiveIntegerField(_("peserta lama (NIK cocok)"), default=0)
    enrollments_created = models.PositiveIntegerField(_("kepesertaan dibuat"), default=0)
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    history = HistoricalRecords()

    objects = ParticipantImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor peserta")
        verbose_name_plural = _("impor peserta")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} — {self.program}"

    def get_absolute_url(self):
        return reverse("manager:participant-import-status", kwargs={"pk": self.pk})

    def progress_percent(self) -> int:
        return self.processed_rows * 100 // self.total_rows if self.total_rows else 0

    @staticmethod
    def error_entry(line: int | None, column, message) -> dict:
        """One error of an import: the file's line (None for the whole file), the column's
        title ("" for none) and why."""
        return {"line": line, "column": str(column), "message": str(message)}

    def finish(self, status: str) -> None:
        """End the job as done or failed; its file goes either way: it holds personal data."""
        if self.file:
            self.file.delete(save=False)
        self.status = status
        self.finished_at = timezone.now()
        self.save()

    def fail_as_stalled(self) -> None:
        self.errors = [
            self.error_entry(
                None, "", gettext("Impor terhenti sebelum selesai; unggah berkas ini sekali lagi.")
            )
        ]
        self.finish(self.Status.FAILED)


# Per-program counts -----------------------------------------------------------------------


class ProgramSummary(models.Model):
    """What the indicators count of one program's participants, kept by ``summaries``.

    Participants are its seated enrollments (``Enrollment.SEATED_STATUSES``); every other
    column counts some of them. Gender, education and domicile are the trainee's as recorded
    now; the age band is the age on the program's start date. A program without a row counts zero.
    Derived data, rebuilt at will: no history, not edited by hand.
    """

    # The column of each choice, so that a new choice without its column fails loudly.
    GENDER_COLUMNS = {Gender.MALE: "male", Gender.FEMALE: "female"}
    AGE_BAND_COLUMNS = {
        AgeBand.UNDER_20: "age_under_20",
        AgeBand.FROM_20_TO_24: "age_20_24",
        AgeBand.FROM_25_TO_29: "age_25_29",
        AgeBand.FROM_30_TO_39: "age_30_39",
        AgeBand.FROM_40: "age_40_plus",
    }
    EDUCATION_COLUMNS = {
        Education.NONE: "education_none",
        Education.PRIMARY: "education_primary",
        Education.JUNIOR: "education_junior",
        Education.SENIOR: "education_senior",
        Education.DIPLOMA: "education_diploma",
        Education.BACHELOR: "education_bachelor",
        Education.POSTGRADUATE: "education_postgraduate",
    }
    DOMICILE_COLUMNS = {
        Domicile.HOME_REGENCY: "domicile_home",
        Domicile.ELSEWHERE: "domicile_elsewhere",
    }

    program = models.OneToOneField(
        TrainingProgram,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="summary",
        verbose_name=_("program"),
    )
    participants = models.PositiveIntegerField(_("peserta"), default=0)
    graduates = models.PositiveIntegerField(_("lulus"), default=0)
    # Assessed: a competency result other than "belum diuji".
    assessed = models.PositiveIntegerField(_("diuji"), default=0)
    competent = models.PositiveIntegerField(_("kompeten"), default=0)
    male = models.PositiveIntegerField(_("laki-laki"), default=0)
    female = models.PositiveIntegerField(_("perempuan"), default=0)
    age_under_20 = models.PositiveIntegerField(_("di bawah 20 tahun"), default=0)
    age_20_24 = models.PositiveIntegerField(_("20–24 tahun"), default=0)
    age_25_29 = models.PositiveIntegerField(_("25–29 tahun"), default=0)
    age_30_39 = models.PositiveIntegerField(_("30–39 tahun"), default=0)
    age_40_plus = models.PositiveIntegerField(_("40 tahun ke atas"), default=0)
    education_none = models.PositiveIntegerField(_("tidak/belum sekolah"), default=0)
    education_primary = models.PositiveIntegerField(_("SD"), default=0)
    education_junior = models.PositiveIntegerField(_("SMP"), default=0)
    education_senior = models.PositiveIntegerField(_("SMA/SMK"), default=0)
    education_diploma = models.PositiveIntegerField(_("diploma"), default=0)
    education_bachelor = models.PositiveIntegerField(_("S1"), default=0)
    education_postgraduate = models.PositiveIntegerField(_("S2/S3"), default=0)
    domicile_home = models.PositiveIntegerField(_("tinggal di Kabupaten Tangerang"), default=0)
    domicile_elsewhere = models.PositiveIntegerField(
        _("tinggal di luar Kabupaten Tangerang"), default=0
    )
    refreshed_at = models.DateTimeField(_("dihitung pada"))

    class Meta:
        verbose_name = _("ringkasan program")
        verbose_name_plural = _("ringkasan program")

    def __str__(self):
        return str(self.program_id)

    @classmethod
    def counted_columns(cls) -> list[str]:
        """Every count column, in field order."""
        return [
            field.name
            for field in cls._meta.concrete_fields
            if isinstance(field, models.PositiveIntegerField)
        ]


class ProgramAlert(TimeStampedModel):
    """A visitor's wish to hear by e-mail when a program of a kejuruan in a kecamatan opens
    registration ("Kabari saya").

    Double opt-in: only a confirmed alert is sent anything, and the consent the visitor gave
    is kept word for word with its time. Unsubscribing deletes the row, so that no address is
    kept that is no longer used. The address is personal data: shown to the secretariat only.
    """

    email = models.EmailField(_("e-mail"))
    field = models.ForeignKey(
        VocationalField, on_delete=models.CASCADE, related_name="+", verbose_name=_("kejuruan")
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("kecamatan")
    )
    consent_text = models.TextField(_("persetujuan yang diberikan"))
    consented_at = models.DateTimeField(_("waktu persetujuan"))
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kabar program")
        verbose_name_plural = _("kabar program")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "field", "district"], name="program_alert_once_per_address"
            )
        ]

    def __str__(self):
        return f"{self.field} — {self.district}"
