"""Signing in and out of the manager portal, and passwords: changed, or reset by e-mail."""

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

PASSWORD = "rahasia-uji-123"
NEW_PASSWORD = "Kopi-Tubruk-Pagi-2026"


def login(client, username, password=PASSWORD):
    return client.post(reverse("manager:login"), {"username": username, "password": password})


def test_a_wrong_password_is_refused_in_indonesian(client, manager_a, institution_a):
    response = login(client, manager_a.username, "bukan-sandinya")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "dan sandi yang benar" in response.content.decode()


def test_the_manager_login_is_locked_after_the_failure_limit(client, manager_a, institution_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, manager_a.username, "bukan-sandinya")

    response = login(client, manager_a.username)

    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post_and_ends_the_session(client, manager_a, institution_a):
    client.force_login(manager_a)
    assert client.get(reverse("manager:logout")).status_code == 405
    response = client.post(reverse("manager:logout"))
    assert response["Location"] == reverse("manager:login")
    assert "_auth_user_id" not in client.session


def test_a_manager_changes_their_password(client, manager_a, institution_a):
    client.force_login(manager_a)
    response = client.post(
        reverse("manager:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("manager:password-change-done")
    manager_a.refresh_from_db()
    assert manager_a.check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_refused_in_indonesian(client, manager_a, institution_a):
    client.force_login(manager_a)
    response = client.post(
        reverse("manager:password-change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Kata sandi ini terlalu umum" in response.content.decode()
    manager_a.refresh_from_db()
    assert manager_a.check_password(PASSWORD)


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    client, manager_a, institution_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("manager:password-reset"), {"email": manager_a.email})
    assert response["Location"] == reverse("manager:password-reset-done")

    (message,) = mail.outbox
    assert message.subject == "Kata sandi baru untuk portal FK-BLKK"
    assert message.to == [manager_a.email]
    html, _mimetype = message.alternatives[0]
    portal = re.escape(settings.PORTAL_BASE_URL)
    link = re.search(rf"{portal}(/pengelola/kata-sandi/atur/\S+/)", message.body).group(1)
    assert link in html

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("manager:password-reset-complete")
    manager_a.refresh_from_db()
    assert manager_a.check_password(NEW_PASSWORD)


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("manager:password-reset"), {"email": "siapa@example.test"})
    assert response["Location"] == reverse("manager:password-reset-done")
    assert mail.outbox == []


def test_an_invalid_reset_link_says_so(client, manager_a):
    response = client.get(
        reverse("manager:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "salah"})
    )
    assert response.status_code == 200
    assert "Tautan ini tidak berlaku lagi" in response.content.decode()
