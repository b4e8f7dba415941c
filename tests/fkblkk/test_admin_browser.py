"""The admin in a real browser, under the Content Security Policy: nothing it needs is blocked."""

import re

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from core.roles import sync_role_permissions
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def roles_present(transactional_db):
    """The live server needs committed rows, and the flush after each transactional test
    removes the role groups the migrations made (serialized rollback does not survive
    Playwright's event loop in the test thread)."""
    sync_role_permissions(django_apps)


@pytest.fixture
def secretariat_page(roles_present, page, live_server, client, secretariat):
    client.force_login(secretariat)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.violations = violations
    page.base_url = live_server.url
    return page


def blocked_scripts(page):
    return [text for text in page.violations if "script-src" in text]


def test_enrollment_inline_autocomplete_finds_a_trainee_under_the_policy(secretariat_page):
    page = secretariat_page
    program = factories.TrainingProgramFactory()
    factories.EnrollmentFactory(program=program)
    factories.TraineeFactory(full_name="Nur Aisyah")

    page.goto(page.base_url + reverse("admin:trainings_trainingprogram_change", args=[program.pk]))
    page.locator("#enrollments-group .add-row a").click()
    page.locator("#enrollments-group .dynamic-enrollments").last.locator(
        ".select2-selection"
    ).first.click()
    page.locator(".select2-container--open .select2-search__field").fill("Aisyah")

    page.locator(".select2-results__option", has_text="Nur Aisyah").wait_for()
    assert not blocked_scripts(page)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:trainings_trainee_changelist",
        "admin:trainings_trainee_import",
        "admin:trainings_trainee_export",
        "admin:institutions_institution_add",
    ],
)
def test_admin_pages_run_without_blocked_scripts(secretariat_page, url_name):
    page = secretariat_page
    factories.TraineeFactory()

    page.goto(page.base_url + reverse(url_name))

    expect(page.locator("#content h1")).to_be_visible()
    assert not blocked_scripts(page), page.violations


def test_changelist_action_runs_in_the_browser(secretariat_page):
    page = secretariat_page
    program = factories.TrainingProgramFactory(status="draft", title="Barista Angkatan 1")

    page.goto(page.base_url + reverse("admin:trainings_trainingprogram_changelist"))
    page.locator(f"input.action-select[value='{program.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()

    expect(page.locator(".messagelist")).to_contain_text(re.compile("Umumkan: 1"))
    assert not blocked_scripts(page)
