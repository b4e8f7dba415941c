"""The manager portal's own pages: its home page and its menu, which gather every app's parts."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

import alumni.urls
import institutions.urls
import trainings.urls
from institutions.portal import ManagerPortalMixin

# (URL name, label): the home page, then each app's sections in the order managers work.
MANAGER_MENU = (
    ("manager:home", _("Beranda")),
    *institutions.urls.manager_menu,
    *trainings.urls.manager_menu,
    *alumni.urls.manager_menu,
)


class ManagerHomeView(ManagerPortalMixin, TemplateView):
    template_name = "backoffice/manager_home.html"
