"""The secretariat's admin site: its titles and layout. Each app registers its own models."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CheckedChangelistMixin

admin.site.site_header = _("Administrasi FK-BLKK Kabupaten Tangerang")
admin.site.site_title = _("Admin FK-BLKK")
admin.site.index_title = _("Sekretariat forum")
# The model menu beside every page left a changelist with filters too narrow at 1366 px; the
# home page lists the models, and the breadcrumbs lead back to it.
admin.site.enable_nav_sidebar = False


def check_changelist_input_in_every_admin(site) -> None:
    """Django's and django-axes' own model admins (users, groups, sign-in attempts) refuse
    crafted changelist input as the portal's do, instead of failing on it as a 500."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, CheckedChangelistMixin):
            admin_class = type(model_admin)
            site.unregister(model)
            site.register(
                model, type(admin_class.__name__, (CheckedChangelistMixin, admin_class), {})
            )


# The project's admin module is read after every app's (fkblkk is the last installed app).
check_changelist_input_in_every_admin(admin.site)
