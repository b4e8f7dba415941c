"""The admin home: what waits for the secretariat, then the forum's records, and the
technical tables below them."""

from django import template
from django.urls import reverse

from core import populations
from fkblkk.selectors import key_figure_definitions, public_key_figures, secretariat_attention

register = template.Library()

# Accounts, login lockouts and API tokens: kept by the secretariat now and then, not daily.
TECHNICAL_APP_LABELS = frozenset({"auth", "axes", "api"})


@register.filter
def forum_apps(app_list):
    return [app for app in app_list if app["app_label"] not in TECHNICAL_APP_LABELS]


@register.filter
def technical_apps(app_list):
    return [app for app in app_list if app["app_label"] in TECHNICAL_APP_LABELS]


@register.simple_tag
def attention_items():
    return secretariat_attention()


# The admin lists that hold exactly the records a key figure counts, as changelist filters.
FIGURE_CHANGELISTS = {
    populations.ACTIVE_INSTITUTIONS.key: (
        "admin:institutions_institution_changelist",
        "is_active__exact=1",
    ),
    populations.GRADUATES.key: ("admin:trainings_enrollment_changelist", "status__exact=lulus"),
}


@register.simple_tag
def forum_figures():
    """The home page's figures, each with how it is counted and the admin list behind it."""
    rows = []
    for population, value in key_figure_definitions(public_key_figures()):
        url_name, query = FIGURE_CHANGELISTS.get(population.key, ("", ""))
        rows.append((population, value, f"{reverse(url_name)}?{query}" if url_name else ""))
    return rows
