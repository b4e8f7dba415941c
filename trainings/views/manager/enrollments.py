"""The manager portal's pages of people: applications, enrollments and trainees."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView

from institutions.portal import (
    ManagerListView,
    ManagerObjectMixin,
    ManagerPortalMixin,
    ManagerUpdateView,
    safe_next_url,
)
from trainings import services
from trainings.forms import (
    ApplicationDecisionForm,
    EnrollmentMoveForm,
    EnrollmentResultForm,
    TraineeContactForm,
)
from trainings.models import Enrollment, Trainee, TrainingProgram, age_on

# Applications ---------------------------------------------------------------------------


class ApplicationListView(ManagerListView):
    """Applications waiting for a decision, with the applicants' contacts: they are ours."""

    model = Enrollment
    template_name = "trainings/manager/application_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        self.programs = list(
            self.scoped(TrainingProgram)
            .filter(enrollments__status=Enrollment.Status.APPLIED)
            .distinct()
            .order_by("-start_date", "title")
            .only("pk", "title", "start_date")
        )
        applications = (
            super()
            .get_queryset()
            .filter(status=Enrollment.Status.APPLIED)
            .select_related("trainee__district", "program")
            .order_by("program__start_date", "program__title", "created_at")
        )
        self.program = None
        chosen = self.request.GET.get("program", "")
        if chosen.isdigit():
            self.program = next((p for p in self.programs if p.pk == int(chosen)), None)
            applications = applications.filter(program=chosen)
        return applications

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            programs=self.programs,
            chosen_program=self.program,
            decision_form=ApplicationDecisionForm(),
            **kwargs,
        )
        today = timezone.localdate()
        for enrollment in context["applications"]:
            enrollment.applicant_age = age_on(enrollment.trainee.birth_date, today)
        return context


class ApplicationDecideView(ManagerPortalMixin, FormView):
    """POST only: accept or reject the picked applications, all or none, and e-mail them.

    One application of another BLKK (or none at all) is a 404; a batch that names one is
    refused as a whole.
    """

    form_class = ApplicationDecisionForm
    http_method_names = ["post"]

    def get_success_url(self):
        return safe_next_url(self.request, reverse("manager:application-list"))

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return HttpResponseRedirect(self.get_success_url())

    def form_valid(self, form):
        ids = form.cleaned_data["enrollments"]
        decision = form.cleaned_data["decision"]
        try:
            decided = services.enrollment_decide(
                enrollment_ids=ids,
                decision=decision,
                message=form.cleaned_data["message"],
                user=self.request.user,
                institution=self.institution,
            )
        except Enrollment.DoesNotExist:
            if len(ids) == 1:
                raise Http404(_("Pendaftar tidak ditemukan.")) from None
            messages.error(
                self.request,
                _(
                    "Sebagian pendaftar yang dipilih tidak ditemukan di BLKK ini. "
                    "Tidak ada yang diubah."
                ),
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(self.request, text)
        else:
            messages.success(self.request, self._done_message(decided, decision))
        return HttpResponseRedirect(self.get_success_url())

    @staticmethod
    def _done_message(decided, decision) -> str:
        count = len(decided)
        if decision == services.Decision.ACCEPT:
            text = ngettext("%(count)s pendaftar diterima.", "%(count)s pendaftar diterima.", count)
        else:
            text = ngettext("%(count)s pendaftar ditolak.", "%(count)s pendaftar ditolak.", count)
        return (
            (text % {"count": count})
            + " "
            + str(_("Pemberitahuan dikirim ke pendaftar yang mengisi alamat e-mail."))
        )


# Enrollments ----------------------------------------------------------------------------


class EnrollmentUpdateView(ManagerUpdateView):
    """A participant's next step (``move``), or corrections once the training is over."""

    model = Enrollment
    form_class = EnrollmentResultForm
    template_name = "trainings/manager/enrollment_form.html"
    context_object_name = "enrollment"
    success_message = _("Hasil pelatihan disimpan.")
    FINISHED = (Enrollment.Status.GRADUATED, Enrollment.Status.DROPPED_OUT)

    def get_queryset(self):
        return super().get_queryset().select_related("trainee__district__regency", "program__field")

    def get_success_url(self):
        return safe_next_url(
            self.request, reverse("manager:enrollment-update", kwargs={"pk": self.object.pk})
        )

    def get_context_data(self, **kwargs):
        enrollment = self.object
        move_form = kwargs.pop("move_form", None) or EnrollmentMoveForm(enrollment=enrollment)
        return super().get_context_data(
            move_form=move_form,
            moves=dict(move_form.fields["move"].choices),
            result_choices=Enrollment.CompetencyResult.choices,
            is_finished=enrollment.status in self.FINISHED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if "move" in request.POST:
            return self.move()
        if self.object.status not in self.FINISHED:
            messages.error(
                request,
                _("Hasil dan nomor sertifikat diisi setelah peserta lulus atau tidak selesai."),
            )
            return redirect("manager:enrollment-update", pk=self.object.pk)
        return super().post(request, *args, **kwargs)

    def move(self):
        enrollment = self.object
        form = EnrollmentMoveForm(self.request.POST, enrollment=enrollment)
        if form.is_valid():
            try:
                enrollment = services.enrollment_move(
                    enrollment=enrollment,
                    move=form.cleaned_data["move"],
                    user=self.request.user,
                    result=form.cleaned_data["competency_result"],
                    certificates=form.certificates(),
                )
            except ValidationError as error:
                # Shown with the form, so that the certificates typed in are not lost.
                form.add_error(None, error)
            else:
                messages.success(
                    self.request,
                    _("Status %(name)s sekarang: %(status)s.")
                    % {"name": enrollment.trainee, "status": enrollment.get_status_display()},
                )
                return redirect("manager:enrollment-update", pk=enrollment.pk)
        return self.render_to_response(
            self.get_context_data(
                form=EnrollmentResultForm(
                    instance=enrollment, user=self.request.user, institution=self.institution
                ),
                move_form=form,
            )
        )


# Trainees -------------------------------------------------------------------------------


class TraineeListView(ManagerListView):
    """People enrolled in this BLKK's programs, and no others; search by name or NIK."""

    model = Trainee
    template_name = "trainings/manager/trainee_list.html"
    context_object_name = "trainees"

    def get_queryset(self):
        trainees = (
            super()
            .get_queryset()
            .select_related("district")
            .annotate(
                enrollment_count=Count(
                    "enrollments", filter=Q(enrollments__program__institution=self.institution)
                )
            )
            .order_by("full_name", "pk")
        )
        self.query = " ".join(self.request.GET.get("q", "").split())[:100]
        if self.query:
            digits = self.query.replace(" ", "").replace(".", "")
            if digits.isdigit():
                trainees = trainees.filter(nik__startswith=digits)
            else:
                trainees = trainees.filter(full_name__icontains=self.query)
        return trainees

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


class TraineeDetailView(ManagerObjectMixin, DetailView):
    model = Trainee
    template_name = "trainings/manager/trainee_detail.html"
    context_object_name = "trainee"

    def get_queryset(self):
        return super().get_queryset().select_related("district__regency", "village")

    def get_context_data(self, **kwargs):
        # Only this BLKK's enrollments: the same person's training elsewhere is not ours to see.
        enrollments = (
            self.scoped(Enrollment)
            .filter(trainee=self.object)
            .select_related("program")
            .order_by("-program__start_date")
        )
        return super().get_context_data(enrollments=enrollments, **kwargs)


class TraineeUpdateView(ManagerUpdateView):
    model = Trainee
    form_class = TraineeContactForm
    template_name = "trainings/manager/trainee_form.html"
    context_object_name = "trainee"
    success_message = _("Data kontak peserta disimpan.")

    def get_success_url(self):
        return safe_next_url(
            self.request, reverse("manager:trainee-detail", kwargs={"pk": self.object.pk})
        )
