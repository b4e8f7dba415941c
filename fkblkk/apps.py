from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FkblkkConfig(AppConfig):
    name = "fkblkk"
    verbose_name = _("Portal FK-BLKK")

    def ready(self):
        from core.signals import forget_on_change

        from . import selectors

        # The home page's key figures are counted from these models; any change recounts them.
        for model_label in (
            "institutions.District",
            "institutions.Institution",
            "trainings.Enrollment",
            "alumni.Enterprise",
            "partnerships.Partnership",
        ):
            forget_on_change(selectors.forget_public_key_figures, model_label)
