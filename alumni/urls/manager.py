"""The manager portal's pages of the alumni app, under /pengelola/ in the "manager" namespace
(``fkblkk/urls.py``)."""

from django.urls import path

from alumni.views import manager

urlpatterns = [
    path("tracer/", manager.OutcomeListView.as_view(), name="outcome-list"),
    path("tracer/tambah/", manager.OutcomeCreateView.as_view(), name="outcome-create"),
    path(
        "tracer/angkatan/<int:program>/<int:months>/",
        manager.OutcomeCohortView.as_view(),
        name="outcome-cohort",
    ),
    path("tracer/<int:pk>/ubah/", manager.OutcomeUpdateView.as_view(), name="outcome-update"),
    path("tracer/<int:pk>/hapus/", manager.OutcomeDeleteView.as_view(), name="outcome-delete"),
    path("usaha-alumni/", manager.EnterpriseListView.as_view(), name="enterprise-list"),
    path(
        "usaha-alumni/tambah/",
        manager.EnterpriseCreateView.as_view(),
        name="enterprise-create",
    ),
    path(
        "usaha-alumni/<int:pk>/ubah/",
        manager.EnterpriseUpdateView.as_view(),
        name="enterprise-update",
    ),
    path(
        "usaha-alumni/<int:pk>/hapus/",
        manager.EnterpriseDeleteView.as_view(),
        name="enterprise-delete",
    ),
    path(
        "kelompok-binaan/",
        manager.CommunityGroupListView.as_view(),
        name="community-group-list",
    ),
    path(
        "kelompok-binaan/tambah/",
        manager.CommunityGroupCreateView.as_view(),
        name="community-group-create",
    ),
    path(
        "kelompok-binaan/<int:pk>/ubah/",
        manager.CommunityGroupUpdateView.as_view(),
        name="community-group-update",
    ),
    path(
        "kelompok-binaan/<int:pk>/hapus/",
        manager.CommunityGroupDeleteView.as_view(),
        name="community-group-delete",
    ),
]
