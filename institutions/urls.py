from django.urls import path

from . import views

app_name = "institutions"

# fkblkk/urls.py adds each BLKK's profile (<slug>/, "institution-detail") to this namespace: its
# view reads the apps built on institutions, so it lives in fkblkk.views.
urlpatterns = [
    path("", views.InstitutionListView.as_view(), name="institution-list"),
]

# The manager portal's pages of this app, under /pengelola/ in the "manager" namespace, and
# their entries in its menu: (URL name, label).
manager_urlpatterns = []
manager_menu = ()
