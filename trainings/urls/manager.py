"""The manager portal's pages of the trainings app, under /pengelola/ in the "manager"
namespace (``fkblkk/urls.py``)."""

from django.urls import path

from trainings.views.manager import enrollments, imports, pbk, programs

urlpatterns = [
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
    path("program/<int:pk>/hasil/", programs.ProgramResultsView.as_view(), name="program-results"),
    path("pendaftar/", enrollments.ApplicationListView.as_view(), name="application-list"),
    path(
        "pendaftar/putuskan/",
        enrollments.ApplicationDecideView.as_view(),
        name="application-decide",
    ),
    path(
        "pendaftar/<int:pk>/buka-kembali/",
        enrollments.ApplicationReopenView.as_view(),
        name="application-reopen",
    ),
    path(
        "kepesertaan/<int:pk>/",
        enrollments.EnrollmentUpdateView.as_view(),
        name="enrollment-update",
    ),
    path("peserta/", enrollments.TraineeListView.as_view(), name="trainee-list"),
    path("peserta/<int:pk>/", enrollments.TraineeDetailView.as_view(), name="trainee-detail"),
    path("peserta/<int:pk>/ubah/", enrollments.TraineeUpdateView.as_view(), name="trainee-update"),
    # Participant import and PBK reports.
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
