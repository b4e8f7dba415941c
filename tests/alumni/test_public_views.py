import datetime

import pytest

from alumni.models import Enterprise
from institutions.models import District, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests.assertions import FOOTER_QUERIES

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

SHOWCASE = "/usaha-alumni/"


def tangerang_district(number: int) -> District:
    return District.objects.get(code=f"{KABUPATEN_TANGERANG_CODE}.{number:02d}")


def listed(response) -> list[Enterprise]:
    return list(response.context["object_list"])


def enterprise_of(institution, **fields) -> Enterprise:
    return factories.EnterpriseFactory(owner__program__institution=institution, **fields)


# Showcase -------------------------------------------------------------------------------


def test_showcase_lists_published_enterprises_only(client):
    shown = factories.EnterpriseFactory(name="Katering Bu Sari")
    factories.EnterpriseFactory(name="Usaha Belum Tampil", is_published=False)
    factories.EnterpriseFactory(
        name="Usaha Tanpa Persetujuan",
        is_published=False,
        owner_consents_to_publish=False,
        consent_recorded_on=None,
    )

    response = client.get(SHOWCASE)

    assert response.status_code == 200
    assert listed(response) == [shown]
    html = response.content.decode()
    assert f'href="{shown.get_absolute_url()}"' in html
    assert "1 usaha ditemukan" in html
    assert "Usaha Belum Tampil" not in html
    assert "Usaha Tanpa Persetujuan" not in html


@pytest.mark.parametrize(
    ("parameter", "value", "matching", "other"),
    [
        (
            "sektor",
            "kuliner",
            lambda: {"sector": Enterprise.Sector.FOOD},
            lambda: {"sector": Enterprise.Sector.AUTOMOTIVE},
        ),
        (
            "kecamatan",
            "36.03.01",
            lambda: {"district": tangerang_district(1)},
            lambda: {"district": tangerang_district(2)},
        ),
    ],
    ids=["sector", "kecamatan-code"],
)
def test_showcase_filters_by(client, parameter, value, matching, other):
    shown = factories.EnterpriseFactory(**matching())
    factories.EnterpriseFactory(**other())

    response = client.get(SHOWCASE, {parameter: value})

    assert listed(response) == [shown]


def test_showcase_filters_by_the_institution_where_the_owner_trained(client, institution_a):
    trained_at_a = enterprise_of(institution_a)
    factories.EnterpriseFactory()

    response = client.get(SHOWCASE, {"blkk": institution_a.slug})

    assert listed(response) == [trained_at_a]


def test_showcase_offers_only_public_institutions(client, institution_a):
    hidden = factories.InstitutionFactory(slug="blkk-tersembunyi", is_published=False)
    enterprise_of(hidden)

    response = client.get(SHOWCASE, {"blkk": "blkk-tersembunyi"})

    offered = response.context["filter"].form.fields["blkk"].queryset
    assert list(offered) == [institution_a]
    assert "Sebagian pilihan tidak dikenali, jadi diabaikan." in response.content.decode()


def test_showcase_ignores_unknown_filter_values(client):
    enterprises = [factories.EnterpriseFactory(name=f"Usaha {n}") for n in range(2)]

    response = client.get(SHOWCASE, {"sektor": "tambang", "kecamatan": "x", "blkk": "x"})

    assert response.status_code == 200
    assert listed(response) == enterprises


def test_showcase_names_the_owners_institution_only_when_it_is_public(client):
    enterprise_of(factories.InstitutionFactory(name="BLKK Terbuka"))
    enterprise_of(factories.InstitutionFactory(name="BLKK Tertutup", is_active=False))

    html = client.get(SHOWCASE).content.decode()

    assert "Alumni BLKK Terbuka" in html
    assert "BLKK Tertutup" not in html


def test_showcase_pages_hold_12_enterprises(client):
    for number in range(13):
        factories.EnterpriseFactory(name=f"Usaha {number:02d}")

    first, second = client.get(SHOWCASE), client.get(SHOWCASE, {"halaman": 2})

    assert len(listed(first)) == 12
    assert [enterprise.name for enterprise in listed(second)] == ["Usaha 12"]
    assert listed(client.get(SHOWCASE, {"halaman": 3})) == listed(second)


@pytest.mark.parametrize("size", [2, 25], ids=["small", "large"])
def test_showcase_query_count_does_not_grow_with_the_data(
    client, institution_a, size, django_assert_max_num_queries
):
    for _ in range(size):
        enterprise_of(institution_a, district=tangerang_district(5))

    # BLKK lookup, count, page, then the kecamatan and BLKK choices; the footer's contact.
    with django_assert_max_num_queries(5 + FOOTER_QUERIES):
        response = client.get(SHOWCASE, {"blkk": institution_a.slug})
    assert len(listed(response)) == min(size, 12)


def test_showcase_serves_a_repeat_visit_from_the_cache(client, django_assert_max_num_queries):
    factories.EnterpriseFactory.create_batch(3)
    client.get(SHOWCASE)

    with django_assert_max_num_queries(1):
        response = client.get(SHOWCASE)
    assert "3 usaha ditemukan" in response.content.decode()


# Enterprise page ------------------------------------------------------------------------


@pytest.fixture
def enterprise(institution_a):
    district = tangerang_district(1)
    program = factories.TrainingProgramFactory(
        institution=institution_a, field=institution_a.primary_field
    )
    return factories.EnterpriseFactory(
        name="Konveksi Siti Berkah",
        slug="konveksi-siti-berkah",
        sector=Enterprise.Sector.FASHION,
        description="Seragam sekolah dan kaus sablon pesanan.",
        owner=factories.GraduateFactory(
            program=program,
            certified=True,
            trainee=factories.TraineeFactory(
                full_name="Siti Aminah Pemilik",
                phone="+6281234500000",
                email="siti.pribadi@example.test",
                address="Kp. Rahasia RT 09/09",
            ),
        ),
        district=district,
        village=Village.objects.filter(district=district).first(),
        business_address="Ruko Pasar Balaraja Blok C-3",
        started_on=datetime.date(2023, 8, 1),
        workers=4,
        business_phone="+6285700001111",
        order_info="Pesan lewat https://shop.example.test/konveksi-siti",
    )


def test_enterprise_page_shows_what_it_offers_and_how_to_order(client, enterprise):
    response = client.get("/usaha-alumni/konveksi-siti-berkah/")

    assert response.status_code == 200
    html = response.content.decode()
    for fact in (
        "Konveksi Siti Berkah",
        "Fesyen dan konveksi",
        "Seragam sekolah dan kaus sablon pesanan.",
        "Ruko Pasar Balaraja Blok C-3",
        str(enterprise.village),
        f"Kecamatan {enterprise.district.name}",
        "Agustus 2023",
        "4 orang",
        'href="https://wa.me/6285700001111"',
        'href="tel:+6285700001111"',
        'href="https://shop.example.test/konveksi-siti"',
        enterprise.owner.program.field.name,
        f'href="{enterprise.institution.get_absolute_url()}"',
    ):
        assert fact in html, fact


def test_enterprise_page_shows_nothing_personal_of_the_owner(client, enterprise):
    html = client.get(enterprise.get_absolute_url()).content.decode()

    trainee = enterprise.owner.trainee
    for private in (
        trainee.full_name,
        trainee.nik,
        trainee.phone,
        trainee.email,
        trainee.address,
        enterprise.owner.reference_code,
        enterprise.owner.training_certificate_number,
        enterprise.owner.competency_certificate_number,
    ):
        assert private not in html, private


@pytest.mark.parametrize(
    "hidden",
    [
        {"is_published": False},
        {"is_published": False, "owner_consents_to_publish": False, "consent_recorded_on": None},
    ],
    ids=["unpublished", "without-consent"],
)
def test_enterprise_page_of_a_hidden_enterprise_is_not_found(client, hidden):
    enterprise = factories.EnterpriseFactory(**hidden)

    assert client.get(enterprise.get_absolute_url()).status_code == 404


def test_enterprise_page_of_an_unknown_slug_is_not_found(client):
    assert client.get("/usaha-alumni/tidak-ada/").status_code == 404


def test_enterprise_page_needs_one_query(client, enterprise, django_assert_num_queries):
    with django_assert_num_queries(1 + FOOTER_QUERIES):
        client.get(enterprise.get_absolute_url())
