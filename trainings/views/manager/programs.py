"""The manager portal's program pages: list, create, edit, detail and status moves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, View
from django.views.generic.detail import SingleObjectMixin

from institutions.portal import (
    ManagerCreateView,
    ManagerListView,
    ManagerObjectMixin,
    ManagerUpdateView,
    safe_next_url,
)
from trainings import selectors, services
from trainings.forms import (
    ParticipantResultFormSet,
    ParticipantsMoveForm,
    ProgramFilterForm,
    ProgramForm,
)
from trainings.models import Enrollment, TrainingProgram

# Moves that end a program for good: the manager confirms them first.
CONFIRMED_TRANSITIONS = frozenset({"cancel", "complete"})


class ProgramListView(ManagerListView):
    model = TrainingProgram
    template_name = "trainings/manager/program_list.html"
    context_object_name = "programs"

    def get_queryset(self):
        programs = self.scoped(TrainingProgram)
        self.years = [day.year for day in programs.dates("start_date", "year", order="DESC")]
        self.filter_form = ProgramFilterForm(self.request.GET or None, years=self.years)
        return (
            self.filter_form.filter(programs)
            .with_seats_taken()
            .annotate(
                applicants=Count(
                    "enrollments", filter=Q(enrollments__status=Enrollment.Status.APPLIED)
                )
            )
            .select_related("field")
            .order_by("-start_date", "title")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class ProgramFormMixin:
    model = TrainingProgram
    form_class = ProgramForm
    template_name = "trainings/manager/program_form.html"
    cancel_url_name = "manager:program-list"

    def get_success_url(self):
        return safe_next_url(
            self.request, reverse("manager:program-detail", kwargs={"pk": self.object.pk})
        )


class ProgramCreateView(ProgramFormMixin, ManagerCreateView):
    def form_valid(self, form):
        self.object = services.program_create(
            program=form.save(commit=False), instructors=form.cleaned_data["instructors"]
        )
        messages.success(
            self.request,
            _("Program disimpan sebagai draf. Umumkan atau buka pendaftarannya bila sudah siap."),
        )
        return HttpResponseRedirect(self.get_success_url())


class ProgramUpdateView(ProgramFormMixin, ManagerUpdateView):
    """Edits a program until it is over; a completed or cancelled one is kept as it ran."""

    def get_queryset(self):
        return super().get_queryset().select_related("institution")

    def get(self, request, *args, **kwargs):
        return self.refusal_when_finished() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal_when_finished() or super().post(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if not hasattr(self, "_program"):
            self._program = super().get_object(queryset)
        return self._program

    def refusal_when_finished(self):
        program = self.get_object()
        if not program.is_finished:
            return None
        messages.error(
            self.request,
            _("Program berstatus %(status)s tidak dapat diubah lagi.")
            % {"status": program.get_status_display().lower()},
        )
        return redirect("manager:program-detail", pk=program.pk)


class ProgramDetailView(ManagerObjectMixin, DetailView):
    model = TrainingProgram
    template_name = "trainings/manager/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("field", "institution", "pbk_assistance")
            .prefetch_related("instructors")
            .with_seats_taken()
        )

    def get_context_data(self, **kwargs):
        program = self.object
        counts = dict(
            program.enrollments.values_list("status").annotate(count=Count("pk")).order_by()
        )
        enrollments = program.enrollments.select_related("trainee").order_by(
            "status", "trainee__full_name"
        )
        return super().get_context_data(
            status_counts=[(status, counts.get(status.value, 0)) for status in Enrollment.Status],
            enrollments=enrollments,
            transitions=[
                (name, label, name in CONFIRMED_TRANSITIONS)
                for name, label in program.available_transitions()
            ],
            participants_form=ParticipantsMoveForm(),
            public_url=program.get_absolute_url()
            if program.is_public and self.institution.is_public
            else None,
            **kwargs,
        )


class ProgramTransitionView(ManagerObjectMixin, SingleObjectMixin, View):
    """POST ``transition``: a name of ``TrainingProgram.TRANSITIONS``.

    An unknown name is a bad request (400). A move that the status or a guard refuses comes
    back to the program's page with the reason, and nothing changes. Cancelling and
    completing ask for confirmation first (``confirm``).
    """

    model = TrainingProgram

    def post(self, request, *args, **kwargs):
        program = self.object = self.get_object()
        transition = request.POST.get("transition", "")
        if transition not in TrainingProgram.TRANSITIONS:
            return HttpResponseBadRequest(_("Perubahan status tidak dikenal."))
        needs_confirmation = transition in CONFIRMED_TRANSITIONS and program.can(transition)
        if needs_confirmation and not request.POST.get("confirm"):
            return self.render_confirmation(program, transition)
        try:
            program = services.program_transition(
                program=program, transition=transition, user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Status program sekarang: %(status)s.")
                % {"status": program.get_status_display()},
            )
        return redirect("manager:program-detail", pk=program.pk)

    def render_confirmation(self, program, transition):
        return render(
            self.request,
            "trainings/manager/program_transition_confirm.html",
            {
                "program": program,
                "transition": transition,
                "label": TrainingProgram.TRANSITIONS[transition][0],
                "institution": self.institution,
            },
        )


class ProgramParticipantsMoveView(ManagerObjectMixin, SingleObjectMixin, View):
    """POST: the same next step for the participants picked on the program's page; first
    shown with everyone it concerns for confirmation (``confirm`` unset)."""

    model = TrainingProgram

    def post(self, request, *args, **kwargs):
        program = self.object = self.get_object()
        form = ParticipantsMoveForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("manager:program-detail", pk=program.pk)
        if not form.cleaned_data["confirm"]:
            return self.render_confirmation(program, form)
        try:
            moved = services.enrollment_move_many(
                program=program,
                enrollment_ids=form.cleaned_data["enrollments"],
                move=form.cleaned_data["move"],
                user=request.user,
                result=form.cleaned_data["competency_result"],
            )
        except Enrollment.DoesNotExist:
            raise Http404(_("Peserta tidak ditemukan di program ini.")) from None
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            if form.cleaned_data["move"] == services.KEEP_STATUS:
                text = _("Hasil uji %(count)s peserta dicatat; statusnya tidak berubah.")
            else:
                text = _("%(count)s peserta sekarang berstatus %(status)s.")
            messages.success(
                request,
                text % {"count": len(moved), "status": moved[0].get_status_display().lower()},
            )
        return redirect("manager:program-detail", pk=program.pk)

    def render_confirmation(self, program, form):
        ids = form.cleaned_data["enrollments"]
        participants = list(
            self.scoped(Enrollment)
            .filter(program=program, pk__in=ids)
            .select_related("trainee")
            .order_by("trainee__full_name")
        )
        if len(participants) != len(ids):
            raise Http404(_("Peserta tidak ditemukan di program ini."))
        count = len(participants)
        return render(
            self.request,
            "trainings/manager/participants_move_confirm.html",
            {
                "program": program,
                "participants": participants,
                "form": form,
                "heading": ngettext(
                    "%(count)s peserta akan diproses: %(step)s",
                    "%(count)s peserta akan diproses: %(step)s",
                    count,
                )
                % {"count": count, "step": form.step_label()},
                "institution": self.institution,
            },
        )


class ProgramResultsView(ManagerObjectMixin, SingleObjectMixin, View):
    """The results table: every participant in training or graduated, on one page, saved
    at once (``services.enrollment_record_results_many``); a refused row shows its errors
    next to it and nothing is saved."""

    model = TrainingProgram
    template_name = "trainings/manager/program_results.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render(ParticipantResultFormSet(queryset=self.participants()))

    def post(self, request, *args, **kwargs):
        program = self.object = self.get_object()
        formset = ParticipantResultFormSet(request.POST, queryset=self.participants())
        if formset.is_valid():
            try:
                completed = services.enrollment_record_results_many(
                    program=program,
                    rows={form.instance.pk: form.row() for form in formset},
                    user=request.user,
                )
            except Enrollment.DoesNotExist:
                # A row that is not (or no longer) a participant of this table.
                raise Http404(_("Peserta tidak ditemukan di program ini.")) from None
            except ValidationError as error:
                forms_by_id = {form.instance.pk: form for form in formset}
                for pk, errors in error.error_dict.items():
                    forms_by_id[pk].add_error(None, errors)
            else:
                messages.success(request, _("Hasil semua peserta disimpan."))
                if completed:
                    messages.info(
                        request,
                        _("Semua peserta sudah ada hasilnya: program ditandai selesai."),
                    )
                program_page = reverse("manager:program-detail", kwargs={"pk": program.pk})
                return redirect(safe_next_url(request, program_page))
        messages.error(request, _("Belum ada yang disimpan: perbaiki baris yang ditandai."))
        return self.render(formset)

    def participants(self):
        return selectors.results_table_participants(self.scoped(Enrollment), program=self.object)

    def render(self, formset):
        return render(
            self.request,
            self.template_name,
            {"program": self.object, "formset": formset, "institution": self.institution},
        )
