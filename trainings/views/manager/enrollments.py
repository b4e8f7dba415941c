"""The manager portal's pages of people: applications, enrollments and trainees."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, View
from django.views.generic.detail import SingleObjectMixin

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

UNDO_MINUTES = int(Enrollment.DECISION_UNDO_WINDOW.total_seconds() // 60)


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
            .select_related("trainee__district", "program__institution")
            .order_by("program__start_date", "program__title", "created_at")
        )
        self.program = None
        chosen = self.request.GET.get("program", "")
        if chosen.isdigit():
            # Another BLKK's program, or a number naming none, lists no one.
            self.program = next((p for p in self.programs if p.pk == int(chosen)), None)
            applications = applications.filter(program=self.program)
        return applications

    def get_context_data(self, **kwargs):
        # Decisions whose e-mail has not left yet: they can still be undone.
        recent_decisions = (
            self.scoped(Enrollment)
            .filter(status__in=Enrollment.DECIDED_STATUSES, decision_mail_due_at__isnull=False)
            .select_related("trainee", "program")
            .order_by("-decision_mail_due_at")[: self.paginate_by]
        )
        context = super().get_context_data(
            programs=self.programs,
            chosen_program=self.program,
            decision_form=ApplicationDecisionForm(),
            recent_decisions=recent_decisions,
            undo_minutes=UNDO_MINUTES,
            **kwargs,
        )
        today = timezone.localdate()
        for enrollment in context["applications"]:
            enrollment.applicant_age = age_on(enrollment.trainee.birth_date, today)
        return context


class ApplicationDecideView(ManagerPortalMixin, FormView):
    """POST only: accept or reject the picked applications, all or none.

    A rejection, and any decision on several applications, first shows the applications
    concerned for confirmation (with the reason, for a rejection). One application of another
    BLKK (or none at all) is a 404; a batch that names one is refused as a whole. The
    applicants are e-mailed after the undo window, and the message says how to undo.
    """

    form_class = ApplicationDecisionForm
    http_method_names = ["post"]

    def get_success_url(self):
        return safe_next_url(self.request, reverse("manager:application-list"))

    def form_invalid(self, form):
        if form.data.get("confirm") and "enrollments" not in form.errors:
            return self.render_confirmation(form)
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return HttpResponseRedirect(self.get_success_url())

    def form_valid(self, form):
        if form.needs_confirmation():
            return self.render_confirmation(form)
        ids = form.cleaned_data["enrollments"]
        decision = form.cleaned_data["decision"]
        try:
            decided = services.enrollment_decide(
                enrollment_ids=ids,
                decision=decision,
                reason=form.cleaned_data["rejection_reason"],
                message=form.cleaned_data["message"],
                user=self.request.user,
                institution=self.institution,
            )
        except Enrollment.DoesNotExist:
            return self.not_found(ids)
        except ValidationError as error:
            for text in error.messages:
                messages.error(self.request, text)
        else:
            messages.success(self.request, self._done_message(decided, decision))
        return HttpResponseRedirect(self.get_success_url())

    def not_found(self, ids):
        if len(ids) == 1:
            raise Http404(_("Pendaftar tidak ditemukan."))
        messages.error(
            self.request,
            _(
                "Sebagian pendaftar yang dipilih tidak ditemukan di BLKK ini. "
                "Tidak ada yang diubah."
            ),
        )
        return HttpResponseRedirect(self.get_success_url())

    def render_confirmation(self, form):
        ids = form.cleaned_data.get("enrollments") or []
        applications = list(
            self.scoped(Enrollment)
            .filter(pk__in=ids)
            .select_related("trainee", "program")
            .order_by("program__title", "trainee__full_name")
        )
        if not ids or len(applications) != len(ids):
            return self.not_found(ids)
        rejecting = form.cleaned_data.get("decision") == services.Decision.REJECT
        count = len(applications)
        if rejecting:
            heading = ngettext(
                "%(count)s pendaftar akan ditolak", "%(count)s pendaftar akan ditolak", count
            )
        else:
            heading = ngettext(
                "%(count)s pendaftar akan diterima", "%(count)s pendaftar akan diterima", count
            )
        return self.response_class(
            request=self.request,
            template=["trainings/manager/application_decide_confirm.html"],
            context=self.get_context_data(
                form=form,
                applications=applications,
                rejecting=rejecting,
                heading=heading % {"count": count},
                undo_minutes=UNDO_MINUTES,
                next_url=self.get_success_url(),
            ),
        )

    def _done_message(self, decided, decision) -> str:
        count = len(decided)
        if decision == services.Decision.ACCEPT:
            text = ngettext("%(count)s pendaftar diterima.", "%(count)s pendaftar diterima.", count)
        else:
            text = ngettext("%(count)s pendaftar ditolak.", "%(count)s pendaftar ditolak.", count)
        # Safe: format_html escapes every part; the link leads to the list's undo buttons.
        return format_html(
            '{} {} <a href="{}#recent-decisions" class="alert-link">{}</a>',
            text % {"count": count},
            _("E-mail dikirim %(minutes)s menit lagi —") % {"minutes": UNDO_MINUTES},
            reverse("manager:application-list"),
            _("Batalkan"),
        )


class ApplicationReopenView(ManagerObjectMixin, SingleObjectMixin, View):
    """POST: take a decision back. Within the undo window the applicant is never told;
    later the application is reopened (kept in its history) for a new decision."""

    model = Enrollment

    def post(self, request, *args, **kwargs):
        enrollment = self.object = self.get_object()
        try:
            undone = services.enrollment_reopen_decision(enrollment=enrollment, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if undone:
                text = _("Keputusan untuk %(name)s dibatalkan; tidak ada e-mail yang dikirim.")
            else:
                text = _(
                    "Keputusan untuk %(name)s dibuka kembali; pendaftar menunggu keputusan baru."
                )
            messages.success(request, text % {"name": enrollment.trainee})
        return HttpResponseRedirect(
            safe_next_url(
                request, reverse("manager:enrollment-update", kwargs={"pk": enrollment.pk})
            )
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
            .select_related("program__institution", "trainee")
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
