"""The manager portal's program pages: list, create, edit, detail and status moves."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories
from tests.dates import today
from trainings import services
from trainings.models import Enrollment, FundingSource, TrainingProgram

Status = TrainingProgram.Status


@pytest.fixture
def manager_client(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def program_data(world, **changes) -> dict:
    start = today() + datetime.timedelta(days=40)
    return {
        "field": world.institution.primary_field_id,
        "title": "Pelatihan Barista Angkatan 1",
        "description": "Meracik kopi untuk usaha kedai.",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=14)).isoformat(),
        "registration_closes": (start - datetime.timedelta(days=5)).isoformat(),
        "hours": 100,
        "quota": 16,
        "funding_source": FundingSource.APBD,
        "instructors": [world.instructor.pk],
        **changes,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Create and edit ------------------------------------------------------------------------


def test_new_program_is_a_draft_of_the_blkk_with_a_slug_from_its_title(
    manager_client, manager_world
):
    response = manager_client.post(reverse("manager:program-create"), program_data(manager_world))

    program = TrainingProgram.objects.get(title="Pelatihan Barista Angkatan 1")
    assert response.status_code == 302
    assert response["Location"] == reverse("manager:program-detail", kwargs={"pk": program.pk})
    assert program.slug == "pelatihan-barista-angkatan-1"
    assert program.status == Status.DRAFT
    assert program.institution == manager_world.institution
    assert list(program.instructors.all()) == [manager_world.instructor]


def test_same_title_gets_the_next_free_slug(manager_client, manager_world):
    for _time in range(2):
        manager_client.post(reverse("manager:program-create"), program_data(manager_world))

    slugs = set(
        TrainingProgram.objects.filter(title__startswith="Pelatihan Barista").values_list(
            "slug", flat=True
        )
    )
    assert slugs == {"pelatihan-barista-angkatan-1", "pelatihan-barista-angkatan-1-2"}


def test_status_slug_and_blkk_cannot_be_posted(manager_client, manager_world):
    data = program_data(
        manager_world,
        status=Status.COMPLETED,
        slug="pilihan-sendiri",
        institution=manager_world.other.institution.pk,
    )
    manager_client.post(reverse("manager:program-create"), data)

    program = TrainingProgram.objects.get(title="Pelatihan Barista Angkatan 1")
    assert (program.status, program.slug, program.institution) == (
        Status.DRAFT,
        "pelatihan-barista-angkatan-1",
        manager_world.institution,
    )


def test_editing_keeps_the_slug_and_the_status(manager_client, manager_world):
    program = manager_world.program
    data = program_data(manager_world, title="Judul Baru", status=Status.DRAFT)
    response = manager_client.post(
        reverse("manager:program-update", kwargs={"pk": program.pk}), data
    )

    old_slug = program.slug
    program.refresh_from_db()
    assert response.status_code == 302
    assert (program.title, program.slug, program.status) == ("Judul Baru", old_slug, Status.OPEN)


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.CANCELLED])
def test_a_finished_program_is_kept_as_it_ran(manager_client, manager_world, status):
    program = manager_world.completed_program
    TrainingProgram.objects.filter(pk=program.pk).update(status=status)
    url = reverse("manager:program-update", kwargs={"pk": program.pk})
    detail = reverse("manager:program-detail", kwargs={"pk": program.pk})

    page = manager_client.get(url)
    posted = manager_client.post(url, program_data(manager_world, title="Judul Baru"))

    assert page["Location"] == detail
    assert posted["Location"] == detail
    program.refresh_from_db()
    assert program.title != "Judul Baru"
    assert "tidak dapat diubah lagi" in str(list(get_messages(posted.wsgi_request))[-1])
    assert url not in manager_client.get(detail).content.decode()


def test_kejuruan_are_those_the_blkk_teaches(manager_client, manager_world):
    taught = factories.VocationalFieldFactory()
    manager_world.institution.fields.add(taught)
    other = factories.VocationalFieldFactory()

    form = manager_client.get(reverse("manager:program-create")).context["form"]
    assert set(form.fields["field"].queryset) == {manager_world.institution.primary_field, taught}

    response = manager_client.post(
        reverse("manager:program-create"), program_data(manager_world, field=other.pk)
    )
    assert response.status_code == 200
    assert "field" in response.context["form"].errors
    assert not TrainingProgram.objects.filter(title="Pelatihan Barista Angkatan 1").exists()


def test_instructors_and_pbk_of_another_blkk_are_not_offered_nor_accepted(
    manager_client, manager_world
):
    form = manager_client.get(reverse("manager:program-create")).context["form"]
    assert list(form.fields["instructors"].queryset) == [manager_world.instructor]
    assert list(form.fields["pbk_assistance"].queryset) == [manager_world.pbk]

    response = manager_client.post(
        reverse("manager:program-create"),
        program_data(manager_world, instructors=[manager_world.other.instructor.pk]),
    )
    assert "instructors" in response.context["form"].errors
    response = manager_client.post(
        reverse("manager:program-create"),
        program_data(
            manager_world,
            funding_source=FundingSource.PBK,
            pbk_assistance=manager_world.other.pbk.pk,
        ),
    )
    assert "pbk_assistance" in response.context["form"].errors
    assert not TrainingProgram.objects.filter(title="Pelatihan Barista Angkatan 1").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"end_date": (today() + datetime.timedelta(days=1)).isoformat()},
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        ),
        (
            {"registration_closes": (today() + datetime.timedelta(days=60)).isoformat()},
            "Batas pendaftaran tidak boleh setelah tanggal mulai pelatihan.",
        ),
        ({"quota": 0}, "Kuota peserta harus lebih dari nol."),
        ({"min_age": 30, "max_age": 20}, "Usia maksimal tidak boleh di bawah usia minimal."),
        (
            {"funding_source": FundingSource.PBK},
            "Program berdana PBK harus menunjuk bantuan PBK-nya, dan hanya program PBK.",
        ),
    ],
)
def test_rule_breaking_program_gets_an_indonesian_error(
    manager_client, manager_world, changes, message
):
    response = manager_client.post(
        reverse("manager:program-create"), program_data(manager_world, **changes)
    )

    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert not TrainingProgram.objects.filter(title="Pelatihan Barista Angkatan 1").exists()


def test_form_uses_date_inputs_and_instructor_checkboxes(manager_client):
    content = manager_client.get(reverse("manager:program-create")).content.decode()
    assert 'type="date" name="start_date"' in content
    assert re.search(r'type="checkbox"[^>]*name="instructors"', content)
    assert 'name="status"' not in content
    assert 'name="slug"' not in content


# List and detail ------------------------------------------------------------------------


def test_list_shows_the_blkk_programs_with_counts(manager_client, manager_world):
    factories.EnrollmentFactory(program=manager_world.program, status=Enrollment.Status.ACCEPTED)

    response = manager_client.get(reverse("manager:program-list"))

    programs = {program.pk: program for program in response.context["programs"]}
    assert set(programs) == {
        manager_world.program.pk,
        manager_world.running_program.pk,
        manager_world.completed_program.pk,
    }
    assert (
        programs[manager_world.program.pk].seats_taken,
        programs[manager_world.program.pk].applicants,
    ) == (1, 1)
    assert manager_world.other.program.title not in response.content.decode()


def test_list_filters_by_status_and_year(manager_client, manager_world):
    url = reverse("manager:program-list")
    completed = manager_world.completed_program

    by_status = manager_client.get(url, {"status": Status.COMPLETED}).context["programs"]
    by_year = manager_client.get(url, {"tahun": completed.start_date.year}).context["programs"]
    nonsense = manager_client.get(url, {"status": "x", "tahun": "abc"})

    assert list(by_status) == [completed]
    assert completed in by_year
    assert nonsense.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_count_does_not_grow(
    manager_client, manager_world, django_assert_max_num_queries, rows
):
    for program in factories.TrainingProgramFactory.create_batch(
        rows, institution=manager_world.institution
    ):
        factories.EnrollmentFactory(program=program)
    with django_assert_max_num_queries(9):
        response = manager_client.get(reverse("manager:program-list"))
    assert response.status_code == 200


def test_detail_shows_counts_participants_and_public_link(manager_client, manager_world):
    program = manager_world.program
    accepted = factories.EnrollmentFactory(program=program, status=Enrollment.Status.ACCEPTED)

    response = manager_client.get(reverse("manager:program-detail", kwargs={"pk": program.pk}))

    content = response.content.decode()
    counts = dict(response.context["status_counts"])
    assert counts[Enrollment.Status.APPLIED] == 1
    assert counts[Enrollment.Status.ACCEPTED] == 1
    assert reverse("manager:enrollment-update", kwargs={"pk": accepted.pk}) in content
    assert accepted.trainee.full_name in content
    assert program.get_absolute_url() in content


def test_draft_has_no_public_link(manager_client, manager_world):
    program = factories.TrainingProgramFactory(
        institution=manager_world.institution, status=Status.DRAFT
    )
    response = manager_client.get(reverse("manager:program-detail", kwargs={"pk": program.pk}))
    assert program.get_absolute_url() not in response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_detail_query_count_does_not_grow(
    manager_client, manager_world, django_assert_max_num_queries, rows
):
    factories.EnrollmentFactory.create_batch(rows, program=manager_world.program)
    with django_assert_max_num_queries(12):
        manager_client.get(
            reverse("manager:program-detail", kwargs={"pk": manager_world.program.pk})
        )


# Status moves ---------------------------------------------------------------------------

ALL_MOVES = [
    (status, transition) for status in Status for transition in TrainingProgram.TRANSITIONS
]


@pytest.mark.parametrize(("status", "transition"), ALL_MOVES)
def test_each_move_is_offered_and_accepted_exactly_when_valid(
    manager_client, manager_world, status, transition
):
    program = factories.TrainingProgramFactory(institution=manager_world.institution, status=status)
    detail = reverse("manager:program-detail", kwargs={"pk": program.pk})
    valid = status in TrainingProgram.TRANSITIONS[transition][1]

    offered = [name for name, _label, _confirm in manager_client.get(detail).context["transitions"]]
    response = manager_client.post(
        reverse("manager:program-transition", kwargs={"pk": program.pk}),
        {"transition": transition, "confirm": "1"},
    )

    program.refresh_from_db()
    assert (transition in offered) == valid
    assert response.status_code == 302
    assert response["Location"] == detail
    if valid:
        assert program.status == TrainingProgram.TRANSITIONS[transition][2]
    else:
        assert program.status == status
        assert any("Tidak bisa" in message for message in messages_of(response))


def test_opening_registration_after_the_deadline_is_refused(manager_client, manager_world):
    program = factories.TrainingProgramFactory(
        institution=manager_world.institution,
        status=Status.DRAFT,
        registration_closes=today() - datetime.timedelta(days=1),
    )
    response = manager_client.post(
        reverse("manager:program-transition", kwargs={"pk": program.pk}),
        {"transition": "open_registration"},
    )

    program.refresh_from_db()
    assert program.status == Status.DRAFT
    assert "Batas pendaftaran sudah lewat; ubah dulu batas pendaftarannya." in messages_of(response)


def test_unknown_move_is_a_bad_request(manager_client, manager_world):
    response = manager_client.post(
        reverse("manager:program-transition", kwargs={"pk": manager_world.program.pk}),
        {"transition": "delete"},
    )
    manager_world.program.refresh_from_db()
    assert response.status_code == 400
    assert manager_world.program.status == Status.OPEN


@pytest.mark.parametrize("transition", ["cancel", "complete"])
def test_cancelling_or_completing_asks_to_confirm_first(manager_client, manager_world, transition):
    program = factories.TrainingProgramFactory(
        institution=manager_world.institution, status=Status.RUNNING
    )
    url = reverse("manager:program-transition", kwargs={"pk": program.pk})

    response = manager_client.post(url, {"transition": transition})

    program.refresh_from_db()
    assert response.status_code == 200
    assert program.status == Status.RUNNING
    assert 'name="confirm"' in response.content.decode()


def test_cancelling_emails_those_waiting_for_or_seated_in_the_program_once(
    manager_client, manager_world, mailoutbox, django_capture_on_commit_callbacks
):
    program = manager_world.program
    waiting = {
        status: factories.EnrollmentFactory(
            program=program, status=status, trainee=factories.TraineeFactory()
        )
        for status in (Enrollment.Status.ACCEPTED, Enrollment.Status.REJECTED)
    }
    no_address = factories.EnrollmentFactory(
        program=program, trainee=factories.TraineeFactory(email="")
    )
    url = reverse("manager:program-transition", kwargs={"pk": program.pk})

    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(url, {"transition": "cancel", "confirm": "1"})

    program.refresh_from_db()
    assert response.status_code == 302
    assert program.status == Status.CANCELLED
    told = {message.to[0] for message in mailoutbox}
    assert told == {
        manager_world.application.trainee.email,
        waiting[Enrollment.Status.ACCEPTED].trainee.email,
    }
    assert no_address.trainee.email == ""
    message = mailoutbox[0]
    assert message.subject == f"Program dibatalkan: {program.title}"
    assert "dibatalkan" in message.alternatives[0][0]
    assert not services.enrollment_send_cancellation(enrollment_id=manager_world.application.pk), (
        "sent once"
    )


def test_a_cancellation_notice_goes_only_for_a_cancelled_program(manager_world, mailoutbox):
    assert not services.enrollment_send_cancellation(enrollment_id=manager_world.application.pk)
    assert mailoutbox == []


def test_moves_are_post_only_and_scoped(manager_client, manager_world):
    own = reverse("manager:program-transition", kwargs={"pk": manager_world.program.pk})
    other = reverse("manager:program-transition", kwargs={"pk": manager_world.other.program.pk})

    assert manager_client.get(own).status_code == 405
    assert manager_client.post(other, {"transition": "close_registration"}).status_code == 404
    manager_world.other.program.refresh_from_db()
    assert manager_world.other.program.status == Status.OPEN


@pytest.mark.parametrize(
    ("url_name", "budget"), [("manager:program-create", 10), ("manager:program-update", 12)]
)
def test_form_pages_have_a_query_budget(
    manager_client, manager_world, django_assert_max_num_queries, url_name, budget
):
    factories.InstructorFactory.create_batch(10, institution=manager_world.institution)
    kwargs = {"pk": manager_world.program.pk} if url_name.endswith("update") else {}
    with django_assert_max_num_queries(budget):
        assert manager_client.get(reverse(url_name, kwargs=kwargs)).status_code == 200


def test_quota_cannot_drop_below_the_participants_already_accepted(manager_client, manager_world):
    program = manager_world.program
    factories.EnrollmentFactory.create_batch(3, program=program, status=Enrollment.Status.ACCEPTED)

    response = manager_client.post(
        reverse("manager:program-update", kwargs={"pk": program.pk}),
        program_data(manager_world, quota=2),
    )

    program.refresh_from_db()
    assert response.context["form"].errors["quota"] == [
        "Kuota tidak boleh di bawah jumlah peserta yang sudah diterima (3)."
    ]
    assert program.quota == 16
