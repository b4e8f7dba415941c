"""The manager portal's PBK pages: the BLKK's grants, and the realisation report (PDF)."""

import copy

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from core.storage import private_file_response
from institutions.forms import ManagerModelForm
from institutions.portal import ManagerListView, ManagerObjectMixin, ManagerUpdateView
from trainings.models import Enrollment, PBKAssistance


class PBKReportForm(ManagerModelForm):
    class Meta:
        model = PBKAssistance
        fields = ["report_file", "report_submitted_on"]
        widgets = {
            "report_submitted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "report_file": _(
                "Hanya PDF. Laporan baru menggantikan yang lama; yang lama tetap di riwayat."
            ),
            "report_submitted_on": _("Kosongkan untuk hari ini."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_file"].required = True
        # A file already there may stay; a new one replaces it, never a clear checkbox.
        self.fields["report_file"].widget = forms.FileInput(
            attrs={"accept": ".pdf,application/pdf"}
        )

    def clean_report_submitted_on(self):
        day = self.cleaned_data.get("report_submitted_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal penyerahan tidak boleh di masa depan."))
        return day or timezone.localdate()


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
