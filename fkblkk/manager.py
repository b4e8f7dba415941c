"""The manager portal's home page: what needs doing now at the BLKK being worked on, and this
year's figures, gathered from the section each app declares (``core.manager_portal``)."""

from operator import attrgetter

from django.utils import timezone
from django.views.generic import TemplateView

from core.manager_portal import manager_portal_sections
from institutions.portal import ManagerPortalMixin


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
