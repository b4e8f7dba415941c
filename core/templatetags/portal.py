"""Template helpers shared by the public pages."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..forms import form_error_summary
from ..widgets import select_options_html

register = template.Library()

# (URL name, label). Each item stands for its section: every page under its address.
MAIN_NAV = (
    ("home", _("Beranda")),
    ("trainings:program-list", _("Pelatihan")),
    ("institutions:institution-list", _("Lembaga")),
    ("alumni:enterprise-list", _("Usaha alumni")),
    ("partnerships:partner-list", _("Mitra")),
    ("about", _("Tentang")),
)
HOME_PATHS = ("/", "/pengelola/", "/dasbor/")


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    is_current: bool


def _in_section(path: str, section_url: str) -> bool:
    # A home page's address is a prefix of every other one in its menu, so it only matches itself.
    if section_url in HOME_PATHS:
        return path == section_url
    return path.startswith(section_url)


def _nav_items(path: str, entries, query: str = "") -> list[NavItem]:
    suffix = f"?{query}" if query else ""
    items = [(reverse(name), label) for name, label in entries]
    return [NavItem(url + suffix, label, _in_section(path, url)) for url, label in items]


@register.simple_tag(takes_context=True)
def main_nav_items(context) -> list[NavItem]:
    """The main menu, marking the section of the page being shown.

    Sections go by address rather than by URL namespace, so a page that another app serves
    under a section's address (the BLKK profile under /lembaga/) still marks that section.
    """
    return _nav_items(context["request"].path, MAIN_NAV)


@register.simple_tag(takes_context=True)
def backoffice_nav_items(context) -> list[NavItem]:
    """The menu of the backoffice part on show, which its views put in the context: the
    manager portal's (``backoffice_menu``, gathered from every app) or the dashboard's, whose
    links keep the filters in use (``backoffice_menu_query``); none elsewhere."""
    return _nav_items(
        context["request"].path,
        context.get("backoffice_menu", ()),
        context.get("backoffice_menu_query", ""),
    )


@register.filter
def select_options(bound_field):
    """The ``<option>`` elements of a choice field, for a template that writes its own
    ``<select>`` (``{{ field|select_options }}``); see ``core.widgets``."""
    context = bound_field.field.widget.get_context(bound_field.html_name, bound_field.value(), {})
    return select_options_html(context["widget"]["optgroups"])


@register.filter
def error_summary(form):
    """The lines of the error summary that tops every form (``core.forms.form_error_summary``)."""
    return form_error_summary(form)


@register.filter
def verbose_name(model) -> str:
    """A model's name as users read it (``{{ view.model|verbose_name }}``)."""
    return model._meta.verbose_name


@register.simple_tag(takes_context=True)
def absolute_uri(context, location: str) -> str:
    """``location`` (a path) as a full URL on the host the visitor asked for."""
    return context["request"].build_absolute_uri(location)


class CaptureNode(template.Node):
    def __init__(self, nodelist, variable):
        self.nodelist = nodelist
        self.variable = variable

    def render(self, context):
        # The output is already escaped as it was rendered; marking it safe avoids escaping twice.
        context[self.variable] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture name %}…{% endcapture %}`` renders its content once into ``name``.

    The base layout wraps its ``title`` block in it, so that a page sets its title once and the
    ``<title>`` and Open Graph tags both show it.
    """
    try:
        _tag, variable = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one variable name.") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, variable)
