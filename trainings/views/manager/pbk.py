"""The manager portal's PBK pages: the BLKK's grants, and the realisation report (PDF)."""

import copy

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from core.storage import private_file_response
from institutions.portal import ManagerListView, ManagerObjectMixin, ManagerUpdateView
from trainings.forms import PBKReportForm
from trainings.models import Enrollment, PBKAssistance


class PBKListView(ManagerListView):
    model = PBKAssistance
    template_name = "trainings/manager/pbk_list.html"
    context_object_name = "grants"

    def get_queryset(self):
        seated = Q(programs__enrollments__status__in=Enrollment.SEATED_STATUSES)
        return (
            super()
            .get_queryset()
            .select_related("field")
            .annotate(actual_participants=Count("programs__enrollments", filter=seated))
            .order_by("-year", "field__name")
        )


class PBKReportUploadView(ManagerUpdateView):
    model = PBKAssistance
    form_class = PBKReportForm
    template_name = "trainings/manager/pbk_report_form.html"
    success_url_name = "manager:pbk-list"
    success_message = _("Laporan realisasi disimpan.")

    def get_queryset(self):
        return super().get_queryset().select_related("field")

    def get_object(self, queryset=None):
        assistance = super().get_object(queryset)
        # The form puts a refused upload on the object too; the page shows what is stored.
        self.stored = copy.copy(assistance)
        return assistance

    def get_context_data(self, **kwargs):
        return super().get_context_data(stored=self.stored, **kwargs)


class PBKReportDownloadView(ManagerObjectMixin, DetailView):
    """The report for the BLKK's own manager only, as an attachment that is never sniffed."""

    model = PBKAssistance

    def render_to_response(self, context):
        return private_file_response(
            self.object.report_file,
            filename=self.object.report_download_name,
            content_type="application/pdf",
        )
