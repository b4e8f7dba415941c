"""What the API tests share: a client, and tokens of each kind for the shared cast."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken


def make_token(owner, access, **fields) -> str:
    """A token for ``owner`` with ``access``; returns the key a client sends."""
    fields.setdefault("expiry_date", timezone.now() + datetime.timedelta(days=30))
    _token, key = ApiToken.objects.create_key(
        name=f"uji {access}", owner=owner, access=access, **fields
    )
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def disnaker_key(disnaker):
    return make_token(disnaker, ApiToken.Access.DISNAKER)


@pytest.fixture
def manager_a_key(institution_a, manager_a):
    return make_token(manager_a, ApiToken.Access.MANAGER)


@pytest.fixture
def manager_b_key(institution_b, manager_b):
    return make_token(manager_b, ApiToken.Access.MANAGER)
