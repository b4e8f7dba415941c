from django.urls import path

from . import views

app_name = "alumni"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<slug:slug>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
]
