"""Signing in, and the manager portal's home page.

Sign-in and passwords are the pages every signed-in role shares; their templates live in
``templates/accounts/`` rather than ``registration/``, where the admin would pick them up for
its own password pages. The home page shows what needs doing now at the BLKK being worked on,
and this year's figures, gathered from the section each app declares (``core.manager_portal``);
the monthly page lists all the pending work of the BLKK, each item with its action.
"""

from operator import attrgetter

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import TemplateView

from alumni.forms import cohort_tracer_formset
from alumni.selectors import graduates_without_outcome
from core import roles
from core.manager_portal import manager_portal_sections
from fkblkk import accounts
from fkblkk.pending import pending_work
from institutions.portal import ManagerPortalMixin
from trainings.forms import ParticipantResultFormSet, PBKReportForm
from trainings.models import Enrollment
from trainings.selectors import results_table_participants


def home_url_for(user) -> str:
    """Where a user starts after signing in: the part of the portal their role works in."""
    if roles.has_role(user, roles.MANAGER):
        return reverse("manager:home")
    if roles.has_role(user, roles.DISNAKER):
        return reverse("dashboard:home")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")


class LoginView(auth_views.LoginView):
    """Signing in; an address that failed too often this hour, whatever the user names it
    tried, waits (``accounts.too_many_login_failures``), beside django-axes' lockout of one
    user name from one address."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if accounts.too_many_login_failures(request):
            return render(request, "accounts/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        accounts.count_login_failure(self.request)
        return super().form_invalid(form)

    def get_default_redirect_url(self):
        return home_url_for(self.request.user)


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for a reset e-mail, which a task sends (``accounts.queue_password_reset``); every
    address gets the same answer, and the requests are limited per address and per client."""

    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("manager:password-reset-done")

    def post(self, request, *args, **kwargs):
        if accounts.too_many_password_resets_from(request):
            return render(request, "accounts/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        accounts.queue_password_reset(self.request, form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())


class ManagerHomeView(ManagerPortalMixin, TemplateView):
    template_name = "backoffice/manager_home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        sections = manager_portal_sections()
        todo_cards = [
            card for section in sections for card in section.todo_cards(self, today) if card.count
        ]
        figures = [figure for section in sections for figure in section.figures(self, today)]
        return super().get_context_data(
            today=today,
            todo_cards=sorted(todo_cards, key=attrgetter("order")),
            figures=sorted(figures, key=attrgetter("order")),
            **kwargs,
        )


class MonthlyUpdatesView(ManagerPortalMixin, TemplateView):
    """The "Pembaruan bulanan" page: the BLKK's pending work on one page, each item with its action
    (decide, record results, trace a cohort, upload a report, renew a certificate).

    The first program awaiting results, the first cohort due for a tracer and every report due
    carry their form on this page; each form is sent to its own page, which comes back here once
    saved (and shows its errors itself), so the next item takes its place.
    """

    template_name = "backoffice/monthly_updates.html"
    # Applicants, programs and reports listed before the link to their full list.
    entries_shown = 20

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        pending = pending_work(self.scoped, today=today, limit=self.entries_shown)
        return super().get_context_data(
            today=today,
            pending=pending,
            results_formset=self.results_formset(pending),
            tracer_formset=self.tracer_formset(pending),
            pbk_report_forms=[
                (grant, self.pbk_report_form(grant)) for grant in pending.pbk_reports.items
            ],
            **kwargs,
        )

    def results_formset(self, pending):
        if not pending.programs_awaiting_results.items:
            return None
        program = pending.programs_awaiting_results.items[0]
        return ParticipantResultFormSet(
            queryset=results_table_participants(self.scoped(Enrollment), program=program)
        )

    def tracer_formset(self, pending):
        if not pending.tracer_cohorts:
            return None
        cohort = pending.tracer_cohorts[0]
        graduates = list(
            graduates_without_outcome(
                self.scoped(Enrollment).filter(program=cohort.program), months=cohort.months
            )
        )
        return cohort_tracer_formset(graduates)

    def pbk_report_form(self, grant):
        # Ids of their own: several reports may be due at once.
        return PBKReportForm(
            instance=grant,
            user=self.request.user,
            institution=self.institution,
            auto_id=f"pbk-{grant.pk}-%s",
        )
