"""Instructors in the manager portal, with their certificates and trainings on one page."""

import pytest
from django.urls import reverse

from institutions.models import Instructor, InstructorCertificate, InstructorTraining
from tests import factories
from tests.institutions.manager_pages import formset_management, instructor_data

LIST = reverse("manager:instructor-list")
CREATE = reverse("manager:instructor-create")


@pytest.fixture
def manager_client(client, manager_a, institution_a):
    client.force_login(manager_a)
    return client


def rows(prefix: str, *forms: dict, initial: int = 0) -> dict:
    """A formset's POST: its management form and one dict of fields per row."""
    data = formset_management(prefix, total=len(forms), initial=initial)
    for index, form in enumerate(forms):
        data.update({f"{prefix}-{index}-{name}": value for name, value in form.items()})
    return data


CERTIFICATE = {
    "scheme": "Menjahit Pakaian Wanita",
    "issuer": "LSP Garmen",
    "number": "LSP-GRM-001",
    "issued_on": "2023-02-01",
    "valid_until": "2026-02-01",
}
TRAINING = {
    "title": "Metodologi Pelatihan Kerja",
    "organiser": "BBPVP Bekasi",
    "start_date": "2023-07-03",
    "end_date": "2023-07-14",
    "hours": "80",
}


def update_url(instructor) -> str:
    return reverse("manager:instructor-update", args=[instructor.pk])


# List -----------------------------------------------------------------------------------


def test_list_shows_the_blkks_instructors_with_contacts_and_counts(
    manager_client, institution_a, institution_b
):
    instructor = factories.InstructorFactory(institution=institution_a, full_name="Ahmad Fauzi")
    factories.InstructorCertificateFactory.create_batch(2, instructor=instructor)
    factories.InstructorTrainingFactory.create_batch(3, instructor=instructor)
    factories.InstructorFactory(institution=institution_b, full_name="Instruktur Lain")

    response = manager_client.get(LIST)

    page = response.content.decode()
    assert "Ahmad Fauzi" in page
    assert instructor.phone in page
    assert "Instruktur Lain" not in page
    [row] = response.context["object_list"]
    assert (row.certificate_count, row.training_count) == (2, 3)


LIST_BUDGET = 7


@pytest.mark.parametrize("rows_each", [3, 30])
def test_list_costs_the_same_queries_for_few_and_many(
    manager_client, institution_a, rows_each, django_assert_max_num_queries
):
    instructors = factories.InstructorFactory.create_batch(rows_each, institution=institution_a)
    for instructor in instructors:
        factories.InstructorCertificateFactory(instructor=instructor)
        factories.InstructorTrainingFactory(instructor=instructor)
    with django_assert_max_num_queries(LIST_BUDGET):
        response = manager_client.get(LIST)
    assert response.status_code == 200


# Create and update ----------------------------------------------------------------------


def test_an_instructor_is_created_with_certificates_and_trainings(
    manager_client, manager_world, manager_a
):
    data = {
        **instructor_data(manager_world),
        **rows("certificates", CERTIFICATE),
        **rows("trainings", TRAINING),
    }

    response = manager_client.post(CREATE, data)

    assert response.status_code == 302
    assert response["Location"] == LIST
    instructor = Instructor.objects.get(full_name="Siti Aminah")
    assert instructor.institution == manager_world.institution
    assert instructor.phone == "+6281234567890"
    assert instructor.certificates.get().number == "LSP-GRM-001"
    assert instructor.trainings.get().hours == 80
    assert instructor.history.latest().history_user == manager_a
    assert instructor.certificates.get().history.latest().history_user == manager_a


def test_save_and_continue_returns_to_the_instructor(manager_client, manager_world):
    response = manager_client.post(CREATE, {**instructor_data(manager_world), "lanjut": "1"})
    instructor = Instructor.objects.get(full_name="Siti Aminah")
    assert response["Location"] == update_url(instructor)


def test_update_edits_adds_and_deletes_rows_together(manager_client, manager_world, manager_a):
    instructor = manager_world.instructor
    certificate = manager_world.certificate
    training = manager_world.instructor_training
    data = {
        **instructor_data(manager_world, full_name="Siti Aminah, S.Pd."),
        **rows(
            "certificates",
            {
                "id": certificate.pk,
                "scheme": "Skema diperbarui",
                "issuer": certificate.issuer,
                "number": certificate.number,
                "issued_on": certificate.issued_on.isoformat(),
                "valid_until": "",
            },
            CERTIFICATE,
            initial=1,
        ),
        **rows(
            "trainings",
            {
                "id": training.pk,
                "title": training.title,
                "organiser": training.organiser,
                "start_date": training.start_date.isoformat(),
                "end_date": training.end_date.isoformat(),
                "hours": training.hours,
                "DELETE": "on",
            },
            initial=1,
        ),
    }

    response = manager_client.post(update_url(instructor), data)

    assert response.status_code == 302
    instructor.refresh_from_db()
    assert instructor.full_name == "Siti Aminah, S.Pd."
    certificate.refresh_from_db()
    assert (certificate.scheme, certificate.valid_until) == ("Skema diperbarui", None)
    assert instructor.certificates.count() == 2
    assert not instructor.trainings.exists()
    deleted = InstructorTraining.history.filter(id=training.pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", manager_a)


def test_an_invalid_certificate_row_is_explained_and_nothing_is_saved(
    manager_client, manager_world
):
    instructor = manager_world.instructor
    before = instructor.full_name
    bad = {**CERTIFICATE, "issued_on": "2024-05-01", "valid_until": "2024-04-30"}
    data = {
        **instructor_data(manager_world, full_name="Nama Baru"),
        **rows("certificates", bad),
        **rows("trainings", TRAINING),
    }

    response = manager_client.post(update_url(instructor), data)

    assert response.status_code == 200
    assert "Tanggal berlaku tidak boleh sebelum tanggal terbit." in response.content.decode()
    assert response.context["formsets"]["certificates"].forms[0].errors
    instructor.refresh_from_db()
    assert instructor.full_name == before
    assert instructor.certificates.count() == 1
    assert instructor.trainings.count() == 1


def test_training_rows_are_checked_too(manager_client, manager_world):
    bad = {**TRAINING, "start_date": "2023-07-14", "end_date": "2023-07-03", "hours": "0"}
    data = {**instructor_data(manager_world), **rows("trainings", bad)}

    response = manager_client.post(CREATE, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in page
    assert not Instructor.objects.filter(full_name="Siti Aminah").exists()


def test_a_certificate_number_already_recorded_is_refused(manager_client, manager_world):
    taken = manager_world.other.certificate
    duplicate = {**CERTIFICATE, "issuer": taken.issuer, "number": taken.number}

    response = manager_client.post(
        CREATE, {**instructor_data(manager_world), **rows("certificates", duplicate)}
    )

    assert response.status_code == 200
    assert response.context["formsets"]["certificates"].forms[0].errors
    assert not Instructor.objects.filter(full_name="Siti Aminah").exists()


def test_kejuruan_choices_are_those_the_blkk_teaches(manager_client, institution_a):
    taught = factories.VocationalFieldFactory(name="Kejuruan Uji Diajarkan")
    institution_a.fields.add(taught)
    not_taught = factories.VocationalFieldFactory(name="Kejuruan Uji Lain")

    offered = manager_client.get(CREATE).context["form"].fields["field"].queryset

    assert set(offered) == {institution_a.primary_field, taught}
    response = manager_client.post(
        CREATE,
        {
            "full_name": "Budi",
            "gender": "L",
            "field": not_taught.pk,
            **formset_management("certificates"),
            **formset_management("trainings"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["field"]


def test_an_instructor_keeps_a_kejuruan_the_blkk_no_longer_teaches(manager_client, manager_world):
    dropped = factories.VocationalFieldFactory(name="Kejuruan Uji Lama")
    Instructor.objects.filter(pk=manager_world.instructor.pk).update(field=dropped)
    form = manager_client.get(update_url(manager_world.instructor)).context["form"]
    assert dropped in form.fields["field"].queryset


def test_another_blkks_instructor_is_out_of_reach(manager_client, manager_world):
    other = manager_world.other.instructor
    before = other.full_name
    for name in ["manager:instructor-update", "manager:instructor-delete"]:
        url = reverse(name, args=[other.pk])
        assert manager_client.get(url).status_code == 404
        assert manager_client.post(url, instructor_data(manager_world)).status_code == 404
    other.refresh_from_db()
    assert other.full_name == before


def test_the_formsets_cannot_reach_another_instructors_certificate(manager_client, manager_world):
    foreign = manager_world.other.certificate
    url = update_url(manager_world.instructor)
    edit = {**CERTIFICATE, "id": foreign.pk}

    # An id that is not one of this instructor's rows is read as a new row (Django's way).
    manager_client.post(
        url, {**instructor_data(manager_world), **rows("certificates", edit, initial=1)}
    )
    manager_client.post(
        url,
        {
            **instructor_data(manager_world),
            **rows("certificates", {**edit, "DELETE": "on"}, initial=1),
        },
    )

    foreign.refresh_from_db()
    assert foreign.scheme != CERTIFICATE["scheme"]
    assert foreign.instructor == manager_world.other.instructor


# Delete ---------------------------------------------------------------------------------


def test_an_instructor_without_programs_is_deleted(manager_client, institution_a):
    instructor = factories.InstructorFactory(institution=institution_a)
    factories.InstructorCertificateFactory(instructor=instructor)

    url = reverse("manager:instructor-delete", args=[instructor.pk])
    assert "Ya, hapus" in manager_client.get(url).content.decode()

    response = manager_client.post(url)

    assert response.status_code == 302
    assert not Instructor.objects.filter(pk=instructor.pk).exists()
    assert not InstructorCertificate.objects.filter(instructor_id=instructor.pk).exists()


def test_an_instructor_who_teaches_is_offered_deactivation_instead(manager_client, manager_world):
    instructor = manager_world.instructor
    url = reverse("manager:instructor-delete", args=[instructor.pk])

    page = manager_client.get(url).content.decode()
    assert str(manager_world.program) in page
    assert 'name="nonaktifkan"' in page

    refused = manager_client.post(url, follow=True)
    assert "tidak dihapus" in refused.content.decode()
    instructor.refresh_from_db()
    assert instructor.is_active

    manager_client.post(url, {"nonaktifkan": "1"})
    instructor.refresh_from_db()
    assert not instructor.is_active
    assert manager_world.program.instructors.filter(pk=instructor.pk).exists()


def test_dates_are_offered_as_date_inputs(manager_client, manager_world):
    page = manager_client.get(update_url(manager_world.instructor)).content.decode()
    issued = manager_world.certificate.issued_on
    assert f'type="date" name="certificates-0-issued_on" value="{issued:%Y-%m-%d}"' in page
