"""The applicant's own pages: the personal page behind a signed link, and the status check."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.core import signing
from django.urls import reverse

from tests import factories
from tests.assertions import FOOTER_QUERIES
from tests.dates import days, today
from tests.trainings.personal_links import application_opened_by
from trainings import status_links
from trainings.models import Enrollment, TrainingProgram
from trainings.views import applications as views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

Status = Enrollment.Status
BIRTH_DATE = datetime.date(1999, 2, 14)
STATUS_QUERIES = 2 + FOOTER_QUERIES
CHECK_QUERIES = 1
NEUTRAL = "Kode pendaftaran atau tanggal lahir tidak cocok."


@pytest.fixture
def enrollment():
    program = factories.TrainingProgramFactory(
        title="Tata Boga Dasar", location="Dapur BLKK", quota=1
    )
    trainee = factories.TraineeFactory(full_name="Siti Pemilik", birth_date=BIRTH_DATE)
    return factories.EnrollmentFactory(program=program, trainee=trainee)


def status_url(enrollment) -> str:
    return status_links.status_path(enrollment)


def check(client, code, birth_date, **extra):
    return client.post(
        reverse("applications:check"),
        {"reference_code": code, "birth_date": birth_date.isoformat()},
        **extra,
    )


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# The personal page -------------------------------------------------------------------------


def test_the_page_shows_status_history_program_and_no_other_applicant(client, enrollment):
    other = factories.EnrollmentFactory(
        program=enrollment.program,
        trainee=factories.TraineeFactory(full_name="Dewi Tetangga"),
    )
    enrollment.accept()
    response = client.get(status_url(enrollment))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Siti Pemilik",
        enrollment.trainee.masked_nik,
        enrollment.reference_code,
        'Status: <span class="application-status-label">Diterima</span>',
        "Mendaftar</strong>",
        "Diterima</strong>",
        "Tata Boga Dasar",
        "Dapur BLKK",
        enrollment.program.institution.get_absolute_url(),
    ):
        assert text in html, text
    for private in (
        enrollment.trainee.nik,
        "14 Februari 1999",
        "1999-02-14",
        enrollment.trainee.email,
        "81234567890",
        "Dewi Tetangga",
        other.reference_code,
    ):
        assert private not in html, private


def test_the_blkk_can_be_called_or_asked_on_whatsapp_with_the_code(client, enrollment):
    institution = enrollment.program.institution
    institution.public_phone = "+6281311112222"
    institution.save()

    html = client.get(status_url(enrollment)).content.decode()

    assert 'href="tel:+6281311112222"' in html
    question = (
        "Halo, saya pendaftar pelatihan Tata Boga Dasar dengan kode pendaftaran "
        f"{enrollment.reference_code}."
    )
    assert f'href="https://wa.me/6281311112222?text={quote(question)}"' in html


def test_the_page_is_private_and_never_stored(client, enrollment):
    response = client.get(status_url(enrollment))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "strict-origin"
    assert "noindex" in response["X-Robots-Tag"]
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'rel="canonical"' not in html


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "bukan-token",
        lambda token: signing.dumps([1, "FKB-AAAAAAAA"], salt="salah"),
    ],
)
def test_a_tampered_link_is_a_friendly_404(client, enrollment, tamper):
    token = status_links.status_token(enrollment)
    response = client.get(reverse("applications:status", args=[tamper(token)]))
    assert response.status_code == 404
    assert "Tautan tidak dikenal" in response.content.decode()
    assert reverse("applications:check") in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_link_signed_for_another_code_opens_nothing(client, enrollment):
    forged = signing.dumps([enrollment.pk, "FKB-AAAAAAAA"], salt=status_links.SALT)
    assert client.get(reverse("applications:status", args=[forged])).status_code == 404


def test_a_link_expires_90_days_after_the_program_ends(client, enrollment):
    program = enrollment.program
    TrainingProgram.objects.filter(pk=program.pk).update(
        start_date=days(-130),
        end_date=days(-91),
        registration_closes=days(-140),
        status=TrainingProgram.Status.COMPLETED,
    )
    response = client.get(status_url(enrollment))
    assert response.status_code == 410
    assert "Tautan sudah tidak berlaku" in response.content.decode()
    TrainingProgram.objects.filter(pk=program.pk).update(end_date=days(-90))
    assert client.get(status_url(enrollment)).status_code == 200


def test_withdrawing_asks_first_then_frees_the_seat(client, enrollment):
    enrollment.accept()
    program = enrollment.program
    assert program.seats_left() == 0
    url = status_url(enrollment)
    first = client.get(url).content.decode()
    assert f'href="{url}?mundur"' in first
    assert "Ya, saya mundur" not in first
    confirming = client.get(f"{url}?mundur").content.decode()
    assert "Ya, saya mundur" in confirming
    assert f'<form method="post" action="{url}"' in confirming

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == url
    enrollment.refresh_from_db()
    assert enrollment.status == Status.WITHDRAWN
    assert program.seats_left() == 1
    assert enrollment.history.first().history_change_reason.startswith("Diundurkan oleh pendaftar")
    after = client.get(url).content.decode()
    assert "Anda sudah mundur dari pelatihan ini" in after
    assert "Mengundurkan diri</strong>" in after
    assert "Mundur dari pelatihan" not in after


def test_withdrawing_twice_is_refused(client, enrollment):
    url = status_url(enrollment)
    assert client.post(url).status_code == 302
    again = client.post(url)
    assert again.status_code == 409
    assert "tidak bisa diundurkan lagi" in again.content.decode()
    assert Enrollment.objects.get().status == Status.WITHDRAWN


@pytest.mark.parametrize("status", [Status.REJECTED, Status.IN_TRAINING, Status.GRADUATED])
def test_no_withdrawal_once_the_status_forbids_it(client, enrollment, status):
    Enrollment.objects.filter(pk=enrollment.pk).update(status=status)
    url = status_url(enrollment)
    assert "Mundur dari pelatihan" not in client.get(url).content.decode()
    assert client.post(url).status_code == 409
    assert Enrollment.objects.get().status == status


def test_the_manager_sees_the_withdrawal(client, manager_a, institution_a):
    program = factories.TrainingProgramFactory(institution=institution_a)
    enrollment = factories.EnrollmentFactory(
        program=program, trainee=factories.TraineeFactory(full_name="Rina Mundur")
    )
    client.post(status_url(enrollment))
    client.force_login(manager_a)
    html = client.get(reverse("manager:program-detail", args=[program.pk])).content.decode()
    assert "Rina Mundur" in html
    assert "Mengundurkan diri" in html


@pytest.mark.parametrize("changes", [2, 12])
def test_the_page_costs_the_same_queries_however_long_the_history(
    client, enrollment, django_assert_max_num_queries, changes
):
    for _change in range(changes):
        enrollment.note = f"catatan {_change}"
        enrollment.save()
        factories.EnrollmentFactory(program=enrollment.program)
    with django_assert_max_num_queries(STATUS_QUERIES):
        assert client.get(status_url(enrollment)).status_code == 200


# The status check --------------------------------------------------------------------------


def test_the_right_code_and_birth_date_open_the_personal_page(client, enrollment):
    response = check(client, enrollment.reference_code, BIRTH_DATE)
    assert response.status_code == 302
    assert application_opened_by(response["Location"]) == enrollment


def test_the_code_may_be_typed_loosely(client, enrollment):
    loose = enrollment.reference_code.removeprefix("FKB-").lower()
    response = check(client, f" {loose[:4]} {loose[4:]} ", BIRTH_DATE)
    assert application_opened_by(response["Location"]) == enrollment


def test_a_wrong_pair_gets_the_same_neutral_page_whether_the_code_exists_or_not(client, enrollment):
    wrong_birth_date = check(client, enrollment.reference_code, BIRTH_DATE.replace(day=15))
    unknown_code = check(client, "FKB-ZZZZZZZZ", BIRTH_DATE)
    assert wrong_birth_date.status_code == unknown_code.status_code == 200
    assert NEUTRAL in wrong_birth_date.content.decode()
    assert without_csrf(wrong_birth_date.content.decode()) == without_csrf(
        unknown_code.content.decode()
    )
    assert enrollment.reference_code not in wrong_birth_date.content.decode()


def test_a_missing_field_is_a_form_error_with_its_summary(client):
    response = client.post(reverse("applications:check"), {"reference_code": "FKB-AAAAAAAA"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'href="#id_birth_date"' in html


def test_the_check_costs_one_query_whether_the_code_exists_or_not(
    client, enrollment, django_assert_num_queries
):
    check(client, "FKB-ZZZZZZZZ", BIRTH_DATE)  # the footer's contact, read once, then cached
    for code in (enrollment.reference_code, "FKB-ZZZZZZZZ"):
        with django_assert_num_queries(CHECK_QUERIES):
            check(client, code, BIRTH_DATE.replace(day=1))


def test_too_many_checks_from_one_address_get_a_429_page(client, enrollment, monkeypatch):
    monkeypatch.setattr(views, "CHECK_RATE_PER_IP", "3/h")
    for _attempt in range(3):
        assert check(client, "FKB-ZZZZZZZZ", BIRTH_DATE).status_code == 200
    refused = check(client, enrollment.reference_code, BIRTH_DATE)
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan dari jaringan Anda" in refused.content.decode()
    other_address = check(client, enrollment.reference_code, BIRTH_DATE, REMOTE_ADDR="10.9.8.7")
    assert other_address.status_code == 302


def test_the_check_page_is_linked_from_the_program_page(client, enrollment):
    html = client.get(enrollment.program.get_absolute_url()).content.decode()
    assert f'href="{reverse("applications:check")}"' in html
    assert "Sudah mendaftar? Cek status" in html


# Search engines ----------------------------------------------------------------------------


def test_personal_pages_are_kept_out_of_search_engines(client, enrollment):
    robots = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /pendaftaran/" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/pendaftaran/" not in sitemap


def test_the_token_names_no_person(enrollment):
    token = status_links.status_token(enrollment)
    payload = signing.b64_decode(token.split(":")[0].encode()).decode()
    assert payload == f'[{enrollment.pk},"{enrollment.reference_code}"]'
    assert today() <= status_links.expires_on(enrollment)
