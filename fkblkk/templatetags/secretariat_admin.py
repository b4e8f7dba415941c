"""The admin home: what waits for the secretariat, then the forum's records, and the
technical tables below them."""

from django import template

from fkblkk.selectors import secretariat_attention

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
