"""Every operation of the OpenAPI schema, fuzzed by schemathesis against the app in process.

The schema is the app's own, as /api/schema/ serves it, and every call goes through the app's
WSGI handler in this process, on the test database; so an endpoint added anywhere in
``api/`` is tested without being listed here. Each operation is called anonymously,
with a Disnaker token and with a manager token, on the demo data of ``seed_demo``; every
answer must be documented: no 5xx, a documented status code, content type, headers and body.

Most of the run (about 70 s on SQLite, 100 s on PostgreSQL on two busy cores) goes to
schemathesis's coverage phase, which tries every boundary and invalid value of each parameter
whatever ``max_examples`` says; the random examples after it are kept few.
"""

import json

import hypothesis
import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.models import ApiToken
from fkblkk.demo.accounts import DISNAKER_USERNAME, manager_username
from institutions.models import Institution

from .conftest import make_token

# A password for the demo accounts of this test database only.
DEMO_PASSWORD = "Uji-Skema-Api-2026"  # noqa: S105
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ANONYMOUS = "anonim"
# One worker seeds the demo data once for the whole module (make test runs --dist loadgroup).
pytestmark = [pytest.mark.fuzz, pytest.mark.xdist_group("schemathesis")]
UNTHROTTLED = {"anonim": "1000000/second", "token": "1000000/second"}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module in a transaction rolled back at its end; each
    test's own transaction is a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--force", "--with-users", "--password", DEMO_PASSWORD)
        yield
        transaction.set_rollback(True)


def app_schema():
    """The app's OpenAPI schema as /api/schema/ serves it, calling the app through WSGI in
    this process. Generated at collection, without a request or the database: schemathesis's
    loader from a fixture (``schemathesis.pytest.from_fixture``) fails under pytest 9."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = get_wsgi_application()
    return loaded


schema = app_schema()


@pytest.fixture
def django_app(demo_data, db, settings):
    """The app on the test's database connection, unthrottled. Django closes the connection
    after each request, which here would end the test's transaction."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNTHROTTLED}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def token_owner(kind: str):
    """The demo account behind a token: ``disnaker``, or the manager of the first demo BLKK."""
    if kind == ApiToken.Access.DISNAKER:
        username = DISNAKER_USERNAME
    else:
        username = manager_username(Institution.objects.order_by("slug").first())
    return get_user_model().objects.get(username=username)


@pytest.fixture
def auth_headers(demo_data, db):
    """The headers of each way to call: none (anonymous), a Disnaker or a manager token."""
    headers = {ANONYMOUS: {}}
    for kind in (ApiToken.Access.DISNAKER, ApiToken.Access.MANAGER):
        headers[kind] = {"Authorization": f"Bearer {make_token(token_owner(kind), kind)}"}
    return headers


def fuzz_every_operation(token_kind: str):
    """A test that calls every operation of the schema the way ``token_kind`` does."""

    @schema.parametrize()
    @hypothesis.settings(
        max_examples=5,
        deadline=None,
        derandomize=True,
        suppress_health_check=[
            hypothesis.HealthCheck.function_scoped_fixture,
            hypothesis.HealthCheck.too_slow,
        ],
    )
    def test(case, django_app, auth_headers):
        # schemathesis invents tokens for the declared bearer scheme; each run sends its own
        # (a wrong token is tested in test_base.py), so the anonymous run is anonymous.
        if case.headers:
            case.headers.pop("Authorization", None)
        case.call_and_validate(headers=auth_headers[token_kind], checks=CHECKS)

    return test


test_every_anonymous_answer_is_documented = fuzz_every_operation(ANONYMOUS)
test_every_answer_to_a_disnaker_token_is_documented = fuzz_every_operation(ApiToken.Access.DISNAKER)
test_every_answer_to_a_manager_token_is_documented = fuzz_every_operation(ApiToken.Access.MANAGER)


@pytest.mark.parametrize("address", ["/api/v1/kemitraan/0.5/", "/api/v1/tidak-ada/x/"])
def test_an_address_no_route_matches_is_an_api_not_found(client, address):
    response = client.get(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize("kind", [ApiToken.Access.DISNAKER, ApiToken.Access.MANAGER])
def test_the_tokens_of_the_runs_open_token_only_data(client, django_app, auth_headers, kind):
    """Else every answer to a token run would be a documented 401, and the runs prove nothing."""
    response = client.get(
        reverse("api:enrollment-list"), HTTP_AUTHORIZATION=auth_headers[kind]["Authorization"]
    )

    assert response.status_code == 200
    assert response.json()["results"]
