import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from PIL import Image

from trainings.models import TrainingProgram

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def meta(html: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert match, name
    return match.group(1)


def link_href(html: str, rel: str) -> str | None:
    match = re.search(rf'<link rel="{rel}" href="([^"]*)"', html)
    return match.group(1) if match else None


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def sitemap_locations(client) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())


# Canonical URL and Open Graph ------------------------------------------------------------


def test_the_canonical_url_is_the_absolute_path_without_the_query(client):
    html = client.get("/tentang/?utm_source=wa&halaman=2").content.decode()

    assert link_href(html, "canonical") == "http://testserver/tentang/"
    assert meta(html, "property", "og:url") == "http://testserver/tentang/"


def test_open_graph_repeats_the_page_title_and_description(client):
    html = client.get("/tentang/").content.decode()

    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title == "Tentang FK-BLKK Kabupaten Tangerang"
    assert meta(html, "property", "og:title") == title
    assert meta(html, "property", "og:description") == meta(html, "name", "description")
    assert meta(html, "property", "og:description").startswith("Tujuan Forum Komunikasi")
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_a_page_without_its_own_title_carries_the_portal_name(client):
    html = client.get("/").content.decode()

    assert meta(html, "property", "og:title") == "FK-BLKK Kabupaten Tangerang"


def test_open_graph_image_is_the_absolute_url_of_a_1200_by_630_png(client):
    html = client.get("/").content.decode()

    assert meta(html, "property", "og:image") == "http://testserver/static/img/share.png"
    with Image.open(finders.find("img/share.png")) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"


def test_the_favicon_address_browsers_guess_leads_to_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    assert finders.find("img/favicon.ico")


# Language switch --------------------------------------------------------------------------


def test_the_language_switch_is_remembered_for_the_next_pages(client):
    html = client.get("/").content.decode()
    assert html_lang(html) == "id"
    assert meta(html, "property", "og:locale") == "id_ID"

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/tentang/").content.decode()
    assert html_lang(html) == "en"
    assert meta(html, "property", "og:locale") == "en_US"
    assert meta(html, "property", "og:locale:alternate") == "id_ID"

    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert html_lang(client.get("/").content.decode()) == "id"


def test_the_language_switch_marks_the_current_language(client):
    html = client.get("/").content.decode()

    current = re.findall(r'<button[^>]*value="(\w+)"[^>]*aria-current="true"', html)
    assert current == ["id"]
    assert "English</span>" in html


# Navigation -------------------------------------------------------------------------------


MENU = ["/", "/pelatihan/", "/lembaga/", "/usaha-alumni/", "/mitra/", "/tentang/"]


def menu_links(html: str) -> list[tuple[str, bool]]:
    """(address, marked current) of each link of the main menu, in order; the sign-in link
    beside the menu is none of its sections."""
    menu = html[html.index('<ul class="navbar-nav me-auto">') :]
    menu = menu[: menu.index("</ul>")]
    links = re.findall(
        r'<a class="nav-link( active)?" href="([^"]+)"( aria-current="page")?>', menu
    )
    for active, _href, current in links:
        assert bool(active) == bool(current)
    return [(href, bool(current)) for _active, href, current in links]


@pytest.mark.parametrize("path", MENU)
def test_the_menu_marks_the_page_being_shown(client, path):
    links = menu_links(client.get(path).content.decode())

    assert links == [(href, href == path) for href in MENU]


PAGES_WITHIN_SECTIONS = {
    "program": (factories.TrainingProgramFactory, "/pelatihan/"),
    "BLKK": (factories.InstitutionFactory, "/lembaga/"),
    "enterprise": (factories.EnterpriseFactory, "/usaha-alumni/"),
}


@pytest.mark.parametrize(
    ("factory", "section"), PAGES_WITHIN_SECTIONS.values(), ids=PAGES_WITHIN_SECTIONS.keys()
)
def test_the_menu_marks_the_section_of_a_page_within_it(client, factory, section):
    page = client.get(factory().get_absolute_url())

    assert page.status_code == 200
    assert [href for href, current in menu_links(page.content.decode()) if current] == [section]


# robots.txt and sitemap.xml ---------------------------------------------------------------


def test_robots_txt_allows_the_public_site_and_points_to_the_sitemap(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for private in ("/admin/", "/pengelola/", "/dasbor/", "/api/"):
        assert f"Disallow: {private}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "max-age=86400" in response["Cache-Control"]


def test_sitemap_lists_the_static_pages_as_absolute_urls(client):
    locations = sitemap_locations(client)

    for path in MENU:
        assert f"http://testserver{path}" in locations


Program = TrainingProgram.Status
SITEMAP_OBJECTS = {
    "programs": (
        lambda: factories.TrainingProgramFactory(status=Program.COMPLETED),
        [
            lambda: factories.TrainingProgramFactory(status=Program.DRAFT),
            lambda: factories.TrainingProgramFactory(status=Program.CANCELLED),
            lambda: factories.TrainingProgramFactory(institution__is_published=False),
        ],
    ),
    "institutions": (
        factories.InstitutionFactory,
        [
            lambda: factories.InstitutionFactory(is_published=False),
            lambda: factories.InstitutionFactory(is_active=False),
        ],
    ),
    "enterprises": (
        factories.EnterpriseFactory,
        [lambda: factories.EnterpriseFactory(is_published=False, owner_consents_to_publish=False)],
    ),
}


@pytest.mark.parametrize(
    ("make_public", "make_hidden"), SITEMAP_OBJECTS.values(), ids=SITEMAP_OBJECTS.keys()
)
def test_sitemap_lists_the_pages_of_public_objects_only_with_their_last_change(
    client, make_public, make_hidden
):
    public = make_public()
    hidden = [make() for make in make_hidden]

    xml = client.get("/sitemap.xml").content.decode()

    changed = timezone.localtime(public.updated_at).date().isoformat()
    assert f"<loc>http://testserver{public.get_absolute_url()}</loc><lastmod>{changed}" in xml
    for row in hidden:
        assert f"<loc>http://testserver{row.get_absolute_url()}</loc>" not in xml


@pytest.mark.parametrize("size", [1, 30], ids=["small", "large"])
def test_sitemap_query_count_does_not_grow_with_the_data(
    client, size, django_assert_max_num_queries
):
    factories.EnterpriseFactory.create_batch(size)

    # Two per section of objects (programs, BLKK, enterprises): the paginator's count, the page.
    with django_assert_max_num_queries(6):
        assert client.get("/sitemap.xml").status_code == 200

    enterprise_pages = [url for url in sitemap_locations(client) if "/usaha-alumni/usaha" in url]
    assert len(enterprise_pages) == size


def test_sitemap_is_cached_for_an_hour(client, django_assert_num_queries):
    first = client.get("/sitemap.xml")

    with django_assert_num_queries(0):
        second = client.get("/sitemap.xml")

    assert second.content == first.content
    assert "max-age=3600" in second["Cache-Control"]
