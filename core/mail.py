"""E-mail pieces shared by the apps' reminders: portal links and send-once digests."""

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

# A day's marker must outlive the day; two days leave room for a retry past midnight.
DAILY_MARKER_SECONDS = 2 * 24 * 60 * 60


def portal_url(path: str) -> str:
    """The absolute address of ``path`` on the portal, for mails sent outside a request."""
    return f"{settings.PORTAL_BASE_URL}{path}"


def render_plain_text(template_name: str, context: dict) -> str:
    """A subject or a text part: plain text, so the names in it are not HTML-escaped
    ("Manba'ul Ulum", not "Manba&#x27;ul Ulum"). The HTML part is escaped as usual."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def send_once(
    *,
    marker: str,
    template: str,
    context: dict,
    to: list[str],
    timeout: int = DAILY_MARKER_SECONDS,
    headers: dict[str, str] | None = None,
) -> bool:
    """Send the e-mail ``template`` to ``to`` unless ``marker`` says it went out already.

    ``template`` names three files: ``<template>_subject.txt``, ``<template>.txt`` and
    ``<template>.html``, rendered in Indonesian whatever language is active, the first two
    as plain text (``render_plain_text``). True when a
    message went out; nothing is sent without recipients. ``timeout`` is how long, in
    seconds, the marker is kept; ``headers`` are added to the message (List-Unsubscribe).

    The marker is a cache key (Redis in production, shared by every worker), set with
    ``cache.add`` before sending and deleted when sending fails, so a task that runs twice,
    or is retried after a refused connection, sends once. The cache is enough here: a daily
    reminder's marker only has to last the day it names, and a Redis that lost its data
    would at worst send one more copy of a reminder that day. A table of sent reminders
    would be more durable, but would add a model with admin, history and demo rows that
    nobody reads. The price of marking first is that a worker killed between marking and
    sending loses that message: a mail sent at most once is preferred over one sent twice.
    """
    if not to:
        return False
    if not cache.add(marker, True, timeout):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_plain_text(f"{template}_subject.txt", context)
        text = render_plain_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=to, headers=headers
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        cache.delete(marker)
        raise
    return True
