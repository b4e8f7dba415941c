from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FkblkkConfig(AppConfig):
    name = "fkblkk"
    verbose_name = _("Portal FK-BLKK")

    def ready(self):
        from . import roles

        # Models added after the roles migration still reach the Sekretariat group.
        post_migrate.connect(roles.sync_role_permissions_after_migrate, sender=self)
