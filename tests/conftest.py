"""What every test shares: the cast (``tests/cast.py``) as fixtures, a fast and isolated set-up,
reference data put back after a flush, one Chromium, and a cold cache."""

import importlib
import os
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from playwright.sync_api import expect
from pytest_django.plugin import blocking_manager_key

from core import roles
from fkblkk.celery import app as celery_app
from institutions import regions
from institutions.models import District, Regency, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE

from . import cast

# Fixtures for every test module.
from .manager_portal import manager_world, module_manager_world  # noqa: F401

# Playwright's sync API keeps an event loop running in the test thread; Django must accept ORM
# calls there for the browser tests' live server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Redis keeps 16 databases; the tests leave database 0 to the portal itself.
REDIS_DATABASES_FOR_TESTS = 15


def give_each_worker_its_own_redis_database() -> None:
    """Under pytest-xdist (``make test``), each worker's cache is a Redis database of its own
    (gw0 uses 1, gw1 uses 2, …): ``empty_cache`` empties the whole database before every test,
    which must not wipe what another worker's test is in the middle of. pytest-django gives
    each worker its own test database the same way. Runs before any cache is opened."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    cache_settings = django_settings.CACHES["default"]
    if worker is None or "redis" not in cache_settings["BACKEND"]:
        return
    number = int(worker.removeprefix("gw")) + 1
    if number > REDIS_DATABASES_FOR_TESTS:
        raise pytest.UsageError(
            f"With REDIS_URL set, run at most {REDIS_DATABASES_FOR_TESTS} workers (-n)."
        )
    location = urlsplit(cache_settings["LOCATION"])._replace(path=f"/{number}")
    cache_settings["LOCATION"] = location.geturl()


give_each_worker_its_own_redis_database()


# Playwright cannot download its own browser here; Debian's chromium needs these flags to run
# headless as root in a container, and the rest keep it from calling home during a test.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


# `make test` runs a browser, its live server and the other workers' tests on the same few cores:
# a page may take longer than Playwright's 5 s default to load while they compete.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, monkeypatch):
    """Speed only: cheap hashing, plain static storage, uploads in a temporary folder.

    Queued tasks run in-process even when REDIS_URL (and so a broker) is set, as in CI: no
    worker runs during the tests, and nothing is left on the broker's queue.
    """
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def restore_reference_data():
    """Put back what the data migrations load: a transactional test's flush empties every table."""
    ContentType.objects.clear_cache()
    regions.load_regions(
        regions.national_rows(), Regency=Regency, District=District, Village=Village
    )
    importlib.import_module(
        "institutions.migrations.0002_load_kabupaten_tangerang"
    ).load_vocational_fields(apps, None)
    importlib.import_module("partnerships.migrations.0002_partnership_scopes").load_scopes(
        apps, None
    )
    importlib.import_module("institutions.migrations.0007_secretariat_contact").create_the_contact(
        apps, None
    )
    roles.sync_role_permissions(apps)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the reference data back.

    This runs once every fixture of the test is torn down (pytest-django's own autouse fixtures
    flush the tables after any fixture of ours could), so the tests that come after it, in
    whatever order pytest gives them, still find the regions, kejuruan, scopes and role groups.
    """
    result = yield
    # After the last test the session's teardown has dropped the test database and pointed the
    # connection back at the real one: nothing follows that needs the data, so write nothing.
    if nextitem is not None and flushes_tables(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_reference_data()
    return result


def flushes_tables(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture
def secretariat(db):
    return cast.secretariat()


@pytest.fixture
def disnaker(db):
    return cast.disnaker()


@pytest.fixture
def manager_a(db):
    return cast.manager_a()


@pytest.fixture
def manager_b(db):
    return cast.manager_b()


@pytest.fixture
def institution_a(manager_a):
    return cast.institution_a(manager_a)


@pytest.fixture
def institution_b(manager_b):
    return cast.institution_b(manager_b)


@pytest.fixture
def village_outside_district(db):
    """Desa Cangkudu (Kecamatan Balaraja) and Kecamatan Tigaraksa, from the regions migration."""
    return (
        Village.objects.get(code="36.03.01.2003"),
        District.objects.get(code="36.03.03"),
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """A cold cache for every test, so that nothing cached by an earlier test shows through
    (with REDIS_URL set the cache outlives the test process's memory)."""
    cache.clear()


@pytest.fixture
def tangerang_district(db):
    """Looks up a real kecamatan of Kabupaten Tangerang (from the regions migration) by name."""
    return lambda name: District.objects.get(regency__code=KABUPATEN_TANGERANG_CODE, name=name)
