from django.urls import path

from . import views

app_name = "institutions"

# fkblkk/urls.py adds each BLKK's profile (<slug>/, "institution-detail") to this namespace: its
# view reads the apps built on institutions, so it lives in fkblkk.views.
urlpatterns = [
    path("", views.InstitutionListView.as_view(), name="institution-list"),
]
