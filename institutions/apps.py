from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "institutions"
    # Its menu entries, to-do cards and figures in the manager portal (core.manager_portal).
    manager_portal_section = "institutions.views.manager.InstitutionsSection"
    verbose_name = _("Lembaga dan wilayah")

    def ready(self):
        from core.signals import forget_on_change

        from . import selectors

        forget_on_change(selectors.forget_secretariat_contact, "institutions.SecretariatContact")
