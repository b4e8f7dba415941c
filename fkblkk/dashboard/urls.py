from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.DashboardHomeView.as_view(), name="home"),
    path("program/", views.DashboardProgramListView.as_view(), name="program-list"),
    path("peserta/", views.DashboardEnrollmentListView.as_view(), name="enrollment-list"),
    path("usaha/", views.DashboardEnterpriseListView.as_view(), name="enterprise-list"),
    path("kemitraan/", views.DashboardPartnershipListView.as_view(), name="partnership-list"),
]
