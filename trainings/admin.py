from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import (
    FastChangelistMixin,
    HistoryAdmin,
    ImportExportHistoryAdmin,
    SecretariatOnlyMixin,
    TabularInline,
    transition_actions,
    year_filter,
)
from core.storage import private_file_response

from .models import (
    Enrollment,
    ParticipantImport,
    PBKAssistance,
    ProgramAlert,
    Trainee,
    TrainingProgram,
)
from .resources import EnrollmentResource, TraineeResource, TrainingProgramResource


class ProgramRelatedFilter(admin.RelatedFieldListFilter):
    """A filter on the program's BLKK, kejuruan or kecamatan offering what some program has.

    The choices are looked up among the programs (tens of thousands of rows), where
    ``RelatedOnlyFieldListFilter`` would read every enrollment (a million) on each page.
    """

    def field_choices(self, field, request, model_admin):
        path = self.field_path.removeprefix("program__")
        return field.get_choices(
            include_blank=False,
            ordering=self.field_admin_ordering(field, request, model_admin),
            limit_choices_to={"pk__in": TrainingProgram.objects.values(f"{path}__pk")},
        )


PROGRAM_KECAMATAN_FILTER = ("program__institution__district", ProgramRelatedFilter)


# Personal data: list pages show the NIK masked; the full NIK is on the trainee's own page.
@admin.display(description=_("NIK"))
def masked_nik(trainee):
    return trainee.masked_nik


@admin.display(description=_("NIK peserta"))
def trainee_masked_nik(enrollment):
    return enrollment.trainee.masked_nik if enrollment.trainee_id else ""


def report_url(assistance) -> str:
    return reverse("admin:trainings_pbkassistance_report", args=[assistance.pk])


class PrivateFileWidget(AdminFileWidget):
    """A file in private storage, linked to the admin view that hands it out (it has no URL)."""

    class Stored:
        def __init__(self, name, url):
            self.name, self.url = name, url

        def __str__(self):
            return self.name

    def __init__(self, *args, url, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = url

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        return self.Stored(value.name, self.url) if self.is_initial(value) else None


@admin.register(PBKAssistance)
class PBKAssistanceAdmin(HistoryAdmin):
    list_display = [
        "institution",
        "year",
        "field",
        "packages",
        "target_participants",
        "amount",
        "report_due_date",
        "report_status_label",
        "report_link",
    ]
    list_select_related = ["institution", "field"]
    list_filter = [
        "year",
        ("institution__district", admin.RelatedOnlyFieldListFilter),
        ("field", admin.RelatedOnlyFieldListFilter),
        ("report_submitted_on", admin.EmptyFieldListFilter),
    ]
    search_fields = ["institution__name", "decree_number", "=year"]
    autocomplete_fields = ["institution", "field"]
    date_hierarchy = "report_due_date"

    @admin.display(description=_("status laporan"))
    def report_status_label(self, assistance):
        return PBKAssistance.ReportStatus(assistance.report_status()).label

    @admin.display(description=_("laporan"))
    def report_link(self, assistance):
        if not assistance.report_file:
            return "—"
        return format_html('<a href="{}">{}</a>', report_url(assistance), _("Unduh PDF"))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/laporan.pdf",
                self.admin_site.admin_view(self.report_view),
                name="trainings_pbkassistance_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request, object_id):
        """The realisation report, for whoever may view this grant in the admin."""
        assistance = self.get_object(request, unquote(object_id))
        if assistance is None:
            raise Http404
        if not self.has_view_permission(request, assistance):
            raise PermissionDenied
        return private_file_response(
            assistance.report_file,
            filename=assistance.report_download_name,
            content_type="application/pdf",
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "report_file" in form.base_fields:
            form.base_fields["report_file"].widget = PrivateFileWidget(url=report_url(obj))
        return form


class EnrollmentInline(TabularInline):
    model = Enrollment
    fields = [
        "trainee",
        trainee_masked_nik,
        "status",
        "competency_result",
        "training_certificate_number",
        "decided_on",
        "completed_on",
    ]
    readonly_fields = [trainee_masked_nik]
    autocomplete_fields = ["trainee"]

    def get_queryset(self, request):
        # The row's label (Enrollment.__str__) names the program too.
        return super().get_queryset(request).select_related("program")


@admin.register(TrainingProgram)
class TrainingProgramAdmin(ImportExportHistoryAdmin):
    resource_classes = [TrainingProgramResource]
    list_display = [
        "title",
        "institution",
        "field",
        "start_date",
        "end_date",
        "funding_source",
        "seats",
        "status",
    ]
    list_select_related = ["institution", "field"]
    list_filter = [
        "status",
        ("institution__district", admin.RelatedOnlyFieldListFilter),
        ("field", admin.RelatedOnlyFieldListFilter),
        year_filter("start_date"),
        "funding_source",
    ]
    search_fields = ["title", "slug", "institution__name"]
    autocomplete_fields = ["institution", "field", "pbk_assistance", "instructors"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    actions = transition_actions(TrainingProgram)
    inlines = [EnrollmentInline]
    fieldsets = [
        (None, {"fields": ["institution", "field", "title", "slug", "status"]}),
        (
            _("Isi pelatihan"),
            {
                "fields": [
                    "description",
                    "competencies",
                    "requirements",
                    "schedule",
                    "location",
                    "instructors",
                ]
            },
        ),
        (
            _("Jadwal dan peserta"),
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "registration_closes",
                    "hours",
                    "quota",
                    "min_age",
                    "max_age",
                ]
            },
        ),
        (_("Pendanaan"), {"fields": ["funding_source", "pbk_assistance"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_seats_taken()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The status field edited by hand bypasses open_registration(), which announces it.
        if "status" in form.changed_data and obj.status == TrainingProgram.Status.OPEN:
            obj.announce_registration_opened()

    @admin.display(description=_("terisi/kuota"), ordering="seats_taken")
    def seats(self, program):
        return f"{program.seats_taken}/{program.quota}"


@admin.register(Trainee)
class TraineeAdmin(ImportExportHistoryAdmin):
    resource_classes = [TraineeResource]
    list_display = ["full_name", masked_nik, "gender", "district", "education", "occupation"]
    list_select_related = ["district", "village"]
    list_filter = [
        ("district", admin.RelatedOnlyFieldListFilter),
        "gender",
        "education",
        "occupation",
        year_filter("created_at", _("tahun didata")),
    ]
    # NIK and phone are searched exactly: a partial NIK would list strangers' records.
    search_fields = ["full_name", "=nik", "=phone"]
    autocomplete_fields = ["district", "village"]
    date_hierarchy = "created_at"


@admin.register(Enrollment)
class EnrollmentAdmin(ImportExportHistoryAdmin):
    resource_classes = [EnrollmentResource]
    list_display = [
        "reference_code",
        "trainee_name",
        trainee_masked_nik,
        "program",
        "institution",
        "status",
        "competency_result",
        "created_at",
    ]
    list_select_related = ["trainee", "program__institution"]
    list_filter = [
        "status",
        "competency_result",
        PROGRAM_KECAMATAN_FILTER,
        ("program__field", ProgramRelatedFilter),
        year_filter("program__start_date", _("tahun program")),
        ("program__institution", ProgramRelatedFilter),
        # A year filter rather than a date hierarchy, whose year links would read the dates
        # of every enrollment on each page.
        year_filter("created_at", _("tahun didata")),
    ]
    search_fields = ["reference_code", "trainee__full_name", "=trainee__nik", "program__title"]
    autocomplete_fields = ["trainee", "program"]
    readonly_fields = ["reference_code"]
    actions = transition_actions(
        Enrollment, ["accept", "reject", "withdraw", "start_training", "drop_out"]
    )
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "trainee",
                    "program",
                    "reference_code",
                    "status",
                    "competency_result",
                    "decided_on",
                    "completed_on",
                    "note",
                ]
            },
        ),
        (_("Sertifikat pelatihan"), {"fields": ["training_certificate_number"]}),
        (
            _("Sertifikat kompetensi (BNSP/LSP)"),
            {
                "fields": [
                    "competency_scheme",
                    "competency_certificate_issuer",
                    ("competency_certificate_number", "competency_certificate_date"),
                ]
            },
        ),
    ]

    @admin.display(description=_("peserta"), ordering="trainee__full_name")
    def trainee_name(self, enrollment):
        return enrollment.trainee.full_name

    @admin.display(description=_("BLKK"), ordering="program__institution__name")
    def institution(self, enrollment):
        return enrollment.program.institution


@admin.register(ProgramAlert)
class ProgramAlertAdmin(SecretariatOnlyMixin, FastChangelistMixin, admin.ModelAdmin):
    """Visitors' "Kabari saya" wishes. Made and confirmed by the visitors themselves; the
    secretariat may only look, and delete one on request (the address is personal data)."""

    list_display = ["email", "field", "district", "confirmed_at", "created_at"]
    list_select_related = ["field", "district"]
    list_filter = [
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("field", admin.RelatedOnlyFieldListFilter),
        ("district", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = ["email", "field", "district", "consent_text", "consented_at", "confirmed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ParticipantImport)
class ParticipantImportAdmin(HistoryAdmin):
    """Read only: jobs are made by managers on the portal and run by the task."""

    list_display = [
        "original_name",
        "program",
        "uploaded_by",
        "status",
        "total_rows",
        "enrollments_created",
        "created_at",
    ]
    list_select_related = ["program", "uploaded_by"]
    list_filter = ["status", ("program__institution", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["original_name", "program__title"]
    date_hierarchy = "created_at"
    fields = [
        "program",
        "uploaded_by",
        "original_name",
        "status",
        "total_rows",
        "processed_rows",
        "created_trainees",
        "matched_trainees",
        "enrollments_created",
        "errors",
        "created_at",
        "finished_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
