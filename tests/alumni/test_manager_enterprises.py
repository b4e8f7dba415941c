"""Alumni enterprises in the manager portal: owners, consent to publish, slug, photo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alumni.models import Enterprise
from tests import factories

from .manager_pages import enterprise_data

LIST_QUERY_BUDGET = 7


@pytest.fixture
def client_a(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def create(client, world, **changes):
    return client.post(reverse("manager:enterprise-create"), enterprise_data(world, **changes))


def test_the_owner_choice_offers_only_this_blkk_graduates(client_a, manager_world):
    response = client_a.get(reverse("manager:enterprise-create"))
    owners = response.context["form"].fields["owner"].queryset
    assert list(owners) == [manager_world.graduate]


def test_a_graduate_of_another_blkk_is_refused(client_a, manager_world):
    before = Enterprise.objects.count()
    response = create(client_a, manager_world, owner=manager_world.other.graduate.pk)
    assert "owner" in response.context["form"].errors
    assert Enterprise.objects.count() == before


def test_the_slug_is_generated_from_the_name_and_kept_unique(client_a, manager_world):
    assert create(client_a, manager_world).status_code == 302
    assert create(client_a, manager_world).status_code == 302
    slugs = set(
        Enterprise.objects.filter(name="Konveksi Berkah Alumni").values_list("slug", flat=True)
    )
    assert slugs == {"konveksi-berkah-alumni", "konveksi-berkah-alumni-2"}
    assert "slug" not in client_a.get(reverse("manager:enterprise-create")).context["form"].fields


def test_renaming_keeps_the_public_address(client_a, manager_world):
    enterprise = manager_world.enterprise
    slug = enterprise.slug
    response = client_a.post(
        reverse("manager:enterprise-update", args=[enterprise.pk]),
        enterprise_data(manager_world, name="Nama Baru"),
    )
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.slug) == ("Nama Baru", slug)


def test_publishing_without_consent_is_refused_on_the_consent_fields(client_a, manager_world):
    data = enterprise_data(manager_world, consent_recorded_on="")
    del data["owner_consents_to_publish"]
    before = Enterprise.objects.count()
    response = client_a.post(reverse("manager:enterprise-create"), data)
    errors = response.context["form"].errors
    assert set(errors) == {"owner_consents_to_publish", "consent_recorded_on"}
    assert "persetujuan" in errors["owner_consents_to_publish"][0]
    assert Enterprise.objects.count() == before


def test_consent_without_its_date_is_refused_when_publishing(client_a, manager_world):
    response = create(client_a, manager_world, consent_recorded_on="")
    assert list(response.context["form"].errors) == ["consent_recorded_on"]


def test_an_unpublished_enterprise_needs_no_consent(client_a, manager_world):
    data = enterprise_data(manager_world, consent_recorded_on="")
    del data["owner_consents_to_publish"], data["is_published"]
    assert client_a.post(reverse("manager:enterprise-create"), data).status_code == 302
    assert not Enterprise.objects.get(name="Konveksi Berkah Alumni").is_published


def test_the_form_says_what_the_public_page_shows(client_a, manager_world):
    page = client_a.get(reverse("manager:enterprise-create")).content.decode()
    assert "Data pribadi" in page or "tidak pernah ditampilkan" in page


def test_a_photo_that_is_not_an_image_is_refused(client_a, manager_world):
    photo = SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")
    response = client_a.post(
        reverse("manager:enterprise-create"), {**enterprise_data(manager_world), "photo": photo}
    )
    assert "photo" in response.context["form"].errors


def test_the_village_must_lie_in_the_kecamatan(client_a, manager_world, village_outside_district):
    village, district = village_outside_district
    response = create(client_a, manager_world, district=district.pk, village=village.pk)
    assert "village" in response.context["form"].errors


def test_deleting_an_enterprise(client_a, manager_world):
    response = client_a.post(
        reverse("manager:enterprise-delete", args=[manager_world.enterprise.pk])
    )
    assert response["Location"] == reverse("manager:enterprise-list")
    assert not Enterprise.objects.filter(pk=manager_world.enterprise.pk).exists()


@pytest.mark.parametrize("extra", [2, 29])
def test_the_list_costs_the_same_queries_for_3_or_30_enterprises(
    client_a, manager_world, django_assert_max_num_queries, extra
):
    for _number in range(extra):
        factories.EnterpriseFactory(
            owner=factories.GraduateFactory(program=manager_world.completed_program)
        )
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client_a.get(reverse("manager:enterprise-list"))
    assert response.context["paginator"].count == extra + 1
    assert manager_world.other.enterprise not in response.context["enterprises"]


def test_an_enterprise_stored_outside_the_regency_stays_editable(client_a, manager_world):
    elsewhere = factories.DistrictFactory(
        regency=factories.RegencyFactory(code="36.71", name="Kota Tangerang"),
        code="36.71.01",
        name="Tangerang",
    )
    enterprise = manager_world.enterprise
    enterprise.district = elsewhere
    enterprise.save()
    response = client_a.post(
        reverse("manager:enterprise-update", args=[enterprise.pk]),
        enterprise_data(manager_world, district=elsewhere.pk),
    )
    assert response.status_code == 302
    offered = client_a.get(reverse("manager:enterprise-create")).context["form"]
    assert elsewhere not in offered.fields["district"].queryset
