from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fkblkk.admin import (
    HistoryAdmin,
    ImportExportHistoryAdmin,
    TabularInline,
    transition_actions,
    year_filter,
)

from .models import Enrollment, PBKAssistance, Trainee, TrainingProgram
from .resources import EnrollmentResource, TraineeResource, TrainingProgramResource

PROGRAM_KECAMATAN_FILTER = ("program__institution__district", admin.RelatedOnlyFieldListFilter)


# Personal data: list pages show the NIK masked; the full NIK is on the trainee's own page.
@admin.display(description=_("NIK"))
def masked_nik(trainee):
    return trainee.masked_nik


@admin.display(description=_("NIK peserta"))
def trainee_masked_nik(enrollment):
    return enrollment.trainee.masked_nik if enrollment.trainee_id else ""


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


class EnrollmentInline(TabularInline):
    model = Enrollment
    fields = [
        "trainee",
        trainee_masked_nik,
        "status",
        "competency_result",
        "certificate_number",
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
        ("program__field", admin.RelatedOnlyFieldListFilter),
        year_filter("program__start_date", _("tahun program")),
        ("program__institution", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reference_code", "trainee__full_name", "=trainee__nik", "program__title"]
    autocomplete_fields = ["trainee", "program"]
    readonly_fields = ["reference_code"]
    date_hierarchy = "created_at"
    actions = transition_actions(
        Enrollment, ["accept", "reject", "withdraw", "start_training", "drop_out"]
    )

    @admin.display(description=_("peserta"), ordering="trainee__full_name")
    def trainee_name(self, enrollment):
        return enrollment.trainee.full_name

    @admin.display(description=_("BLKK"), ordering="program__institution__name")
    def institution(self, enrollment):
        return enrollment.program.institution
