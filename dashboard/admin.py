"""The dashboard's exports in the secretariat's admin, read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import FastChangelistMixin, SecretariatOnlyMixin

from .models import DashboardExport


@admin.register(DashboardExport)
class DashboardExportAdmin(SecretariatOnlyMixin, FastChangelistMixin, admin.ModelAdmin):
    """Read-only: exports are made from the dashboard, and their files downloaded there."""

    list_display = ("created_at", "requested_by", "format", "status", "download")
    list_filter = ("status", "format")
    list_select_related = ("requested_by",)
    date_hierarchy = "created_at"
    exclude = ("file",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("berkas"))
    def download(self, job):
        if not job.is_ready:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("dashboard:export-download", kwargs={"pk": job.pk}),
            job.file_name,
        )
