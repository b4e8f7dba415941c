from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what the apps share. It imports no app of the portal."""

    name = "core"
    verbose_name = _("Dasar portal")

    def ready(self):
        from . import roles

        # Models added after the roles migration still reach the Sekretariat group: the sync
        # (which covers every domain app) runs once, after the base domain app's migrations.
        post_migrate.connect(
            roles.sync_role_permissions_after_migrate,
            sender=apps.get_app_config(roles.DOMAIN_APPS[0]),
        )
