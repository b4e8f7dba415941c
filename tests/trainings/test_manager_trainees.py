"""Trainees in the manager portal: only those enrolled at the manager's BLKK."""

import pytest
from django.urls import reverse

from institutions.models import District, Village
from tests import factories
from trainings.models import Enrollment


@pytest.fixture
def manager_client(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def test_list_excludes_trainees_only_enrolled_at_another_blkk(manager_client, manager_world):
    both = factories.EnrollmentFactory(program=manager_world.other.program).trainee
    factories.EnrollmentFactory(program=manager_world.program, trainee=both)

    response = manager_client.get(reverse("manager:trainee-list"))

    listed = set(response.context["trainees"])
    assert manager_world.other.trainee not in listed
    assert manager_world.other.application.trainee not in listed
    assert {manager_world.trainee, manager_world.application.trainee, both} <= listed
    assert manager_world.other.trainee.full_name not in response.content.decode()


def test_enrollment_count_is_only_this_blkk(manager_client, manager_world):
    trainee = manager_world.application.trainee
    factories.EnrollmentFactory(program=manager_world.other.program, trainee=trainee)

    response = manager_client.get(reverse("manager:trainee-list"), {"q": trainee.full_name})

    [listed] = response.context["trainees"]
    assert listed.enrollment_count == 1


def test_search_by_name_or_nik(manager_client, manager_world):
    trainee = manager_world.trainee
    url = reverse("manager:trainee-list")

    assert list(manager_client.get(url, {"q": trainee.full_name.upper()}).context["trainees"]) == [
        trainee
    ]
    assert list(manager_client.get(url, {"q": trainee.nik}).context["trainees"]) == [trainee]
    other_nik = manager_world.other.trainee.nik
    assert list(manager_client.get(url, {"q": other_nik}).context["trainees"]) == []


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_count_does_not_grow(
    manager_client, manager_world, django_assert_max_num_queries, rows
):
    factories.EnrollmentFactory.create_batch(rows, program=manager_world.program)
    with django_assert_max_num_queries(8):
        response = manager_client.get(reverse("manager:trainee-list"))
    assert response.status_code == 200


def test_detail_shows_only_this_blkk_enrollments(manager_client, manager_world):
    trainee = manager_world.trainee
    elsewhere = factories.EnrollmentFactory(
        program=manager_world.other.program, trainee=trainee, status=Enrollment.Status.ACCEPTED
    )

    response = manager_client.get(reverse("manager:trainee-detail", kwargs={"pk": trainee.pk}))

    content = response.content.decode()
    assert list(response.context["enrollments"]) == [manager_world.graduate]
    assert manager_world.graduate.program.title in content
    assert elsewhere.program.title not in content
    assert manager_world.other.institution.name not in content


def test_trainee_of_another_blkk_only_is_not_found(manager_client, manager_world):
    other = manager_world.other.trainee
    for name in ("manager:trainee-detail", "manager:trainee-update"):
        assert manager_client.get(reverse(name, kwargs={"pk": other.pk})).status_code == 404


def contact_data(trainee, **changes) -> dict:
    return {
        "phone": "0812 1111 2222",
        "email": "baru@example.test",
        "address": "Kp. Baru RT 03/04",
        "district": trainee.district_id,
        "village": "",
        "education": trainee.education,
        "occupation": trainee.occupation,
        **changes,
    }


def test_update_changes_contacts_but_never_identity(manager_client, manager_world):
    trainee = manager_world.trainee
    identity = (trainee.nik, trainee.full_name, trainee.gender, trainee.birth_date)
    data = contact_data(
        trainee, nik="3603010101010001", full_name="Nama Lain", gender="L", birth_date="1990-01-01"
    )

    response = manager_client.post(
        reverse("manager:trainee-update", kwargs={"pk": trainee.pk}), data
    )

    trainee.refresh_from_db()
    assert response.status_code == 302
    assert (trainee.nik, trainee.full_name, trainee.gender, trainee.birth_date) == identity
    assert (trainee.phone, trainee.email, trainee.address) == (
        "+6281211112222",
        "baru@example.test",
        "Kp. Baru RT 03/04",
    )


def test_update_page_shows_identity_read_only_with_a_note(manager_client, manager_world):
    trainee = manager_world.trainee
    response = manager_client.get(reverse("manager:trainee-update", kwargs={"pk": trainee.pk}))

    content = response.content.decode()
    assert set(response.context["form"].fields) == {*trainee.CONTACT_FIELDS, "regency"}
    assert trainee.nik in content
    assert 'name="nik"' not in content
    assert "Hubungi sekretariat FK-BLKK" in content


def test_village_must_lie_in_the_chosen_kecamatan(
    manager_client, manager_world, village_outside_district
):
    village, district = village_outside_district
    trainee = manager_world.trainee

    response = manager_client.post(
        reverse("manager:trainee-update", kwargs={"pk": trainee.pk}),
        contact_data(trainee, district=district.pk, village=village.pk),
    )

    trainee.refresh_from_db()
    assert response.status_code == 200
    assert "village" in response.context["form"].errors
    assert trainee.village is None


def test_village_of_the_chosen_kecamatan_is_saved(manager_client, manager_world):
    village = (
        Village.objects.filter(district__regency__code="36.03").select_related("district").first()
    )
    trainee = manager_world.trainee

    manager_client.post(
        reverse("manager:trainee-update", kwargs={"pk": trainee.pk}),
        contact_data(trainee, district=village.district_id, village=village.pk),
    )

    trainee.refresh_from_db()
    assert (trainee.district, trainee.village) == (
        District.objects.get(pk=village.district_id),
        village,
    )


def test_trainee_who_moved_to_kota_tangerang_selatan_keeps_no_desa(manager_client, manager_world):
    trainee = manager_world.trainee
    # The world's kecamatan may be one the factories made up, with no desa loaded.
    trainee.village = factories.VillageFactory(district=trainee.district)
    trainee.save()
    pamulang = District.objects.get(code="36.74.06")

    response = manager_client.post(
        reverse("manager:trainee-update", kwargs={"pk": trainee.pk}),
        contact_data(trainee, regency="36.74", district=pamulang.pk, village=trainee.village_id),
    )

    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.district, trainee.village) == (pamulang, None)


def test_update_page_offers_the_kecamatan_of_the_trainees_kabupaten_kota(
    manager_client, manager_world
):
    trainee = manager_world.trainee
    trainee.district = District.objects.get(code="36.74.06")
    trainee.village = None
    trainee.save()

    response = manager_client.get(reverse("manager:trainee-update", kwargs={"pk": trainee.pk}))

    form = response.context["form"]
    assert form["regency"].value() == "36.74"
    detail = manager_client.get(reverse("manager:trainee-detail", kwargs={"pk": trainee.pk}))
    assert "Kec. Pamulang, Kota Tangerang Selatan" in detail.content.decode()
    assert len(form.fields["district"].choices) == 1 + 7
    assert 'id="div_id_village" class="mb-3 d-none"' in response.content.decode()


@pytest.mark.parametrize("url_name", ["manager:trainee-detail", "manager:trainee-update"])
def test_trainee_pages_have_a_query_budget(
    manager_client, manager_world, django_assert_max_num_queries, url_name
):
    trainee = manager_world.trainee
    for program in factories.TrainingProgramFactory.create_batch(
        5, institution=manager_world.institution
    ):
        factories.EnrollmentFactory(program=program, trainee=trainee)
    with django_assert_max_num_queries(8):
        assert manager_client.get(reverse(url_name, kwargs={"pk": trainee.pk})).status_code == 200
