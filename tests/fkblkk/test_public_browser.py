"""The public pages in headless Chromium, under the Content Security Policy, with no internet.

A visitor finds a program by filter and applies (a wrong NIK, then rightly, then a second
time), switches language, and opens a BLKK from the map, whose tiles cannot load here. Every
public page is checked for console errors and basic accessibility and screenshotted at phone
and desktop width into ``test-artifacts/screenshots/<page>-<width>.png``.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from institutions.models import District
from trainings.models import Enrollment, Trainee, TrainingProgram
from trainings.views.public import APPLIED_SESSION_KEY

from .public_site import PUBLIC_PAGES, PublicSite, build_public_site, new_applicant

# The database comes through ``site`` (transactional_db, which the live server needs), so the
# check of the page list below runs without one.
pytestmark = pytest.mark.browser

SCREENSHOTS = settings.BASE_DIR / "test-artifacts" / "screenshots"
PHONE, DESKTOP = 390, 1366
VIEWPORT_HEIGHTS = {PHONE: 844, DESKTOP: 768}

# Screenshot name -> the page's URL name in PUBLIC_PAGES, or its own address on the site.
PAGES = {
    "home": "home",
    "about": "about",
    "program-list": "trainings:program-list",
    "program": "trainings:program-detail",
    "application-form": "trainings:enrollment-apply",
    "application-sent": "trainings:enrollment-applied",
    "program-alert": "trainings:alert",
    "program-alert-confirm": "trainings:alert-confirm",
    "program-alert-unsubscribe": "trainings:alert-unsubscribe",
    "application-refused": lambda site: f"{site.completed_program.get_absolute_url()}daftar/",
    "application-check": "applications:check",
    "application-status": "applications:status",
    "blkk-directory": "institutions:institution-list",
    "blkk-profile": "institutions:institution-detail",
    "enterprise-list": "alumni:enterprise-list",
    "enterprise": "alumni:enterprise-detail",
    "partners": "partnerships:partner-list",
    "not-found": lambda site: "/halaman-yang-tidak-ada/",
}
# Not pages a person reads: no screenshot, no accessibility checks.
NOT_HTML = {
    "robots-txt",
    "sitemap",
    "favicon",
    "regions:regency-districts",
    "trainings:program-calendar",
}


def address_of(page_name: str, site: PublicSite) -> str:
    target = PAGES[page_name]
    return PUBLIC_PAGES[target](site) if isinstance(target, str) else target(site)


@dataclass
class Visit:
    """What the browser reported while on the site: console errors and off-site requests."""

    base_url: str
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, source URL)
    off_site: list[str] = field(default_factory=list)

    def unexpected_errors(self, page_status: int = 200) -> list[str]:
        """Console errors, but for the failed loads of the off-site requests blocked here
        (map tiles) and, on an error page, the browser's note of the page's own status."""
        return [
            f"{text} ({source})"
            for text, source in self.console_errors
            if not (text.startswith("Failed to load resource") and source in self.off_site)
            and not (page_status != 200 and f"status of {page_status}" in text)
        ]


@pytest.fixture
def site(transactional_db):
    return build_public_site(units=2)


@pytest.fixture
def visit(page: Page, live_server) -> Visit:
    """The page on the live server, offline like these machines: off-site requests fail."""
    recorded = Visit(base_url=live_server.url)
    origin = urlsplit(live_server.url).netloc

    def block_off_site(route):
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            recorded.off_site.append(route.request.url)
            route.abort()

    page.route("**/*", block_off_site)
    page.on(
        "console",
        lambda message: (
            recorded.console_errors.append((message.text, message.location.get("url", "")))
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: recorded.console_errors.append((f"uncaught {error}", "")))
    return recorded


# Accessibility, as far as the DOM can tell -----------------------------------------------

# A function of no arguments that lists what the DOM of the open page gets wrong.
DOM_PROBLEMS = (Path(__file__).parent / "public_page_problems.js").read_text()


def skip_link_problems(page: Page) -> list[str]:
    """The first Tab lands on a link to the main content, and following it focuses main."""
    page.locator("body").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    if page.evaluate("() => document.activeElement.getAttribute('href')") != "#main":
        return [f"first focusable element is not the skip link: {focused}"]
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement.id") != "main":
        return ["the skip link does not move the focus to main"]
    return []


def open_page(page: Page, visit: Visit, address: str, *, expected_status: int = 200) -> None:
    response = page.goto(visit.base_url + address)
    assert response.status == expected_status, (address, response.status)
    if page.locator("[data-map]").count():
        # Markers are drawn by script once Leaflet has loaded; tiles never come.
        expect(page.locator(".leaflet-marker-icon").first).to_be_visible()


def applied_in_this_browser(page: Page, visit: Visit, site: PublicSite) -> None:
    """A session as the form leaves it, so the confirmation page shows in this browser."""
    session = SessionStore()
    session[APPLIED_SESSION_KEY] = {"program": site.program.pk, "reference_code": "FKB-CONTOH1"}
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": visit.base_url,
            }
        ]
    )


def test_every_public_page_has_a_screenshot():
    shown = {target for target in PAGES.values() if isinstance(target, str)}
    assert set(PUBLIC_PAGES) - NOT_HTML - shown == set()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_public_pages_pass_the_browser_checks(page, visit, site, width, subtests):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHTS[width]})
    applied_in_this_browser(page, visit, site)
    for name in PAGES:
        with subtests.test(page=name):
            expected_status = 404 if name == "not-found" else 200
            visit.console_errors.clear()
            open_page(page, visit, address_of(name, site), expected_status=expected_status)
            problems = page.evaluate(DOM_PROBLEMS) + skip_link_problems(page)
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            assert problems == []
            assert visit.unexpected_errors(expected_status) == []
    assert {urlsplit(url).netloc for url in visit.off_site} <= {"tile.openstreetmap.org"}


# A visitor's journeys ---------------------------------------------------------------------


def fill_application(page: Page, data: dict) -> None:
    """Types the form as a person would; the kecamatan list follows the chosen kabupaten/kota
    and the desa list the chosen kecamatan (none is asked outside Kabupaten Tangerang)."""
    for name in ("nik", "full_name", "birth_date", "phone", "email", "address"):
        page.locator(f"#id_{name}").fill(data[name])
    page.locator(f"input[name=gender][value={data['gender']}]").check()
    for name in ("regency", "district", "village", "education", "occupation"):
        if data[name]:
            page.locator(f"#id_{name}").select_option(data[name])
    if data["consent"]:
        page.locator("#id_consent").check()
    page.get_by_role("button", name="Kirim pendaftaran").click()


def test_a_form_without_consent_opens_on_its_error_summary_on_a_phone(page, visit, site):
    page.set_viewport_size({"width": PHONE, "height": VIEWPORT_HEIGHTS[PHONE]})
    open_page(page, visit, PUBLIC_PAGES["trainings:enrollment-apply"](site))
    fill_application(page, new_applicant(site, 4).form_data(consent=""))

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"application-error-summary-{PHONE}.png")
    # Scrolled to the summary, which the consent box's error lies far below.
    assert page.evaluate("() => window.scrollY") > 0
    top = summary.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < VIEWPORT_HEIGHTS[PHONE] / 8, top
    expect(summary).to_contain_text("Anda perlu menyetujui pemrosesan data pribadi")
    # Its link moves to the consent box, far below.
    summary.get_by_role("link").click()
    expect(page.locator("#id_consent")).to_be_in_viewport()
    assert visit.unexpected_errors() == []


def test_visitor_finds_a_program_by_filter_and_applies_once(page, visit, site):
    # The one open program away from the main BLKK: a kecamatan and a kejuruan single it out.
    wanted = (
        TrainingProgram.objects.filter(status=TrainingProgram.Status.OPEN)
        .exclude(institution=site.institution)
        .get()
    )
    page.set_viewport_size({"width": DESKTOP, "height": VIEWPORT_HEIGHTS[DESKTOP]})
    open_page(page, visit, PUBLIC_PAGES["trainings:program-list"](site))
    page.locator("#id_kejuruan").select_option(wanted.field.slug)
    page.locator("#id_kecamatan").select_option(wanted.institution.district.code)
    page.get_by_role("button", name="Terapkan saringan").click()

    expect(page).to_have_url(re.compile(f"kecamatan={re.escape(wanted.institution.district.code)}"))
    cards = page.locator(".program-card")
    expect(cards).to_have_count(1)
    cards.get_by_role("link", name=wanted.title).click()
    expect(page.locator("h1")).to_have_text(wanted.title)
    page.get_by_role("link", name="Daftar sekarang").click()
    expect(page.locator("h1")).to_have_text("Formulir pendaftaran")

    applicant = new_applicant(site, 1)
    enrollments_before = wanted.enrollments.count()
    fill_application(page, applicant.form_data(nik="3603011234"))
    expect(page.locator("#id_nik")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("#error_1_id_nik")).to_have_text("NIK harus terdiri dari 16 angka.")
    assert not Trainee.objects.filter(full_name=applicant.full_name).exists()
    assert wanted.enrollments.count() == enrollments_before

    fill_application(page, applicant.form_data())
    expect(page.locator("h1")).to_contain_text("Pendaftaran terkirim")
    enrollment = Enrollment.objects.get(program=wanted, trainee__nik=applicant.nik)
    expect(page.locator(".application-reference-code")).to_have_text(enrollment.reference_code)
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert enrollment.reference_code in mail.outbox[0].body

    open_page(page, visit, reverse("trainings:enrollment-apply", args=[wanted.slug]))
    fill_application(page, applicant.form_data())
    expect(page.get_by_text("NIK ini sudah terdaftar di program ini")).to_be_visible()
    assert wanted.enrollments.count() == enrollments_before + 1
    assert len(mail.outbox) == 1
    assert visit.unexpected_errors() == []


def test_phone_visitor_searches_a_kejuruan_in_a_kecamatan_and_sees_results_first(page, visit, site):
    wanted = (
        TrainingProgram.objects.filter(status=TrainingProgram.Status.OPEN)
        .exclude(institution=site.institution)
        .get()
    )
    page.set_viewport_size({"width": PHONE, "height": VIEWPORT_HEIGHTS[PHONE]})
    open_page(page, visit, PUBLIC_PAGES["trainings:program-list"](site))
    search = page.locator("#id_q")
    search.fill(f"{wanted.field.name} {wanted.institution.district.name}")
    search.press("Enter")

    expect(page.locator(".program-card")).to_have_count(1)
    expect(page.locator("#program-filter-panel")).to_be_hidden()
    expect(page.locator("ul.program-chips")).to_contain_text(wanted.institution.district.name)
    expect(page.locator("nav.program-chips [aria-current=true]")).to_have_count(0)
    card_top = page.locator(".program-card").bounding_box()["y"]
    assert card_top < VIEWPORT_HEIGHTS[PHONE]
    page.screenshot(path=SCREENSHOTS / "program-search-390.png", full_page=True)
    page.get_by_role("button", name="Saring").click()
    expect(page.locator("#id_kecamatan")).to_be_visible()
    assert visit.unexpected_errors() == []


def test_applicant_from_kota_tangerang_selatan_picks_her_kecamatan_and_no_desa(page, visit, site):
    open_page(page, visit, PUBLIC_PAGES["trainings:enrollment-apply"](site))
    # The lists follow the choices by themselves: no button to show them.
    expect(page.get_by_role("button", name="Tampilkan kecamatan dan desa")).to_have_count(0)
    expect(page.locator("#id_village option")).to_have_count(1)
    page.locator("#id_district").select_option(label="Balaraja")
    expect(page.locator("#id_village")).to_contain_text("Cangkudu")

    applicant = new_applicant(site, 3)
    ciputat = District.objects.get(code="36.74.04")
    page.locator("#id_regency").select_option("36.74")
    expect(page.locator("#id_district option")).to_have_count(1 + 7)
    expect(page.locator("#div_id_village")).to_be_hidden()
    fill_application(
        page, applicant.form_data(regency="36.74", district=str(ciputat.pk), village="")
    )

    expect(page.locator("h1")).to_contain_text("Pendaftaran terkirim")
    trainee = Trainee.objects.get(nik=applicant.nik)
    assert (trainee.district, trainee.village) == (ciputat, None)
    assert visit.unexpected_errors() == []


def switch_language(page: Page, code: str) -> None:
    """Press the language button, which stays outside the collapsed menu on phones."""
    button = page.locator(f"button[name=language][value={code}]")
    button.click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(button).to_have_attribute("aria-current", "true")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_visitor_switches_to_english_and_back_on_the_same_page(page, visit, site, width):
    page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHTS[width]})
    program_page = site.program.get_absolute_url()
    open_page(page, visit, program_page)
    expect(page.get_by_role("link", name="Daftar sekarang")).to_be_visible()

    switch_language(page, "en")
    expect(page).to_have_url(visit.base_url + program_page)
    expect(page.get_by_role("link", name="Apply now")).to_be_visible()

    # The choice holds on the next page, until the visitor switches back there.
    directory = PUBLIC_PAGES["institutions:institution-list"](site)
    open_page(page, visit, directory)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch_language(page, "id")
    expect(page).to_have_url(visit.base_url + directory)
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori BLK Komunitas")
    assert visit.unexpected_errors() == []


def test_visitor_opens_a_blkk_from_the_map_without_map_tiles(page, visit, site):
    page.set_viewport_size({"width": DESKTOP, "height": VIEWPORT_HEIGHTS[DESKTOP]})
    open_page(page, visit, PUBLIC_PAGES["institutions:institution-list"](site))
    institution = site.institution

    expect(page.locator(".leaflet-marker-icon")).to_have_count(site.units)
    expect(page.locator("[data-tiles-failed]")).to_be_visible()
    expect(page.locator(".listing-card")).to_have_count(site.units)
    page.locator(f".leaflet-marker-icon[title='{institution.name}']").click()
    # The popup pans the map to show itself; a click while the map still moves lands beside it.
    expect(page.locator(".leaflet-pan-anim")).to_have_count(0)
    page.locator(".leaflet-popup").get_by_role("link", name=institution.name).click()

    expect(page).to_have_url(visit.base_url + institution.get_absolute_url())
    expect(page.locator("h1")).to_have_text(institution.name)
    assert visit.off_site, "the map asked for no tiles"
    assert visit.unexpected_errors() == []
