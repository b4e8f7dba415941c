"""The public pages of the institutions app, under /lembaga/."""

from django.urls import path

from institutions.views import public

app_name = "institutions"

# fkblkk/urls.py adds each BLKK's profile (<slug>/, "institution-detail") to this namespace: its
# view reads the apps built on institutions, so it lives in fkblkk.views.public.
urlpatterns = [
    path("", public.InstitutionListView.as_view(), name="institution-list"),
]
