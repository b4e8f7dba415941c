"""Applications in the manager portal: the list, and accepting or rejecting with an e-mail."""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests import factories
from trainings import services, tasks
from trainings.models import Enrollment

Status = Enrollment.Status
DECIDE = "manager:application-decide"
REOPEN = "manager:application-reopen"


@pytest.fixture
def manager_client(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def decide(client, enrollments, decision, message="", *, reason="", confirm=True):
    data = {
        "enrollments": [e.pk for e in enrollments],
        "decision": decision,
        "message": message,
        "rejection_reason": reason,
    }
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse(DECIDE), data)


@pytest.fixture
def clock(monkeypatch):
    """Moves ``timezone.now`` forward: ``clock(minutes)`` is that many minutes from now."""
    real_now = timezone.now

    def move(minutes):
        later = real_now() + datetime.timedelta(minutes=minutes)
        monkeypatch.setattr(timezone, "now", lambda: later)

    return move


@pytest.fixture
def send_due(clock, django_capture_on_commit_callbacks):
    """Runs the beat's sweep ``minutes`` from now, its tasks in-process; returns the count."""

    def run(minutes):
        clock(minutes)
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_due_application_decisions()

    return run


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


def test_accepting_one_applicant_emails_the_decision_with_the_message_ten_minutes_later(
    manager_client, manager_world, send_due
):
    application = manager_world.application
    response = decide(
        manager_client,
        [application],
        "accept",
        "Harap hadir Senin pukul 08.00 membawa fotokopi KTP.",
        confirm=False,
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == Status.ACCEPTED
    assert application.decided_on is not None
    assert mail.outbox == []
    assert "1 pendaftar diterima. E-mail dikirim 10 menit lagi" in messages_of(response)[0]
    assert "Batalkan" in messages_of(response)[0]

    assert send_due(9) == 0
    assert mail.outbox == []
    assert send_due(10) == 1
    [message] = mail.outbox
    assert message.to == [application.trainee.email]
    assert message.subject == f"Anda diterima: {application.program.title}"
    assert "DITERIMA" in message.body
    assert "Harap hadir Senin pukul 08.00" in message.body
    html = message.alternatives[0][0]
    assert "Harap hadir Senin pukul 08.00" in html
    assert application.program.title in html
    assert send_due(20) == 0
    assert len(mail.outbox) == 1


def test_rejecting_one_applicant_asks_for_confirmation_and_a_reason_first(
    manager_client, manager_world
):
    application = manager_world.application

    response = decide(manager_client, [application], "reject", confirm=False)

    assert response.status_code == 200
    assert response.context["heading"] == "1 pendaftar akan ditolak"
    content = response.content.decode()
    assert application.trainee.full_name in content
    assert "Tidak memenuhi syarat usia" in content
    assert statuses([application]) == [Status.APPLIED]


@pytest.mark.parametrize(
    ("reason", "message", "error"),
    [
        ("", "", "Pilih alasan penolakan."),
        ("bukan_alasan", "", "Pilih alasan penolakan."),
        ("lainnya", "  ", 'Tuliskan alasannya bila memilih "Lainnya".'),
    ],
)
def test_rejection_without_its_reason_is_shown_again_with_the_error(
    manager_client, manager_world, reason, message, error
):
    application = manager_world.application

    response = decide(manager_client, [application], "reject", message, reason=reason)

    assert response.status_code == 200
    assert escape(error) in response.content.decode()
    assert statuses([application]) == [Status.APPLIED]


def test_rejecting_in_bulk_confirms_the_count_then_emails_each_applicant_with_the_reason(
    manager_client, manager_world, send_due
):
    program = manager_world.program
    without_email = factories.EnrollmentFactory(program=program, trainee__email="")
    applications = [
        manager_world.application,
        factories.EnrollmentFactory(program=program),
        without_email,
    ]

    shown = decide(manager_client, applications, "reject", confirm=False)
    assert shown.context["heading"] == "3 pendaftar akan ditolak"
    assert statuses(applications) == [Status.APPLIED] * 3

    decide(manager_client, applications, "reject", "Coba lagi tahun depan.", reason="kuota_penuh")

    assert statuses(applications) == [Status.REJECTED] * 3
    stored = Enrollment.objects.get(pk=applications[0].pk)
    assert stored.rejection_reason == "kuota_penuh"
    assert stored.decision_message == "Coba lagi tahun depan."
    assert mail.outbox == []
    assert send_due(10) == 3
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {a.trainee.email for a in applications[:2]}
    assert all(m.subject == f"Hasil seleksi: {program.title}" for m in mail.outbox)
    assert all("Alasan: Kuota sudah penuh." in m.body for m in mail.outbox)
    assert all("Coba lagi tahun depan." in m.body for m in mail.outbox)
    assert all("Alasan: Kuota sudah penuh." in m.alternatives[0][0] for m in mail.outbox)


def test_other_reason_is_told_in_the_managers_words(manager_client, manager_world, send_due):
    decide(
        manager_client,
        [manager_world.application],
        "reject",
        "Jadwal bentrok dengan sekolah.",
        reason="lainnya",
    )

    send_due(10)

    [message] = mail.outbox
    assert "Jadwal bentrok dengan sekolah." in message.body
    assert "Lainnya" not in message.body


def test_accepting_in_bulk_says_how_many_before_it_does(manager_client, manager_world):
    applications = [
        manager_world.application,
        factories.EnrollmentFactory(program=manager_world.program),
    ]

    response = decide(manager_client, applications, "accept", confirm=False)

    assert response.context["heading"] == "2 pendaftar akan diterima"
    assert statuses(applications) == [Status.APPLIED] * 2


def test_undo_within_ten_minutes_returns_to_applied_and_sends_nothing(
    manager_client, manager_world, send_due, clock
):
    application = manager_world.application
    decide(manager_client, [application], "reject", reason="dokumen")
    listed = manager_client.get(reverse("manager:application-list"))
    assert list(listed.context["recent_decisions"]) == [application]

    clock(9)
    response = manager_client.post(reverse(REOPEN, kwargs={"pk": application.pk}))

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == Status.APPLIED
    assert (application.rejection_reason, application.decision_mail_due_at) == ("", None)
    assert "tidak ada e-mail yang dikirim" in messages_of(response)[0]
    assert send_due(30) == 0
    assert mail.outbox == []


def test_reopening_after_the_mail_keeps_history_and_the_new_decision_is_mailed_again(
    manager_client, manager_world, send_due, clock
):
    application = manager_world.application
    decide(manager_client, [application], "reject", reason="usia")
    send_due(10)
    assert len(mail.outbox) == 1

    response = manager_client.post(reverse(REOPEN, kwargs={"pk": application.pk}))

    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert "dibuka kembali" in messages_of(response)[-1]
    latest = application.history.first()
    assert latest.history_change_reason == "Keputusan dibuka kembali."
    assert [row.status for row in application.history.all()[:2]] == [
        Status.APPLIED,
        Status.REJECTED,
    ]
    decide(manager_client, [application], "accept", confirm=False)
    send_due(25)
    assert [m.subject for m in mail.outbox][1] == f"Anda diterima: {application.program.title}"


def test_another_blkks_decision_cannot_be_reopened(manager_client, manager_world):
    other = manager_world.other.application
    other.status = Status.ACCEPTED
    other.save()

    response = manager_client.post(reverse(REOPEN, kwargs={"pk": other.pk}))

    assert response.status_code == 404
    assert statuses([other]) == [Status.ACCEPTED]


def test_a_participant_who_started_is_not_reopened(manager_client, manager_world):
    started = factories.EnrollmentFactory(program=manager_world.program, status=Status.IN_TRAINING)

    response = manager_client.post(reverse(REOPEN, kwargs={"pk": started.pk}))

    assert "Tidak bisa buka kembali keputusan" in messages_of(response)[0]
    assert statuses([started]) == [Status.IN_TRAINING]


def test_accepting_more_than_the_seats_left_refuses_the_whole_batch(manager_client, manager_world):
    program = factories.TrainingProgramFactory(institution=manager_world.institution, quota=2)
    factories.EnrollmentFactory(program=program, status=Status.ACCEPTED)
    applications = factories.EnrollmentFactory.create_batch(2, program=program)

    response = decide(manager_client, applications, "accept")

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


def test_batch_naming_another_blkk_application_changes_nothing(manager_client, manager_world):
    batch = [manager_world.application, manager_world.other.application]

    response = decide(manager_client, batch, "reject", reason="dokumen")

    assert response.status_code == 302
    assert statuses(batch) == [Status.APPLIED, Status.APPLIED]
    assert mail.outbox == []
    assert "Tidak ada yang diubah" in messages_of(response)[0]


def test_decided_application_cannot_be_decided_again(manager_client, manager_world):
    accepted = factories.EnrollmentFactory(program=manager_world.program, status=Status.ACCEPTED)
    batch = [manager_world.application, accepted]

    response = decide(manager_client, batch, "reject", reason="dokumen")

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


def test_decision_email_is_sent_once_when_the_task_runs_again(manager_world, clock):
    application = manager_world.application
    services.enrollment_decide(
        enrollment_ids=[application.pk],
        decision="reject",
        reason="dokumen",
        message="",
        user=manager_world.manager,
        institution=manager_world.institution,
    )
    early = services.enrollment_send_decision(enrollment_id=application.pk)
    clock(10)

    first = services.enrollment_send_decision(enrollment_id=application.pk)
    again = services.enrollment_send_decision(enrollment_id=application.pk)

    assert (early, first, again) == (False, True, False)
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


@pytest.mark.parametrize("rows", [2, 20])
def test_confirmation_and_recent_decisions_keep_their_query_budget(
    manager_client, manager_world, django_assert_max_num_queries, rows
):
    program = manager_world.program
    factories.EnrollmentFactory.create_batch(rows, program=program)
    applications = list(Enrollment.objects.filter(program=program, status=Status.APPLIED))

    with django_assert_max_num_queries(8):
        shown = decide(manager_client, applications, "reject", confirm=False)
    decide(manager_client, applications[1:], "reject", reason="kuota_penuh")
    with django_assert_max_num_queries(10):
        listed = manager_client.get(reverse("manager:application-list"))

    assert shown.status_code == 200
    assert len(listed.context["recent_decisions"]) == rows


def test_an_undo_after_ten_minutes_but_before_the_sweep_still_sends_nothing(
    manager_client, manager_world, send_due, clock
):
    application = manager_world.application
    decide(manager_client, [application], "accept", confirm=False)

    clock(11)
    response = manager_client.post(reverse(REOPEN, kwargs={"pk": application.pk}))

    assert "tidak ada e-mail yang dikirim" in messages_of(response)[-1]
    assert send_due(12) == 0
    assert mail.outbox == []
