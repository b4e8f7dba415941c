from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program-list"),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("<slug:slug>/daftar/", views.EnrollmentApplyView.as_view(), name="enrollment-apply"),
    path(
        "<slug:slug>/daftar/terkirim/",
        views.EnrollmentAppliedView.as_view(),
        name="enrollment-applied",
    ),
]

# The manager portal's pages of this app, under /pengelola/ in the "manager" namespace, and
# their entries in its menu: (URL name, label).
manager_urlpatterns = []
manager_menu = ()
