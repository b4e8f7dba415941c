"""Limits on signing in and on password reset e-mails, counted by the client's address as the
outermost of our proxies saw it (``core.clients.client_ip``)."""

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from core.clients import client_ip
from tests import factories

LOGIN = "/pengelola/masuk/"
RESET = "/pengelola/kata-sandi/lupa/"


def forwarded(chain: str) -> dict:
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": chain}


@pytest.mark.parametrize(
    ("proxies", "meta", "address"),
    [
        (0, forwarded("198.51.100.7"), "10.0.0.2"),  # no proxy: the header is anyone's to write
        (1, forwarded("198.51.100.7"), "198.51.100.7"),
        (1, forwarded("6.6.6.6, 198.51.100.7"), "198.51.100.7"),  # a forged first hop
        (2, forwarded("198.51.100.7, 10.0.0.9"), "198.51.100.7"),
        (1, forwarded("bukan-alamat"), "10.0.0.2"),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
    ],
    ids=["no-proxy", "one-proxy", "forged-hop", "two-proxies", "junk-header", "no-header"],
)
def test_the_client_is_the_address_the_outermost_proxy_saw(settings, proxies, meta, address):
    settings.PROXY_COUNT = proxies
    assert client_ip(RequestFactory().get("/", **meta)) == address


def test_every_limit_counts_by_that_address(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.clients.client_ip"
    assert settings.RATELIMIT_IP_META_KEY == "core.clients.client_ip"
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.PROXY_COUNT


def test_behind_the_proxy_one_visitors_failures_lock_no_one_else(client, settings, secretariat):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "sekretariat", "password": "salah"},
            **forwarded("198.51.100.7"),
        )

    colleague = client.post(
        LOGIN,
        {"username": "sekretariat", "password": "rahasia-uji-123"},
        **forwarded("203.0.113.50"),
    )

    assert colleague.status_code == 302


def test_one_address_trying_many_user_names_is_stopped(client, settings, manager_a, institution_a):
    settings.LOGIN_FAILURES_PER_IP = 3
    for number in range(3):
        client.post(LOGIN, {"username": f"pengelola-tebakan-{number}", "password": "salah"})

    # Even the right password waits: the address is told to come back later.
    response = client.post(LOGIN, {"username": manager_a.username, "password": "rahasia-uji-123"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    other_address = client.post(
        LOGIN,
        {"username": manager_a.username, "password": "rahasia-uji-123"},
        REMOTE_ADDR="203.0.113.50",
    )
    assert other_address.status_code == 302


def test_reset_e_mails_are_sent_by_a_task_once_the_request_is_done(
    client, manager_a, institution_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(RESET, {"email": manager_a.email})

    assert response["Location"] == reverse("manager:password-reset-done")
    assert mail.outbox == []  # nothing sent while the visitor waits
    for send in queued:
        send()
    (message,) = mail.outbox
    assert message.to == [manager_a.email]
    assert "/pengelola/kata-sandi/atur/" in message.body


def reset(client, email, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(RESET, {"email": email}, **extra)


def test_an_address_gets_a_few_reset_e_mails_an_hour_and_the_same_answer_after(
    client, settings, manager_a, institution_a, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESETS_PER_ADDRESS = 2
    answers = [reset(client, manager_a.email, django_capture_on_commit_callbacks) for _ in range(4)]

    assert {answer["Location"] for answer in answers} == {reverse("manager:password-reset-done")}
    assert len(mail.outbox) == 2


def test_one_client_asking_too_many_resets_is_told_to_wait(client, settings, db):
    settings.PASSWORD_RESETS_PER_IP = 2
    for number in range(2):
        client.post(RESET, {"email": f"orang{number}@example.test"})

    response = client.post(RESET, {"email": "orang9@example.test"})

    assert response.status_code == 429
    assert "Terlalu banyak permintaan kata sandi baru" in response.content.decode()


def test_an_account_sharing_its_address_is_not_sent_anothers_link(
    client, manager_a, institution_a, django_capture_on_commit_callbacks
):
    inactive = factories.UserFactory(email=manager_a.email, is_active=False)
    reset(client, manager_a.email, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.to == [manager_a.email]
    assert inactive.username not in message.body
