"""The base of the domain: regions, kejuruan, BLKK, instructors, managers, the forum's officers
and its secretariat's contact."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import MobileNumberField, ReencodedImageField, rupiah_field
from core.models import TimeStampedModel
from core.validators import (
    IMAGE_UPLOAD_VALIDATORS,
    LOGO_UPLOAD_VALIDATORS,
    PHOTO_UPLOAD_VALIDATORS,
    validate_phone_number,
    validate_plain_text,
)

from . import boundaries, regions


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


# Regions --------------------------------------------------------------------------------


class Regency(models.Model):
    """Kabupaten/Kota, with its Kemendagri code (``36.03``)."""

    code = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    province_name = models.CharField(_("provinsi"), max_length=100)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_home(self) -> bool:
        """Kabupaten Tangerang, the forum's regency: the only one whose desa are recorded."""
        return self.code == regions.KABUPATEN_TANGERANG_CODE


class District(models.Model):
    """Kecamatan, with its Kemendagri code (``36.03.01``)."""

    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("kabupaten/kota"),
    )
    code = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Village(models.Model):
    """Desa or kelurahan, with its Kemendagri code (``36.03.01.2003``)."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="villages", verbose_name=_("kecamatan")
    )
    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        ordering = ["code"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"


def check_district_in_regency(district, regency, field="district"):
    """The kecamatan chosen must lie in the kabupaten/kota chosen."""
    if district is not None and regency is not None and district.regency_id != regency.pk:
        raise ValidationError(
            {
                field: _("Kecamatan %(district)s tidak berada di %(regency)s.")
                % {"district": district.name, "regency": regency.name}
            }
        )


def check_village_in_district(village, district, field="village"):
    """The village chosen must lie in the kecamatan chosen (used by every located model)."""
    if village is not None and district is not None and village.district_id != district.pk:
        raise ValidationError(
            {
                field: _("Desa/kelurahan %(village)s tidak berada di Kecamatan %(district)s.")
                % {"village": village.name, "district": district.name}
            }
        )


# Kejuruan -------------------------------------------------------------------------------


class VocationalField(TimeStampedModel):
    """Kejuruan: a trade taught at a BLKK."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_kemnaker_listed = models.BooleanField(
        _("termasuk daftar Kemnaker"),
        default=True,
        help_text=_("Kejuruan dalam daftar program BLK Komunitas Kemnaker."),
    )
    description = models.TextField(_("deskripsi"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kejuruan")
        verbose_name_plural = _("kejuruan")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Institutions ---------------------------------------------------------------------------


def check_point_in_district(district, latitude, longitude) -> None:
    """A map point must lie in its kecamatan, where the boundary is known."""
    if boundaries.has_boundary(district.code) and not boundaries.lies_in(
        district.code, latitude, longitude
    ):
        raise ValidationError(
            _(
                "Titik lokasi (lintang %(latitude)s, bujur %(longitude)s) berada di luar "
                "Kecamatan %(district)s. Periksa koordinatnya: lintang di Kabupaten "
                "Tangerang sekitar -6,0 sampai -6,4 dan bujur sekitar 106,3 sampai 106,8."
            )
            % {"latitude": latitude, "longitude": longitude, "district": district.name},
            code="coordinates_outside_district",
        )


class InstitutionQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The institutions ``user`` manages: the one place that answers this question."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(manager_links__user=user)

    def published(self):
        return self.filter(is_published=True)

    def active(self):
        return self.filter(is_active=True)

    def public(self):
        """The institutions a visitor sees: published and still active."""
        return self.published().active()

    def teaching(self, field: "VocationalField"):
        """Institutions built for ``field`` or teaching it besides (each once)."""
        return self.filter(
            Q(primary_field=field)
            | Q(
                pk__in=Institution.fields.through.objects.filter(vocationalfield=field).values(
                    "institution"
                )
            )
        )


class Institution(TimeStampedModel):
    """A BLK Komunitas and its host organisation (lembaga pengelola)."""

    class HostType(models.TextChoices):
        PESANTREN = "pesantren", _("Pondok pesantren")
        SEMINARY = "seminari", _("Seminari")
        CHURCH = "gereja", _("Gereja")
        PASRAMAN = "pasraman", _("Pasraman")
        DHAMMASEKHA = "dhammasekha", _("Dhammasekha")
        OTHER_RELIGIOUS = "keagamaan_lain", _("Lembaga keagamaan lain")
        TRADE_UNION = "serikat_pekerja", _("Serikat pekerja/buruh")

    class LegalForm(models.TextChoices):
        """The host's legal form, a fact apart from its kind (a pesantren is usually run by a
        yayasan, a trade union may be registered as an ormas)."""

        YAYASAN = "yayasan", _("Yayasan")
        PERKUMPULAN = "perkumpulan", _("Perkumpulan")
        ORMAS = "ormas", _("Organisasi kemasyarakatan (ormas)")

    class KemnakerClass(models.TextChoices):
        GROWING = "tumbuh", _("Tumbuh")
        DEVELOPING = "berkembang", _("Berkembang")
        INDEPENDENT = "mandiri", _("Mandiri")

    name = models.CharField(_("nama BLKK"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    host_type = models.CharField(
        _("jenis lembaga pengelola"), max_length=20, choices=HostType.choices
    )
    host_name = models.CharField(_("nama lembaga pengelola"), max_length=200)
    host_legal_form = models.CharField(
        _("bentuk hukum lembaga pengelola"),
        max_length=12,
        choices=LegalForm.choices,
        blank=True,
        help_text=_("Kosongkan bila belum diketahui."),
    )
    kemnaker_class = models.CharField(
        _("klasifikasi Kemnaker"),
        max_length=12,
        choices=KemnakerClass.choices,
        default=KemnakerClass.GROWING,
    )
    year_built = models.PositiveSmallIntegerField(
        _("tahun dibangun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    primary_field = models.ForeignKey(
        VocationalField,
        on_delete=models.PROTECT,
        related_name="primary_institutions",
        verbose_name=_("kejuruan utama"),
        help_text=_("Kejuruan yang dibangun dan diperlengkapi Kemnaker."),
    )
    fields = models.ManyToManyField(
        VocationalField,
        related_name="institutions",
        verbose_name=_("kejuruan yang diajarkan"),
        blank=True,
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("kecamatan")
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="institutions",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
    )
    address = models.CharField(_("alamat"), max_length=255, validators=[validate_plain_text])
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    public_phone = MobileNumberField(_("telepon publik"), blank=True)
    public_email = models.EmailField(_("e-mail publik"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    description = models.TextField(_("profil"), blank=True)
    facilities = models.TextField(_("fasilitas"), blank=True)
    logo = ReencodedImageField(
        _("logo"),
        upload_to="institutions/logos/",
        blank=True,
        validators=LOGO_UPLOAD_VALIDATORS,
        help_text=_("JPEG, PNG, atau WebP; paling kecil 120×120 piksel."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_published = models.BooleanField(_("tampil di situs publik"), default=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="InstitutionManager",
        related_name="managed_institutions",
        verbose_name=_("pengelola"),
        blank=True,
    )
    history = HistoricalRecords(m2m_fields=[fields])

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("BLK Komunitas")
        verbose_name_plural = _("BLK Komunitas")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_built__gte=2000, year_built__lte=2100),
                name="institution_year_built_plausible",
                violation_error_message=_("Tahun dibangun harus antara 2000 dan 2100."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="institution_latitude_range",
                violation_error_message=_("Lintang harus antara -90 dan 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="institution_longitude_range",
                violation_error_message=_("Bujur harus antara -180 dan 180."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "is_active", "district"]),
            models.Index(fields=["kemnaker_class"]),
            models.Index(fields=["host_type"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        check_village_in_district(self.village, self.district if self.district_id else None)
        if self.district_id and self.latitude is not None and self.longitude is not None:
            self.check_coordinates_in_district()

    def check_coordinates_in_district(self):
        """The map point must lie in the BLKK's kecamatan, where its boundary is known.

        Not tied to the coordinate fields: a form may show them under other names.
        """
        check_point_in_district(self.district, self.latitude, self.longitude)

    def get_absolute_url(self):
        return reverse("institutions:institution-detail", kwargs={"slug": self.slug})

    @property
    def map_url(self) -> str:
        """A link that opens the BLKK in a map app: at its map point, or else by its address
        (Google Maps' documented search link, which phones hand to their maps app)."""
        if self.latitude is not None and self.longitude is not None:
            query = f"{self.latitude},{self.longitude}"
        else:
            query = f"{self.name}, {self.address}, {self.district.name}"
        return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": query})

    @property
    def is_public(self) -> bool:
        """Whether visitors may see it; ``InstitutionQuerySet.public`` asks the same."""
        return self.is_published and self.is_active

    def teaches(self, field: VocationalField) -> bool:
        return self.primary_field_id == field.pk or self.fields.filter(pk=field.pk).exists()


class InstitutionManager(TimeStampedModel):
    """The link from a user (a BLKK's kepala/pengelola) to an institution they manage."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="institution_links",
        verbose_name=_("pengguna"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="manager_links",
        verbose_name=_("BLKK"),
    )
    position = models.CharField(_("jabatan"), max_length=100, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengelola BLKK")
        verbose_name_plural = _("pengelola BLKK")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"], name="institution_manager_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.institution}"


class InstitutionOwnedQuerySet(models.QuerySet):
    """For models that belong to one institution; ``institution_path`` is the lookup to it."""

    institution_path = "institution"

    def for_manager(self, user):
        """The rows of the institutions ``user`` manages, and no others."""
        return self.filter(**{f"{self.institution_path}__in": Institution.objects.managed_by(user)})

    def of_institution(self, institution):
        """The rows that belong to ``institution``."""
        return self.filter(**{self.institution_path: institution})


class InstitutionPhoto(TimeStampedModel):
    """A photo of a BLKK (workshop, equipment, a class at work) shown on its public profile."""

    MAX_PER_INSTITUTION = 8

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="photos", verbose_name=_("BLKK")
    )
    image = ReencodedImageField(
        _("foto"),
        upload_to="institutions/photos/",
        validators=PHOTO_UPLOAD_VALIDATORS,
        help_text=_("JPEG, PNG, atau WebP; paling kecil 640×480 piksel."),
    )
    caption = models.CharField(
        _("keterangan"),
        max_length=150,
        help_text=_(
            'Apa yang tampak di foto, misalnya "Praktik menjahit di bengkel". '
            "Dibacakan untuk pengunjung tunanetra."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Foto dengan angka kecil tampil lebih dulu.")
    )
    history = HistoricalRecords()

    objects = InstitutionOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("foto BLKK")
        verbose_name_plural = _("foto BLKK")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption

    def clean(self):
        if self._state.adding and self.institution_id is not None:
            taken = InstitutionPhoto.objects.filter(institution_id=self.institution_id).count()
            if taken >= self.MAX_PER_INSTITUTION:
                raise ValidationError(
                    _(
                        "Satu BLKK paling banyak memiliki %(limit)s foto. Hapus salah satu foto "
                        "lama sebelum menambah yang baru."
                    )
                    % {"limit": self.MAX_PER_INSTITUTION}
                )


class KemnakerAssistance(TimeStampedModel):
    """What Kemnaker gave a BLKK besides PBK training packages (``trainings.PBKAssistance``):
    the workshop building it built and the training equipment it supplied."""

    class Kind(models.TextChoices):
        WORKSHOP = "gedung_workshop", _("Gedung workshop")
        EQUIPMENT = "peralatan", _("Peralatan pelatihan")

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="kemnaker_assistance",
        verbose_name=_("BLKK"),
    )
    kind = models.CharField(_("jenis bantuan"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("tahun anggaran"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    value = rupiah_field(_("nilai (Rp)"))
    items = models.TextField(
        _("rincian"),
        blank=True,
        help_text=_("Apa yang diterima, misalnya “12 mesin jahit, 2 mesin obras”."),
    )
    history = HistoricalRecords()

    objects = InstitutionOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bantuan Kemnaker non-PBK")
        verbose_name_plural = _("bantuan Kemnaker non-PBK")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="kemnaker_assistance_value_not_negative",
                violation_error_message=_("Nilai bantuan tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} — {self.institution}"


class Instructor(TimeStampedModel):
    """A trainer of a BLKK. Phone and e-mail are private contacts."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="instructors", verbose_name=_("BLKK")
    )
    full_name = models.CharField(
        _("nama lengkap"), max_length=150, validators=[validate_plain_text]
    )
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    field = models.ForeignKey(
        VocationalField,
        on_delete=models.PROTECT,
        related_name="instructors",
        verbose_name=_("kejuruan"),
    )
    phone = MobileNumberField(_("nomor HP"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    objects = InstitutionOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("instruktur")
        verbose_name_plural = _("instruktur")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class InstructorOwnedQuerySet(InstitutionOwnedQuerySet):
    institution_path = "instructor__institution"


class InstructorCertificate(TimeStampedModel):
    """A competency certificate (BNSP/LSP) held by an instructor."""

    instructor = models.ForeignKey(
        Instructor,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("instruktur"),
    )
    scheme = models.CharField(_("skema sertifikasi"), max_length=200)
    issuer = models.CharField(_("penerbit (BNSP/LSP)"), max_length=150)
    number = models.CharField(_("nomor sertifikat"), max_length=100)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    history = HistoricalRecords()

    objects = InstructorOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sertifikat instruktur")
        verbose_name_plural = _("sertifikat instruktur")
        ordering = ["-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issued_on")),
                name="certificate_validity_after_issue",
                violation_error_message=_("Tanggal berlaku tidak boleh sebelum tanggal terbit."),
            ),
            models.UniqueConstraint(fields=["issuer", "number"], name="certificate_number_unique"),
        ]

    def __str__(self):
        return f"{self.scheme} ({self.number})"


class InstructorTraining(TimeStampedModel):
    """A training an instructor attended (pelatihan instruktur, upgrading)."""

    instructor = models.ForeignKey(
        Instructor, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("instruktur")
    )
    title = models.CharField(_("nama pelatihan"), max_length=200)
    organiser = models.CharField(_("penyelenggara"), max_length=150)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    hours = models.PositiveSmallIntegerField(_("jumlah JP"), null=True, blank=True)
    history = HistoricalRecords()

    objects = InstructorOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pelatihan instruktur")
        verbose_name_plural = _("pelatihan instruktur")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="instructor_training_dates_ordered",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0),
                name="instructor_training_hours_positive",
                violation_error_message=_("Jumlah JP harus lebih dari nol."),
            ),
        ]

    def __str__(self):
        return self.title


class ForumOfficer(TimeStampedModel):
    """An officer (pengurus) of FK-BLKK for a period."""

    class Position(models.TextChoices):
        CHAIR = "ketua", _("Ketua")
        VICE_CHAIR = "wakil_ketua", _("Wakil ketua")
        SECRETARY = "sekretaris", _("Sekretaris")
        TREASURER = "bendahara", _("Bendahara")
        COORDINATOR = "koordinator", _("Koordinator bidang")
        MEMBER = "anggota", _("Anggota")

    full_name = models.CharField(
        _("nama lengkap"), max_length=150, validators=[validate_plain_text]
    )
    position = models.CharField(_("jabatan"), max_length=20, choices=Position.choices)
    portfolio = models.CharField(_("bidang"), max_length=150, blank=True)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.SET_NULL,
        related_name="forum_officers",
        verbose_name=_("asal BLKK"),
        null=True,
        blank=True,
    )
    period_start = models.DateField(_("awal masa bakti"))
    period_end = models.DateField(_("akhir masa bakti"))
    photo = ReencodedImageField(
        _("foto"), upload_to="officers/", blank=True, validators=IMAGE_UPLOAD_VALIDATORS
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengurus forum")
        verbose_name_plural = _("pengurus forum")
        ordering = ["-period_start", "position", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="officer_period_ordered",
                violation_error_message=_("Akhir masa bakti harus setelah awal masa bakti."),
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_position_display()})"


# The primary key of the secretariat's contact, its only row.
SECRETARIAT_CONTACT_ID = 1


class SecretariatContact(TimeStampedModel):
    """How visitors reach the forum's secretariat: one row, which the secretariat keeps in the
    admin and every public page shows in its footer (``load``, cached by
    ``institutions.context_processors``).

    Everything is optional, so that the portal runs before the secretariat fills it in; what is
    blank is simply not shown.
    """

    address = models.CharField(
        _("alamat sekretariat"),
        max_length=255,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Jalan, nomor, RT/RW dan desa; kecamatannya dipilih di bawah."),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("telepon"),
        max_length=30,
        blank=True,
        validators=[validate_phone_number],
        help_text=_("Telepon kantor atau HP, misalnya (021) 5991234."),
    )
    whatsapp = MobileNumberField(
        _("nomor WhatsApp"),
        blank=True,
        help_text=_("Nomor HP yang dipakai untuk WhatsApp, misalnya 0812-3456-7890."),
    )
    office_hours = models.CharField(
        _("jam layanan"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya “Senin–Jumat, 08.00–16.00 WIB”."),
    )
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontak sekretariat")
        verbose_name_plural = _("kontak sekretariat")
        constraints = [
            # One row, always the same: the admin offers no second one, and the database
            # refuses it should anything else try.
            models.CheckConstraint(
                condition=Q(id=SECRETARIAT_CONTACT_ID),
                name="secretariat_contact_single_row",
                violation_error_message=_("Kontak sekretariat hanya ada satu."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="secretariat_contact_latitude_range",
                violation_error_message=_("Lintang harus antara -90 dan 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="secretariat_contact_longitude_range",
                violation_error_message=_("Bujur harus antara -180 dan 180."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="secretariat_contact_coordinates_together",
                violation_error_message=_(
                    "Isi lintang dan bujur bersama, atau kosongkan keduanya."
                ),
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()

    def clean(self):
        if self.district_id and self.has_coordinates:
            check_point_in_district(self.district, self.latitude, self.longitude)

    @classmethod
    def load(cls) -> "SecretariatContact":
        """The one row, with its kecamatan; made blank if it is missing (a fresh database has
        it from the migration, a flushed test database may not)."""
        try:
            return cls.objects.select_related("district__regency").get(pk=SECRETARIAT_CONTACT_ID)
        except cls.DoesNotExist:
            return cls.objects.get_or_create(pk=SECRETARIAT_CONTACT_ID)[0]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_empty(self) -> bool:
        """Nothing to show yet: pages leave the contact out rather than print a bare heading."""
        return not any((self.address, self.email, self.phone, self.whatsapp))
