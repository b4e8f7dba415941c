"""What each app adds to the manager portal (``/pengelola/``): menu entries, and the to-do
cards and figures of the year on its home page.

An app declares its part as a ``ManagerPortalSection`` subclass named by the
``manager_portal_section`` attribute of its ``AppConfig``. The portal gathers the sections of
the installed apps, so its home page and menu know no app by name; the ``order`` of cards and
figures places them on the home page whatever app they come from.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# The portal's own pages (fkblkk), before each app's: the home, and the month's pending work.
PORTAL_MENU_ENTRIES = (
    ("manager:home", _("Beranda")),
    ("manager:monthly-updates", _("Pembaruan bulanan")),
)


@dataclass(frozen=True)
class TodoEntry:
    label: str
    detail: str
    url: str


@dataclass(frozen=True)
class TodoCard:
    """One card of "Perlu ditindaklanjuti": a count, the first few entries, a link to all."""

    order: int
    key: str
    title: str
    icon: str
    count: int
    entries: list[TodoEntry]
    url: str
    link_label: str


@dataclass(frozen=True)
class Figure:
    order: int
    value: int | str
    label: str
    how_counted: str = ""  # from core.populations, when the figure counts one of them


class ManagerPortalSection:
    """An app's part of the manager portal. ``portal`` is the page asking (a view built on
    ``institutions.portal.ManagerPortalMixin``): rows are read through ``portal.scoped``."""

    # (URL name, label) of the app's pages in the menu, in the order managers work.
    menu: tuple[tuple[str, str], ...] = ()
    # How many entries each to-do card lists before its "see all" link.
    todo_entries_shown = 5

    def todo_cards(self, portal, today: datetime.date) -> list[TodoCard]:
        return []

    def figures(self, portal, today: datetime.date) -> list[Figure]:
        return []


@cache
def manager_portal_sections() -> tuple[ManagerPortalSection, ...]:
    """The sections of the installed apps, in ``INSTALLED_APPS`` order."""
    return tuple(
        import_string(config.manager_portal_section)()
        for config in apps.get_app_configs()
        if getattr(config, "manager_portal_section", None)
    )


def manager_menu() -> tuple[tuple[str, str], ...]:
    """The manager portal's menu: its own pages, then each app's."""
    return (*PORTAL_MENU_ENTRIES, *(entry for s in manager_portal_sections() for entry in s.menu))


def url_with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}"
