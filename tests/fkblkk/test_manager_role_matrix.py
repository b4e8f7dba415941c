"""Every URL of the manager portal, with every role, for GET and POST.

The pages come from each app's ``tests/<app>/manager_pages.py``; a URL of the ``manager``
namespace that no list declares fails ``test_every_manager_url_has_an_expectation``.
"""

import itertools

import pytest
from django.apps import apps
from django.db.models import Max
from django.forms.models import model_to_dict
from django.urls import get_resolver, reverse

from tests.alumni.manager_pages import PAGES as ALUMNI_PAGES
from tests.assertions import assert_nothing_inline
from tests.institutions.manager_pages import PAGES as INSTITUTION_PAGES
from tests.manager_portal import ManagerPage
from tests.trainings.manager_pages import PAGES as TRAINING_PAGES

PORTAL_PAGES = [
    ManagerPage("manager:home"),
    ManagerPage("manager:monthly-updates"),
    ManagerPage(
        "manager:institution-choose",
        post_data=lambda world: {"institution": world.institution.pk},
        writes=False,
    ),
]
PAGES = [*PORTAL_PAGES, *INSTITUTION_PAGES, *TRAINING_PAGES, *ALUMNI_PAGES]

# Sign-in and password pages answer every role; their own tests cover what they do.
ACCOUNT_URL_NAMES = {
    "login",
    "logout",
    "password-change",
    "password-change-done",
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",
    "password-reset-complete",
}
ROLES = ["anonymous", "manager_a", "manager_b", "disnaker", "secretariat"]


def manager_url_names() -> set[str]:
    _prefix, resolver = get_resolver().namespace_dict["manager"]
    return {name for name in resolver.reverse_dict if isinstance(name, str)}


def test_every_manager_url_has_an_expectation():
    declared = {page.url_name.removeprefix("manager:") for page in PAGES}
    assert manager_url_names() - ACCOUNT_URL_NAMES - declared == set()
    assert declared - manager_url_names() == set(), "declared pages that do not exist"
    assert len(declared) == len(PAGES), "a page is declared twice"


def history_models():
    return [model for model in apps.get_models() if hasattr(model, "history_user")]


def last_history_ids() -> dict:
    return {
        model: model.objects.aggregate(last=Max("history_id"))["last"] or 0
        for model in history_models()
    }


def history_written_since(last_ids: dict) -> list:
    return [
        row for model, last in last_ids.items() for row in model.objects.filter(history_id__gt=last)
    ]


def snapshot(record):
    record.refresh_from_db()
    return model_to_dict(record)


@pytest.mark.parametrize(
    ("manager_page", "role", "method"),
    list(itertools.product(PAGES, ROLES, ["GET", "POST"])),
    ids=lambda value: value.url_name if isinstance(value, ManagerPage) else value,
)
def test_manager_page_answers_each_role(
    db, client, module_manager_world, manager_page, role, method
):
    people, manager_world = module_manager_world
    if role != "anonymous":
        client.force_login(getattr(people, role))
    url = reverse(manager_page.url_name, kwargs=manager_page.kwargs(manager_world))
    data = manager_page.post_data(manager_world) if manager_page.post_data else {}
    target = manager_page.target(manager_world) if manager_page.target else None
    before = snapshot(target) if target is not None else None
    history_before = last_history_ids()

    response = client.get(url) if method == "GET" else client.post(url, data)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("manager:login"))
    elif role in ("disnaker", "secretariat"):
        assert response.status_code == 403
    elif role == "manager_b" and target is not None:
        assert response.status_code == 404
        assert snapshot(target) == before
    elif method == "GET":
        assert response.status_code == manager_page.own_get
        if response.get("Content-Type", "").startswith("text/html"):
            assert_nothing_inline(response.content.decode())
    elif manager_page.post_data is None:
        assert response.status_code == 405
    elif role == "manager_b":
        # A list or create page answers them for their own BLKK; B's world is untouched by A's.
        assert response.status_code < 500
    else:
        assert response.status_code == manager_page.own_post, getattr(
            response, "context", None
        ) and [form.errors for form in [response.context.get("form")] if form is not None]
        # Every change is in the history, and the history names the manager who made it.
        written = history_written_since(history_before)
        assert bool(written) == manager_page.writes
        assert {row.history_user_id for row in written} <= {manager_world.manager.pk}
