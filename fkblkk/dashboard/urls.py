from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import export_views, views

app_name = "dashboard"

# The dashboard's menu: (URL name, label). Its links keep the filters in use.
DASHBOARD_MENU = (
    ("dashboard:home", _("Indikator")),
    ("dashboard:program-list", _("Program")),
    ("dashboard:enrollment-list", _("Peserta")),
    ("dashboard:enterprise-list", _("Usaha alumni")),
    ("dashboard:partnership-list", _("Kemitraan")),
    ("dashboard:export-list", _("Ekspor")),
)
urlpatterns = [
    path("", views.DashboardHomeView.as_view(), name="home"),
    path("program/", views.DashboardProgramListView.as_view(), name="program-list"),
    path("peserta/", views.DashboardEnrollmentListView.as_view(), name="enrollment-list"),
    path("usaha/", views.DashboardEnterpriseListView.as_view(), name="enterprise-list"),
    path("kemitraan/", views.DashboardPartnershipListView.as_view(), name="partnership-list"),
    path("ekspor/", export_views.DashboardExportListView.as_view(), name="export-list"),
    path(
        "ekspor/<int:pk>/", export_views.DashboardExportDetailView.as_view(), name="export-detail"
    ),
    path(
        "ekspor/<int:pk>/progres/",
        export_views.DashboardExportProgressView.as_view(),
        name="export-progress",
    ),
    path(
        "ekspor/<int:pk>/unduh/",
        export_views.DashboardExportDownloadView.as_view(),
        name="export-download",
    ),
]
