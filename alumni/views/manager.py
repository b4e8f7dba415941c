"""The manager portal's alumni pages: tracer outcomes, alumni enterprises, community groups.

Every page is one of the portal's generic views, so rows are read and fetched only within
the BLKK being worked on. Outcomes and enterprises belong to a graduate chosen in the form
(their owner attribute starts empty, or preselected on the tracer page through the scoped
graduates); community groups belong to the BLKK itself.
"""

from functools import cached_property

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from alumni import selectors
from alumni.forms import (
    CommunityGroupForm,
    EnterpriseForm,
    OutcomeFilterForm,
    OutcomeForm,
    cohort_tracer_formset,
)
from alumni.models import CommunityGroup, Enterprise, Outcome
from alumni.services import record_tracers
from core.dates import day_label
from core.manager_portal import (
    Figure,
    ManagerPortalSection,
    TodoCard,
    TodoEntry,
    url_with_query,
)
from institutions.portal import (
    ManagerCreateView,
    ManagerDeleteView,
    ManagerListView,
    ManagerPortalMixin,
    ManagerUpdateView,
    safe_next_url,
)
from trainings.models import Enrollment, TrainingProgram

LOCATED_FORM_TEMPLATE = "alumni/manager/located_form.html"


# Tracer outcomes -------------------------------------------------------------------------


class OutcomeListView(ManagerListView):
    """The BLKK's graduates, each with their 3, 6 and 12-month tracer outcomes."""

    model = Enrollment
    template_name = "alumni/manager/outcome_list.html"
    context_object_name = "graduates"

    def get_filter_form(self) -> OutcomeFilterForm:
        programs = (
            self.scoped(TrainingProgram)
            .filter(enrollments__status=Enrollment.Status.GRADUATED)
            .distinct()
            .order_by("-start_date", "title")
        )
        return OutcomeFilterForm(self.request.GET or None, programs=programs)

    def get_queryset(self):
        self.filter_form = self.get_filter_form()
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.tracer_graduates(
            self.scoped(Enrollment),
            program=filters.get("program"),
            untraced=filters.get("untraced", False),
        )

    def get_context_data(self, **kwargs):
        chosen = (
            self.filter_form.cleaned_data.get("program") if self.filter_form.is_valid() else None
        )
        context = super().get_context_data(
            filter_form=self.filter_form,
            chosen_program=chosen,
            periods=Outcome.MonthsAfter.choices,
            **kwargs,
        )
        today = timezone.localdate()
        context["rows"] = [
            (graduate, selectors.tracer_periods(graduate, today=today))
            for graduate in context["graduates"]
        ]
        return context


class OutcomeFormMixin:
    model = Outcome
    form_class = OutcomeForm
    success_url_name = "manager:outcome-list"


class OutcomeCreateView(OutcomeFormMixin, ManagerCreateView):
    """Records a tracer outcome; ``?lulusan=<pk>&bulan=<3|6|12>`` preselects the graduate and
    the period (the links of the tracer and home pages)."""

    owner_attribute = "enrollment"
    success_message = _("Hasil tracer disimpan.")
    template_name = "alumni/manager/outcome_form.html"
    # Graduates the chooser lists at once: a name narrows the rest.
    choices_shown = 20

    def get(self, request, *args, **kwargs):
        if request.GET.get("lulusan"):
            return super().get(request, *args, **kwargs)
        # Rather than a select of every graduate: a search by name, or those waiting.
        self.object = None
        name = request.GET.get("cari", "").strip()[:100]
        graduates = selectors.graduates_to_trace(self.scoped(Enrollment), name=name)
        context = self.get_context_data(
            form=None, name=name, graduates=graduates[: self.choices_shown]
        )
        return TemplateResponse(request, "alumni/manager/outcome_choose.html", context)

    def get_context_data(self, **kwargs):
        return super().get_context_data(graduate=self.chosen_graduate, **kwargs)

    @cached_property
    def chosen_graduate(self):
        chosen = self.request.GET.get("lulusan")
        if not chosen:
            return None
        if not chosen.isdigit():
            raise Http404
        return get_object_or_404(
            self.scoped(Enrollment).graduates().select_related("trainee", "program__institution"),
            pk=chosen,
        )

    def get_owner(self):
        return self.chosen_graduate

    def get_initial(self):
        initial = super().get_initial()
        months = self.request.GET.get("bulan")
        if months in {str(value) for value in Outcome.MonthsAfter.values}:
            initial["months_after"] = int(months)
        initial.setdefault("surveyed_on", timezone.localdate())
        return initial


class OutcomeUpdateView(OutcomeFormMixin, ManagerUpdateView):
    success_message = _("Hasil tracer diperbarui.")


class OutcomeCohortView(ManagerPortalMixin, TemplateView):
    """One program's graduates whose ``months``-month tracer is due and missing, one row each,
    recorded in one go: the phone round of a cohort."""

    template_name = "alumni/manager/outcome_cohort.html"

    def setup_cohort(self):
        if self.kwargs["months"] not in Outcome.MonthsAfter.values:
            raise Http404
        self.program = get_object_or_404(self.scoped(TrainingProgram), pk=self.kwargs["program"])
        self.months = self.kwargs["months"]
        self.graduates = list(
            selectors.graduates_without_outcome(
                self.scoped(Enrollment).filter(program=self.program), months=self.months
            )
        )

    def get(self, request, *args, **kwargs):
        self.setup_cohort()
        return self.render_to_response(
            self.get_context_data(formset=cohort_tracer_formset(self.graduates))
        )

    def post(self, request, *args, **kwargs):
        self.setup_cohort()
        formset = cohort_tracer_formset(self.graduates, request.POST)
        if formset.total_form_count() != len(self.graduates):
            # A graduate became due, or was traced elsewhere, since the page was opened.
            messages.warning(
                request, _("Daftar lulusan berubah sejak halaman dibuka; periksa lagi lalu simpan.")
            )
            return redirect(request.get_full_path())
        if formset.is_valid():
            rows = [
                (form, outcome)
                for form in formset.forms
                if (outcome := form.outcome(form.graduate, self.months)) is not None
            ]
            if not rows:
                messages.error(request, _("Isi status paling sedikit satu lulusan."))
            elif record_tracers(rows):
                messages.success(
                    request,
                    ngettext(
                        "%(count)s hasil tracer disimpan.",
                        "%(count)s hasil tracer disimpan.",
                        len(rows),
                    )
                    % {"count": len(rows)},
                )
                outcome_list = reverse("manager:outcome-list")
                return redirect(
                    safe_next_url(request, url_with_query(outcome_list, program=self.program.pk))
                )
        return self.render_to_response(self.get_context_data(formset=formset), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            program=self.program,
            period=Outcome.MonthsAfter(self.months),
            rows=list(zip(kwargs["formset"].forms, self.graduates, strict=True)),
            **kwargs,
        )


class OutcomeDeleteView(ManagerDeleteView):
    model = Outcome
    success_url_name = "manager:outcome-list"


# Alumni enterprises -----------------------------------------------------------------------


class EnterpriseListView(ManagerListView):
    model = Enterprise
    template_name = "alumni/manager/enterprise_list.html"
    context_object_name = "enterprises"
    add_url_name = "manager:enterprise-create"
    update_url_name = "manager:enterprise-update"
    delete_url_name = "manager:enterprise-delete"

    def get_queryset(self):
        return selectors.manager_enterprises(super().get_queryset())


class EnterpriseFormMixin:
    model = Enterprise
    form_class = EnterpriseForm
    template_name = LOCATED_FORM_TEMPLATE
    success_url_name = "manager:enterprise-list"
    # The owner is the graduate chosen in the form.
    owner_attribute = "owner"

    def get_owner(self):
        return None


class EnterpriseCreateView(EnterpriseFormMixin, ManagerCreateView):
    success_message = _("Usaha alumni disimpan.")


class EnterpriseUpdateView(EnterpriseFormMixin, ManagerUpdateView):
    success_message = _("Usaha alumni diperbarui.")


class EnterpriseDeleteView(ManagerDeleteView):
    model = Enterprise
    success_url_name = "manager:enterprise-list"


# Community groups --------------------------------------------------------------------------


class CommunityGroupListView(ManagerListView):
    model = CommunityGroup
    template_name = "alumni/manager/community_group_list.html"
    context_object_name = "groups"
    add_url_name = "manager:community-group-create"
    update_url_name = "manager:community-group-update"
    delete_url_name = "manager:community-group-delete"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("district", "village", "pbk_assistance__field")
            .order_by("name", "pk")
        )


class CommunityGroupFormMixin:
    model = CommunityGroup
    form_class = CommunityGroupForm
    template_name = LOCATED_FORM_TEMPLATE
    success_url_name = "manager:community-group-list"


class CommunityGroupCreateView(CommunityGroupFormMixin, ManagerCreateView):
    success_message = _("Kelompok binaan disimpan.")


class CommunityGroupUpdateView(CommunityGroupFormMixin, ManagerUpdateView):
    success_message = _("Kelompok binaan diperbarui.")


class CommunityGroupDeleteView(ManagerDeleteView):
    model = CommunityGroup
    success_url_name = "manager:community-group-list"


# The manager portal's home and menu -------------------------------------------------------


class AlumniSection(ManagerPortalSection):
    """The alumni pages in the menu; on the home page, the graduates still to trace and the
    year's tracer and enterprise figures."""

    menu = (
        ("manager:outcome-list", _("Tracer")),
        ("manager:enterprise-list", _("Usaha alumni")),
        ("manager:community-group-list", _("Kelompok binaan")),
    )

    def figures(self, portal, today):
        alumni = selectors.alumni_year_figures(
            portal.scoped(Outcome), portal.scoped(Enterprise), year=today.year
        )
        return [
            Figure(50, alumni.outcomes_recorded, _("Hasil tracer dicatat")),
            Figure(80, alumni.published_enterprises, _("Usaha alumni tampil di situs")),
        ]

    def todo_cards(self, portal, today):
        tracers = selectors.missing_tracers(
            portal.scoped(Enrollment), limit=self.todo_entries_shown, today=today
        )
        home = reverse("manager:home")
        outcome_create = reverse("manager:outcome-create")
        return [
            TodoCard(
                order=40 + index,
                key=f"tracer-{months}",
                title=_("Lulusan belum ditracer %(period)s")
                % {"period": Outcome.MonthsAfter(months).label},
                icon="bi-clipboard-data",
                count=todo.count,
                entries=[
                    TodoEntry(
                        label=graduate.trainee.full_name,
                        detail=_("%(program)s · lulus %(date)s")
                        % {
                            "program": graduate.program.title,
                            "date": day_label(graduate.completed_on),
                        },
                        url=url_with_query(
                            outcome_create, lulusan=graduate.pk, bulan=months, next=home
                        ),
                    )
                    for graduate in todo.items
                ],
                url=url_with_query(reverse("manager:outcome-list"), untraced="on"),
                link_label=_("Lihat semua yang belum ditracer"),
            )
            for index, (months, todo) in enumerate(tracers.items())
        ]
