"""A program's results table: every participant's outcome and certificates, saved at once."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories
from tests.dates import days
from tests.formsets import formset_post
from trainings.models import Enrollment, TrainingProgram

Status = Enrollment.Status
Result = Enrollment.CompetencyResult


@pytest.fixture
def manager_client(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def results_url(program) -> str:
    return reverse("manager:program-results", kwargs={"pk": program.pk})


def table_post(client, program, changes: dict, query: str = ""):
    """Posts the table as shown, with ``changes`` ({enrollment: {field: value}}) typed in."""
    formset = client.get(results_url(program)).context["formset"]
    by_pk = {enrollment.pk: fields for enrollment, fields in changes.items()}
    by_row = {index: by_pk.get(form.instance.pk, {}) for index, form in enumerate(formset)}
    return client.post(results_url(program) + query, formset_post(formset, by_row))


@pytest.fixture
def class_(manager_world):
    program = manager_world.running_program
    return {
        "ani": factories.EnrollmentFactory(program=program, status=Status.IN_TRAINING),
        "budi": factories.EnrollmentFactory(program=program, status=Status.IN_TRAINING),
        "citra": factories.GraduateFactory(
            program=program,
            competency_result=Result.NOT_ASSESSED,
            training_certificate_number="",
            completed_on=program.start_date,
        ),
    }


def fresh(enrollment) -> Enrollment:
    return Enrollment.objects.get(pk=enrollment.pk)


def test_table_lists_participants_in_training_and_graduates_only(
    manager_client, manager_world, class_
):
    program = manager_world.running_program
    accepted = factories.EnrollmentFactory(program=program, status=Status.ACCEPTED)

    response = manager_client.get(results_url(program))

    shown = {form.instance for form in response.context["formset"]}
    assert shown == set(class_.values())
    assert accepted.trainee.full_name not in response.content.decode()


@pytest.mark.parametrize("rows", [2, 12])
def test_table_query_count_does_not_grow(
    manager_client, manager_world, django_assert_max_num_queries, rows
):
    program = manager_world.running_program
    factories.EnrollmentFactory.create_batch(rows, program=program, status=Status.IN_TRAINING)

    with django_assert_max_num_queries(10):
        response = manager_client.get(results_url(program))

    assert response.status_code == 200


def test_saving_the_table_records_every_row_at_once(manager_client, manager_world, class_):
    response = table_post(
        manager_client,
        manager_world.running_program,
        {
            class_["ani"]: {
                "outcome": Status.GRADUATED,
                "competency_result": Result.COMPETENT,
                "training_certificate_number": "SP-001",
            },
            class_["budi"]: {
                "outcome": Status.DROPPED_OUT,
                "competency_result": Result.NOT_YET_COMPETENT,
            },
            class_["citra"]: {
                "competency_result": Result.COMPETENT,
                "training_certificate_number": "SP-002",
            },
        },
    )

    assert response.status_code == 302
    ani, budi, citra = (fresh(class_[name]) for name in ("ani", "budi", "citra"))
    assert (ani.status, ani.competency_result, ani.training_certificate_number) == (
        Status.GRADUATED,
        Result.COMPETENT,
        "SP-001",
    )
    assert (budi.status, budi.competency_result) == (Status.DROPPED_OUT, Result.NOT_YET_COMPETENT)
    assert (citra.status, citra.competency_result, citra.training_certificate_number) == (
        Status.GRADUATED,
        Result.COMPETENT,
        "SP-002",
    )


def test_one_bad_row_saves_nothing_and_is_marked(manager_client, manager_world, class_):
    response = table_post(
        manager_client,
        manager_world.running_program,
        {
            class_["ani"]: {
                "outcome": Status.GRADUATED,
                "competency_result": Result.COMPETENT,
                "training_certificate_number": "SP-001",
            },
            # The same number twice in one BLKK.
            class_["citra"]: {"training_certificate_number": "SP-001"},
            # A certificate without graduating.
            class_["budi"]: {"training_certificate_number": "SP-003"},
        },
    )

    assert response.status_code == 200
    errors = {form.instance.pk: form.non_field_errors() for form in response.context["formset"]}
    assert "sudah dipakai peserta lain" in str(errors[class_["citra"].pk])
    assert "hanya dicatat saat meluluskan peserta" in str(errors[class_["budi"].pk])
    assert not errors[class_["ani"].pk]
    assert fresh(class_["ani"]).status == Status.IN_TRAINING
    assert fresh(class_["citra"]).training_certificate_number == ""
    assert "Belum ada yang disimpan" in response.content.decode()


def test_a_graduate_cannot_be_turned_into_a_drop_out(manager_client, manager_world, class_):
    response = table_post(
        manager_client,
        manager_world.running_program,
        {class_["citra"]: {"outcome": Status.DROPPED_OUT}},
    )

    assert response.status_code == 200
    assert fresh(class_["citra"]).status == Status.GRADUATED


def test_another_blkks_table_is_not_found(manager_client, manager_world):
    other = manager_world.other.program

    assert manager_client.get(results_url(other)).status_code == 404
    assert manager_client.post(results_url(other), {}).status_code == 404


def test_a_row_of_another_program_is_refused(manager_client, manager_world, class_):
    elsewhere = factories.EnrollmentFactory(
        program=manager_world.other.program, status=Status.IN_TRAINING
    )
    program = manager_world.running_program
    formset = manager_client.get(results_url(program)).context["formset"]
    prefix = formset.prefix
    data = {
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-INITIAL_FORMS": 1,
        f"{prefix}-0-id": elsewhere.pk,
        f"{prefix}-0-outcome": Status.GRADUATED,
        f"{prefix}-0-competency_result": Result.COMPETENT,
    }

    response = manager_client.post(results_url(program), data)

    assert response.status_code == 404
    assert fresh(elsewhere).status == Status.IN_TRAINING


def test_saving_returns_to_the_page_it_was_opened_from(manager_client, manager_world, class_):
    monthly = reverse("manager:monthly-updates")

    response = table_post(
        manager_client,
        manager_world.running_program,
        {class_["citra"]: {"competency_result": Result.COMPETENT}},
        query=f"?next={monthly}",
    )

    assert response.status_code == 302 and response["Location"] == monthly


def ended_class(institution, *, participants: int = 2):
    program = factories.TrainingProgramFactory(
        institution=institution,
        status=TrainingProgram.Status.RUNNING,
        start_date=days(-40),
        end_date=days(-3),
        registration_closes=days(-50),
    )
    factories.EnrollmentFactory.create_batch(
        participants, program=program, status=Status.IN_TRAINING
    )
    return program


GRADUATED = {"outcome": Status.GRADUATED, "competency_result": Result.COMPETENT}


def test_an_ended_program_is_completed_once_every_participant_has_a_result(
    manager_client, manager_world
):
    program = ended_class(manager_world.institution)
    ani, budi = program.enrollments.order_by("trainee__full_name", "pk")

    response = table_post(manager_client, program, {ani: GRADUATED, budi: GRADUATED})

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == TrainingProgram.Status.COMPLETED
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Semua peserta sudah ada hasilnya: program ditandai selesai." in told


def test_a_program_stays_running_while_someone_is_in_training_or_it_has_not_ended(
    manager_client, manager_world, class_
):
    ended = ended_class(manager_world.institution)
    ani, _budi_still_in_training = ended.enrollments.order_by("trainee__full_name", "pk")
    table_post(manager_client, ended, {ani: GRADUATED})
    # The running program of the world ends in ten days.
    table_post(
        manager_client,
        manager_world.running_program,
        {class_["ani"]: GRADUATED, class_["budi"]: GRADUATED},
    )

    for program in (ended, manager_world.running_program):
        program.refresh_from_db()
        assert program.status == TrainingProgram.Status.RUNNING
