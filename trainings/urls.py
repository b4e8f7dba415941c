from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import enrollments, imports, pbk, programs, public

app_name = "trainings"

urlpatterns = [
    path("", public.ProgramListView.as_view(), name="program-list"),
    path("<slug:slug>/", public.ProgramDetailView.as_view(), name="program-detail"),
    path("<slug:slug>/daftar/", public.EnrollmentApplyView.as_view(), name="enrollment-apply"),
    path(
        "<slug:slug>/daftar/terkirim/",
        public.EnrollmentAppliedView.as_view(),
        name="enrollment-applied",
    ),
]

# The manager portal's pages of this app, under /pengelola/ in the "manager" namespace, and
# their entries in its menu: (URL name, label).
manager_urlpatterns = [
    path("program/", programs.ProgramListView.as_view(), name="program-list"),
    path("program/tambah/", programs.ProgramCreateView.as_view(), name="program-create"),
    path("program/<int:pk>/", programs.ProgramDetailView.as_view(), name="program-detail"),
    path("program/<int:pk>/ubah/", programs.ProgramUpdateView.as_view(), name="program-update"),
    path(
        "program/<int:pk>/status/",
        programs.ProgramTransitionView.as_view(),
        name="program-transition",
    ),
    path(
        "program/<int:pk>/peserta/",
        programs.ProgramParticipantsMoveView.as_view(),
        name="program-participants-move",
    ),
    path("pendaftar/", enrollments.ApplicationListView.as_view(), name="application-list"),
    path(
        "pendaftar/putuskan/",
        enrollments.ApplicationDecideView.as_view(),
        name="application-decide",
    ),
    path(
        "kepesertaan/<int:pk>/",
        enrollments.EnrollmentUpdateView.as_view(),
        name="enrollment-update",
    ),
    path("peserta/", enrollments.TraineeListView.as_view(), name="trainee-list"),
    path("peserta/<int:pk>/", enrollments.TraineeDetailView.as_view(), name="trainee-detail"),
    path("peserta/<int:pk>/ubah/", enrollments.TraineeUpdateView.as_view(), name="trainee-update"),
]
manager_menu = (
    ("manager:program-list", _("Program")),
    ("manager:application-list", _("Pendaftar")),
    ("manager:trainee-list", _("Peserta")),
)

# Participant import and PBK reports.
manager_urlpatterns += [
    path(
        "program/<int:pk>/impor/",
        imports.ParticipantImportView.as_view(),
        name="participant-import",
    ),
    path(
        "program/<int:pk>/impor/templat.<str:file_format>",
        imports.ParticipantImportTemplateView.as_view(),
        name="participant-import-template",
    ),
    path(
        "impor/<int:pk>/",
        imports.ParticipantImportStatusView.as_view(),
        name="participant-import-status",
    ),
    path(
        "impor/<int:pk>/progres.json",
        imports.ParticipantImportProgressView.as_view(),
        name="participant-import-progress",
    ),
    path("bantuan-pbk/", pbk.PBKListView.as_view(), name="pbk-list"),
    path(
        "bantuan-pbk/<int:pk>/laporan/",
        pbk.PBKReportUploadView.as_view(),
        name="pbk-report-upload",
    ),
    path(
        "bantuan-pbk/<int:pk>/laporan.pdf",
        pbk.PBKReportDownloadView.as_view(),
        name="pbk-report-download",
    ),
]
manager_menu = (*manager_menu, ("manager:pbk-list", _("Bantuan PBK")))
