"""The applicant's own pages, under /pendaftaran/: the status check and the personal page."""

from django.urls import path

from trainings.views import applications

app_name = "applications"

urlpatterns = [
    path("", applications.ApplicationCheckView.as_view(), name="check"),
    path("<str:token>/", applications.ApplicationStatusView.as_view(), name="status"),
]
