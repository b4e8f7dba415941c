from django.urls import path

from .views import public

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
manager_urlpatterns = []
manager_menu = ()
