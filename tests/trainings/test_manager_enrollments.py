"""A participant's next steps and results in the manager portal."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from core.dates import day_label
from institutions.models import District
from tests import factories
from trainings.models import Enrollment

Status = Enrollment.Status
Result = Enrollment.CompetencyResult


@pytest.fixture
def manager_client(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def url(enrollment) -> str:
    return reverse("manager:enrollment-update", kwargs={"pk": enrollment.pk})


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def enrollment_in(world, status, **fields):
    """A participant of the world's program that has started: results can be recorded."""
    return factories.EnrollmentFactory(program=world.running_program, status=status, **fields)


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (Status.APPLIED, {"withdraw"}),
        (Status.ACCEPTED, {"start_training", "withdraw"}),
        (Status.IN_TRAINING, {"graduate", "drop_out"}),
        (Status.GRADUATED, set()),
        (Status.REJECTED, set()),
    ],
)
def test_only_valid_moves_are_offered(manager_client, manager_world, status, moves):
    enrollment = enrollment_in(manager_world, status)

    response = manager_client.get(url(enrollment))

    assert set(response.context["moves"]) == moves
    content = response.content.decode()
    for name in ("start_training", "withdraw", "graduate", "drop_out"):
        assert (f'value="{name}"' in content) == (name in moves)


def test_graduating_with_result_and_both_certificates(manager_client, manager_world):
    enrollment = enrollment_in(manager_world, Status.IN_TRAINING)
    issued_on = manager_world.running_program.start_date

    response = manager_client.post(
        url(enrollment),
        {
            "move": "graduate",
            "competency_result": Result.COMPETENT,
            "training_certificate_number": " 012/SP/BLKK/2026 ",
            "competency_scheme": "Penjahit Pakaian Wanita",
            "competency_certificate_issuer": "LSP Garmen Indonesia",
            "competency_certificate_number": " 123/LSP/2026 ",
            "competency_certificate_date": issued_on.isoformat(),
        },
    )

    enrollment.refresh_from_db()
    assert response.status_code == 302
    assert (
        enrollment.status,
        enrollment.competency_result,
        enrollment.training_certificate_number,
        enrollment.competency_scheme,
        enrollment.competency_certificate_issuer,
        enrollment.competency_certificate_number,
        enrollment.competency_certificate_date,
    ) == (
        Status.GRADUATED,
        Result.COMPETENT,
        "012/SP/BLKK/2026",
        "Penjahit Pakaian Wanita",
        "LSP Garmen Indonesia",
        "123/LSP/2026",
        issued_on,
    )
    assert enrollment.completed_on is not None


def test_graduating_with_a_training_certificate_number_taken_keeps_what_was_typed(
    manager_client, manager_world
):
    taken = manager_world.graduate.training_certificate_number
    enrollment = enrollment_in(manager_world, Status.IN_TRAINING)

    response = manager_client.post(
        url(enrollment),
        {
            "move": "graduate",
            "competency_result": Result.COMPETENT,
            "training_certificate_number": taken,
            "competency_scheme": "Penjahit Pakaian Wanita",
        },
    )

    enrollment.refresh_from_db()
    assert response.status_code == 200
    assert response.context["move_form"].errors["training_certificate_number"] == [
        f"Nomor sertifikat pelatihan {taken} sudah dipakai peserta lain di BLKK ini."
    ]
    content = response.content.decode()
    assert f'value="{taken}"' in content
    assert 'value="Penjahit Pakaian Wanita"' in content
    assert (enrollment.status, enrollment.training_certificate_number) == (Status.IN_TRAINING, "")


def test_a_training_certificate_number_of_another_blkk_may_be_used(manager_client, manager_world):
    elsewhere = factories.GraduateFactory(program=manager_world.other.program)
    enrollment = enrollment_in(manager_world, Status.IN_TRAINING)

    manager_client.post(
        url(enrollment),
        {
            "move": "graduate",
            "competency_result": Result.COMPETENT,
            "training_certificate_number": elsewhere.training_certificate_number,
        },
    )

    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.training_certificate_number) == (
        Status.GRADUATED,
        elsewhere.training_certificate_number,
    )


def test_graduating_refuses_a_competency_certificate_without_its_date(
    manager_client, manager_world
):
    enrollment = enrollment_in(manager_world, Status.IN_TRAINING)

    response = manager_client.post(
        url(enrollment),
        {
            "move": "graduate",
            "competency_result": Result.COMPETENT,
            "competency_certificate_number": "123/LSP/2026",
        },
    )

    enrollment.refresh_from_db()
    assert response.context["move_form"].non_field_errors() == [
        "Isi nomor dan tanggal sertifikat kompetensi bersama-sama, atau kosongkan keduanya."
    ]
    assert enrollment.status == Status.IN_TRAINING


def test_dropping_out_may_carry_a_result(manager_client, manager_world):
    enrollment = enrollment_in(manager_world, Status.IN_TRAINING)

    manager_client.post(
        url(enrollment), {"move": "drop_out", "competency_result": Result.NOT_YET_COMPETENT}
    )

    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.competency_result) == (
        Status.DROPPED_OUT,
        Result.NOT_YET_COMPETENT,
    )


@pytest.mark.parametrize(
    ("move", "status"), [("start_training", Status.IN_TRAINING), ("withdraw", Status.WITHDRAWN)]
)
def test_simple_moves(manager_client, manager_world, move, status):
    enrollment = enrollment_in(manager_world, Status.ACCEPTED)
    manager_client.post(url(enrollment), {"move": move})
    enrollment.refresh_from_db()
    assert enrollment.status == status


@pytest.mark.parametrize(
    "data",
    [
        {"move": "graduate", "competency_result": Result.COMPETENT},
        {"move": "accept"},
        {"move": "fly"},
        {"move": "start_training", "training_certificate_number": "X-1"},
        {"move": "start_training", "competency_certificate_number": "X-1"},
    ],
)
def test_invalid_move_changes_nothing(manager_client, manager_world, data):
    enrollment = enrollment_in(manager_world, Status.ACCEPTED)

    response = manager_client.post(url(enrollment), data)

    enrollment.refresh_from_db()
    assert response.status_code == 200
    assert response.context["move_form"].errors
    assert (enrollment.status, enrollment.training_certificate_number) == (Status.ACCEPTED, "")


def test_correcting_a_graduate_result(manager_client, manager_world):
    graduate = manager_world.graduate

    response = manager_client.post(
        url(graduate),
        {
            "competency_result": Result.NOT_YET_COMPETENT,
            "training_certificate_number": graduate.training_certificate_number,
            "note": "Belum lulus uji ulang.",
        },
    )

    graduate.refresh_from_db()
    assert response.status_code == 302
    assert (
        graduate.competency_result,
        graduate.competency_certificate_number,
        graduate.competency_certificate_date,
        graduate.note,
    ) == (Result.NOT_YET_COMPETENT, "", None, "Belum lulus uji ulang.")


def test_a_competency_certificate_needs_the_result_kompeten(manager_client, manager_world):
    graduate = manager_world.graduate

    response = manager_client.post(
        url(graduate),
        {
            "competency_result": Result.NOT_YET_COMPETENT,
            "training_certificate_number": graduate.training_certificate_number,
            "competency_scheme": graduate.competency_scheme,
            "competency_certificate_issuer": graduate.competency_certificate_issuer,
            "competency_certificate_number": graduate.competency_certificate_number,
            "competency_certificate_date": graduate.competency_certificate_date.isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Sertifikat kompetensi hanya untuk peserta yang hasil ujinya kompeten."
    ]
    graduate.refresh_from_db()
    assert graduate.competency_result == Result.COMPETENT


@pytest.mark.parametrize(
    ("issued_on", "message"),
    [
        (-1, "Tanggal sertifikat kompetensi tidak boleh sebelum program dimulai, {start}."),
        ("tomorrow", "Tanggal sertifikat kompetensi tidak boleh melewati hari ini."),
    ],
)
def test_a_competency_certificate_date_out_of_bounds_is_refused(
    manager_client, manager_world, issued_on, message
):
    graduate = manager_world.graduate
    start = graduate.program.start_date
    if issued_on == "tomorrow":
        day = timezone.localdate() + datetime.timedelta(days=1)
    else:
        day = start + datetime.timedelta(days=issued_on)

    response = manager_client.post(
        url(graduate),
        {
            "competency_result": Result.COMPETENT,
            "competency_certificate_number": "123/LSP/2026",
            "competency_certificate_date": day.isoformat(),
        },
    )

    assert response.context["form"].errors["competency_certificate_date"] == [
        message.format(start=day_label(start))
    ]


def test_correcting_a_training_certificate_number_to_one_taken_is_refused(
    manager_client, manager_world
):
    graduate = manager_world.graduate
    taken = factories.GraduateFactory(
        program=manager_world.running_program, completed_on=timezone.localdate()
    ).training_certificate_number

    response = manager_client.post(
        url(graduate),
        {"competency_result": Result.COMPETENT, "training_certificate_number": taken},
    )

    assert response.context["form"].errors["training_certificate_number"] == [
        f"Nomor sertifikat pelatihan {taken} sudah dipakai peserta lain di BLKK ini."
    ]
    number = graduate.training_certificate_number
    graduate.refresh_from_db()
    assert graduate.training_certificate_number == number


def test_graduating_in_a_program_not_yet_started_is_refused_in_indonesian(
    manager_client, manager_world
):
    enrollment = factories.EnrollmentFactory(
        program=manager_world.program, status=Status.IN_TRAINING
    )

    response = manager_client.post(
        url(enrollment),
        {
            "move": "graduate",
            "competency_result": Result.COMPETENT,
            "training_certificate_number": "X-1",
        },
        follow=True,
    )

    enrollment.refresh_from_db()
    assert response.status_code == 200
    assert (enrollment.status, enrollment.training_certificate_number) == (Status.IN_TRAINING, "")
    assert "kelulusan dan hasil uji baru bisa dicatat sejak hari itu" in response.content.decode()


def test_certificate_for_a_drop_out_is_refused_in_indonesian(manager_client, manager_world):
    enrollment = enrollment_in(manager_world, Status.DROPPED_OUT)

    response = manager_client.post(
        url(enrollment),
        {
            "competency_result": Result.NOT_ASSESSED,
            "training_certificate_number": "X-1",
            "note": "n",
        },
    )

    enrollment.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["training_certificate_number"] == [
        "Nomor sertifikat pelatihan hanya untuk peserta yang lulus."
    ]
    assert (enrollment.training_certificate_number, enrollment.note) == ("", "")


def test_result_before_the_training_ends_is_refused(manager_client, manager_world):
    enrollment = enrollment_in(manager_world, Status.IN_TRAINING)

    response = manager_client.post(
        url(enrollment), {"competency_result": Result.COMPETENT, "note": "n"}
    )

    enrollment.refresh_from_db()
    assert response.status_code == 302
    assert "setelah peserta lulus atau tidak selesai" in messages_of(response)[0]
    assert (enrollment.competency_result, enrollment.note) == (Result.NOT_ASSESSED, "")


def test_another_blkk_enrollment_is_not_found_and_unchanged(manager_client, manager_world):
    other = enrollment_in(manager_world.other, Status.IN_TRAINING)

    assert manager_client.get(url(other)).status_code == 404
    assert manager_client.post(url(other), {"move": "graduate"}).status_code == 404
    other.refresh_from_db()
    assert other.status == Status.IN_TRAINING


def test_page_query_count(manager_client, manager_world, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        manager_client.get(url(manager_world.graduate))


def test_page_names_the_kabupaten_kota_of_a_trainee_living_outside_it(
    manager_client, manager_world
):
    trainee = manager_world.graduate.trainee
    trainee.district, trainee.village = District.objects.get(code="36.71.01"), None
    trainee.save()

    page = manager_client.get(url(manager_world.graduate)).content.decode()

    assert f"{trainee.district.name}, Kota Tangerang</dd>" in page


# The same step for several participants, from the program's page ------------------------


def move_many(client, program, enrollments, move, result="", *, confirm=True):
    data = {"enrollments": [e.pk for e in enrollments], "move": move, "competency_result": result}
    if confirm:
        data["confirm"] = "1"
    return client.post(
        reverse("manager:program-participants-move", kwargs={"pk": program.pk}), data
    )


def test_the_step_is_confirmed_first_with_everyone_it_concerns(
    manager_client, manager_world, django_assert_max_num_queries
):
    program = manager_world.running_program
    class_ = factories.EnrollmentFactory.create_batch(3, program=program, status=Status.IN_TRAINING)

    with django_assert_max_num_queries(12):
        response = move_many(
            manager_client, program, class_, "graduate", Result.COMPETENT, confirm=False
        )

    assert response.status_code == 200
    assert response.context["heading"] == "3 peserta akan diproses: Luluskan (Kompeten)"
    content = response.content.decode()
    assert all(enrollment.trainee.full_name in content for enrollment in class_)
    assert statuses(class_) == [Status.IN_TRAINING] * 3


def test_the_step_list_offers_no_change_first(manager_client, manager_world):
    page = manager_client.get(
        reverse("manager:program-detail", kwargs={"pk": manager_world.running_program.pk})
    )

    [first, *_rest] = page.context["participants_form"].fields["move"].choices
    assert first == ("", "Tanpa perubahan status")


def test_results_of_graduates_are_recorded_without_changing_their_status(
    manager_client, manager_world
):
    program = manager_world.running_program
    graduates = factories.GraduateFactory.create_batch(
        2, program=program, competency_result=Result.NOT_ASSESSED, training_certificate_number=""
    )

    response = move_many(manager_client, program, graduates, "", Result.NOT_YET_COMPETENT)

    assert "Hasil uji 2 peserta dicatat; statusnya tidak berubah." in messages_of(response)
    for enrollment in graduates:
        enrollment.refresh_from_db()
        assert (enrollment.status, enrollment.competency_result) == (
            Status.GRADUATED,
            Result.NOT_YET_COMPETENT,
        )


def test_results_without_a_status_change_are_for_graduates_only(manager_client, manager_world):
    program = manager_world.running_program
    graduate = factories.GraduateFactory(program=program, competency_result=Result.NOT_ASSESSED)
    training = factories.EnrollmentFactory(program=program, status=Status.IN_TRAINING)

    response = move_many(manager_client, program, [graduate, training], "", Result.COMPETENT)

    [text] = messages_of(response)
    assert training.trainee.full_name in text
    assert "untuk peserta yang lulus; statusnya mengikuti pelatihan" in text
    graduate.refresh_from_db()
    assert graduate.competency_result == Result.NOT_ASSESSED


def test_a_result_that_breaks_a_certificate_rule_changes_no_one(manager_client, manager_world):
    program = manager_world.running_program
    plain = factories.GraduateFactory(program=program, competency_result=Result.NOT_ASSESSED)
    certified = factories.GraduateFactory(
        program=program,
        competency_result=Result.COMPETENT,
        competency_scheme="Penjahit Pakaian Wanita",
    )

    response = move_many(manager_client, program, [plain, certified], "", Result.NOT_YET_COMPETENT)

    assert certified.trainee.full_name in messages_of(response)[0]
    assert "hasil ujinya kompeten" in messages_of(response)[0]
    plain.refresh_from_db()
    assert plain.competency_result == Result.NOT_ASSESSED


def statuses(enrollments) -> list[str]:
    return [Enrollment.objects.get(pk=e.pk).status for e in enrollments]


def test_starting_the_training_of_the_whole_class(manager_client, manager_world):
    program = manager_world.running_program
    accepted = factories.EnrollmentFactory.create_batch(3, program=program, status=Status.ACCEPTED)

    response = move_many(manager_client, program, accepted, "start_training")

    assert response.status_code == 302
    assert statuses(accepted) == [Status.IN_TRAINING] * 3
    assert "3 peserta sekarang berstatus mengikuti pelatihan." in messages_of(response)


def test_graduating_several_with_one_result(manager_client, manager_world):
    program = manager_world.running_program
    class_ = factories.EnrollmentFactory.create_batch(2, program=program, status=Status.IN_TRAINING)

    move_many(manager_client, program, class_, "graduate", Result.COMPETENT)

    for enrollment in class_:
        enrollment.refresh_from_db()
        assert (enrollment.status, enrollment.competency_result) == (
            Status.GRADUATED,
            Result.COMPETENT,
        )


def test_graduating_a_class_before_its_program_starts_changes_no_one(manager_client, manager_world):
    program = manager_world.program
    class_ = factories.EnrollmentFactory.create_batch(2, program=program, status=Status.IN_TRAINING)

    response = move_many(manager_client, program, class_, "graduate", Result.COMPETENT)

    assert response.status_code in (200, 302)
    assert statuses(class_) == [Status.IN_TRAINING, Status.IN_TRAINING]
    assert any("baru bisa dicatat" in message for message in messages_of(response))


def test_graduating_needs_a_result(manager_client, manager_world):
    program = manager_world.running_program
    class_ = factories.EnrollmentFactory.create_batch(2, program=program, status=Status.IN_TRAINING)

    response = move_many(manager_client, program, class_, "graduate")

    assert statuses(class_) == [Status.IN_TRAINING] * 2
    assert "Pilih hasil uji kompetensi" in messages_of(response)[0]


def test_one_participant_the_move_does_not_fit_refuses_all(manager_client, manager_world):
    program = manager_world.program
    accepted = factories.EnrollmentFactory(program=program, status=Status.ACCEPTED)
    batch = [accepted, manager_world.application]

    response = move_many(manager_client, program, batch, "start_training")

    assert statuses(batch) == [Status.ACCEPTED, Status.APPLIED]
    assert manager_world.application.trainee.full_name in messages_of(response)[0]


def test_participants_of_another_program_or_blkk_are_not_found(manager_client, manager_world):
    elsewhere = factories.EnrollmentFactory(
        program=manager_world.completed_program, status=Status.ACCEPTED
    )
    other_blkk = factories.EnrollmentFactory(
        program=manager_world.other.program, status=Status.ACCEPTED
    )

    for enrollment in (elsewhere, other_blkk):
        response = move_many(
            manager_client, manager_world.running_program, [enrollment], "start_training"
        )
        assert response.status_code == 404
    other_page = move_many(
        manager_client, manager_world.other.program, [other_blkk], "start_training"
    )
    assert other_page.status_code == 404
    assert statuses([elsewhere, other_blkk]) == [Status.ACCEPTED, Status.ACCEPTED]
