"""The manager portal's pages of the institutions app, under /pengelola/ in the "manager"
namespace (``fkblkk/urls.py``)."""

from django.urls import path

from institutions.views import manager

urlpatterns = [
    path("pilih-blkk/", manager.InstitutionChooseView.as_view(), name="institution-choose"),
    path("profil/", manager.InstitutionUpdateView.as_view(), name="institution-update"),
    path(
        "profil/foto/tambah/",
        manager.InstitutionPhotoCreateView.as_view(),
        name="institution-photo-create",
    ),
    path(
        "profil/foto/<int:pk>/ubah/",
        manager.InstitutionPhotoUpdateView.as_view(),
        name="institution-photo-update",
    ),
    path(
        "profil/foto/<int:pk>/hapus/",
        manager.InstitutionPhotoDeleteView.as_view(),
        name="institution-photo-delete",
    ),
    path("instruktur/", manager.InstructorListView.as_view(), name="instructor-list"),
    path("instruktur/tambah/", manager.InstructorCreateView.as_view(), name="instructor-create"),
    path(
        "instruktur/<int:pk>/ubah/",
        manager.InstructorUpdateView.as_view(),
        name="instructor-update",
    ),
    path(
        "instruktur/<int:pk>/hapus/",
        manager.InstructorDeleteView.as_view(),
        name="instructor-delete",
    ),
]
