from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    # Its menu entries, to-do cards and figures in the manager portal (core.manager_portal).
    manager_portal_section = "trainings.views.manager.home.TrainingsSection"
    verbose_name = _("Pelatihan")

    def ready(self):
        from . import summaries

        summaries.connect_signals()
