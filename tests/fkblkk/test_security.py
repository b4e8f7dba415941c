import pytest
from django.conf import settings

from tests.assertions import assert_nothing_inline

PAGES = {
    "home": "/",
    "admin login": "/admin/login/",
    "manager login": "/pengelola/masuk/",
    "health check": "/healthz",
    "not found": "/halaman-yang-tidak-ada/",
    "redirect": "/i18n/setlang/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_kind_of_page_carries_the_content_security_policy(client, path):
    response = client.get(path)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/pengelola/masuk/"])
def test_pages_use_nothing_inline_that_the_policy_blocks(client, path):
    assert_nothing_inline(client.get(path).content.decode())


def _admin_login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_the_right_password_still_works_below_the_failure_limit(client, secretariat):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _admin_login(client, "sekretariat", "sandi-yang-salah")

    response = _admin_login(client, "sekretariat", "rahasia-uji-123")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(secretariat.pk)


def test_admin_login_is_locked_after_the_failure_limit(client, secretariat):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _admin_login(client, "sekretariat", "sandi-yang-salah")

    response = _admin_login(client, "sekretariat", "rahasia-uji-123")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("manager_a", "/pengelola/peserta/"),
        ("manager_a", "/pengelola/pembaruan-bulanan/"),
        ("disnaker", "/dasbor/"),
    ],
)
def test_pages_with_personal_data_are_never_stored(client, request, institution_a, who, path):
    client.force_login(request.getfixturevalue(who))

    response = client.get(path)

    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
