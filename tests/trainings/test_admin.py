import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories
from tests.dates import days
from trainings.models import Enrollment, TrainingProgram

Status = TrainingProgram.Status
CHANGELIST = reverse("admin:trainings_trainingprogram_changelist")


@pytest.fixture
def admin_client(client, secretariat):
    client.force_login(secretariat)
    return client


def run_action(client, changelist, action, objects):
    response = client.post(
        changelist,
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )
    assert response.status_code == 200
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_program_action_moves_allowed_programs_and_explains_refusals(admin_client):
    draft = factories.TrainingProgramFactory(status=Status.DRAFT)
    running = factories.TrainingProgramFactory(status=Status.RUNNING, title="Las Angkatan 3")

    messages = run_action(admin_client, CHANGELIST, "publish", [draft, running])

    draft.refresh_from_db()
    running.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert running.status == Status.RUNNING
    assert "Las Angkatan 3: Tidak bisa umumkan: statusnya sekarang sedang berjalan." in messages
    assert "Umumkan: 1 program pelatihan berhasil." in messages


def test_opening_registration_after_the_deadline_is_refused_with_a_message(admin_client):
    past = days(-3)
    program = factories.TrainingProgramFactory(
        status=Status.DRAFT, registration_closes=past, start_date=past, end_date=past
    )

    messages = run_action(admin_client, CHANGELIST, "open_registration", [program])

    program.refresh_from_db()
    assert program.status == Status.DRAFT
    assert any("Batas pendaftaran sudah lewat" in message for message in messages)


def test_every_program_transition_is_offered_as_an_action(admin_client):
    html = admin_client.get(CHANGELIST).content.decode()

    for name, (label, _sources, _target) in TrainingProgram.TRANSITIONS.items():
        assert f'value="{name}"' in html
        assert str(label) in html


def test_enrollment_action_accepts_until_the_quota_is_full(admin_client):
    program = factories.TrainingProgramFactory(quota=1)
    first, second = factories.EnrollmentFactory.create_batch(2, program=program)

    messages = run_action(
        admin_client, reverse("admin:trainings_enrollment_changelist"), "accept", [first, second]
    )

    statuses = sorted(Enrollment.objects.values_list("status", flat=True))
    assert statuses == sorted([Enrollment.Status.ACCEPTED, Enrollment.Status.APPLIED])
    assert any("Kuota program ini sudah penuh." in message for message in messages)


def test_list_pages_show_the_nik_masked_and_only_the_trainee_page_shows_it_whole(admin_client):
    enrollment = factories.EnrollmentFactory()
    trainee = enrollment.trainee
    pages = {
        "enrollments": reverse("admin:trainings_enrollment_changelist"),
        "trainees": reverse("admin:trainings_trainee_changelist"),
        "program": reverse("admin:trainings_trainingprogram_change", args=[enrollment.program_id]),
    }

    for url in pages.values():
        html = admin_client.get(url).content.decode()
        assert trainee.masked_nik in html, url
        assert trainee.nik not in html, url
    trainee_page = reverse("admin:trainings_trainee_change", args=[trainee.pk])
    assert trainee.nik in admin_client.get(trainee_page).content.decode()


def test_trainee_is_found_by_exact_nik_only(admin_client):
    trainee = factories.TraineeFactory(full_name="Siti Aminah")
    changelist = reverse("admin:trainings_trainee_changelist")

    exact = admin_client.get(changelist, {"q": trainee.nik}).content.decode()
    partial = admin_client.get(changelist, {"q": trainee.nik[:8]}).content.decode()

    assert "Siti Aminah" in exact
    assert "Siti Aminah" not in partial


def test_trainee_admin_refuses_a_nik_outside_kemendagri_regions_naming_the_part(admin_client):
    trainee = factories.TraineeFactory()
    data = {
        **{field: getattr(trainee, field) for field in ("full_name", "gender", "phone")},
        "nik": f"369999{trainee.nik[6:]}",
        "birth_date": trainee.birth_date.isoformat(),
        "address": trainee.address,
        "district": trainee.district_id,
        "education": trainee.education,
        "occupation": trainee.occupation,
    }

    response = admin_client.post(reverse("admin:trainings_trainee_change", args=[trainee.pk]), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["nik"] == [
        "Empat angka pertama NIK bukan kode kabupaten/kota yang terdaftar di Kemendagri."
    ]
    trainee.refresh_from_db()
    assert trainee.nik.startswith("360301")


def test_program_year_filter_keeps_programs_starting_that_year(admin_client):
    factories.TrainingProgramFactory(
        title="Angkatan Lama",
        start_date=datetime.date(2023, 3, 1),
        end_date=datetime.date(2023, 3, 20),
        registration_closes=datetime.date(2023, 2, 20),
    )
    factories.TrainingProgramFactory(title="Angkatan Baru")

    html = admin_client.get(CHANGELIST, {"tahun": "2023"}).content.decode()

    assert "Angkatan Lama" in html
    assert "Angkatan Baru" not in html
    assert "?tahun=2024" in html  # every year from the first program to the last is offered


def test_enrollment_year_filter_reads_the_programs_start(admin_client):
    old_program = factories.TrainingProgramFactory(
        start_date=datetime.date(2022, 3, 1),
        end_date=datetime.date(2022, 3, 20),
        registration_closes=datetime.date(2022, 2, 20),
    )
    old = factories.EnrollmentFactory(program=old_program)
    factories.EnrollmentFactory()
    changelist = reverse("admin:trainings_enrollment_changelist")

    response = admin_client.get(changelist, {"tahun": "2022"})

    assert list(response.context["cl"].result_list) == [old]
