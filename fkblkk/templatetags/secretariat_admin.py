"""The admin home's two lists: the forum's records, and the technical tables below them."""

from django import template

register = template.Library()

# Accounts, login lockouts and API tokens: kept by the secretariat now and then, not daily.
TECHNICAL_APP_LABELS = frozenset({"auth", "axes", "api"})


@register.filter
def forum_apps(app_list):
    return [app for app in app_list if app["app_label"] not in TECHNICAL_APP_LABELS]


@register.filter
def technical_apps(app_list):
    return [app for app in app_list if app["app_label"] in TECHNICAL_APP_LABELS]
