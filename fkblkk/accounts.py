"""Signing in and passwords: the limits on failed sign-ins per address, and password reset
e-mails asked in a request but sent by a task.

Sending in the request would make an address that has an account answer measurably slower than
one that has none; the request only finds the accounts and queues one task each.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django_ratelimit.core import get_usage, is_ratelimited

from core.queueing import queue_after_commit

PASSWORD_RESET_TEMPLATES = {
    "subject_template_name": "emails/accounts/password_reset_subject.txt",
    "email_template_name": "emails/accounts/password_reset.txt",
    "html_email_template_name": "emails/accounts/password_reset.html",
}


def _login_failures(request, *, increment: bool) -> dict:
    return get_usage(
        request,
        group="accounts:login-failures-ip",
        key="ip",
        rate=f"{settings.LOGIN_FAILURES_PER_IP}/h",
        increment=increment,
    )


def too_many_login_failures(request) -> bool:
    """Whether the client's address has failed to sign in ``LOGIN_FAILURES_PER_IP`` times this
    hour, across every user name tried."""
    usage = _login_failures(request, increment=False)
    return usage["count"] >= usage["limit"]


def count_login_failure(request) -> None:
    _login_failures(request, increment=True)


def too_many_password_resets_from(request) -> bool:
    """Counts one more reset asked from the client's address; whether it is one too many."""
    return is_ratelimited(
        request,
        group="accounts:password-reset-ip",
        key="ip",
        rate=f"{settings.PASSWORD_RESETS_PER_IP}/h",
        increment=True,
    )


def queue_password_reset(request, email: str) -> None:
    """Queue a reset e-mail for each active account of ``email``, unless that address was sent
    enough this hour (the visitor is told the same either way)."""
    flooded = is_ratelimited(
        request,
        group="accounts:password-reset-address",
        # django-ratelimit hashes the key into the cache key: the address is not stored.
        key=lambda _group, _request: email.casefold(),
        rate=f"{settings.PASSWORD_RESETS_PER_ADDRESS}/h",
        increment=True,
    )
    if flooded:
        return
    for user in PasswordResetForm().get_users(email):
        queue_after_commit("fkblkk.tasks.send_password_reset", user.pk)


class OneAccountPasswordResetForm(PasswordResetForm):
    """Django's reset e-mail for one account, not every account sharing its address."""

    def __init__(self, user):
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.pk == self.user.pk)


def send_password_reset(user_id: int) -> bool:
    """E-mail the account ``user_id`` a link to set a new password; False when the account is
    gone, inactive or without an address."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    form = OneAccountPasswordResetForm(user)
    if not form.is_valid():
        return False
    portal = urlsplit(settings.PORTAL_BASE_URL)
    form.save(
        domain_override=portal.netloc,
        use_https=portal.scheme == "https",
        **PASSWORD_RESET_TEMPLATES,
    )
    return True
