import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from institutions.models import District, Institution, Regency, Village, VocationalField
from institutions.regions import KABUPATEN_TANGERANG_CODE
from institutions.selectors import PAST_PROGRAMS_SHOWN
from trainings.models import TrainingProgram
from trainings.selectors import PublicStatus

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

TODAY = timezone.localdate()
DIRECTORY = "/lembaga/"
Status = TrainingProgram.Status


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


def program_at(institution, status, start_in_days: int, **fields) -> TrainingProgram:
    start = TODAY + datetime.timedelta(days=start_in_days)
    return factories.TrainingProgramFactory(
        institution=institution,
        status=status,
        start_date=start,
        end_date=start + datetime.timedelta(days=20),
        **fields,
    )


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
    ],
    ids=["kecamatan-code", "host-type"],
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
    elsewhere = District.objects.create(
        regency=Regency.objects.create(code="36.71", name="Kota Tangerang", province_name="Banten"),
        code="36.71.01",
        name="Tangerang",
    )
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

    # Kecamatan lookup, count, page, kejuruan of the page, then the two filter choices.
    with django_assert_max_num_queries(6):
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


# Profile --------------------------------------------------------------------------------


@pytest.fixture
def institution():
    district = tangerang_district(1)
    institution = located_institution(
        name="BLKK Pondok Pesantren Al-Hidayah",
        slug="blkk-al-hidayah",
        host_type=Institution.HostType.PESANTREN,
        host_name="Pondok Pesantren Al-Hidayah Balaraja",
        kemnaker_class=Institution.KemnakerClass.INDEPENDENT,
        year_built=2018,
        primary_field=VocationalField.objects.get(slug="menjahit"),
        district=district,
        village=Village.objects.filter(district=district).first(),
        address="Jl. Raya Serang Km. 24 No. 7",
        public_phone="+6281211112222",
        public_email="blkk@alhidayah.test",
        website="https://alhidayah.test/",
        facilities="Bengkel jahit 16 mesin, ruang teori, musala",
    )
    institution.fields.add(VocationalField.objects.get(slug="tata-boga"))
    return institution


def profile(client, institution):
    return client.get(institution.get_absolute_url())


def test_profile_shows_what_the_public_may_know_of_the_institution(client, institution):
    factories.InstructorFactory.create_batch(2, institution=institution)
    factories.InstructorFactory(institution=institution, is_active=False)

    response = profile(client, institution)

    assert response.status_code == 200
    html = response.content.decode()
    for fact in (
        "BLKK Pondok Pesantren Al-Hidayah",
        "Pondok Pesantren Al-Hidayah Balaraja",
        "Pondok pesantren",
        "Kelas Kemnaker: Mandiri",
        "Dibangun 2018",
        "Jl. Raya Serang Km. 24 No. 7",
        str(institution.village),
        f"Kecamatan {institution.district.name}",
        "Kabupaten Tangerang",
        'href="tel:+6281211112222"',
        'href="https://wa.me/6281211112222"',
        "blkk@alhidayah.test",
        "https://alhidayah.test/",
        "Menjahit (Garmen)",
        "Tata Boga/Kuliner",
        "Bengkel jahit 16 mesin",
        "2 instruktur aktif",
    ):
        assert fact in html, fact


def test_profile_shows_no_personal_data(client, institution):
    instructor = factories.InstructorFactory(
        institution=institution, phone="+6281399998888", email="instruktur.rahasia@example.test"
    )
    graduate = factories.GraduateFactory(
        program=program_at(institution, Status.COMPLETED, -90),
        trainee=factories.TraineeFactory(full_name="Siti Pemilik Rahasia"),
    )
    factories.EnterpriseFactory(owner=graduate)
    factories.PartnershipFactory(
        partner=factories.PartnerFactory(
            contact_name="Narahubung Rahasia",
            contact_phone="+6285777776666",
            contact_email="narahubung@mitra.test",
        )
    )

    html = profile(client, institution).content.decode()

    trainee = graduate.trainee
    for private in (
        instructor.full_name,
        instructor.phone,
        instructor.email,
        trainee.full_name,
        trainee.nik,
        trainee.phone,
        trainee.email,
        trainee.address,
        "Narahubung Rahasia",
        "+6285777776666",
        "narahubung@mitra.test",
    ):
        assert private not in html, private


def test_profile_groups_programs_by_what_a_visitor_can_do(client, institution):
    open_now = program_at(institution, Status.OPEN, 30, title="Menjahit Angkatan 5")
    announced = program_at(institution, Status.PUBLISHED, 60, title="Menjahit Angkatan 6")
    running = program_at(institution, Status.RUNNING, -5, title="Menjahit Angkatan 4")
    completed = program_at(institution, Status.COMPLETED, -90, title="Menjahit Angkatan 3")
    program_at(institution, Status.DRAFT, 90, title="Program Draf")
    program_at(institution, Status.CANCELLED, 40, title="Program Batal")
    program_at(factories.InstitutionFactory(), Status.OPEN, 30, title="Program BLKK Lain")

    response = profile(client, institution)

    groups = [
        (group.status, group.programs) for group in response.context["sections"].program_groups
    ]
    assert groups == [
        (PublicStatus.OPEN, [open_now]),
        (PublicStatus.UPCOMING, [announced]),
        (PublicStatus.RUNNING, [running]),
        (PublicStatus.COMPLETED, [completed]),
    ]
    html = response.content.decode()
    assert f'href="{open_now.get_absolute_url()}"' in html
    assert "16 dari 16" in html
    for hidden in ("Program Draf", "Program Batal", "Program BLKK Lain"):
        assert hidden not in html


def test_profile_shows_dates_the_indonesian_way(client, institution):
    start = datetime.date(2030, 8, 17)
    factories.TrainingProgramFactory(
        institution=institution, start_date=start, end_date=start + datetime.timedelta(days=9)
    )

    html = profile(client, institution).content.decode()

    assert "17 Agu 2030" in html


def test_profile_shows_only_the_latest_completed_programs(client, institution):
    past = [
        program_at(institution, Status.COMPLETED, -30 * months, title=f"Angkatan lama {months}")
        for months in range(1, PAST_PROGRAMS_SHOWN + 2)
    ]

    response = profile(client, institution)

    (group,) = response.context["sections"].program_groups
    assert group.programs == past[:PAST_PROGRAMS_SHOWN]


def test_profile_shows_published_enterprises_of_its_alumni(client, institution):
    program = program_at(institution, Status.COMPLETED, -120)
    shown = factories.EnterpriseFactory(
        name="Konveksi Berkah", owner=factories.GraduateFactory(program=program)
    )
    factories.EnterpriseFactory(
        name="Usaha Belum Tampil",
        owner=factories.GraduateFactory(program=program),
        is_published=False,
    )
    factories.EnterpriseFactory(name="Usaha Alumni BLKK Lain")

    response = profile(client, institution)

    assert response.context["sections"].enterprises == [shown]
    html = response.content.decode()
    assert f'href="{shown.get_absolute_url()}"' in html
    assert 'href="/usaha-alumni/?blkk=blkk-al-hidayah"' in html
    assert "Usaha Belum Tampil" not in html
    assert "Usaha Alumni BLKK Lain" not in html


def test_profile_shows_partners_covering_it_or_delivering_to_it(client, institution):
    other = factories.InstitutionFactory()

    def partnership(partner_name, **fields):
        return factories.PartnershipFactory(
            partner=factories.PartnerFactory(name=partner_name, slug=partner_name.lower()), **fields
        )

    partnership("Forum-wide", covers_whole_forum=True)
    partnership("Named", covers_whole_forum=False, institutions=[institution])
    partnership("Elsewhere", covers_whole_forum=False, institutions=[other])
    expired = partnership(
        "Delivered",
        start_date=TODAY - datetime.timedelta(days=400),
        end_date=TODAY - datetime.timedelta(days=35),
    )
    factories.ContributionFactory(
        partnership=expired,
        institution=institution,
        description="Mesin jahit industri 5 unit",
        delivered_on=datetime.date(2025, 8, 17),
        value=Decimal("25000000"),
    )
    partnership("Expired", end_date=TODAY - datetime.timedelta(days=1))
    hidden_partner = partnership("Unpublished")
    hidden_partner.partner.is_published = False
    hidden_partner.partner.save()

    response = profile(client, institution)

    partners = response.context["sections"].partners
    assert [partner.name for partner in partners] == ["Delivered", "Forum-wide", "Named"]
    html = response.content.decode()
    assert 'href="/mitra/#mitra-named"' in html
    assert "Mesin jahit industri 5 unit" in html
    assert "17 Agustus 2025" in html
    assert "Rp 25.000.000" in html


@pytest.mark.parametrize(
    "hidden",
    [{"is_published": False}, {"is_active": False}],
    ids=["unpublished", "inactive"],
)
def test_profile_of_a_hidden_institution_is_not_found(client, hidden):
    institution = factories.InstitutionFactory(**hidden)

    assert profile(client, institution).status_code == 404


def test_profile_of_an_unknown_slug_is_not_found(client):
    assert client.get("/lembaga/tidak-ada/").status_code == 404


def test_profile_map_marks_the_institution(client, institution):
    response = profile(client, institution)

    (marker,) = map_data(response, "institution-location-map-data")
    assert marker["url"] == "/lembaga/blkk-al-hidayah/"
    assert (marker["lat"], marker["lon"]) == (-6.201234, 106.551234)


def populate_profile(institution: Institution, size: int) -> None:
    institution.fields.add(*factories.VocationalFieldFactory.create_batch(size))
    factories.InstructorFactory.create_batch(size, institution=institution)
    for days in range(size):
        factories.EnrollmentFactory(program=program_at(institution, Status.OPEN, 30 + days))
        program_at(institution, Status.COMPLETED, -60 - days)
        factories.EnterpriseFactory(owner__program__institution=institution)
        factories.ContributionFactory(institution=institution)


@pytest.mark.parametrize("size", [2, 25], ids=["small", "large"])
def test_profile_query_count_does_not_grow_with_the_data(
    client, institution, size, django_assert_max_num_queries
):
    populate_profile(institution, size)

    # Institution, its kejuruan, current and past programs, enterprises, partners, contributions.
    with django_assert_max_num_queries(7):
        response = profile(client, institution)
    assert len(response.context["sections"].partners) == size
