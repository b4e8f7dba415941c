"""No crafted query value gives a 5xx, for any role, on any list or filter page or API list.

Each role opens the pages it may open, taken from the lists other tests keep (the public pages
of ``public_site.py``, the manager portal's ``PAGES``, the dashboard's ``PAGES``, every model of
the admin, the API's schema). Each page's own GET parameters are read from the page (the names
of its GET forms' fields and of the links back to itself) or, for the API, from its schema;
each is sent every junk value in turn, alone.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from api import indicators, public, restricted
from api.models import ApiToken
from tests import factories
from tests.api.conftest import bearer, make_token
from tests.dashboard.test_pages import PAGES as DASHBOARD_PAGES

from .public_site import PUBLIC_PAGES, build_public_site
from .test_manager_role_matrix import PAGES as MANAGER_PAGES

# A NUL, a quote, markup, a number too big for any column, a negative, a word where a number or
# a code is due, and a forged API cursor ("p=1").
JUNK = ["\x00", "'", "<x>", "9" * 30, "-1", "abc", "cD0x"]
# The parameters of forms that are no filters (they are posted, or carry no query).
NOT_PARAMETERS = {"csrfmiddlewaretoken", "next"}


class GetParameters(HTMLParser):
    """The names a page reads from its query: its GET forms' fields and its links to itself."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.names: set[str] = set()
        self.in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action_path = urlsplit(attributes.get("action") or self.path).path or self.path
            method = (attributes.get("method") or "get").lower()
            self.in_get_form = method == "get" and action_path == self.path
        elif tag in ("input", "select", "textarea") and self.in_get_form:
            if attributes.get("name"):
                self.names.add(attributes["name"])
        elif tag == "a" and attributes.get("href"):
            link = urlsplit(attributes["href"])
            if link.query and link.path in ("", self.path):
                self.names.update(name for name, _value in parse_qsl(link.query))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def get_parameters(response, path: str) -> set[str]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return set()
    parser = GetParameters(path)
    parser.feed(response.content.decode())
    return parser.names - NOT_PARAMETERS


def server_errors(client, paths, **headers) -> list[str]:
    """Each path opened with every junk value in each of its parameters: those that gave 5xx."""
    errors = []
    for path in paths:
        page = client.get(path, **headers)
        if page.status_code >= 500:
            errors.append(f"{path} {page.status_code}")
            continue
        for name in sorted(get_parameters(page, urlsplit(path).path)):
            for junk in JUNK:
                status = client.get(urlsplit(path).path, {name: junk}, **headers).status_code
                if status >= 500:
                    errors.append(f"{path} ?{name}={junk!r} {status}")
    return errors


def api_list_parameters(paths) -> dict[str, set[str]]:
    """The query parameters of each of the API lists ``paths``, from the API's schema."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return {
        path: {
            p["name"] for p in document["paths"][path]["get"]["parameters"] if p["in"] == "query"
        }
        for path in paths
    }


API_LISTS = [
    reverse(f"api:{basename}-list")
    for _prefix, _viewset, basename in (*public.ROUTES, *indicators.ROUTES, *restricted.ROUTES)
]


def api_server_errors(client, **token) -> list[str]:
    """The API lists the client opens, each parameter sent each junk value: those that gave
    5xx. With a token, only the lists closed to anonymous readers: the open ones answer a token
    as they answer anyone, and the anonymous visitor's test walks them."""
    paths = [
        path
        for path in API_LISTS
        if client.get(path, **token).status_code == 200
        and not (token and Client().get(path).status_code == 200)
    ]
    errors = []
    for path, names in api_list_parameters(paths).items():
        for name in sorted(names):
            for junk in JUNK:
                status = client.get(path, {name: junk}, **token).status_code
                if status >= 500:
                    errors.append(f"{path} ?{name}={junk!r} {status}")
    return errors


@pytest.fixture(autouse=True)
def server_errors_as_answers(client):
    """A 500 is an answer to collect, so that one test lists every page that fails."""
    client.raise_request_exception = False


@pytest.fixture(autouse=True)
def unthrottled(settings):
    """Hundreds of API requests a minute, none of them refused as too many."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonim": "100000/minute", "token": "100000/minute"},
    }


def test_the_junk_finds_the_parameters_of_a_page(client, db):
    page = client.get(reverse("trainings:program-list"))

    assert {"q", "kecamatan", "dana"} <= get_parameters(page, reverse("trainings:program-list"))


def test_anonymous_visitors_get_no_server_error(client, db):
    site = build_public_site(units=1)

    paths = [address(site) for address in PUBLIC_PAGES.values()]

    assert server_errors(client, paths) + api_server_errors(client) == []


def test_managers_get_no_server_error(client, manager_world):
    client.force_login(manager_world.manager)
    key = make_token(manager_world.manager, ApiToken.Access.MANAGER)

    paths = [reverse(page.url_name, kwargs=page.kwargs(manager_world)) for page in MANAGER_PAGES]

    assert server_errors(client, paths) + api_server_errors(client, **bearer(key)) == []


def test_disnaker_gets_no_server_error(client, disnaker):
    factories.GraduateFactory()
    client.force_login(disnaker)
    key = make_token(disnaker, ApiToken.Access.DISNAKER)

    paths = [reverse(url_name) for url_name in DASHBOARD_PAGES]

    assert server_errors(client, paths) + api_server_errors(client, **bearer(key)) == []


def changelists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in sorted(admin.site._registry, key=lambda model: model._meta.label)
    ]


def test_the_secretariat_and_superusers_get_no_server_error(client, secretariat, admin_user):
    """The secretariat's staff walk the changelists they may open; a superuser the others
    (accounts, sign-in attempts). The dashboard they share with Disnaker is walked above."""
    factories.GraduateFactory()
    client.force_login(secretariat)
    open_to_the_secretariat = [
        path for path in changelists() if client.get(path).status_code == 200
    ]

    errors = server_errors(client, open_to_the_secretariat)
    client.force_login(admin_user)
    errors += server_errors(client, sorted(set(changelists()) - set(open_to_the_secretariat)))

    assert errors == []
