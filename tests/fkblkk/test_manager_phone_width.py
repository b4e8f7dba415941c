"""Every page of the manager portal fits a phone: nothing scrolls sideways at 390 px.

The pages are the role matrix's (``tests/<app>/manager_pages.py``), each opened by BLKK A's
manager in the shared ``manager_world``; tables stack into cards below md (``.table-stack``).
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.fkblkk.test_manager_role_matrix import PAGES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PASSWORD = "rahasia-uji-123"


def test_no_manager_page_scrolls_sideways_on_a_phone(
    page: Page, live_server, transactional_db, manager_world
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('manager:login')}")
    page.locator("#id_username").fill(manager_world.manager.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}{reverse('manager:home')}")

    too_wide = {}
    for manager_page in PAGES:
        if manager_page.own_get != 200:
            continue
        url = reverse(manager_page.url_name, kwargs=manager_page.kwargs(manager_world))
        # A download or a JSON answer has nothing to lay out (and a download aborts goto).
        answer = page.request.get(f"{live_server.url}{url}")
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        page.goto(f"{live_server.url}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        # One pixel for the rounding of fractional widths.
        if width > PHONE["width"] + 1:
            too_wide[manager_page.url_name] = width
    assert too_wide == {}
