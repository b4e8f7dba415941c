"""Region data for the forms' chained selects, under /wilayah/."""

from django.urls import path

from institutions.views import public

app_name = "regions"

urlpatterns = [
    path("kecamatan/", public.regency_districts, name="regency-districts"),
]
