"""Writes and mails on partnerships that run outside a request."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.mail import portal_url, send_once

from .models import Partnership

# Days before its end date on which a partnership is announced to the secretariat.
ENDING_REMINDER_DAYS = (90, 30, 7)
ENDING_REMINDER_SENT_KEY = "partnerships:ending-reminder:{day}"


def partnerships_ending_for_reminder(
    today: datetime.date,
) -> dict[int, list[Partnership]]:
    """Active partnerships ending exactly 90, 30 or 7 days after ``today``, by those days.

    Only days that have partnerships are keys; each partnership carries ``scope_names``,
    ``institution_names`` and ``admin_url`` for the mail. Agreements with a termination
    date are left out: they end on that date, which the secretariat set itself.
    """
    end_dates = {today + datetime.timedelta(days=days): days for days in ENDING_REMINDER_DAYS}
    partnerships = (
        Partnership.objects.active(today)
        .filter(end_date__in=end_dates, terminated_on__isnull=True)
        .select_related("partner")
        .prefetch_related("scopes", "institutions")
        .order_by("end_date", "partner__name", "title")
    )
    grouped: dict[int, list[Partnership]] = {}
    for partnership in partnerships:
        partnership.scope_names = ", ".join(scope.name for scope in partnership.scopes.all())
        partnership.institution_names = ", ".join(
            institution.name for institution in partnership.institutions.all()
        )
        partnership.admin_url = portal_url(
            reverse("admin:partnerships_partnership_change", args=[partnership.pk])
        )
        grouped.setdefault(end_dates[partnership.end_date], []).append(partnership)
    return grouped


def secretariat_addresses() -> list[str]:
    """E-mail addresses of the active members of the secretariat."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SECRETARIAT)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def partnership_remind_ending(*, today: datetime.date | None = None) -> bool:
    """E-mail the secretariat one digest of the partnerships ending in 90, 30 or 7 days.

    True when the digest went out. Nothing is sent on a day without such partnerships or
    without a secretariat member with an e-mail address, and the day's digest is sent at
    most once however often the task runs (see ``core.mail.send_once``). It only reads
    and mails, so it needs no transaction.
    """
    today = today or timezone.localdate()
    grouped = partnerships_ending_for_reminder(today)
    if not grouped:
        return False
    groups = [{"days": days, "partnerships": grouped[days]} for days in sorted(grouped)]
    return send_once(
        marker=ENDING_REMINDER_SENT_KEY.format(day=today.isoformat()),
        template="emails/partnerships/ending_reminder",
        context={
            "today": today,
            "groups": groups,
            "count": sum(len(group["partnerships"]) for group in groups),
            "list_url": portal_url(reverse("admin:partnerships_partnership_changelist")),
        },
        to=secretariat_addresses(),
    )
