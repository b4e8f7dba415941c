from django.contrib import admin
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import roles
from core.admin import (
    HistoryAdmin,
    ImportExportHistoryAdmin,
    ReferenceAdmin,
    SecretariatOnlyMixin,
    TabularInline,
    year_filter,
)

from .models import (
    District,
    ForumOfficer,
    Institution,
    InstitutionManager,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    KemnakerAssistance,
    Regency,
    SecretariatContact,
    Village,
    VocationalField,
)
from .resources import InstitutionResource
from .selectors import home_regency_districts

KECAMATAN_FILTER = ("district", admin.RelatedOnlyFieldListFilter)
INSTITUTION_KECAMATAN_FILTER = ("institution__district", admin.RelatedOnlyFieldListFilter)


# Regions --------------------------------------------------------------------------------


@admin.register(Regency)
class RegencyAdmin(ReferenceAdmin):
    list_display = ["code", "name", "province_name"]
    search_fields = ["name", "=code", "province_name"]


@admin.register(District)
class DistrictAdmin(ReferenceAdmin):
    list_display = ["code", "name", "regency"]
    list_select_related = ["regency"]
    search_fields = ["name", "=code", "regency__name"]
    autocomplete_fields = ["regency"]


@admin.register(Village)
class VillageAdmin(ReferenceAdmin):
    list_display = ["code", "name", "kind", "district"]
    list_select_related = ["district"]
    list_filter = ["kind"]
    search_fields = ["name", "=code", "district__name"]
    autocomplete_fields = ["district"]


# Kejuruan and BLKK ----------------------------------------------------------------------


@admin.register(VocationalField)
class VocationalFieldAdmin(HistoryAdmin):
    list_display = ["name", "slug", "is_kemnaker_listed"]
    list_filter = ["is_kemnaker_listed"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class ManagerUserChoicesMixin:
    """Only active users in the Pengelola BLKK role can be linked to a BLKK.

    The secretariat has no permission on users, so this is a plain select, not an
    autocomplete (whose view would refuse them).
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, groups__name=roles.MANAGER)
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InstitutionManagerInline(ManagerUserChoicesMixin, TabularInline):
    model = InstitutionManager
    fields = ["user", "position"]
    show_change_link = False


class KemnakerAssistanceInline(TabularInline):
    model = KemnakerAssistance
    fields = ["kind", "year", "value", "items"]
    show_change_link = False


class InstitutionPhotoInline(TabularInline):
    model = InstitutionPhoto
    fields = ["image", "caption", "position"]
    show_change_link = False
    max_num = InstitutionPhoto.MAX_PER_INSTITUTION


class InstructorInline(TabularInline):
    model = Instructor
    fields = ["full_name", "gender", "field", "is_active"]
    autocomplete_fields = ["field"]


@admin.register(Institution)
class InstitutionAdmin(ImportExportHistoryAdmin):
    resource_classes = [InstitutionResource]
    list_display = [
        "name",
        "host_name",
        "district",
        "primary_field",
        "kemnaker_class",
        "year_built",
        "is_active",
        "is_published",
    ]
    list_select_related = ["district", "primary_field"]
    list_filter = [
        KECAMATAN_FILTER,
        ("primary_field", admin.RelatedOnlyFieldListFilter),
        ("fields", admin.RelatedOnlyFieldListFilter),
        "kemnaker_class",
        "host_type",
        "host_legal_form",
        "year_built",
        "is_active",
        "is_published",
    ]
    search_fields = ["name", "host_name", "slug", "district__name"]
    autocomplete_fields = ["primary_field", "fields", "district", "village"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "host_type", "host_name", "host_legal_form"]}),
        (
            _("Kejuruan dan kemandirian"),
            {"fields": ["primary_field", "fields", "kemnaker_class", "year_built"]},
        ),
        (
            _("Lokasi"),
            {"fields": ["district", "village", "address", "latitude", "longitude"]},
        ),
        (
            _("Profil publik"),
            {
                "fields": [
                    "public_phone",
                    "public_email",
                    "website",
                    "description",
                    "facilities",
                    "logo",
                    "is_active",
                    "is_published",
                ]
            },
        ),
    ]
    inlines = [
        InstitutionManagerInline,
        InstitutionPhotoInline,
        KemnakerAssistanceInline,
        InstructorInline,
    ]


@admin.register(KemnakerAssistance)
class KemnakerAssistanceAdmin(HistoryAdmin):
    list_display = ["institution", "kind", "year", "value"]
    list_select_related = ["institution"]
    list_filter = ["kind", "year", INSTITUTION_KECAMATAN_FILTER]
    search_fields = ["institution__name", "items"]
    autocomplete_fields = ["institution"]


@admin.register(InstitutionManager)
class InstitutionManagerAdmin(ManagerUserChoicesMixin, HistoryAdmin):
    list_display = ["user", "institution", "position", "created_at"]
    list_select_related = ["user", "institution"]
    list_filter = [INSTITUTION_KECAMATAN_FILTER]
    search_fields = ["user__username", "user__first_name", "user__last_name", "institution__name"]
    autocomplete_fields = ["institution"]
    date_hierarchy = "created_at"


@admin.register(InstitutionPhoto)
class InstitutionPhotoAdmin(HistoryAdmin):
    list_display = ["caption", "institution", "position", "created_at"]
    list_select_related = ["institution"]
    list_filter = [INSTITUTION_KECAMATAN_FILTER]
    search_fields = ["caption", "institution__name"]
    autocomplete_fields = ["institution"]


# Instructors ----------------------------------------------------------------------------


class InstructorCertificateInline(TabularInline):
    model = InstructorCertificate
    fields = ["scheme", "issuer", "number", "issued_on", "valid_until"]
    show_change_link = False


class InstructorTrainingInline(TabularInline):
    model = InstructorTraining
    fields = ["title", "organiser", "start_date", "end_date", "hours"]
    show_change_link = False


@admin.register(Instructor)
class InstructorAdmin(HistoryAdmin):
    list_display = ["full_name", "institution", "field", "gender", "is_active"]
    list_select_related = ["institution", "field"]
    list_filter = [
        INSTITUTION_KECAMATAN_FILTER,
        ("field", admin.RelatedOnlyFieldListFilter),
        "gender",
        "is_active",
    ]
    search_fields = ["full_name", "institution__name"]
    autocomplete_fields = ["institution", "field"]
    inlines = [InstructorCertificateInline, InstructorTrainingInline]


@admin.register(InstructorCertificate)
class InstructorCertificateAdmin(HistoryAdmin):
    list_display = ["scheme", "number", "issuer", "instructor", "issued_on", "valid_until"]
    list_select_related = ["instructor"]
    list_filter = [
        ("instructor__institution__district", admin.RelatedOnlyFieldListFilter),
        year_filter("issued_on", _("tahun terbit")),
        "issuer",
    ]
    search_fields = ["scheme", "number", "issuer", "instructor__full_name"]
    autocomplete_fields = ["instructor"]
    date_hierarchy = "issued_on"


@admin.register(InstructorTraining)
class InstructorTrainingAdmin(HistoryAdmin):
    list_display = ["title", "instructor", "organiser", "start_date", "end_date", "hours"]
    list_select_related = ["instructor"]
    list_filter = [
        ("instructor__institution__district", admin.RelatedOnlyFieldListFilter),
        year_filter("start_date"),
    ]
    search_fields = ["title", "organiser", "instructor__full_name"]
    autocomplete_fields = ["instructor"]
    date_hierarchy = "start_date"


@admin.register(ForumOfficer)
class ForumOfficerAdmin(HistoryAdmin):
    list_display = [
        "full_name",
        "position",
        "portfolio",
        "institution",
        "period_start",
        "period_end",
    ]
    list_select_related = ["institution"]
    list_filter = ["position", year_filter("period_start", _("tahun awal masa bakti"))]
    search_fields = ["full_name", "portfolio", "institution__name"]
    autocomplete_fields = ["institution"]
    date_hierarchy = "period_start"


@admin.register(SecretariatContact)
class SecretariatContactAdmin(SecretariatOnlyMixin, HistoryAdmin):
    """The one row of the secretariat's contact: its list opens it, and it can be neither
    added to nor deleted. Only the secretariat sees it (Disnaker's view permissions on the
    domain apps stop short of it)."""

    fieldsets = [
        (_("Alamat"), {"fields": ["address", "district", "office_hours"]}),
        (_("Telepon dan e-mail"), {"fields": ["phone", "whatsapp", "email"]}),
        (
            _("Titik di peta"),
            {
                "fields": ["latitude", "longitude"],
                "description": _(
                    "Untuk peta di halaman Tentang. Lintang di Kabupaten Tangerang sekitar -6,0 "
                    "sampai -6,4, bujur sekitar 106,3 sampai 106,8; kosongkan keduanya bila "
                    "belum diketahui."
                ),
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "district":
            kwargs["queryset"] = home_regency_districts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        contact = SecretariatContact.load()
        return redirect(reverse("admin:institutions_secretariatcontact_change", args=[contact.pk]))
