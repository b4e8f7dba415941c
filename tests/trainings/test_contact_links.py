"""Managers reach applicants, participants and graduates on WhatsApp with a message typed."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from trainings.templatetags.contact import whatsapp_to

pytestmark = pytest.mark.django_db


def typed(url: str) -> str:
    return parse_qs(urlsplit(url).query)["text"][0]


@pytest.mark.parametrize(
    ("status", "says"),
    [
        ("mendaftar", "tentang pendaftaran Anda di pelatihan"),
        ("mengikuti", "tentang pelatihan"),
        ("lulus", "untuk tracer study"),
    ],
)
def test_the_message_fits_the_status_and_names_the_blkk_and_program(status, says):
    enrollment = factories.EnrollmentFactory(status=status, trainee__phone="+6281234567890")

    url = whatsapp_to(enrollment)

    assert url.startswith("https://wa.me/6281234567890?text=")
    message = typed(url)
    assert says in message
    assert enrollment.trainee.full_name in message
    assert enrollment.program.institution.name in message
    assert enrollment.program.title in message


def test_the_message_is_indonesian_whatever_the_managers_language():
    enrollment = factories.EnrollmentFactory(status="mendaftar")

    with translation.override("en"):
        assert typed(whatsapp_to(enrollment)).startswith("Halo ")


def test_the_application_list_offers_whatsapp_beside_each_phone(client, manager_world):
    client.force_login(manager_world.manager)
    applicant = manager_world.application

    html = client.get(reverse("manager:application-list")).content.decode()

    assert whatsapp_to(applicant).replace("&", "&amp;") in html
    assert f'href="tel:{applicant.trainee.phone}"' in html
