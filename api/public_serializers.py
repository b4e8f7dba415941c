"""The public endpoints' serializers: what the public pages show of each row, nothing more.

Related rows appear as short references (a BLKK by slug and name, a kecamatan by Kemendagri
code and name) so that a reader can follow them to their own endpoint. Choices come as their
code, with the label the site shows next to it.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alumni.models import Enterprise
from institutions.models import District, Institution, Regency, Village, VocationalField
from partnerships.models import Contribution, Partner, Partnership, PartnershipScope
from trainings.models import TrainingProgram
from trainings.selectors import PublicStatus

# Shared pieces ----------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.URI)
class PublicUrlField(serializers.Field):
    """The absolute address of the row's public page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


def choice_label(source: str, help_text) -> serializers.CharField:
    """The label the site shows for a choice field (``source`` is its ``get_…_display``)."""
    return serializers.CharField(source=source, read_only=True, help_text=help_text)


class FieldReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = VocationalField
        fields = ("slug", "name")
        extra_kwargs = {
            "slug": {"help_text": _("Slug kejuruan, kunci di /api/v1/kejuruan/.")},
            "name": {"help_text": _("Nama kejuruan.")},
        }


class DistrictReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ("code", "name")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri kecamatan, kunci di /api/v1/kecamatan/.")},
            "name": {"help_text": _("Nama kecamatan.")},
        }


class VillageReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Village
        fields = ("code", "name")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri desa/kelurahan, kunci di /api/v1/desa/.")},
            "name": {"help_text": _("Nama desa/kelurahan.")},
        }


class InstitutionReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ("slug", "name")
        extra_kwargs = {
            "slug": {"help_text": _("Slug BLKK, kunci di /api/v1/blkk/.")},
            "name": {"help_text": _("Nama BLKK.")},
        }


class PartnerReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ("slug", "name")
        extra_kwargs = {
            "slug": {"help_text": _("Slug mitra, kunci di /api/v1/mitra/.")},
            "name": {"help_text": _("Nama mitra.")},
        }


# Kejuruan ---------------------------------------------------------------------------------


class VocationalFieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = VocationalField
        fields = ("slug", "name", "is_kemnaker_listed", "description")
        extra_kwargs = {
            "slug": {"help_text": _("Slug kejuruan, dipakai di URL dan filter ?kejuruan=.")},
            "name": {"help_text": _("Nama kejuruan.")},
            "is_kemnaker_listed": {
                "help_text": _("Apakah kejuruan ini ada dalam daftar program BLKK Kemnaker.")
            },
            "description": {"help_text": _("Deskripsi kejuruan (boleh kosong).")},
        }


# BLKK -------------------------------------------------------------------------------------


class InstitutionSerializer(serializers.ModelSerializer):
    host_type_label = choice_label("get_host_type_display", _("Nama jenis lembaga pengelola."))
    host_legal_form_label = choice_label(
        "get_host_legal_form_display", _("Nama bentuk hukum lembaga pengelola.")
    )
    kemnaker_class_label = choice_label("get_kemnaker_class_display", _("Nama kelas Kemnaker."))
    district = DistrictReferenceSerializer(read_only=True, help_text=_("Kecamatan BLKK."))
    village = VillageReferenceSerializer(
        read_only=True, allow_null=True, help_text=_("Desa/kelurahan BLKK, jika dicatat.")
    )
    primary_field = FieldReferenceSerializer(
        read_only=True, help_text=_("Kejuruan utama, yang dibangun dan diperlengkapi Kemnaker.")
    )
    fields = FieldReferenceSerializer(
        many=True, read_only=True, help_text=_("Kejuruan lain yang juga diajarkan, menurut nama.")
    )
    active_instructors = serializers.IntegerField(
        read_only=True, help_text=_("Jumlah instruktur aktif.")
    )
    url = PublicUrlField(help_text=_("Alamat halaman profil BLKK di situs publik."))

    class Meta:
        model = Institution
        fields = (
            "slug",
            "name",
            "host_type",
            "host_type_label",
            "host_name",
            "host_legal_form",
            "host_legal_form_label",
            "kemnaker_class",
            "kemnaker_class_label",
            "year_built",
            "district",
            "village",
            "address",
            "latitude",
            "longitude",
            "primary_field",
            "fields",
            "description",
            "facilities",
            "public_phone",
            "public_email",
            "website",
            "logo",
            "active_instructors",
            "url",
        )
        extra_kwargs = {
            "slug": {"help_text": _("Slug BLKK, dipakai di URL dan filter ?blkk=.")},
            "name": {"help_text": _("Nama BLKK.")},
            "host_type": {"help_text": _("Kode jenis lembaga pengelola.")},
            "host_name": {"help_text": _("Nama lembaga pengelola (pesantren, serikat, dll.).")},
            "host_legal_form": {
                "help_text": _(
                    "Kode bentuk hukum lembaga pengelola: yayasan, perkumpulan, ormas; "
                    "kosong bila belum diketahui."
                )
            },
            "kemnaker_class": {"help_text": _("Kode kelas Kemnaker: tumbuh, berkembang, mandiri.")},
            "year_built": {"help_text": _("Tahun BLKK dibangun.")},
            "address": {"help_text": _("Alamat BLKK.")},
            "latitude": {"help_text": _("Lintang lokasi (WGS 84), jika dicatat.")},
            "longitude": {"help_text": _("Bujur lokasi (WGS 84), jika dicatat.")},
            "description": {"help_text": _("Profil BLKK (boleh kosong).")},
            "facilities": {"help_text": _("Fasilitas BLKK (boleh kosong).")},
            "public_phone": {"help_text": _("Telepon publik BLKK (boleh kosong).")},
            "public_email": {"help_text": _("E-mail publik BLKK (boleh kosong).")},
            "website": {"help_text": _("Situs web BLKK (boleh kosong).")},
            "logo": {"help_text": _("Alamat gambar logo BLKK, jika ada.")},
        }


# Programs ---------------------------------------------------------------------------------


class ProgramSerializer(serializers.ModelSerializer):
    institution = InstitutionReferenceSerializer(read_only=True, help_text=_("BLKK penyelenggara."))
    field = FieldReferenceSerializer(read_only=True, help_text=_("Kejuruan program."))
    district = DistrictReferenceSerializer(
        source="institution.district", read_only=True, help_text=_("Kecamatan BLKK penyelenggara.")
    )
    location = serializers.SerializerMethodField(
        help_text=_("Tempat pelatihan; alamat BLKK jika tidak disebut lain.")
    )
    seats_left = serializers.SerializerMethodField(
        help_text=_(
            "Kursi tersisa selama pendaftaran dibuka atau program segera dimulai; "
            "kosong (null) untuk program yang sudah berjalan atau selesai."
        )
    )
    public_status = serializers.ChoiceField(
        choices=PublicStatus.choices,
        read_only=True,
        help_text=_("Status untuk pengunjung: buka, segera, berjalan, selesai."),
    )
    public_status_label = serializers.SerializerMethodField(
        help_text=_("Nama status untuk pengunjung.")
    )
    funding_source_label = choice_label("get_funding_source_display", _("Nama sumber dana."))
    instructors = serializers.SlugRelatedField(
        slug_field="full_name",
        many=True,
        read_only=True,
        help_text=_("Nama instruktur program, seperti di halaman program."),
    )
    url = PublicUrlField(help_text=_("Alamat halaman program di situs publik."))

    class Meta:
        model = TrainingProgram
        fields = (
            "slug",
            "title",
            "institution",
            "field",
            "district",
            "public_status",
            "public_status_label",
            "start_date",
            "end_date",
            "registration_closes",
            "hours",
            "quota",
            "seats_left",
            "min_age",
            "max_age",
            "funding_source",
            "funding_source_label",
            "location",
            "description",
            "competencies",
            "schedule",
            "requirements",
            "instructors",
            "created_at",
            "url",
        )
        extra_kwargs = {
            "slug": {"help_text": _("Slug program, kunci item ini.")},
            "title": {"help_text": _("Judul program.")},
            "start_date": {"help_text": _("Tanggal mulai pelatihan.")},
            "end_date": {"help_text": _("Tanggal selesai pelatihan.")},
            "registration_closes": {"help_text": _("Batas pendaftaran.")},
            "hours": {"help_text": _("Lama pelatihan dalam jam pelajaran (JP).")},
            "quota": {"help_text": _("Kuota peserta.")},
            "min_age": {"help_text": _("Usia minimal peserta, jika ada.")},
            "max_age": {"help_text": _("Usia maksimal peserta, jika ada.")},
            "funding_source": {"help_text": _("Kode sumber dana.")},
            "description": {"help_text": _("Tentang pelatihan.")},
            "competencies": {"help_text": _("Kompetensi yang dipelajari (boleh kosong).")},
            "schedule": {"help_text": _("Jadwal (boleh kosong).")},
            "requirements": {"help_text": _("Persyaratan dan yang perlu dibawa (boleh kosong).")},
            "created_at": {"help_text": _("Waktu program dicatat.")},
        }

    def get_location(self, program) -> str:
        return program.location or program.institution.address

    def get_seats_left(self, program) -> int | None:
        if program.public_status in (PublicStatus.OPEN, PublicStatus.UPCOMING):
            return program.seats_left()
        return None

    def get_public_status_label(self, program) -> str:
        return str(PublicStatus(program.public_status).label)


# Alumni enterprises -----------------------------------------------------------------------


class EnterpriseSerializer(serializers.ModelSerializer):
    sector_label = choice_label("get_sector_display", _("Nama sektor usaha."))
    district = DistrictReferenceSerializer(read_only=True, help_text=_("Kecamatan usaha."))
    village = VillageReferenceSerializer(
        read_only=True, allow_null=True, help_text=_("Desa/kelurahan usaha, jika dicatat.")
    )
    owner_field = FieldReferenceSerializer(
        source="owner.program.field",
        read_only=True,
        help_text=_("Kejuruan pelatihan yang diikuti pemilik."),
    )
    owner_institution = serializers.SerializerMethodField(
        help_text=_("BLKK tempat pemilik berlatih, jika BLKK itu tampil di situs publik.")
    )
    url = PublicUrlField(help_text=_("Alamat halaman usaha di situs publik."))

    class Meta:
        model = Enterprise
        fields = (
            "slug",
            "name",
            "sector",
            "sector_label",
            "description",
            "started_on",
            "workers",
            "district",
            "village",
            "business_address",
            "business_phone",
            "order_info",
            "photo",
            "owner_field",
            "owner_institution",
            "url",
        )
        extra_kwargs = {
            "slug": {"help_text": _("Slug usaha, kunci item ini.")},
            "name": {"help_text": _("Nama usaha.")},
            "sector": {"help_text": _("Kode sektor usaha.")},
            "description": {"help_text": _("Produk dan jasa usaha.")},
            "started_on": {"help_text": _("Tanggal mulai berusaha.")},
            "workers": {"help_text": _("Jumlah tenaga kerja.")},
            "business_address": {"help_text": _("Alamat usaha (boleh kosong).")},
            "business_phone": {"help_text": _("Telepon/WhatsApp usaha (boleh kosong).")},
            "order_info": {"help_text": _("Cara memesan (boleh kosong).")},
            "photo": {"help_text": _("Alamat foto usaha, jika ada.")},
        }

    @extend_schema_field(InstitutionReferenceSerializer(allow_null=True))
    def get_owner_institution(self, enterprise):
        institution = enterprise.owner.program.institution
        if not institution.is_public:
            return None
        return InstitutionReferenceSerializer(institution, context=self.context).data


# Partners and partnerships ----------------------------------------------------------------


class PartnerSerializer(serializers.ModelSerializer):
    kind_label = choice_label("get_kind_display", _("Nama jenis mitra."))
    url = PublicUrlField(help_text=_("Alamat kartu mitra di halaman mitra situs publik."))

    class Meta:
        model = Partner
        fields = ("slug", "name", "kind", "kind_label", "description", "website", "logo", "url")
        extra_kwargs = {
            "slug": {"help_text": _("Slug mitra, dipakai di URL dan filter ?mitra=.")},
            "name": {"help_text": _("Nama mitra.")},
            "kind": {"help_text": _("Kode jenis mitra.")},
            "description": {"help_text": _("Profil mitra (boleh kosong).")},
            "website": {"help_text": _("Situs web mitra (boleh kosong).")},
            "logo": {"help_text": _("Alamat gambar logo mitra, jika ada.")},
        }


class ScopeSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnershipScope
        fields = ("code", "name")
        extra_kwargs = {
            "code": {"help_text": _("Kode ruang lingkup, dipakai di filter ?lingkup=.")},
            "name": {"help_text": _("Nama ruang lingkup.")},
        }


class ContributionSerializer(serializers.ModelSerializer):
    kind_label = choice_label("get_kind_display", _("Nama jenis realisasi."))
    institution = InstitutionReferenceSerializer(read_only=True, help_text=_("BLKK penerima."))

    class Meta:
        model = Contribution
        fields = ("delivered_on", "kind", "kind_label", "description", "institution", "value")
        extra_kwargs = {
            "delivered_on": {"help_text": _("Tanggal realisasi.")},
            "kind": {"help_text": _("Kode jenis realisasi.")},
            "description": {"help_text": _("Uraian realisasi.")},
            "value": {"help_text": _("Nilai dalam rupiah, jika dicatat.")},
        }


class PartnershipSerializer(serializers.ModelSerializer):
    partner = PartnerReferenceSerializer(read_only=True, help_text=_("Mitra."))
    agreement_type_label = choice_label("get_agreement_type_display", _("Nama jenis perjanjian."))
    scopes = ScopeSerializer(many=True, read_only=True, help_text=_("Ruang lingkup kemitraan."))
    institutions = InstitutionReferenceSerializer(
        source="public_institutions",
        many=True,
        read_only=True,
        help_text=_("BLKK yang disebut dalam perjanjian (hanya yang tampil di situs publik)."),
    )
    delivered_value = serializers.DecimalField(
        max_digits=15,
        decimal_places=0,
        read_only=True,
        allow_null=True,
        help_text=_("Jumlah nilai realisasi untuk BLKK publik, dalam rupiah; null jika belum ada."),
    )
    contributions = ContributionSerializer(
        source="public_contributions",
        many=True,
        read_only=True,
        help_text=_("Realisasi untuk BLKK publik, terbaru dahulu."),
    )

    class Meta:
        model = Partnership
        fields = (
            "id",
            "title",
            "partner",
            "agreement_type",
            "agreement_type_label",
            "scopes",
            "start_date",
            "end_date",
            "covers_whole_forum",
            "institutions",
            "description",
            "delivered_value",
            "contributions",
        )
        extra_kwargs = {
            "id": {"help_text": _("Nomor kemitraan, kunci item ini.")},
            "title": {"help_text": _("Judul kemitraan.")},
            "agreement_type": {"help_text": _("Kode jenis perjanjian: mou atau pks.")},
            "start_date": {"help_text": _("Tanggal mulai berlaku.")},
            "end_date": {"help_text": _("Tanggal berakhir.")},
            "covers_whole_forum": {
                "help_text": _("Berlaku untuk seluruh BLKK anggota forum, bukan BLKK tertentu.")
            },
            "description": {"help_text": _("Uraian kemitraan (boleh kosong).")},
        }


# Regions ----------------------------------------------------------------------------------


class RegencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Regency
        fields = ("code", "name", "province_name")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri kabupaten/kota, misalnya 36.03.")},
            "name": {"help_text": _("Nama kabupaten/kota.")},
            "province_name": {"help_text": _("Nama provinsi.")},
        }


class DistrictSerializer(serializers.ModelSerializer):
    regency = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Kode Kemendagri kabupaten/kotanya.")
    )

    class Meta:
        model = District
        fields = ("code", "name", "regency")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri kecamatan, misalnya 36.03.01.")},
            "name": {"help_text": _("Nama kecamatan.")},
        }


class VillageSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Kode Kemendagri kecamatannya.")
    )

    class Meta:
        model = Village
        fields = ("code", "name", "kind", "district")
        extra_kwargs = {
            "code": {"help_text": _("Kode Kemendagri desa/kelurahan, misalnya 36.03.01.2003.")},
            "name": {"help_text": _("Nama desa/kelurahan.")},
            "kind": {"help_text": _("Desa atau kelurahan.")},
        }
