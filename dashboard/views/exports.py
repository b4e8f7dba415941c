"""The dashboard's exports: start one with the filters in use, follow it, download the file.

Every page reads the jobs through ``DashboardExport.objects.visible_to``: another person's
export is a 404, whatever its number.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_ratelimit.core import is_ratelimited

from core.progress import job_progress_response
from core.storage import private_file_response
from dashboard import export_jobs
from dashboard.access import DashboardAccessMixin
from dashboard.models import DashboardExport

# Exports one person may start in an hour: enough for any reading, too few to fill the queue.
EXPORT_RATE = "10/h"


class DashboardExportMixin(DashboardAccessMixin):
    def get_queryset(self):
        return DashboardExport.objects.visible_to(self.request.user).select_related("requested_by")


class DashboardExportListView(DashboardExportMixin, ListView):
    """GET: the exports one may download; POST (the dashboard's buttons): start one."""

    template_name = "dashboard/export_list.html"
    context_object_name = "exports"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        return super().get_context_data(kept_for_days=DashboardExport.KEPT_FOR_DAYS, **kwargs)

    def post(self, request, *args, **kwargs):
        if is_ratelimited(
            request, group="dashboard:export", key="user", rate=EXPORT_RATE, increment=True
        ):
            messages.error(
                request,
                _(
                    "Anda sudah memulai terlalu banyak ekspor dalam satu jam terakhir. Unduh "
                    "berkas yang sudah jadi di bawah ini, atau coba lagi nanti."
                ),
            )
            self.object_list = self.get_queryset()
            return self.render_to_response(self.get_context_data(), status=429)
        try:
            job = export_jobs.dashboard_export_start(
                user=request.user, format=request.POST.get("format", ""), query_params=request.POST
            )
        except export_jobs.UnknownFormat:
            messages.error(request, _("Pilih ekspor XLSX atau PDF."))
            return redirect("dashboard:export-list")
        messages.info(request, _("Permintaan ekspor diterima; berkas sedang dibuat."))
        return redirect(job)


class DashboardExportDetailView(DashboardExportMixin, DetailView):
    template_name = "dashboard/export_detail.html"
    context_object_name = "job"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kept_for_days=DashboardExport.KEPT_FOR_DAYS, **kwargs)


class DashboardExportProgressView(DashboardExportMixin, DetailView):
    """The job's progress as JSON, polled by static/js/import_progress.js."""

    def render_to_response(self, context):
        return job_progress_response(self.object, ready=self.object.is_ready)


class DashboardExportDownloadView(DashboardExportMixin, DetailView):
    """The file, as an attachment, to those who may see the job; the job's page until then."""

    def render_to_response(self, context):
        job = self.object
        if not job.is_ready:
            messages.info(self.request, _("Berkas ekspor ini belum siap diunduh."))
            return redirect(job)
        return private_file_response(
            job.file, filename=job.file_name, content_type=job.content_type
        )
