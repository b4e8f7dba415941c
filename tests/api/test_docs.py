"""The API documentation page, /api/dokumentasi/: Swagger UI under the site's CSP.

drf-spectacular's own template has an inline ``<style>`` that the policy (``style-src 'self'``)
blocks; the project's template (templates/drf_spectacular/swagger_ui.html) has none, and the
split view serves the init script from its own address. In a real browser, the page renders
the operations without a console error or a CSP violation, and "Try it out" calls the API.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.assertions import assert_nothing_inline

DOCS = reverse("api:docs")


@pytest.mark.django_db
def test_docs_page_answers_under_the_content_security_policy(client):
    response = client.get(DOCS)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy


@pytest.mark.django_db
def test_docs_page_has_no_inline_script_or_style(client):
    html = client.get(DOCS).content.decode()

    assert_nothing_inline(html)
    assert '<html lang="id">' in html
    assert "<title>Dokumentasi API</title>" in html
    assert "css/api_docs.css" in html


@pytest.mark.django_db
def test_docs_init_script_comes_from_the_page_address(client):
    response = client.get(DOCS, {"script": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


# In a real browser ----------------------------------------------------------------------

# Collects the page's CSP violations; added before any script of the page runs.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def docs_page(page: Page, live_server, transactional_db):
    """The documentation page, with what the browser reported while it ran."""
    console_errors = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: console_errors.append(f"uncaught {error}"))
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_errors = console_errors
    page.goto(live_server.url + DOCS)
    return page


@pytest.mark.browser
def test_docs_page_runs_swagger_ui_without_errors_or_blocked_code(docs_page):
    page = docs_page

    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/kecamatan/").first
    ).to_be_visible()

    assert page.evaluate("() => window.cspViolations") == []
    assert page.console_errors == []


@pytest.mark.browser
def test_docs_page_tries_the_kecamatan_list(docs_page):
    page = docs_page
    operation = page.locator(".opblock-get", has=page.locator('[data-path="/api/v1/kecamatan/"]'))

    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    response = operation.locator(".live-responses-table .response")
    expect(response.locator(".response-col_status")).to_have_text(re.compile(r"^\s*200"))
    expect(response.locator(".response-col_description")).to_contain_text("Balaraja")
    assert page.evaluate("() => window.cspViolations") == []
    assert page.console_errors == []
