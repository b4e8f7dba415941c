import datetime
import logging
import re

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from institutions import forms
from institutions.models import District, Gender, Village
from tests import factories
from tests.dates import today
from tests.trainings.personal_links import application_opened_by
from trainings import services, tasks
from trainings.models import Enrollment, Trainee, TrainingProgram
from trainings.validators import compose_nik
from trainings.views import public as views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

Status = TrainingProgram.Status
BIRTH_DATE = datetime.date(2000, 5, 17)
NIK = compose_nik("360301", BIRTH_DATE, Gender.FEMALE, 77)


@pytest.fixture
def program():
    start = today() + datetime.timedelta(days=30)
    return factories.TrainingProgramFactory(
        title="Menjahit Busana Muslim",
        start_date=start,
        registration_closes=start - datetime.timedelta(days=7),
        quota=2,
    )


def form_data(**changes) -> dict:
    """A valid application from a woman of Desa Cangkudu, Kecamatan Balaraja."""
    village = Village.objects.get(code="36.03.01.2003")
    data = {
        "nik": NIK,
        "full_name": "Siti Aminah",
        "gender": Gender.FEMALE,
        "birth_date": BIRTH_DATE.isoformat(),
        "phone": "0812-3456-7890",
        "email": "siti@example.test",
        "address": "Kp. Melati RT 01/02",
        "regency": "36.03",
        "district": village.district_id,
        "village": village.pk,
        "education": "sma",
        "occupation": "tidak_bekerja",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def trainee_data(**changes) -> dict:
    """What the form hands the service."""
    village = Village.objects.get(code="36.03.01.2003")
    return {
        "nik": NIK,
        "full_name": "Siti Aminah",
        "gender": Gender.FEMALE,
        "birth_date": BIRTH_DATE,
        "phone": "+6281234567890",
        "email": "siti@example.test",
        "address": "Kp. Melati RT 01/02",
        "district": village.district,
        "village": village,
        "education": "sma",
        "occupation": "tidak_bekerja",
        **changes,
    }


def apply_url(made) -> str:
    return reverse("trainings:enrollment-apply", kwargs={"slug": made.slug})


def applied_url(made) -> str:
    return reverse("trainings:enrollment-applied", kwargs={"slug": made.slug})


def post(client, made, **changes):
    return client.post(apply_url(made), form_data(**changes))


def form_errors(response) -> dict:
    return response.context["form"].errors


# A successful application ----------------------------------------------------------------


def test_application_is_stored_waiting_for_the_manager(client, program):
    response = post(client, program)
    assert response.status_code == 302
    assert response["Location"] == applied_url(program)
    enrollment = Enrollment.objects.get()
    assert enrollment.program == program
    assert enrollment.status == Enrollment.Status.APPLIED
    trainee = enrollment.trainee
    assert (trainee.nik, trainee.full_name, trainee.birth_date) == (NIK, "Siti Aminah", BIRTH_DATE)
    assert trainee.phone == "+6281234567890"
    assert trainee.village.code == "36.03.01.2003"


def test_nik_typed_with_spaces_is_accepted(client, program):
    spaced = " ".join(NIK[i : i + 4] for i in range(0, 16, 4))
    assert post(client, program, nik=spaced).status_code == 302
    assert Trainee.objects.get().nik == NIK


def test_confirmation_page_shows_the_reference_code_and_no_personal_data(client, program):
    response = client.get(post(client, program)["Location"])
    html = response.content.decode()
    code = Enrollment.objects.get().reference_code
    assert code in html
    assert program.title in html
    for private in (NIK, "Siti Aminah", "siti@example.test", "81234567890"):
        assert private not in html
    assert "no-cache" in response["Cache-Control"]


def test_confirmation_page_without_an_application_goes_back_to_the_program(client, program):
    response = client.get(applied_url(program))
    assert response.status_code == 302
    assert response["Location"] == program.get_absolute_url()


def test_confirmation_page_of_another_program_shows_no_code(client, program):
    post(client, program)
    other = factories.TrainingProgramFactory()
    response = client.get(applied_url(other))
    assert response.status_code == 302
    assert response["Location"] == other.get_absolute_url()


def test_confirmation_email_is_sent_after_commit(
    client, program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post(client, program)
    assert len(callbacks) == 1
    [message] = mail.outbox
    code = Enrollment.objects.get().reference_code
    assert message.to == ["siti@example.test"]
    assert message.subject == f"Pendaftaran diterima: Menjahit Busana Muslim ({code})"
    assert code in message.body
    assert "Halo Siti Aminah," in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert code in html
    for text in (message.subject, message.body, html):
        assert NIK not in text
        assert "81234567890" not in text


def test_no_email_is_queued_when_the_application_fails(
    client, program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post(client, program, consent=None)
    assert callbacks == []
    assert mail.outbox == []


# Input errors: a clear message, nothing stored -------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nik": "12345"}, "nik", "NIK harus terdiri dari 16 angka."),
        ({"nik": "36030157000A0077"}, "nik", "NIK harus terdiri dari 16 angka."),
        (
            {"nik": f"369999{NIK[6:]}"},
            "nik",
            "Empat angka pertama NIK bukan kode kabupaten/kota yang terdaftar di Kemendagri.",
        ),
        (
            {"nik": f"360399{NIK[6:]}"},
            "nik",
            "Enam angka pertama NIK bukan kode kecamatan yang terdaftar di Kemendagri.",
        ),
        ({"nik": f"{NIK[:12]}0000"}, "nik", "Empat angka terakhir NIK tidak boleh 0000."),
        ({"birth_date": "2000-05-18"}, "birth_date", "Tanggal lahir tidak sesuai dengan NIK."),
        ({"gender": Gender.MALE}, "gender", "Jenis kelamin tidak sesuai dengan NIK"),
        ({"phone": "021-5555-1234"}, "phone", "Nomor HP tidak valid."),
        ({"email": "bukan-email"}, "email", "alamat email yang valid"),
        ({"consent": None}, "consent", "Anda perlu menyetujui pemrosesan data pribadi"),
        ({"full_name": ""}, "full_name", "tidak boleh kosong"),
        ({"village": ""}, "village", "tidak boleh kosong"),
        (
            {"full_name": '=HYPERLINK("http://evil.example/","Klik")'},
            "full_name",
            "Isian ini tidak boleh diawali tanda =, +, -, atau @.",
        ),
        ({"address": "=1+1"}, "address", "Isian ini tidak boleh diawali tanda =, +, -, atau @."),
        ({"full_name": "Siti <b>Aminah</b>"}, "full_name", "tidak boleh memuat tanda < atau >"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client, program, changes, field, message
):
    response = post(client, program, **changes)
    assert response.status_code == 200
    assert any(message in error for error in form_errors(response)[field]), form_errors(response)
    assert not Trainee.objects.exists()
    assert not Enrollment.objects.exists()


def test_desa_must_lie_in_the_chosen_kecamatan(client, program):
    balaraja_village = Village.objects.get(code="36.03.01.2003")
    tigaraksa = District.objects.get(code="36.03.03")
    response = post(client, program, district=tigaraksa.pk, village=balaraja_village.pk)
    assert "tidak berada di Kecamatan Tigaraksa" in form_errors(response)["village"][0]
    assert not Enrollment.objects.exists()


def test_applicant_from_kota_tangerang_selatan_applies_without_a_desa(client, program):
    ciputat = District.objects.get(code="36.74.04")
    response = post(client, program, regency="36.74", district=ciputat.pk, village="")
    assert response.status_code == 302, form_errors(response)
    trainee = Enrollment.objects.select_related("trainee").get(program=program).trainee
    assert (trainee.district, trainee.village) == (ciputat, None)
    # Migrants keep the NIK of their home region: Balaraja's here.
    assert trainee.nik == NIK


def test_no_desa_is_kept_outside_kabupaten_tangerang(client, program):
    ciputat = District.objects.get(code="36.74.04")
    response = post(client, program, regency="36.74", district=ciputat.pk)
    assert response.status_code == 302, form_errors(response)
    assert Trainee.objects.get().village is None


def test_kecamatan_must_lie_in_the_chosen_kabupaten_kota(client, program):
    response = post(client, program, regency="36.74")
    assert form_errors(response)["district"] == [
        "Kecamatan Balaraja tidak berada di Kota Tangerang Selatan."
    ]
    assert not Enrollment.objects.exists()


def test_desa_is_required_in_kabupaten_tangerang(client, program):
    response = post(client, program, village="")
    assert "village" in form_errors(response)
    assert not Enrollment.objects.exists()


def test_a_post_without_kabupaten_kota_takes_the_kecamatans(client, program):
    """A page opened before the kabupaten/kota was asked still sends a valid application."""
    response = post(client, program, regency=None)
    assert response.status_code == 302, form_errors(response)
    assert Trainee.objects.get().district.code == "36.03.01"


def test_form_offers_kabupaten_tangerang_first_and_no_desa_before_a_kecamatan(client, program):
    response = client.get(apply_url(program))
    form = response.context["form"]
    province, regencies = list(form.fields["regency"].choices)[1]
    assert province == "Banten"
    assert [name for _code, name in regencies[:2]] == ["Kabupaten Tangerang", "Kabupaten Lebak"]
    assert form["regency"].value() == "36.03"
    tangerang = District.objects.filter(regency__code="36.03")
    assert len(form.fields["district"].choices) == 1 + tangerang.count()
    assert list(form.fields["village"].choices) == [("", "Pilih kecamatan dahulu")]
    html = response.content.decode()
    # Neither a desa nor the kecamatan of another kabupaten/kota weigh on the page.
    assert "Cangkudu" not in html
    assert "Bakongan" not in html


def test_show_button_lists_the_kecamatan_of_the_new_choice_and_stores_nothing(
    client, program, monkeypatch
):
    """Without JavaScript, the button posts the form back: the kecamatan of Kota Tangerang
    Selatan are listed, what was typed stays, and nothing is checked, stored or counted."""
    data = form_data(regency="36.74", district="", village="", nik="")
    data[forms.REGION_REFRESH] = "1"
    monkeypatch.setattr(views, "APPLY_RATE_PER_IP", "2/h")
    for _attempt in range(3):
        response = client.post(apply_url(program), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.errors
    assert [name for _pk, name in form.fields["district"].choices][1:3] == [
        "Ciputat",
        "Ciputat Timur",
    ]
    assert 'value="Siti Aminah"' in response.content.decode()
    assert not Trainee.objects.exists()


def test_show_button_lists_the_desa_of_the_chosen_kecamatan(client, program):
    balaraja = District.objects.get(code="36.03.01")
    data = {"regency": "36.03", "district": balaraja.pk, forms.REGION_REFRESH: "1"}
    form = client.post(apply_url(program), data).context["form"]
    villages = [name for _pk, name in form.fields["village"].choices][1:]
    assert "Cangkudu" in villages
    assert len(villages) == balaraja.villages.count()


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"min_age": 30}, "Usia minimal peserta program ini 30 tahun."),
        ({"max_age": 20}, "Usia maksimal peserta program ini 20 tahun."),
    ],
)
def test_age_limits_of_the_program_are_enforced(client, program, limits, message):
    TrainingProgram.objects.filter(pk=program.pk).update(**limits)
    response = post(client, program)
    assert form_errors(response)["birth_date"] == [message]
    assert not Enrollment.objects.exists()


# One application per person --------------------------------------------------------------


def test_second_application_to_the_same_program_says_so_and_changes_nothing(client, program):
    post(client, program)
    enrollment = Enrollment.objects.get()
    response = post(client, program, phone="0857-1111-2222")
    assert response.status_code == 200
    assert "sudah terdaftar di program ini" in form_errors(response)["__all__"][0]
    assert list(Enrollment.objects.all()) == [enrollment]
    assert Trainee.objects.get().phone == "+6281234567890"


def test_known_person_applying_again_updates_contact_details(client, program):
    known = factories.TraineeFactory(
        nik=NIK,
        full_name="Siti Aminah",
        birth_date=BIRTH_DATE,
        gender=Gender.FEMALE,
        phone="+6285700000000",
    )
    assert post(client, program, full_name="  siti   AMINAH ").status_code == 302
    known.refresh_from_db()
    assert known.phone == "+6281234567890"
    assert known.full_name == "Siti Aminah"
    assert known.address == "Kp. Melati RT 01/02"
    assert Enrollment.objects.get().trainee == known


def test_nik_of_a_different_person_is_refused_without_saying_what_differs(client, program):
    known = factories.TraineeFactory(
        nik=NIK, full_name="Dewi Lestari", birth_date=BIRTH_DATE, gender=Gender.FEMALE
    )
    response = post(client, program)
    [message] = form_errors(response)["nik"]
    assert "nama, tanggal lahir, atau jenis kelamin yang berbeda" in message
    assert "Dewi" not in response.content.decode()
    known.refresh_from_db()
    assert (known.full_name, known.phone) == ("Dewi Lestari", "+6281234567890")
    assert known.address == "Kp. Contoh RT 01/02"
    assert not Enrollment.objects.exists()


# Programs that refuse --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": Status.CLOSED}, "Pendaftaran program ini tidak sedang dibuka."),
        ({"status": Status.PUBLISHED}, "Pendaftaran program ini tidak sedang dibuka."),
        ({"registration_closes": today() - datetime.timedelta(days=1)}, "sudah lewat"),
    ],
)
def test_program_not_taking_applications_refuses(client, program, fields, message):
    TrainingProgram.objects.filter(pk=program.pk).update(**fields)
    response = post(client, program)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert not Trainee.objects.exists()


def test_full_program_refuses(client, program):
    factories.EnrollmentFactory.create_batch(2, program=program, status=Enrollment.Status.ACCEPTED)
    response = post(client, program)
    assert response.status_code == 409
    assert "Kuota program ini sudah penuh." in response.content.decode()
    assert Enrollment.objects.count() == 2


def test_pending_applications_do_not_fill_the_quota(client, program):
    factories.EnrollmentFactory.create_batch(5, program=program, status=Enrollment.Status.APPLIED)
    assert post(client, program).status_code == 302


@pytest.mark.parametrize("fields", [{"status": Status.DRAFT}, {"status": Status.CANCELLED}])
def test_unpublished_program_is_not_found(client, program, fields):
    TrainingProgram.objects.filter(pk=program.pk).update(**fields)
    assert post(client, program).status_code == 404
    assert not Trainee.objects.exists()


# Spam ------------------------------------------------------------------------------------


def test_filled_honeypot_is_refused_silently(client, program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, program, website="http://spam.example")
    assert response.status_code == 302
    assert not Trainee.objects.exists()
    assert mail.outbox == []
    follow = client.get(response["Location"])
    assert follow["Location"] == program.get_absolute_url()


def test_too_many_posts_from_one_address_get_a_429_page(client, program, monkeypatch):
    monkeypatch.setattr(views, "APPLY_RATE_PER_IP", "2/h")
    for _attempt in range(2):
        assert post(client, program, consent=None).status_code == 200
    response = post(client, program)
    assert response.status_code == 429
    assert "Terlalu banyak formulir pendaftaran" in response.content.decode()
    assert not Enrollment.objects.exists()
    other_address = client.post(apply_url(program), form_data(), REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302


def test_too_many_attempts_with_one_nik_get_a_form_error(client, program, monkeypatch):
    monkeypatch.setattr(views, "APPLY_RATE_PER_NIK", "2/h")
    factories.TraineeFactory(nik=NIK, full_name="Dewi Lestari", birth_date=BIRTH_DATE)
    for address in ("10.0.0.1", "10.0.0.2"):
        client.post(apply_url(program), form_data(), REMOTE_ADDR=address)
    response = client.post(apply_url(program), form_data(), REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan pendaftaran dengan NIK ini" in form_errors(response)["nik"][0]
    other_nik = compose_nik("360301", BIRTH_DATE, Gender.FEMALE, 78)
    assert post(client, program, nik=other_nik).status_code == 302


# The service and the task ----------------------------------------------------------------


def test_service_refuses_a_full_program_under_its_lock(program):
    factories.EnrollmentFactory.create_batch(2, program=program, status=Enrollment.Status.ACCEPTED)
    with pytest.raises(ValidationError) as refused:
        services.enrollment_apply(program=program, trainee_data=trainee_data())
    assert refused.value.messages == ["Kuota program ini sudah penuh."]
    assert not Trainee.objects.filter(nik=NIK).exists()
    assert program.enrollments.count() == 2


def test_service_reads_the_program_afresh(program):
    """A program object fetched before the manager closed registration must not slip through."""
    TrainingProgram.objects.filter(pk=program.pk).update(status=Status.CLOSED)
    with pytest.raises(ValidationError):
        services.enrollment_apply(program=program, trainee_data=trainee_data())


def test_task_sends_once_however_often_it_runs(program):
    enrollment = services.enrollment_apply(program=program, trainee_data=trainee_data())
    mail.outbox.clear()
    assert tasks.send_application_confirmation.delay(enrollment.pk).get() is True
    assert tasks.send_application_confirmation.delay(enrollment.pk).get() is False
    assert len(mail.outbox) == 1


def test_task_asks_for_a_retry_when_the_mail_server_fails_and_the_retry_sends(program, monkeypatch):
    enrollment = factories.EnrollmentFactory(program=program)
    real_send = EmailMultiAlternatives.send
    attempts = []

    def send_failing_once(message, *args, **kwargs):
        attempts.append(message)
        if len(attempts) == 1:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_failing_once)
    with pytest.raises(Retry):
        tasks.send_application_confirmation.delay(enrollment.pk)
    assert mail.outbox == []
    # What the worker does later with the retry:
    assert tasks.send_application_confirmation.delay(enrollment.pk).get() is True
    assert len(attempts) == 2
    assert len(mail.outbox) == 1


def test_task_sends_nothing_without_an_address(program):
    enrollment = factories.EnrollmentFactory(
        program=program, trainee=factories.TraineeFactory(email="")
    )
    assert services.enrollment_send_confirmation(enrollment_id=enrollment.pk) is False
    assert mail.outbox == []


def test_task_for_a_deleted_enrollment_does_nothing():
    assert tasks.send_application_confirmation.delay(987654).get() is False
    assert mail.outbox == []


def test_task_logs_no_personal_data(program, caplog):
    enrollment = factories.EnrollmentFactory(program=program)
    with caplog.at_level(logging.INFO, logger="trainings.tasks"):
        tasks.send_application_confirmation.delay(enrollment.pk).get()
    assert f"enrollment {enrollment.pk}: sent" in caplog.text
    for private in (enrollment.trainee.nik, enrollment.trainee.email, enrollment.trainee.phone):
        assert private not in caplog.text


# The error summary and the applicant's link ------------------------------------------------


def test_a_missing_consent_is_summed_up_at_the_top_of_the_form(client, program):
    response = post(client, program, consent=None, full_name="")
    html = response.content.decode()
    summary = re.search(r"<div[^>]*data-error-summary[^>]*>.*?</div>", html, re.DOTALL)
    assert summary, "no error summary"
    opening = summary.group().split(">", 1)[0]
    assert 'role="alert"' in opening
    assert 'tabindex="-1"' in opening
    assert "Ada 2 hal yang perlu diperbaiki" in summary.group()
    assert 'href="#id_consent"' in summary.group()
    assert 'href="#id_full_name"' in summary.group()
    assert "Anda perlu menyetujui pemrosesan data pribadi" in summary.group()
    # The summary opens the form, before its first field, and the links have their targets.
    form_start = html.index('id="application-form"')
    assert form_start < summary.start() < html.index('id="id_nik"')
    assert 'id="id_consent"' in html
    assert "js/error_summary.js" in html


def test_a_radio_list_error_links_to_its_first_option(client, program):
    html = post(client, program, gender=None).content.decode()
    assert 'href="#id_gender_0"' in html
    assert 'id="id_gender_0"' in html


def test_an_error_of_the_whole_form_is_in_the_summary(client, program):
    post(client, program)
    html = client.post(apply_url(program), form_data(), REMOTE_ADDR="10.0.0.9").content.decode()
    summary = html[html.index("data-error-summary") :]
    assert "pendaftaran cukup sekali" in summary[: summary.index("</div>")]


def test_a_valid_form_has_no_summary(client, program):
    assert "data-error-summary" not in client.get(apply_url(program)).content.decode()


def test_the_confirmation_page_links_to_the_personal_page_and_the_check(client, program):
    html = client.get(post(client, program)["Location"]).content.decode()
    [personal_link] = re.findall(r'href="(/pendaftaran/[^/"]+/)"', html)
    assert application_opened_by(personal_link) == Enrollment.objects.get()
    assert f'href="{reverse("applications:check")}"' in html


def test_the_link_in_the_confirmation_email_opens_the_personal_page(
    client, program, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "https://fkblkk.example"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, program)
    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    links = re.findall(r"https://fkblkk\.example(/pendaftaran/[^/\s\"]+/)", message.body)
    assert len(links) == 1
    assert f'href="https://fkblkk.example{links[0]}"' in html
    assert "https://fkblkk.example/pendaftaran/" in message.body.replace(links[0], "")
    page = client.get(links[0])
    assert page.status_code == 200
    assert "Siti Aminah" in page.content.decode()
    assert "Mendaftar" in page.content.decode()
