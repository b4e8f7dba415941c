"""The BLKK directory and its map; the profile's tests are in tests/fkblkk/, beside its view."""

import json
import re
from decimal import Decimal

import pytest

from institutions.models import District, Institution, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests.assertions import FOOTER_QUERIES

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

DIRECTORY = "/lembaga/"


def tangerang_district(number: int) -> District:
    return District.objects.get(code=f"{KABUPATEN_TANGERANG_CODE}.{number:02d}")


def located_institution(**fields) -> Institution:
    return factories.InstitutionFactory(
        latitude=Decimal("-6.201234"), longitude=Decimal("106.551234"), **fields
    )


def listed(response) -> list[Institution]:
    return list(response.context["object_list"])


def map_data(response, element_id: str) -> list[dict]:
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1)) if match else []


def main_content(response) -> str:
    """The page's own content, without the layout's per-visitor CSRF token."""
    return re.search(r"<main.*</main>", response.content.decode(), re.DOTALL).group()


# Directory ------------------------------------------------------------------------------


def test_directory_lists_published_active_institutions_only(client):
    shown = factories.InstitutionFactory(name="BLKK Terbuka")
    factories.InstitutionFactory(name="BLKK Belum Tampil", is_published=False)
    factories.InstitutionFactory(name="BLKK Tidak Aktif", is_active=False)

    response = client.get(DIRECTORY)

    assert response.status_code == 200
    assert listed(response) == [shown]
    html = response.content.decode()
    assert "BLKK Belum Tampil" not in html
    assert "BLKK Tidak Aktif" not in html
    assert "1 BLKK ditemukan" in html


def test_directory_links_each_institution_to_its_profile(client):
    institution = factories.InstitutionFactory(slug="blkk-nurul-huda")

    response = client.get(DIRECTORY)

    assert institution.get_absolute_url() == "/lembaga/blkk-nurul-huda/"
    assert 'href="/lembaga/blkk-nurul-huda/"' in response.content.decode()


@pytest.mark.parametrize(
    ("parameter", "value", "matching", "other"),
    [
        (
            "kecamatan",
            "36.03.01",
            lambda: {"district": tangerang_district(1)},
            lambda: {"district": tangerang_district(2)},
        ),
        (
            "jenis",
            "serikat_pekerja",
            lambda: {"host_type": Institution.HostType.TRADE_UNION},
            lambda: {"host_type": Institution.HostType.PESANTREN},
        ),
        (
            "jenis",
            "gereja",
            lambda: {"host_type": Institution.HostType.CHURCH},
            lambda: {"host_type": Institution.HostType.SEMINARY},
        ),
    ],
    ids=["kecamatan-code", "host-type", "church"],
)
def test_directory_filters_by(client, parameter, value, matching, other):
    shown = factories.InstitutionFactory(**matching())
    factories.InstitutionFactory(**other())

    response = client.get(DIRECTORY, {parameter: value})

    assert listed(response) == [shown]


def test_directory_filters_by_kejuruan_built_for_or_taught_besides(client):
    sewing = factories.VocationalFieldFactory(slug="menjahit")
    built_for_it = factories.InstitutionFactory(name="BLKK A", primary_field=sewing)
    # The primary kejuruan is often listed among the taught ones too: still one row.
    built_for_it.fields.add(sewing)
    teaches_it_besides = factories.InstitutionFactory(name="BLKK B")
    teaches_it_besides.fields.add(sewing, factories.VocationalFieldFactory())
    factories.InstitutionFactory(name="BLKK C")

    response = client.get(DIRECTORY, {"kejuruan": "menjahit"})

    assert listed(response) == [built_for_it, teaches_it_besides]


def test_directory_ignores_unknown_filter_values_and_says_so(client):
    institutions = [factories.InstitutionFactory(name=f"BLKK {n}") for n in range(2)]

    response = client.get(
        DIRECTORY, {"kecamatan": "99.99.99", "kejuruan": "tidak-ada", "jenis": "<script>"}
    )

    assert response.status_code == 200
    assert listed(response) == institutions
    assert "Sebagian pilihan tidak dikenali, jadi diabaikan." in response.content.decode()


def test_directory_offers_only_kabupaten_tangerang_kecamatan(client):
    elsewhere = District.objects.get(code="36.71.01")
    factories.InstitutionFactory(district=elsewhere)
    factories.InstitutionFactory(district=tangerang_district(1))

    response = client.get(DIRECTORY, {"kecamatan": "36.71.01"})

    offered = response.context["filter"].form.fields["kecamatan"].queryset
    assert offered.count() == 29
    assert not offered.exclude(regency__code=KABUPATEN_TANGERANG_CODE).exists()
    # Another regency's code is not a choice: the filter is ignored, both BLKK stay listed.
    assert len(listed(response)) == 2


def test_directory_map_marks_the_listed_institutions_with_public_data_only(client):
    located = located_institution(
        name="BLKK Al-Ikhlas", slug="blkk-al-ikhlas", district=tangerang_district(3)
    )
    factories.InstitutionFactory(name="BLKK Tanpa Koordinat")

    response = client.get(DIRECTORY)

    assert map_data(response, "institution-map-data") == [
        {
            "name": "BLKK Al-Ikhlas",
            "url": "/lembaga/blkk-al-ikhlas/",
            "lat": -6.201234,
            "lon": 106.551234,
            "kecamatan": located.district.name,
        }
    ]
    html = response.content.decode()
    # The list holds every BLKK, the located one and the one the map cannot show.
    assert "BLKK Tanpa Koordinat" in html
    assert 'aria-label="Peta lokasi BLKK"' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "js/map.js" in html


def test_directory_without_located_institutions_draws_no_map(client):
    factories.InstitutionFactory()

    response = client.get(DIRECTORY)

    assert 'id="institution-map"' not in response.content.decode()


def test_directory_pages_hold_36_institutions(client):
    for number in range(37):
        factories.InstitutionFactory(name=f"BLKK {number:02d}")

    first, second = client.get(DIRECTORY), client.get(DIRECTORY, {"halaman": 2})

    assert len(listed(first)) == 36
    assert [institution.name for institution in listed(second)] == ["BLKK 36"]
    assert 'href="?halaman=2"' in first.content.decode()


# Not "page": pytest-playwright owns that fixture name.
@pytest.mark.parametrize(
    ("number", "first_shown"), [("3", "BLKK 36"), ("0", "BLKK 36"), ("abc", "BLKK 00")]
)
def test_directory_shows_the_nearest_page_to_one_that_does_not_exist(client, number, first_shown):
    for position in range(37):
        factories.InstitutionFactory(name=f"BLKK {position:02d}")

    response = client.get(DIRECTORY, {"halaman": number})

    assert response.status_code == 200
    assert listed(response)[0].name == first_shown


def populate_directory(size: int) -> District:
    district = tangerang_district(4)
    extra_fields = factories.VocationalFieldFactory.create_batch(2)
    for _ in range(size):
        located_institution(district=district).fields.add(*extra_fields)
    return district


@pytest.mark.parametrize("size", [2, 25], ids=["small", "large"])
def test_directory_query_count_does_not_grow_with_the_data(
    client, size, django_assert_max_num_queries
):
    district = populate_directory(size)

    # Kecamatan lookup, count, page, kejuruan of the page, then the two filter choices; the
    # footer's contact.
    with django_assert_max_num_queries(6 + FOOTER_QUERIES):
        response = client.get(DIRECTORY, {"kecamatan": district.code})
    assert len(listed(response)) == size


def test_directory_serves_a_repeat_visit_from_the_cache(client, django_assert_max_num_queries):
    populate_directory(3)
    first = client.get(DIRECTORY)

    # Only the count behind the pagination runs again.
    with django_assert_max_num_queries(1):
        second = client.get(DIRECTORY)
    assert main_content(second) == main_content(first)


def test_directory_cache_keeps_each_filter_apart(client):
    factories.InstitutionFactory(name="BLKK Balaraja", district=tangerang_district(1))
    factories.InstitutionFactory(name="BLKK Jayanti", district=tangerang_district(2))

    client.get(DIRECTORY, {"kecamatan": tangerang_district(1).code})
    response = client.get(DIRECTORY, {"kecamatan": tangerang_district(2).code})

    html = response.content.decode()
    assert "BLKK Jayanti" in html
    assert "BLKK Balaraja" not in html


# The kecamatan of a kabupaten/kota, for the domicile fields ---------------------------------

REGENCY_DISTRICTS = "/wilayah/kecamatan/"


def test_regency_districts_lists_kota_tangerang_selatan_kecamatan_without_desa(client):
    response = client.get(REGENCY_DISTRICTS, {"kabupaten": "36.74"})

    assert response.status_code == 200
    districts = response.json()["districts"]
    assert [district["name"] for district in districts] == [
        "Ciputat",
        "Ciputat Timur",
        "Pamulang",
        "Pondok Aren",
        "Serpong",
        "Serpong Utara",
        "Setu",
    ]
    assert districts[0]["id"] == District.objects.get(code="36.74.04").pk
    assert all(district["villages"] == [] for district in districts)


def test_regency_districts_gives_kabupaten_tangerang_desa_under_their_kecamatan(client):
    districts = client.get(REGENCY_DISTRICTS, {"kabupaten": KABUPATEN_TANGERANG_CODE}).json()[
        "districts"
    ]

    balaraja = next(district for district in districts if district["name"] == "Balaraja")
    cangkudu = Village.objects.get(code="36.03.01.2003")
    assert {"id": cangkudu.pk, "name": "Cangkudu"} in balaraja["villages"]
    assert len(balaraja["villages"]) == cangkudu.district.villages.count()
    assert sum(len(district["villages"]) for district in districts) == 274


@pytest.mark.parametrize("query", [{"kabupaten": "99.99"}, {"kabupaten": ""}, {}])
def test_regency_districts_of_an_unknown_kabupaten_is_not_found(client, query):
    assert client.get(REGENCY_DISTRICTS, query).status_code == 404


def test_regency_districts_is_cached_and_public(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        first = client.get(REGENCY_DISTRICTS, {"kabupaten": KABUPATEN_TANGERANG_CODE})
    with django_assert_max_num_queries(0):
        again = client.get(REGENCY_DISTRICTS, {"kabupaten": KABUPATEN_TANGERANG_CODE})

    assert again.json() == first.json()
    assert "public" in first["Cache-Control"]
    assert "max-age=86400" in first["Cache-Control"]
    assert len(first.content) < 20_000
