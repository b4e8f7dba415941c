"""The settings module read under chosen environments, outside the running test settings."""

import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import environ
import pytest
from django.conf import settings as running_settings
from django.core.exceptions import ImproperlyConfigured

from fkblkk.celery import app as celery_app

SETTINGS_FILE = Path(running_settings.BASE_DIR) / "fkblkk" / "settings.py"
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "fkblkk.example.id",
}


@pytest.fixture
def load_settings(monkeypatch):
    """Run settings.py afresh with exactly the given environment (nothing inherited)."""

    def load(**environment):
        monkeypatch.setattr(environ.Env, "ENVIRON", environment)
        return runpy.run_path(str(SETTINGS_FILE))

    return load


def test_defaults_need_nothing_set(load_settings):
    loaded = load_settings()

    assert loaded["DEBUG"] is True
    assert loaded["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["DATABASES"]["default"]["NAME"] == str(
        Path(running_settings.BASE_DIR) / "var" / "fkblkk.sqlite3"
    )
    assert loaded["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is True
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert loaded["LANGUAGE_CODE"] == "id"
    assert "en" in dict(loaded["LANGUAGES"])
    assert loaded["TIME_ZONE"] == "Asia/Jakarta"


def test_database_url_selects_postgresql_with_persistent_connections(load_settings):
    loaded = load_settings(DATABASE_URL="postgres://fkblkk:rahasia@db:5432/fkblkk")

    database = loaded["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db", 5432, "fkblkk")
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_redis_url_serves_cache_and_celery(load_settings):
    loaded = load_settings(REDIS_URL="redis://redis:6379/2")

    assert loaded["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert loaded["CACHES"]["default"]["LOCATION"] == "redis://redis:6379/2"
    assert loaded["CELERY_BROKER_URL"] == "redis://redis:6379/2"
    assert loaded["CELERY_RESULT_BACKEND"] == "redis://redis:6379/2"
    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is False


def test_email_url_sets_smtp_settings(load_settings):
    loaded = load_settings(EMAIL_URL="smtp+tls://portal:sandi@smtp.example.id:587")

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (loaded["EMAIL_HOST"], loaded["EMAIL_PORT"]) == ("smtp.example.id", 587)
    assert loaded["EMAIL_USE_TLS"] is True


def test_secret_key_is_required_when_debug_is_off(load_settings):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(DEBUG="false")


def test_debug_off_switches_on_https_protections(load_settings):
    loaded = load_settings(**PRODUCTION)

    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SECURE_HSTS_SECONDS"] == 31_536_000
    assert loaded["ALLOWED_HOSTS"] == ["fkblkk.example.id"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "flase"), ("SECURE_SSL_REDIRECT", ""), ("AXES_FAILURE_LIMIT", "lima")],
)
def test_a_malformed_value_stops_the_start(load_settings, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(**{**PRODUCTION, name: value})


@pytest.mark.parametrize(("word", "expected"), [("ON", True), ("yes", True), ("0", False)])
def test_booleans_accept_the_usual_spellings(load_settings, word, expected):
    assert load_settings(DEBUG="true", SECURE_SSL_REDIRECT=word)["SECURE_SSL_REDIRECT"] is expected


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=running_settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "fkblkk.settings", **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_beat_schedule_names_only_registered_tasks():
    celery_app.loader.import_default_modules()

    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert scheduled
    assert scheduled <= celery_app.tasks.keys()
