"""The shared cast: one secretariat user, two BLKK with a manager each, a Disnaker user."""

import os

import pytest
from django.core.cache import cache

from fkblkk import roles
from institutions.models import District, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE

from . import factories

# Playwright's sync API keeps an event loop running in the test thread; Django must accept ORM
# calls there for the browser tests' live server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Speed only: cheap hashing, plain static storage, uploads in a temporary folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def secretariat(db):
    return factories.SecretariatUserFactory(username="sekretariat")


@pytest.fixture
def disnaker(db):
    return factories.UserFactory(username="disnaker", role=roles.DISNAKER)


@pytest.fixture
def manager_a(db):
    return factories.UserFactory(username="pengelola-a", role=roles.MANAGER)


@pytest.fixture
def manager_b(db):
    return factories.UserFactory(username="pengelola-b", role=roles.MANAGER)


@pytest.fixture
def institution_a(manager_a):
    return factories.InstitutionFactory(
        name="BLKK Al-Hidayah", slug="blkk-al-hidayah", managers=[manager_a]
    )


@pytest.fixture
def institution_b(manager_b):
    return factories.InstitutionFactory(
        name="BLKK Darul Ulum", slug="blkk-darul-ulum", managers=[manager_b]
    )


@pytest.fixture
def village_outside_district(db):
    """Desa Cangkudu (Kecamatan Balaraja) and Kecamatan Tigaraksa, from the regions migration."""
    return (
        Village.objects.get(code="36.03.01.2003"),
        District.objects.get(code="36.03.03"),
    )


@pytest.fixture
def empty_cache():
    """A cold cache, so that nothing cached by an earlier test shows through."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tangerang_district(db):
    """Looks up a real kecamatan of Kabupaten Tangerang (from the regions migration) by name."""
    return lambda name: District.objects.get(regency__code=KABUPATEN_TANGERANG_CODE, name=name)
