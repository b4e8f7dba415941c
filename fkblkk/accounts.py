"""Signing in and out, and passwords: the pages every signed-in role shares, in Indonesian.

The templates live in ``templates/accounts/`` rather than ``registration/``, where the admin
would pick them up for its own password pages.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse, reverse_lazy

from core import roles


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


urlpatterns = [
    path("masuk/", LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("manager:password-change-done"),
        ),
        name="password-change",
    ),
    path(
        "kata-sandi/diubah/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password-change-done",
    ),
    path(
        "kata-sandi/lupa/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            subject_template_name="emails/accounts/password_reset_subject.txt",
            email_template_name="emails/accounts/password_reset.txt",
            html_email_template_name="emails/accounts/password_reset.html",
            success_url=reverse_lazy("manager:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "kata-sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "kata-sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("manager:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "kata-sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
