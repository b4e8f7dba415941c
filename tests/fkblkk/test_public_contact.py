"""How visitors reach the forum and its BLKK: the secretariat in the footer of every public page
and on the about page, and each BLKK's contact at the top of its profile."""

import json
import re
from decimal import Decimal

import pytest

from institutions.models import District, SecretariatContact
from institutions.regions import KABUPATEN_TANGERANG_CODE

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

WHATSAPP_LINK = "https://wa.me/6281036030001?text=Halo%20Sekretariat%20FK-BLKK"


@pytest.fixture
def contact():
    contact = SecretariatContact.load()
    contact.address = "Jl. Aria Jaya Santika No. 17, Pasir Bolang"
    contact.district = District.objects.get(
        regency__code=KABUPATEN_TANGERANG_CODE, name="Tigaraksa"
    )
    contact.email = "sekretariat@fkblkk.test"
    contact.phone = "(021) 5991234"
    contact.whatsapp = "+6281036030001"
    contact.office_hours = "Senin–Jumat, 08.00–16.00 WIB"
    contact.latitude, contact.longitude = Decimal("-6.265000"), Decimal("106.470000")
    contact.full_clean()
    contact.save()
    return contact


def between(html: str, start: str, end: str) -> str:
    """The part of ``html`` from ``start`` to the first ``end`` after it; empty without it."""
    if start not in html:
        return ""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def footer(response) -> str:
    return between(response.content.decode(), "<footer", "</footer>")


@pytest.mark.parametrize("address", ["/", "/pelatihan/", "/mitra/"])
def test_every_public_footer_tells_how_to_reach_the_secretariat(client, contact, address):
    shown = footer(client.get(address))

    for fact in (
        "Jl. Aria Jaya Santika No. 17, Pasir Bolang",
        "Kecamatan Tigaraksa, Kabupaten Tangerang",
        "Senin–Jumat, 08.00–16.00 WIB",
        'href="mailto:sekretariat@fkblkk.test"',
        'href="tel:+62215991234"',
        f'href="{WHATSAPP_LINK}',
        'href="/pengelola/masuk/"',
        ">Masuk<",
    ):
        assert fact in shown.replace("</i> ", ""), fact


def test_the_header_leads_managers_and_disnaker_to_sign_in(client):
    header = between(client.get("/").content.decode(), "<header", "</header>")

    assert 'href="/pengelola/masuk/"' in header


def test_what_the_secretariat_left_blank_is_left_out(client):
    contact = SecretariatContact.load()
    contact.email = "sekretariat@fkblkk.test"
    contact.save()

    shown = footer(client.get("/"))

    assert 'href="mailto:sekretariat@fkblkk.test"' in shown
    for absent in ("None", "tel:", "wa.me", "<address", "maps", 'href=""'):
        assert absent not in shown, absent


def test_a_blank_contact_leaves_only_the_links(client):
    shown = footer(client.get("/"))

    assert "Hubungi sekretariat" not in shown
    assert 'href="/pengelola/masuk/"' in shown


def test_an_edit_in_the_admin_reaches_the_footer_at_once(client, contact):
    assert "sekretariat@fkblkk.test" in footer(client.get("/"))
    contact.email = "forum@fkblkk.test"
    contact.save()

    assert "forum@fkblkk.test" in footer(client.get("/"))


def about_contact(response) -> str:
    return between(response.content.decode(), 'id="hubungi"', "</section>")


def test_about_has_a_section_to_contact_the_secretariat_with_its_map(client, contact):
    response = client.get("/tentang/")
    section = about_contact(response)

    assert ">Hubungi sekretariat</h2>" in section
    assert 'href="mailto:sekretariat@fkblkk.test"' in section
    assert f'href="{WHATSAPP_LINK}' in section
    data = re.search(
        r'<script id="secretariat-map-data" type="application/json">(.*?)</script>', section
    )
    markers = json.loads(data.group(1))
    assert markers == [
        {
            "name": "Sekretariat FK-BLKK",
            "url": "https://www.google.com/maps/search/?api=1&query=-6.265000%2C106.470000",
            "lat": -6.265,
            "lon": 106.47,
            "kecamatan": "Tigaraksa",
        }
    ]
    assert "js/map.js" in response.content.decode()


def test_about_without_coordinates_has_no_map(client, contact):
    contact.latitude = contact.longitude = None
    contact.save()

    response = client.get("/tentang/")

    assert "<address" in about_contact(response)
    assert "secretariat-map" not in response.content.decode()
    assert "leaflet" not in response.content.decode()


def test_about_leaves_the_section_out_while_the_contact_is_blank(client):
    assert about_contact(client.get("/tentang/")) == ""


# A BLKK's profile --------------------------------------------------------------------


def test_a_blkk_profile_shows_its_contact_before_its_programs(client):
    institution = factories.InstitutionFactory(
        public_phone="+6281211112222",
        public_email="blkk@alhidayah.test",
        latitude=None,
        longitude=None,
    )

    html = client.get(institution.get_absolute_url()).content.decode()

    contact = html.index('id="contact-title"')
    assert contact < html.index('id="programs-title"')
    assert contact < html.index('id="fields-title"')
    card = html[contact : html.index("</aside>", contact)]
    assert 'href="tel:+6281211112222"' in card
    assert 'href="https://wa.me/6281211112222?text=Halo%20' in card
    assert 'href="mailto:blkk@alhidayah.test"' in card
    assert "maps" not in card


def test_a_blkk_without_public_contacts_shows_its_address_and_the_way_there(client):
    institution = factories.InstitutionFactory(
        public_phone="",
        public_email="",
        website="",
        latitude=Decimal("-6.201234"),
        longitude=Decimal("106.551234"),
    )

    html = client.get(institution.get_absolute_url()).content.decode()
    card = html[html.index('id="contact-title"') : html.index("</aside>")]

    assert institution.address in card
    assert re.search(r"tel:|wa\.me|mailto:|None", card) is None
    assert "https://www.google.com/maps/search/?api=1&amp;query=-6.201234%2C106.551234" in card
