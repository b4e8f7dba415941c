from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import manager_views, views

app_name = "alumni"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<slug:slug>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
]

# The manager portal's pages of this app, under /pengelola/ in the "manager" namespace, and
# their entries in its menu: (URL name, label).
manager_urlpatterns = [
    path("tracer/", manager_views.OutcomeListView.as_view(), name="outcome-list"),
    path("tracer/tambah/", manager_views.OutcomeCreateView.as_view(), name="outcome-create"),
    path("tracer/<int:pk>/ubah/", manager_views.OutcomeUpdateView.as_view(), name="outcome-update"),
    path(
        "tracer/<int:pk>/hapus/", manager_views.OutcomeDeleteView.as_view(), name="outcome-delete"
    ),
    path("usaha-alumni/", manager_views.EnterpriseListView.as_view(), name="enterprise-list"),
    path(
        "usaha-alumni/tambah/",
        manager_views.EnterpriseCreateView.as_view(),
        name="enterprise-create",
    ),
    path(
        "usaha-alumni/<int:pk>/ubah/",
        manager_views.EnterpriseUpdateView.as_view(),
        name="enterprise-update",
    ),
    path(
        "usaha-alumni/<int:pk>/hapus/",
        manager_views.EnterpriseDeleteView.as_view(),
        name="enterprise-delete",
    ),
    path(
        "kelompok-binaan/",
        manager_views.CommunityGroupListView.as_view(),
        name="community-group-list",
    ),
    path(
        "kelompok-binaan/tambah/",
        manager_views.CommunityGroupCreateView.as_view(),
        name="community-group-create",
    ),
    path(
        "kelompok-binaan/<int:pk>/ubah/",
        manager_views.CommunityGroupUpdateView.as_view(),
        name="community-group-update",
    ),
    path(
        "kelompok-binaan/<int:pk>/hapus/",
        manager_views.CommunityGroupDeleteView.as_view(),
        name="community-group-delete",
    ),
]
manager_menu = (
    ("manager:outcome-list", _("Tracer")),
    ("manager:enterprise-list", _("Usaha alumni")),
    ("manager:community-group-list", _("Kelompok binaan")),
)
