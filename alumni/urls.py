from django.urls import path

from . import views

app_name = "alumni"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<slug:slug>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
]

# The manager portal's pages of this app, under /pengelola/ in the "manager" namespace, and
# their entries in its menu: (URL name, label).
manager_urlpatterns = []
manager_menu = ()
