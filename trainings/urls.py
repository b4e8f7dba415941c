from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import enrollments, programs, public

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
