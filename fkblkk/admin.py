"""The secretariat's admin site: its titles. Each app registers its own models."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Administrasi FK-BLKK Kabupaten Tangerang")
admin.site.site_title = _("Admin FK-BLKK")
admin.site.index_title = _("Sekretariat forum")
