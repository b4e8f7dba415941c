import pytest
from django.db import OperationalError, connection

# Nothing listens on port 1: the Redis client is refused at once, as when Redis is down.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    monkeypatch.setattr(connection, "cursor", refuse)


@pytest.fixture
def cache_down(settings):
    settings.CACHES = UNREACHABLE_REDIS


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_naming_the_database_when_it_is_down(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "down", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_cache_when_it_is_down(client, cache_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "down"}


def test_healthz_names_both_when_both_are_down(client, database_down, cache_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "down", "cache": "down"}


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(client, settings):
    """The container healthcheck speaks plain HTTP to the web container itself."""
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
