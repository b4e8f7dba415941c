"""No personal data on any public page or in its HTML source (UU 27/2022).

The site's private fields hold distinctive values (see ``public_site``); every public URL,
and every page those pages link to, is fetched and searched for them in any usual form.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from .public_site import (
    PUBLIC_PAGES,
    SECRETARIAT_PHONE,
    SECRETARIAT_WHATSAPP,
    build_public_site,
    new_applicant,
    public_url_names,
)

pytestmark = pytest.mark.django_db

# Pages reached by following links stop here: the site's pages and a few of their filters.
CRAWL_LIMIT = 150
CRAWL_STARTS = (
    "home",
    "trainings:program-list",
    "institutions:institution-list",
    "alumni:enterprise-list",
    "partnerships:partner-list",
)
# Not pages: files and the back office.
NOT_CRAWLED = ("/static/", "/media/", "/admin/")
LINK = re.compile(r"""href=["']([^"']+)["']""")


@pytest.fixture
def site():
    return build_public_site(units=2)


@pytest.fixture
def applied(client, site):
    """The client has just applied, so the confirmation page shows instead of redirecting."""
    applicant = new_applicant(site, 1)
    response = client.post(PUBLIC_PAGES["trainings:enrollment-apply"](site), applicant.form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    return applicant


def leaks_in(text: str, secrets) -> list[tuple[str, str]]:
    return [(secret.what, found) for secret in secrets if (found := secret.found_in(text))]


def test_secrets_are_found_however_a_page_would_print_them(site):
    applicant = new_applicant(site, 2)
    local_phone = "0" + applicant.phone.removeprefix("+62")
    printed = {
        "the applicant's NIK": " ".join(re.findall("....", applicant.nik)),
        "the applicant's phone": f"{local_phone[:4]}-{local_phone[4:8]}-{local_phone[8:]}",
        "the applicant's e-mail": applicant.email.upper(),
        "the applicant's birth date (19 Juli 1996)": "lahir 19 Juli 1996",
        "the applicant's birth date (1996-07-19)": 'value="1996-07-19"',
    }
    for what, text in printed.items():
        assert what in {found for found, _text in leaks_in(f"<p>{text}</p>", site.secrets)}, text
    assert not leaks_in("Kecamatan 36.03.01, 16 kursi, 2025-07-19", site.secrets)


def test_the_secretariats_published_contact_is_no_secret(client, site):
    html = client.get(PUBLIC_PAGES["home"](site)).content.decode()

    assert SECRETARIAT_PHONE in html
    assert SECRETARIAT_WHATSAPP.removeprefix("+") in html
    assert not leaks_in(html, site.secrets)


def test_every_public_url_is_in_the_list_of_public_pages():
    """A new public URL must join PUBLIC_PAGES, so that these tests open it too."""
    names = public_url_names()
    assert not names - set(PUBLIC_PAGES), (
        f"public URLs missing from PUBLIC_PAGES: {names - set(PUBLIC_PAGES)}"
    )
    assert not set(PUBLIC_PAGES) - names, f"PUBLIC_PAGES names no URL: {set(PUBLIC_PAGES) - names}"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.usefixtures("applied")
def test_no_public_page_shows_personal_data(client, site, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    leaks = []
    for name, page_of in PUBLIC_PAGES.items():
        address = page_of(site)
        response = client.get(address)
        assert response.status_code in (200, 302), (name, response.status_code)
        leaks += [(address, *leak) for leak in leaks_in(response.content.decode(), site.secrets)]
    assert not leaks


def same_site_links(html: str, page: str) -> set[str]:
    """The addresses of this site that a page links to, without their #fragment."""
    links = set()
    for href in LINK.findall(html):
        address = urlsplit(urljoin("http://testserver" + page, href.replace("&amp;", "&")))
        if address.netloc == "testserver" and not address.path.startswith(NOT_CRAWLED):
            links.add(address.path + (f"?{address.query}" if address.query else ""))
    return links


def test_no_page_linked_from_the_public_pages_shows_personal_data(client, site):
    waiting = [reverse(name) for name in CRAWL_STARTS]
    seen = set(waiting)
    leaks, broken = [], []
    while waiting and len(seen) <= CRAWL_LIMIT:
        page = waiting.pop(0)
        response = client.get(page)
        if response.status_code >= 400:
            broken.append((page, response.status_code))
            continue
        html = response.content.decode()
        leaks += [(page, *leak) for leak in leaks_in(html, site.secrets)]
        for link in sorted(same_site_links(html, page) - seen):
            seen.add(link)
            waiting.append(link)
    assert not leaks
    assert not broken
    # The crawl reached the pages of the site's objects, not just the listings.
    assert {PUBLIC_PAGES[name](site) for name in PUBLIC_PAGES if "detail" in name} <= seen
