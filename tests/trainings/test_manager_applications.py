"""Applications in the manager portal: the list, and accepting or rejecting with an e-mail."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from tests import factories
from trainings import services
from trainings.models import Enrollment

Status = Enrollment.Status
DECIDE = "manager:application-decide"


@pytest.fixture
def manager_client(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def decide(client, enrollments, decision, message="", capture=None):
    data = {"enrollments": [e.pk for e in enrollments], "decision": decision, "message": message}
    if capture is None:
        return client.post(reverse(DECIDE), data)
    with capture(execute=True):
        return client.post(reverse(DECIDE), data)


def statuses(enrollments) -> list[str]:
    return [Enrollment.objects.get(pk=e.pk).status for e in enrollments]


# The list -------------------------------------------------------------------------------


def test_list_shows_waiting_applicants_of_the_blkk_with_contacts(manager_client, manager_world):
    accepted = factories.EnrollmentFactory(program=manager_world.program, status=Status.ACCEPTED)

    response = manager_client.get(reverse("manager:application-list"))

    content = response.content.decode()
    trainee = manager_world.application.trainee
    assert list(response.context["applications"]) == [manager_world.application]
    assert trainee.full_name in content
    assert trainee.phone in content
    assert trainee.email in content
    assert trainee.district.name in content
    assert accepted.trainee.full_name not in content
    assert manager_world.other.application.trainee.full_name not in content


def test_list_filters_by_program(manager_client, manager_world):
    program = factories.TrainingProgramFactory(institution=manager_world.institution)
    other = factories.EnrollmentFactory(program=program)
    url = reverse("manager:application-list")

    response = manager_client.get(url, {"program": program.pk})

    assert list(response.context["applications"]) == [other]
    assert (
        manager_client.get(url, {"program": manager_world.other.program.pk})
        .context["applications"]
        .count()
        == 0
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_count_does_not_grow(
    manager_client, manager_world, django_assert_max_num_queries, rows
):
    for _row in range(rows):
        factories.EnrollmentFactory(
            program=factories.TrainingProgramFactory(institution=manager_world.institution)
        )
    with django_assert_max_num_queries(9):
        response = manager_client.get(reverse("manager:application-list"))
    assert response.status_code == 200


# Deciding -------------------------------------------------------------------------------


def test_accepting_one_applicant_emails_the_decision_with_the_message(
    manager_client, manager_world, django_capture_on_commit_callbacks
):
    application = manager_world.application
    response = decide(
        manager_client,
        [application],
        "accept",
        "Harap hadir Senin pukul 08.00 membawa fotokopi KTP.",
        django_capture_on_commit_callbacks,
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == Status.ACCEPTED
    assert application.decided_on is not None
    [message] = mail.outbox
    assert message.to == [application.trainee.email]
    assert message.subject == f"Anda diterima: {application.program.title}"
    assert "DITERIMA" in message.body
    assert "Harap hadir Senin pukul 08.00" in message.body
    html = message.alternatives[0][0]
    assert "Harap hadir Senin pukul 08.00" in html
    assert application.program.title in html
    assert "1 pendaftar diterima." in messages_of(response)[0]


def test_rejecting_in_bulk_emails_each_applicant_with_an_address(
    manager_client, manager_world, django_capture_on_commit_callbacks
):
    program = manager_world.program
    without_email = factories.EnrollmentFactory(program=program, trainee__email="")
    applications = [
        manager_world.application,
        factories.EnrollmentFactory(program=program),
        without_email,
    ]

    decide(
        manager_client,
        applications,
        "reject",
        "Kuota sudah penuh.",
        django_capture_on_commit_callbacks,
    )

    assert statuses(applications) == [Status.REJECTED] * 3
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {a.trainee.email for a in applications[:2]}
    assert all(m.subject == f"Hasil seleksi: {program.title}" for m in mail.outbox)
    assert all("Kuota sudah penuh." in m.body for m in mail.outbox)


def test_accepting_more_than_the_seats_left_refuses_the_whole_batch(
    manager_client, manager_world, django_capture_on_commit_callbacks
):
    program = factories.TrainingProgramFactory(institution=manager_world.institution, quota=2)
    factories.EnrollmentFactory(program=program, status=Status.ACCEPTED)
    applications = factories.EnrollmentFactory.create_batch(2, program=program)

    response = decide(
        manager_client, applications, "accept", capture=django_capture_on_commit_callbacks
    )

    assert statuses(applications) == [Status.APPLIED] * 2
    assert mail.outbox == []
    [text] = messages_of(response)
    assert program.title in text
    assert "hanya punya 1 kursi tersisa" in text


def test_filling_exactly_the_seats_left_is_accepted(manager_client, manager_world):
    program = factories.TrainingProgramFactory(institution=manager_world.institution, quota=2)
    applications = factories.EnrollmentFactory.create_batch(2, program=program)

    decide(manager_client, applications, "accept")

    assert statuses(applications) == [Status.ACCEPTED] * 2


def test_one_application_of_another_blkk_is_not_found(manager_client, manager_world):
    other = manager_world.other.application

    response = decide(manager_client, [other], "accept")

    assert response.status_code == 404
    assert statuses([other]) == [Status.APPLIED]


def test_batch_naming_another_blkk_application_changes_nothing(
    manager_client, manager_world, django_capture_on_commit_callbacks
):
    batch = [manager_world.application, manager_world.other.application]

    response = decide(manager_client, batch, "reject", capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert statuses(batch) == [Status.APPLIED, Status.APPLIED]
    assert mail.outbox == []
    assert "Tidak ada yang diubah" in messages_of(response)[0]


def test_decided_application_cannot_be_decided_again(manager_client, manager_world):
    accepted = factories.EnrollmentFactory(program=manager_world.program, status=Status.ACCEPTED)
    batch = [manager_world.application, accepted]

    response = decide(manager_client, batch, "reject")

    assert statuses(batch) == [Status.APPLIED, Status.ACCEPTED]
    assert "sudah diputuskan" in messages_of(response)[0]


def test_cancelled_program_applicants_cannot_be_accepted(manager_client, manager_world):
    program = factories.TrainingProgramFactory(
        institution=manager_world.institution, status="dibatalkan"
    )
    application = factories.EnrollmentFactory(program=program)

    decide(manager_client, [application], "accept")

    assert statuses([application]) == [Status.APPLIED]


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "accept"},
        {"enrollments": ["x"], "decision": "accept"},
        {"enrollments": ["1"], "decision": "maybe"},
        {"enrollments": ["1"], "decision": "accept", "message": "x" * 1001},
    ],
)
def test_bad_posts_get_a_message_and_change_nothing(manager_client, manager_world, data):
    response = manager_client.post(reverse(DECIDE), data)

    assert response.status_code == 302
    assert messages_of(response)
    assert statuses([manager_world.application]) == [Status.APPLIED]


def test_decision_email_is_sent_once_when_the_task_runs_again(manager_world):
    application = manager_world.application
    services.enrollment_decide(
        enrollment_ids=[application.pk],
        decision="reject",
        message="",
        user=manager_world.manager,
        institution=manager_world.institution,
    )

    first = services.enrollment_send_decision(enrollment_id=application.pk, decision="reject")
    again = services.enrollment_send_decision(enrollment_id=application.pk, decision="reject")
    wrong = services.enrollment_send_decision(enrollment_id=application.pk, decision="accept")

    assert (first, again, wrong) == (True, False, False)
    assert len(mail.outbox) == 1


def test_get_is_not_allowed(manager_client):
    assert manager_client.get(reverse(DECIDE)).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_two_managers_cannot_both_take_the_last_seat(manager_world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    program = factories.TrainingProgramFactory(institution=manager_world.institution, quota=1)
    applications = factories.EnrollmentFactory.create_batch(2, program=program)
    barrier = threading.Barrier(2)
    results = []

    def accept(enrollment):
        try:
            barrier.wait()
            services.enrollment_decide(
                enrollment_ids=[enrollment.pk],
                decision="accept",
                message="",
                user=manager_world.manager,
                institution=manager_world.institution,
            )
            results.append("accepted")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["accepted", "refused"]
    assert sorted(statuses(applications)) == [Status.ACCEPTED, Status.APPLIED]
