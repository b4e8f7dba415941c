from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "institutions"

# fkblkk/urls.py adds each BLKK's profile (<slug>/, "institution-detail") to this namespace: its
# view reads the apps built on institutions, so it lives in fkblkk.views.
urlpatterns = [
    path("", views.InstitutionListView.as_view(), name="institution-list"),
]

# The manager portal's pages of this app, under /pengelola/ in the "manager" namespace, and
# their entries in its menu: (URL name, label).
manager_urlpatterns = [
    path("profil/", views.InstitutionUpdateView.as_view(), name="institution-update"),
    path(
        "profil/foto/tambah/",
        views.InstitutionPhotoCreateView.as_view(),
        name="institution-photo-create",
    ),
    path(
        "profil/foto/<int:pk>/ubah/",
        views.InstitutionPhotoUpdateView.as_view(),
        name="institution-photo-update",
    ),
    path(
        "profil/foto/<int:pk>/hapus/",
        views.InstitutionPhotoDeleteView.as_view(),
        name="institution-photo-delete",
    ),
    path("instruktur/", views.InstructorListView.as_view(), name="instructor-list"),
    path("instruktur/tambah/", views.InstructorCreateView.as_view(), name="instructor-create"),
    path(
        "instruktur/<int:pk>/ubah/",
        views.InstructorUpdateView.as_view(),
        name="instructor-update",
    ),
    path(
        "instruktur/<int:pk>/hapus/",
        views.InstructorDeleteView.as_view(),
        name="instructor-delete",
    ),
]
manager_menu = (
    ("manager:institution-update", _("Profil BLKK")),
    ("manager:instructor-list", _("Instruktur")),
)
