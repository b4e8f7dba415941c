"""The program page's BLKK (profile, address, map, WhatsApp) and its calendar file."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse

from tests import factories
from tests.assertions import FOOTER_QUERIES
from trainings.models import TrainingProgram

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

CALENDAR_QUERIES = 1
DETAIL_QUERIES = 2 + FOOTER_QUERIES
START = datetime.date(2027, 3, 1)


def made_program(**institution):
    return factories.TrainingProgramFactory(
        title="Menjahit; Busana, Muslim",
        slug="menjahit-busana",
        institution=factories.InstitutionFactory(
            name="BLKK Al-Hidayah",
            address="Jl. Raya Serang Km. 24",
            **institution,
        ),
        location="Aula utama, lantai 2",
        start_date=START,
        end_date=START + datetime.timedelta(days=20),
        registration_closes=START - datetime.timedelta(days=7),
    )


# The BLKK on the program page --------------------------------------------------------------


def test_program_page_links_its_blkk_with_address_map_and_whatsapp(client):
    program = made_program(
        public_phone="+6281299998888", latitude=Decimal("-6.2"), longitude=Decimal("106.5")
    )
    html = client.get(program.get_absolute_url()).content.decode()
    assert f'href="{program.institution.get_absolute_url()}"' in html
    assert "Jl. Raya Serang Km. 24" in html
    assert "https://www.google.com/maps/search/?api=1&amp;query=-6.200000%2C106.500000" in html
    [whatsapp] = [
        link.split('"')[0] for link in html.split('href="https://wa.me/6281299998888')[1:]
    ]
    message = parse_qs(urlsplit(whatsapp).query)["text"][0]
    assert message == (
        "Halo, saya ingin bertanya tentang pelatihan Menjahit; Busana, Muslim di BLKK Al-Hidayah "
        "(http://testserver/pelatihan/menjahit-busana/)."
    )


def test_program_page_has_no_whatsapp_button_without_a_number(client):
    program = made_program(public_phone="")
    html = client.get(program.get_absolute_url()).content.decode()
    assert "https://wa.me/62" not in html
    assert "Tanya lewat WhatsApp" not in html
    # Without a map point, the map link searches the address.
    maps = html.split('href="https://www.google.com/maps/search/?')[1].split('"')[0]
    query = parse_qs(unquote(maps.replace("&amp;", "&")))["query"][0]
    assert query.startswith("BLKK Al-Hidayah, Jl. Raya Serang Km. 24, ")


def test_a_name_with_an_apostrophe_is_written_plainly_in_the_whatsapp_message(client):
    program = made_program(public_phone="+6281299998888")
    TrainingProgram.objects.filter(pk=program.pk).update(title="Kue Manba'ul & Roti")
    html = client.get(program.get_absolute_url()).content.decode()
    link = html.split('href="https://wa.me/6281299998888')[1].split('"')[0]
    message = parse_qs(urlsplit(link.replace("&amp;", "&")).query)["text"][0]
    assert "pelatihan Kue Manba'ul & Roti di" in message


def test_program_page_keeps_its_query_budget(client, django_assert_max_num_queries):
    program = made_program(public_phone="+6281299998888")
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(program.get_absolute_url()).status_code == 200


# The calendar file -------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar text, folded lines joined again (RFC 5545 §3.1)."""
    return text.replace("\r\n ", "").split("\r\n")


def events(lines: list[str]) -> list[dict[str, str]]:
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return found


def test_the_calendar_file_has_the_deadline_and_the_training_as_all_day_events(client, settings):
    settings.PORTAL_BASE_URL = "https://fkblkk.example"
    program = made_program()
    response = client.get(reverse("trainings:program-calendar", args=[program.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="menjahit-busana.ics"'
    raw = response.content
    # Every line ends in CRLF, none is longer than 75 octets, none ends in a bare LF.
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\r\n " in raw, "the long lines are folded"
    lines = unfold(raw.decode())
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert lines[-2:] == ["END:VCALENDAR", ""]
    deadline, training = events(lines)
    assert deadline["DTSTART;VALUE=DATE"] == "20270222"
    assert deadline["DTEND;VALUE=DATE"] == "20270223"
    assert deadline["SUMMARY"] == "Batas pendaftaran: Menjahit\\; Busana\\, Muslim"
    assert training["DTSTART;VALUE=DATE"] == "20270301"
    assert training["DTEND;VALUE=DATE"] == "20270322"
    assert training["SUMMARY"] == "Pelatihan Menjahit\\; Busana\\, Muslim\\, BLKK Al-Hidayah"
    assert training["LOCATION"] == "Aula utama\\, lantai 2"
    assert training["URL"] == "http://testserver/pelatihan/menjahit-busana/"
    assert deadline["UID"] == f"program-{program.pk}-registration@fkblkk.example"
    assert training["UID"] == f"program-{program.pk}-training@fkblkk.example"
    assert all(event["DTSTAMP"].endswith("Z") for event in (deadline, training))


def test_the_calendar_file_is_the_same_on_the_next_download(client):
    program = made_program()
    url = reverse("trainings:program-calendar", args=[program.slug])
    assert client.get(url).content == client.get(url).content


def test_without_a_place_of_its_own_the_training_is_at_the_blkk(client):
    program = made_program()
    TrainingProgram.objects.filter(pk=program.pk).update(location="")
    raw = client.get(reverse("trainings:program-calendar", args=[program.slug])).content
    training = events(unfold(raw.decode()))[1]
    district = program.institution.district.name
    assert training["LOCATION"] == f"Jl. Raya Serang Km. 24\\, Kec. {district}"


def test_long_titles_are_folded_without_splitting_a_character(client):
    program = made_program()
    TrainingProgram.objects.filter(pk=program.pk).update(title="Kriya é" * 25)
    raw = client.get(reverse("trainings:program-calendar", args=[program.slug])).content
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # each piece is whole UTF-8
    assert "Kriya é" * 25 in raw.decode().replace("\r\n ", "")


def test_the_program_page_offers_the_calendar(client):
    program = made_program()
    html = client.get(program.get_absolute_url()).content.decode()
    assert f'href="{reverse("trainings:program-calendar", args=[program.slug])}"' in html
    assert "Tambahkan ke kalender" in html


def test_a_hidden_program_has_no_calendar(client):
    program = made_program()
    TrainingProgram.objects.filter(pk=program.pk).update(status=TrainingProgram.Status.DRAFT)
    assert client.get(reverse("trainings:program-calendar", args=[program.slug])).status_code == 404


def test_the_calendar_costs_one_query(client, django_assert_num_queries):
    program = made_program()
    with django_assert_num_queries(CALENDAR_QUERIES):
        client.get(reverse("trainings:program-calendar", args=[program.slug]))
