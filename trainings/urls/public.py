"""The public pages of the trainings app, under /pelatihan/."""

from django.urls import path

from trainings.views import calendar, public

app_name = "trainings"

urlpatterns = [
    path("", public.ProgramListView.as_view(), name="program-list"),
    # Before the program pages; no program is given this slug (TrainingProgram.RESERVED_SLUGS).
    path("kabari/", public.ProgramAlertView.as_view(), name="alert"),
    path(
        "kabari/konfirmasi/<str:token>/",
        public.ProgramAlertConfirmView.as_view(),
        name="alert-confirm",
    ),
    path(
        "kabari/berhenti/<str:token>/",
        public.ProgramAlertUnsubscribeView.as_view(),
        name="alert-unsubscribe",
    ),
    path("<slug:slug>/", public.ProgramDetailView.as_view(), name="program-detail"),
    path("<slug:slug>/kalender.ics", calendar.program_calendar, name="program-calendar"),
    path("<slug:slug>/daftar/", public.EnrollmentApplyView.as_view(), name="enrollment-apply"),
    path(
        "<slug:slug>/daftar/terkirim/",
        public.EnrollmentAppliedView.as_view(),
        name="enrollment-applied",
    ),
]
