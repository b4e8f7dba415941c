"""What a token opens beyond the public data: enrollments (Disnaker, managers) and trainees
(managers), scoped by ``scoping``.

A Disnaker token reads every enrollment with the trainee pseudonymised (name, masked NIK,
gender, age band, education, kecamatan): enough for the statistics Disnaker reports, no way to
reach the person. A manager token reads its own BLKK's trainees with what the manager portal
shows them, since the manager collected those data and answers for them. Rows outside a
token's scope are 404, like the portal.
"""

import django_filters
from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from dashboard.access import DashboardFilterForm
from institutions.filters import kecamatan_filter
from institutions.models import Gender
from trainings.models import (
    AgeBand,
    Education,
    Enrollment,
    Occupation,
    Trainee,
    TrainingProgram,
    age_band,
    age_on,
)

from . import scoping
from .base import ReadOnlyViewSet
from .pagination import CursorPagination
from .permissions import DisnakerOrManagerToken, ManagerToken
from .public_serializers import DistrictReferenceSerializer, VillageReferenceSerializer

# Shapes -----------------------------------------------------------------------------------


class ProgramReferenceSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug BLKK penyelenggara.")
    )

    class Meta:
        model = TrainingProgram
        fields = ("id", "slug", "title", "institution", "start_date", "end_date")
        extra_kwargs = {
            "id": {"help_text": _("ID program.")},
            "slug": {"help_text": _("Slug program, seperti di alamat halamannya.")},
            "title": {"help_text": _("Judul program.")},
            "start_date": {"help_text": _("Tanggal mulai program.")},
            "end_date": {"help_text": _("Tanggal selesai program.")},
        }


class EnrollmentResultSerializer(serializers.ModelSerializer):
    """An enrollment's program and how it went: what every enrollment shape shares."""

    program = ProgramReferenceSerializer(read_only=True, help_text=_("Program yang diikuti."))

    class Meta:
        model = Enrollment
        fields = ("id", "program", "status", "competency_result", "completed_on")
        extra_kwargs = {
            "id": {"help_text": _("ID pendaftaran.")},
            "status": {"help_text": _("Status pendaftaran.")},
            "competency_result": {
                "help_text": _("Hasil uji kompetensi (hanya untuk yang lulus atau tidak selesai).")
            },
            "completed_on": {
                "help_text": _("Tanggal lulus atau berhenti; kosong selama belum selesai.")
            },
        }


class EnrollmentSerializer(EnrollmentResultSerializer):
    """An enrollment with its trainee pseudonymised: no contact data, no birth date, no full
    NIK, no certificate numbers (which would identify the person)."""

    trainee_name = serializers.CharField(
        source="trainee.full_name", read_only=True, help_text=_("Nama lengkap peserta.")
    )
    masked_nik = serializers.CharField(
        source="trainee.masked_nik",
        read_only=True,
        help_text=_("NIK peserta disamarkan: enam angka kode wilayah, sisanya ditutup."),
    )
    gender = serializers.ChoiceField(
        source="trainee.gender",
        choices=Gender.choices,
        read_only=True,
        help_text=_("Jenis kelamin peserta."),
    )
    age_band = serializers.SerializerMethodField(
        help_text=_("Kelompok usia peserta pada tanggal mulai program.")
    )
    education = serializers.ChoiceField(
        source="trainee.education",
        choices=Education.choices,
        read_only=True,
        help_text=_("Pendidikan terakhir peserta."),
    )
    trainee_district = DistrictReferenceSerializer(
        source="trainee.district", read_only=True, help_text=_("Kecamatan tempat tinggal peserta.")
    )

    class Meta(EnrollmentResultSerializer.Meta):
        fields = (
            *EnrollmentResultSerializer.Meta.fields,
            "trainee_name",
            "masked_nik",
            "gender",
            "age_band",
            "education",
            "trainee_district",
        )

    @extend_schema_field(serializers.ChoiceField(choices=AgeBand.choices))
    def get_age_band(self, enrollment) -> str:
        return age_band(age_on(enrollment.trainee.birth_date, enrollment.program.start_date))


class ManagedEnrollmentSerializer(EnrollmentResultSerializer):
    """One of a trainee's enrollments at the manager's BLKK, as the manager portal lists it."""

    class Meta(EnrollmentResultSerializer.Meta):
        fields = (*EnrollmentResultSerializer.Meta.fields, *Enrollment.CERTIFICATE_FIELDS)
        extra_kwargs = {
            **EnrollmentResultSerializer.Meta.extra_kwargs,
            "training_certificate_number": {
                "help_text": _("Nomor sertifikat pelatihan dari BLKK, untuk yang lulus.")
            },
            "competency_scheme": {
                "help_text": _("Skema sertifikasi BNSP, untuk yang hasil ujinya kompeten.")
            },
            "competency_certificate_issuer": {
                "help_text": _("LSP yang menerbitkan sertifikat kompetensi.")
            },
            "competency_certificate_number": {"help_text": _("Nomor sertifikat kompetensi.")},
            "competency_certificate_date": {"help_text": _("Tanggal sertifikat kompetensi.")},
        }


class TraineeSerializer(serializers.ModelSerializer):
    """A trainee as the manager portal shows them to their BLKK's manager."""

    gender = serializers.ChoiceField(
        choices=Gender.choices, read_only=True, help_text=_("Jenis kelamin.")
    )
    education = serializers.ChoiceField(
        choices=Education.choices, read_only=True, help_text=_("Pendidikan terakhir.")
    )
    occupation = serializers.ChoiceField(
        choices=Occupation.choices, read_only=True, help_text=_("Pekerjaan saat mendaftar.")
    )
    district = DistrictReferenceSerializer(read_only=True, help_text=_("Kecamatan tempat tinggal."))
    village = VillageReferenceSerializer(
        read_only=True, allow_null=True, help_text=_("Desa/kelurahan tempat tinggal, bila diisi.")
    )
    enrollments = ManagedEnrollmentSerializer(
        many=True,
        read_only=True,
        help_text=_("Pendaftarannya di BLKK pemilik token saja, yang terbaru dulu."),
    )

    class Meta:
        model = Trainee
        fields = (
            "id",
            "nik",
            "full_name",
            "gender",
            "birth_date",
            "phone",
            "email",
            "address",
            "village",
            "district",
            "education",
            "occupation",
            "enrollments",
        )
        extra_kwargs = {
            "id": {"help_text": _("ID peserta.")},
            "nik": {"help_text": _("NIK lengkap (16 angka).")},
            "full_name": {"help_text": _("Nama lengkap.")},
            "birth_date": {"help_text": _("Tanggal lahir.")},
            "phone": {"help_text": _("Nomor HP, dalam bentuk +62….")},
            "email": {"help_text": _("Alamat e-mail; kosong bila tidak ada.")},
            "address": {"help_text": _("Alamat (jalan, kampung, RT/RW).")},
        }


# Filters ----------------------------------------------------------------------------------


class YearFilter(django_filters.NumberFilter):
    """A year in the range the dashboard's filters accept (a year out of range is a 400,
    not a date the database cannot hold)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        bounds = DashboardFilterForm.base_fields["tahun_dari"]
        super().__init__(*args, min_value=bounds.min_value, max_value=bounds.max_value, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number an id column holds (another is a 400, not a number the
    database cannot compare with the column)."""

    field_class = forms.IntegerField
    LARGEST_ID = 2**63 - 1  # BigAutoField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=self.LARGEST_ID, **kwargs)


class EnrollmentFilter(django_filters.FilterSet):
    program = IdFilter(field_name="program_id", label=_("ID program."))
    blkk = django_filters.CharFilter(
        field_name="program__institution__slug", label=_("Slug BLKK penyelenggara.")
    )
    status = django_filters.ChoiceFilter(
        choices=Enrollment.Status.choices, label=_("Status pendaftaran.")
    )
    tahun = YearFilter(
        field_name="program__start_date", lookup_expr="year", label=_("Tahun mulai program.")
    )
    kecamatan = kecamatan_filter("program__institution__district")

    class Meta:
        model = Enrollment
        fields = ("program", "blkk", "status", "tahun", "kecamatan")


# Endpoints --------------------------------------------------------------------------------


class RestrictedViewSet(ReadOnlyViewSet):
    """A token-only list (by cursor, oldest first) and its items."""

    pagination_class = CursorPagination
    ordering = ("id",)
    ordering_fields = ("id",)


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Pendaftaran peserta pelatihan. Token Disnaker: semua pendaftaran, dengan peserta "
            "disamarkan (nama, NIK disamarkan, jenis kelamin, kelompok usia, pendidikan, "
            "kecamatan; tanpa kontak, tanggal lahir atau nomor sertifikat). Token pengelola: "
            "pendaftaran di BLKK yang dikelolanya saja."
        )
    ),
    retrieve=extend_schema(
        description=_("Satu pendaftaran; di luar cakupan token jawabannya 404."),
    ),
)
class EnrollmentViewSet(RestrictedViewSet):
    serializer_class = EnrollmentSerializer
    permission_classes = (DisnakerOrManagerToken,)
    filterset_class = EnrollmentFilter

    def get_queryset(self):
        return scoping.enrollments_for(self.request).select_related(
            "program__institution", "trainee__district"
        )


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Peserta yang terdaftar di program BLKK yang dikelola pemilik token, dengan data "
            "yang juga ditampilkan portal pengelola (NIK lengkap, kontak, alamat), karena "
            "pengelola BLKK bertanggung jawab atas data pesertanya sendiri. Hanya token pengelola."
        )
    ),
    retrieve=extend_schema(
        description=_("Satu peserta BLKK pemilik token; peserta BLKK lain jawabannya 404."),
    ),
)
class TraineeViewSet(RestrictedViewSet):
    serializer_class = TraineeSerializer
    permission_classes = (ManagerToken,)

    def get_queryset(self):
        own_enrollments = (
            scoping.enrollments_for(self.request)
            .select_related("program__institution")
            .order_by("-program__start_date", "-id")
        )
        return (
            scoping.trainees_for(self.request)
            .select_related("district", "village")
            .prefetch_related(Prefetch("enrollments", queryset=own_enrollments))
        )


ROUTES = [
    ("pendaftaran", EnrollmentViewSet, "enrollment"),
    ("peserta", TraineeViewSet, "trainee"),
]
