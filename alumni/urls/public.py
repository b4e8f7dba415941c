"""The public pages of the alumni app, under /usaha-alumni/."""

from django.urls import path

from alumni.views import public

app_name = "alumni"

urlpatterns = [
    path("", public.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<slug:slug>/", public.EnterpriseDetailView.as_view(), name="enterprise-detail"),
]
