"""API tokens: stored hashed, made and revoked by the secretariat in the admin, refused once
revoked, expired, or held by someone who lost the role."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from core import roles
from institutions.models import InstitutionManager
from tests import factories

from .conftest import bearer, make_token

# A token-only list: what a token opens and the public does not.
RESTRICTED_URL = "/api/v1/pendaftaran/"
PUBLIC_URL = "/api/v1/kecamatan/"

pytestmark = pytest.mark.django_db


def test_only_a_hash_of_the_key_is_stored(disnaker):
    key = make_token(disnaker, ApiToken.Access.DISNAKER)
    token = ApiToken.objects.get()

    assert key not in {token.pk, token.hashed_key, token.prefix}
    assert token.hashed_key.startswith("sha512$$")
    assert key.startswith(token.prefix + ".")


def test_a_valid_token_is_read_as_its_owner(api_client, disnaker, disnaker_key):
    response = api_client.get(RESTRICTED_URL, **bearer(disnaker_key))

    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda token: setattr(token, "revoked", True), id="revoked"),
        pytest.param(
            lambda token: setattr(
                token, "expiry_date", timezone.now() - datetime.timedelta(minutes=1)
            ),
            id="expired",
        ),
        pytest.param(lambda token: setattr(token.owner, "is_active", False), id="owner-inactive"),
    ],
)
def test_a_token_that_stopped_working_is_refused_even_on_public_data(
    api_client, disnaker_key, spoil
):
    token = ApiToken.objects.select_related("owner").get()
    spoil(token)
    token.owner.save()
    token.save()

    for url in (RESTRICTED_URL, PUBLIC_URL):
        response = api_client.get(url, **bearer(disnaker_key))
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "key",
    ["tidak-ada", "abcdefgh.salah-kunci", "", "a.b.c"],
    ids=["no-prefix", "unknown", "empty", "dots"],
)
def test_an_unknown_key_is_refused(api_client, disnaker_key, key):
    real_prefix = disnaker_key.split(".")[0]
    for candidate in (key, f"{real_prefix}.bukan-rahasianya"):
        response = api_client.get(PUBLIC_URL, HTTP_AUTHORIZATION=f"Bearer {candidate}")
        assert response.status_code == 401


def test_a_disnaker_token_stops_working_when_its_owner_leaves_disnaker(
    api_client, disnaker, disnaker_key
):
    disnaker.groups.clear()

    assert api_client.get(RESTRICTED_URL, **bearer(disnaker_key)).status_code == 401


def test_a_manager_token_stops_working_when_its_owner_manages_no_blkk(
    api_client, manager_a, manager_a_key
):
    assert api_client.get(RESTRICTED_URL, **bearer(manager_a_key)).status_code == 200
    InstitutionManager.objects.filter(user=manager_a).delete()

    assert api_client.get(RESTRICTED_URL, **bearer(manager_a_key)).status_code == 401


def test_without_a_token_restricted_data_asks_for_one(api_client):
    response = api_client.get(RESTRICTED_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_use_is_recorded_at_most_every_few_minutes(api_client, disnaker_key):
    api_client.get(PUBLIC_URL, **bearer(disnaker_key))
    first = ApiToken.objects.get().last_used_at
    with CaptureQueriesContext(connection) as queries:
        api_client.get(PUBLIC_URL, **bearer(disnaker_key))

    assert ApiToken.objects.get().last_used_at == first
    assert not [query for query in queries if query["sql"].startswith("UPDATE")]


# The token's rules -------------------------------------------------------------------------


def unsaved_token(owner, access, **fields):
    fields.setdefault("expiry_date", timezone.now() + datetime.timedelta(days=30))
    return ApiToken(name="Uji", owner=owner, access=access, **fields)


def test_a_token_lives_at_most_a_year(disnaker):
    token = unsaved_token(
        disnaker, ApiToken.Access.DISNAKER, expiry_date=timezone.now() + datetime.timedelta(400)
    )

    with pytest.raises(ValidationError) as error:
        token.full_clean()
    assert "expiry_date" in error.value.message_dict


def test_a_new_token_must_expire_in_the_future(disnaker):
    token = unsaved_token(
        disnaker, ApiToken.Access.DISNAKER, expiry_date=timezone.now() - datetime.timedelta(1)
    )

    with pytest.raises(ValidationError) as error:
        token.full_clean()
    assert "expiry_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("owner_fixture", "access", "valid"),
    [
        ("disnaker", ApiToken.Access.DISNAKER, True),
        ("manager_a", ApiToken.Access.DISNAKER, False),
        ("manager_a", ApiToken.Access.MANAGER, True),
        ("disnaker", ApiToken.Access.MANAGER, False),
    ],
)
def test_the_owner_must_hold_the_access_the_token_gives(
    request, institution_a, owner_fixture, access, valid
):
    token = unsaved_token(request.getfixturevalue(owner_fixture), access)

    if valid:
        token.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            token.full_clean()
        assert "owner" in error.value.message_dict


# The admin -----------------------------------------------------------------------------------


def add_url():
    return reverse("admin:api_apitoken_add")


def test_the_secretariat_makes_a_token_and_sees_its_key_once(client, secretariat, disnaker):
    client.force_login(secretariat)
    response = client.post(
        add_url(),
        {
            "name": "Laporan bulanan",
            "owner": disnaker.pk,
            "access": ApiToken.Access.DISNAKER,
            "expiry_date_0": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
            "expiry_date_1": "08:00:00",
        },
        follow=True,
    )

    token = ApiToken.objects.get()
    shown = " ".join(str(message) for message in get_messages(response.wsgi_request))
    key = re.search(r"(\S+\.\S+) —", shown).group(1)
    assert key.startswith(token.prefix)
    assert token.is_valid(key)
    assert key not in client.get(reverse("admin:api_apitoken_change", args=[token.pk])).text
    assert client.get(PUBLIC_URL, **bearer(key)).status_code == 200


def test_the_admin_refuses_a_token_for_someone_without_the_role(client, secretariat, manager_a):
    client.force_login(secretariat)
    response = client.post(
        add_url(),
        {
            "name": "Salah orang",
            "owner": manager_a.pk,
            "access": ApiToken.Access.DISNAKER,
            "expiry_date_0": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
            "expiry_date_1": "08:00:00",
        },
    )

    assert response.status_code == 200
    assert "grup Disnaker" in response.text
    assert not ApiToken.objects.exists()


def test_the_secretariat_revokes_tokens_in_one_action(client, secretariat, disnaker_key):
    client.force_login(secretariat)
    token = ApiToken.objects.get()
    client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert token.revoked
    assert client.get(PUBLIC_URL, **bearer(disnaker_key)).status_code == 401


def test_a_revoked_token_cannot_be_restored_in_the_admin(client, secretariat, disnaker_key):
    client.force_login(secretariat)
    token = ApiToken.objects.get()
    token.revoked = True
    token.save()

    response = client.get(reverse("admin:api_apitoken_change", args=[token.pk]))

    assert 'name="revoked"' not in response.text


@pytest.mark.parametrize("role", [roles.DISNAKER, roles.MANAGER])
def test_only_the_secretariat_sees_the_tokens_in_the_admin(client, role):
    staff = factories.UserFactory(role=role, is_staff=True)
    client.force_login(staff)

    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403
    assert client.get(add_url()).status_code == 403


def test_tokens_are_revoked_never_deleted(client, secretariat, disnaker_key):
    client.force_login(secretariat)
    token = ApiToken.objects.get()

    assert client.get(reverse("admin:api_apitoken_delete", args=[token.pk])).status_code == 403


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda token: ApiToken.objects.filter(pk=token.pk).update(
                expiry_date=timezone.now() - datetime.timedelta(days=1)
            ),
            id="expired",
        ),
        pytest.param(lambda token: token.owner.groups.clear(), id="owner-left-disnaker"),
    ],
)
def test_a_token_that_stopped_working_can_still_be_renamed_in_the_admin(
    client, secretariat, disnaker_key, spoil
):
    token = ApiToken.objects.select_related("owner").get()
    spoil(token)
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:api_apitoken_change", args=[token.pk]),
        {"name": "Laporan lama"},
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.name == "Laporan lama"
