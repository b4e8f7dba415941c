import pytest
from django.conf import settings


@pytest.mark.django_db
def test_pages_are_indonesian_whatever_the_browser_prefers(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "id"
    assert "Nama pengguna" in response.content.decode()


@pytest.mark.django_db
def test_the_language_cookie_chooses_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/admin/login/")

    assert response.headers["Content-Language"] == "en"
    assert "Username" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    response = client.get("/admin/login/")

    assert response.headers["Content-Language"] == "id"
