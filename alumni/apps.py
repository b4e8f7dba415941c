from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlumniConfig(AppConfig):
    name = "alumni"
    # Its menu entries, to-do cards and figures in the manager portal (core.manager_portal).
    manager_portal_section = "alumni.views.manager.AlumniSection"
    verbose_name = _("Alumni")
