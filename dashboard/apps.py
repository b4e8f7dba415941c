from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dasbor Disnaker")
    manager_portal_section = "dashboard.manager.DashboardFiguresSection"

    def ready(self):
        from core.signals import forget_on_change
        from trainings.summaries import program_summaries_refreshed

        from .figures import forget_dashboard_figures

        # The dashboard's figures are counted from these models; any change recounts them.
        for model_label in (
            "institutions.District",
            "institutions.Institution",
            "institutions.VocationalField",
            "institutions.KemnakerAssistance",
            "trainings.TrainingProgram",
            "trainings.Trainee",
            "trainings.Enrollment",
            "trainings.PBKAssistance",
            "alumni.Outcome",
            "alumni.Enterprise",
            "partnerships.Partnership",
            "partnerships.PartnershipScope",
            "partnerships.Contribution",
        ):
            forget_on_change(forget_dashboard_figures, model_label)
        for relation in (
            apps.get_model("institutions", "Institution").fields.through,
            apps.get_model("partnerships", "Partnership").scopes.through,
            apps.get_model("partnerships", "Partnership").institutions.through,
        ):
            m2m_changed.connect(forget_dashboard_figures, sender=relation)
        # The participant counts are read from the program summaries, which bulk writes (the
        # participant import, the nightly recount) refresh without saving row by row.
        program_summaries_refreshed.connect(forget_dashboard_figures)
