"""'Kabari saya': a visitor asks, confirms by e-mail, hears of a program opening, unsubscribes."""

import logging
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from institutions.models import District
from tests import factories
from tests.dates import days
from trainings import services
from trainings.models import ProgramAlert, TrainingProgram
from trainings.views.public import ALERT_RATE_PER_IP

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

ALERT_URL = reverse("trainings:alert")
EMAIL = "warga.cikupa@example.test"


@pytest.fixture
def sewing():
    return factories.VocationalFieldFactory(name="Menjahit (Garmen)", slug="menjahit")


@pytest.fixture
def cikupa():
    return District.objects.get(code="36.03.18")


def ask(client, *, email=EMAIL, consent="on", **fields):
    data = {"email": email, "kejuruan": "menjahit", "kecamatan": "36.03.18", **fields}
    if consent:
        data["consent"] = consent
    return client.post(ALERT_URL, data)


def link_in(message, name: str) -> str:
    return re.search(rf"http\S*/pelatihan/kabari/{name}/[^/\s]+/", message.body).group(0)


def test_form_comes_filled_with_the_kejuruan_and_kecamatan_looked_for(client, sewing, cikupa):
    response = client.get(ALERT_URL, {"kejuruan": "menjahit", "kecamatan": "36.03.18"})
    form = response.context["form"]
    assert (form["kejuruan"].value(), form["kecamatan"].value()) == ("menjahit", "36.03.18")


def test_the_empty_listing_offers_to_be_told(client, sewing, cikupa):
    # Sewing elsewhere and a BLKK in Cikupa, so that both are choices of the list.
    factories.TrainingProgramFactory(field=sewing)
    factories.InstitutionFactory(district=cikupa)
    html = client.get(
        reverse("trainings:program-list"), {"kejuruan": "menjahit", "kecamatan": "36.03.18"}
    ).content.decode()
    assert f'href="{ALERT_URL}?kejuruan=menjahit&amp;kecamatan=36.03.18"' in html


def test_asking_records_consent_and_sends_a_confirmation_link_not_logged(
    client, sewing, cikupa, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, email="  Warga.Cikupa@Example.test ")
    assert response.status_code == 200
    assert "Periksa e-mail Anda" in response.content.decode()
    alert = ProgramAlert.objects.get()
    assert (alert.email, alert.field, alert.district) == (EMAIL, sewing, cikupa)
    assert alert.consent_text.startswith("Saya setuju FK-BLKK menyimpan alamat e-mail ini")
    assert alert.consented_at is not None
    assert alert.confirmed_at is None
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert "Menjahit (Garmen) di Kec. Cikupa" in message.body
    assert link_in(message, "konfirmasi")
    assert EMAIL not in caplog.text
    assert EMAIL not in link_in(message, "konfirmasi")


def test_asking_without_consent_is_refused_with_a_reason(client, sewing, cikupa):
    response = ask(client, consent="")
    assert response.status_code == 200
    assert "Centang persetujuan ini" in response.content.decode()
    assert not ProgramAlert.objects.exists()


def test_asking_again_answers_the_same_and_keeps_one_alert(
    client, sewing, cikupa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(client)
    services.program_alert_confirm(alert=ProgramAlert.objects.get())
    with django_capture_on_commit_callbacks(execute=True):
        second = ask(client)
    assert first.content.decode().count("Periksa e-mail Anda") == second.content.decode().count(
        "Periksa e-mail Anda"
    )
    assert ProgramAlert.objects.get().confirmed_at is not None
    assert len(mail.outbox) == 1


def test_too_many_requests_from_one_network_are_refused(client, sewing, cikupa):
    for n in range(int(ALERT_RATE_PER_IP.split("/")[0])):
        ask(client, email=f"orang{n}@example.test")
    response = ask(client, email="satu.lagi@example.test")
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()


def test_the_link_asks_first_and_confirms_on_the_button(
    client, sewing, cikupa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    confirm = link_in(mail.outbox[0], "konfirmasi")
    assert "Ya, kabari saya" in client.get(confirm).content.decode()
    assert ProgramAlert.objects.get().confirmed_at is None
    response = client.post(confirm)
    assert "sudah dikonfirmasi" in response.content.decode()
    assert ProgramAlert.objects.get().confirmed_at is not None


@pytest.mark.parametrize(
    "token",
    ["tidak-sah", signing.dumps([1, 0], salt="lain"), signing.dumps("x", salt="trainings")],
    # Fixed names: a signed value holds its time, and xdist's workers must collect the same ids.
    ids=["not-signed", "other-salt", "not-an-alert"],
)
def test_a_forged_or_stale_link_is_a_clear_400(client, token):
    response = client.get(reverse("trainings:alert-confirm", args=[token]))
    assert response.status_code == 400
    assert "Tautan konfirmasi ini tidak berlaku" in response.content.decode()


def confirmed(email, field, district) -> ProgramAlert:
    alert = services.program_alert_request(
        email=email, field=field, district=district, consent_text="Saya setuju."
    )
    return services.program_alert_confirm(alert=alert)


def test_opening_registration_emails_the_confirmed_alerts_of_that_kejuruan_and_kecamatan(
    sewing, cikupa, manager_a, institution_a, django_capture_on_commit_callbacks
):
    institution_a.district = cikupa
    institution_a.save()
    waiting = confirmed(EMAIL, sewing, cikupa)
    confirmed("lain.kecamatan@example.test", sewing, District.objects.get(code="36.03.19"))
    confirmed("lain.kejuruan@example.test", factories.VocationalFieldFactory(), cikupa)
    services.program_alert_request(
        email="belum.konfirmasi@example.test", field=sewing, district=cikupa, consent_text="Ya"
    )
    program = factories.TrainingProgramFactory(
        institution=institution_a,
        field=sewing,
        status=TrainingProgram.Status.PUBLISHED,
        start_date=days(30),
        registration_closes=days(20),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.program_transition(program=program, transition="open_registration", user=manager_a)
        # A task run twice (a retry) sends nothing more.
        services.program_alerts_send(program_id=program.pk)

    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert program.title in message.subject
    assert program.get_absolute_url() in message.body
    unsubscribe = link_in(message, "berhenti")
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click from the mail program: a POST without a CSRF token deletes the address.
    assert Client().get(unsubscribe).status_code == 200
    assert ProgramAlert.objects.filter(pk=waiting.pk).exists()
    response = Client(enforce_csrf_checks=True).post(unsubscribe)
    assert response.status_code == 200
    assert not ProgramAlert.objects.filter(pk=waiting.pk).exists()
    assert Client().get(unsubscribe).status_code == 400


def test_no_alert_for_a_program_not_open_to_the_public(sewing, cikupa):
    confirmed(EMAIL, sewing, cikupa)
    program = factories.TrainingProgramFactory(
        field=sewing,
        institution=factories.InstitutionFactory(district=cikupa, is_published=False),
    )
    assert services.program_alerts_send(program_id=program.pk) == 0
    assert mail.outbox == []


def test_alerts_are_listed_for_the_secretariat_only(client, secretariat, disnaker, sewing, cikupa):
    confirmed(EMAIL, sewing, cikupa)
    url = reverse("admin:trainings_programalert_changelist")
    client.force_login(secretariat)
    assert EMAIL in client.get(url).content.decode()
    client.force_login(disnaker)
    assert client.get(url).status_code in (302, 403)
