"""The secretariat's admin site: its titles and layout. Each app registers its own models."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Administrasi FK-BLKK Kabupaten Tangerang")
admin.site.site_title = _("Admin FK-BLKK")
admin.site.index_title = _("Sekretariat forum")
# The model menu beside every page left a changelist with filters too narrow at 1366 px; the
# home page lists the models, and the breadcrumbs lead back to it.
admin.site.enable_nav_sidebar = False
