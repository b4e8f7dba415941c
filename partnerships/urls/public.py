"""The public pages of the partnerships app, under /mitra/."""

from django.urls import path

from partnerships.views import public

app_name = "partnerships"

urlpatterns = [
    path("", public.PartnerListView.as_view(), name="partner-list"),
]
