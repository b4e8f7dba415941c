from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class FkblkkConfig(AppConfig):
    name = "fkblkk"
    verbose_name = _("Portal FK-BLKK")

    def ready(self):
        from trainings.summaries import program_summaries_refreshed

        from . import roles, selectors
        from .api import freshness as api_freshness
        from .dashboard import figures as dashboard

        # Models added after the roles migration still reach the Sekretariat group: the sync
        # (which covers every domain app) runs once, after the base domain app's migrations.
        post_migrate.connect(
            roles.sync_role_permissions_after_migrate,
            sender=apps.get_app_config(roles.DOMAIN_APPS[0]),
        )

        # The home page's key figures are counted from these models; any change recounts them.
        for model_label in (
            "institutions.District",
            "institutions.Institution",
            "trainings.Enrollment",
            "alumni.Enterprise",
            "partnerships.Partnership",
        ):
            forget_on_change(selectors.forget_public_key_figures, model_label)

        # The dashboard's figures are counted from these models; any change recounts them.
        for model_label in (
            "institutions.District",
            "institutions.Institution",
            "institutions.VocationalField",
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
            forget_on_change(dashboard.forget_dashboard_figures, model_label)
        for relation in (
            apps.get_model("institutions", "Institution").fields.through,
            apps.get_model("partnerships", "Partnership").scopes.through,
            apps.get_model("partnerships", "Partnership").institutions.through,
        ):
            m2m_changed.connect(dashboard.forget_dashboard_figures, sender=relation)
        # The participant counts are read from the program summaries, which bulk writes (the
        # participant import, the nightly recount) refresh without saving row by row.
        program_summaries_refreshed.connect(dashboard.forget_dashboard_figures)

        # The API's Last-Modified: any write to a domain app's rows, bulk paths included.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(api_freshness.note_domain_write, dispatch_uid="api-freshness")
        program_summaries_refreshed.connect(api_freshness.note_data_changed)


def forget_on_change(forget, model_label: str) -> None:
    """Call ``forget`` (a signal receiver) whenever a row of the model is saved or deleted."""
    for signal in (post_save, post_delete):
        signal.connect(forget, sender=model_label)
