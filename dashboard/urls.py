from django.urls import path

from dashboard.views import exports, indicators

app_name = "dashboard"

urlpatterns = [
    path("", indicators.DashboardHomeView.as_view(), name="home"),
    path("program/", indicators.DashboardProgramListView.as_view(), name="program-list"),
    path("peserta/", indicators.DashboardEnrollmentListView.as_view(), name="enrollment-list"),
    path("usaha/", indicators.DashboardEnterpriseListView.as_view(), name="enterprise-list"),
    path("kemitraan/", indicators.DashboardPartnershipListView.as_view(), name="partnership-list"),
    path("ekspor/", exports.DashboardExportListView.as_view(), name="export-list"),
    path("ekspor/<int:pk>/", exports.DashboardExportDetailView.as_view(), name="export-detail"),
    path(
        "ekspor/<int:pk>/progres/",
        exports.DashboardExportProgressView.as_view(),
        name="export-progress",
    ),
    path(
        "ekspor/<int:pk>/unduh/",
        exports.DashboardExportDownloadView.as_view(),
        name="export-download",
    ),
]
