"""The manager portal's participant import: upload, template, progress and result."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, View

from core.progress import job_progress_response
from institutions.portal import ManagerObjectMixin, ManagerPortalMixin
from trainings import imports
from trainings.models import ParticipantImport, TrainingProgram


class ParticipantFileForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas peserta (XLSX atau CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Paling besar %(size)s dan %(rows)s baris peserta. Pakai templat di bawah."
        ) % {
            "size": filesizeformat(settings.MAX_IMPORT_UPLOAD_BYTES),
            "rows": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True),
        }
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        file = self.cleaned_data["file"]
        try:
            self.file_format = imports.check_upload(file)
            imports.check_row_count(file, self.file_format)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return file


class ProgramImportMixin(ManagerPortalMixin):
    """Pages of one program of the BLKK being worked on (another BLKK's program is a 404)."""

    @cached_property
    def program(self):
        return get_object_or_404(
            self.scoped(TrainingProgram).select_related("field"), pk=self.kwargs["pk"]
        )

    def http_method_not_allowed(self, request, *args, **kwargs):
        self.program  # noqa: B018 (another BLKK's program answers 404 for any method)
        return super().http_method_not_allowed(request, *args, **kwargs)


class ParticipantImportView(ProgramImportMixin, FormView):
    form_class = ParticipantFileForm
    template_name = "trainings/manager/import_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            program=self.program,
            closed=self.program.is_finished,
            columns=list(zip(imports.COLUMNS, imports.example_row(), strict=True)),
            max_rows=number_format(settings.IMPORT_MAX_ROWS, force_grouping=True),
            recent_imports=self.scoped(ParticipantImport)
            .filter(program=self.program)
            .select_related("uploaded_by")[:5],
            **kwargs,
        )

    def form_valid(self, form):
        if self.program.is_finished:
            form.add_error(None, _("Program ini sudah selesai atau dibatalkan."))
            return self.form_invalid(form)
        job = imports.participant_import_start(
            program=self.program,
            user=self.request.user,
            file=form.cleaned_data["file"],
            file_format=form.file_format,
        )
        messages.info(self.request, _("Berkas diterima dan sedang diperiksa."))
        return redirect(job)


class ParticipantImportTemplateView(ProgramImportMixin, View):
    def get(self, request, *args, **kwargs):
        file_format = kwargs["file_format"]
        if file_format not in imports.FORMATS:
            raise Http404
        response = HttpResponse(
            imports.template_file(file_format), content_type=imports.CONTENT_TYPES[file_format]
        )
        response["Content-Disposition"] = (
            f'attachment; filename="templat-peserta-{self.program.pk}.{file_format}"'
        )
        return response


class ParticipantImportStatusView(ManagerObjectMixin, DetailView):
    model = ParticipantImport
    template_name = "trainings/manager/import_status.html"
    context_object_name = "job"

    def get_queryset(self):
        return super().get_queryset().select_related("program", "uploaded_by")


class ParticipantImportProgressView(ManagerObjectMixin, DetailView):
    """The job's progress as JSON, polled by static/js/import_progress.js."""

    model = ParticipantImport

    def render_to_response(self, context):
        job = self.object
        return job_progress_response(job, processed=job.processed_rows, total=job.total_rows)
