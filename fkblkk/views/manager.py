"""Signing in, and the manager portal's home page.

Sign-in and passwords are the pages every signed-in role shares; their templates live in
``templates/accounts/`` rather than ``registration/``, where the admin would pick them up for
its own password pages. The home page shows what needs doing now at the BLKK being worked on,
and this year's figures, gathered from the section each app declares (``core.manager_portal``);
the monthly page lists all the pending work of the BLKK, each item with its action.
"""

from operator import attrgetter

from django.contrib.auth import views as auth_views
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from core import roles
from core.manager_portal import manager_portal_sections
from fkblkk.pending import pending_work
from institutions.portal import ManagerPortalMixin


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
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url_for(self.request.user)


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
    (decide, record results, trace a cohort, upload a report, renew a certificate)."""

    template_name = "backoffice/monthly_updates.html"
    # Applicants, programs and reports listed before the link to their full list.
    entries_shown = 20

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            today=today,
            pending=pending_work(self.scoped, today=today, limit=self.entries_shown),
            **kwargs,
        )
