"""Each BLKK's public profile at /lembaga/<slug>/: its own facts and what the apps built on
institutions hold about it (programs, alumni enterprises, partners)."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from fkblkk.selectors import PAST_PROGRAMS_SHOWN
from institutions.models import (
    District,
    Institution,
    KemnakerAssistance,
    Village,
    VocationalField,
)
from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests.assertions import FOOTER_QUERIES
from tests.dates import today
from trainings.models import TrainingProgram
from trainings.selectors import PublicStatus

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

Status = TrainingProgram.Status


def program_at(institution, status, start_in_days: int, **fields) -> TrainingProgram:
    start = today() + datetime.timedelta(days=start_in_days)
    return factories.TrainingProgramFactory(
        institution=institution,
        status=status,
        start_date=start,
        end_date=start + datetime.timedelta(days=20),
        **fields,
    )


@pytest.fixture
def institution():
    district = District.objects.get(code=f"{KABUPATEN_TANGERANG_CODE}.01")
    institution = factories.InstitutionFactory(
        latitude=Decimal("-6.201234"),
        longitude=Decimal("106.551234"),
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


def location_markers(response) -> list[dict]:
    """The markers of the profile's map, read from the page as its script reads them."""
    data = re.search(
        r'<script id="institution-location-map-data" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(data.group(1))


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
        'href="https://wa.me/6281211112222?text=Halo%20BLKK%20Pondok%20Pesantren%20Al-Hidayah',
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
        start_date=today() - datetime.timedelta(days=400),
        end_date=today() - datetime.timedelta(days=35),
    )
    factories.ContributionFactory(
        partnership=expired,
        institution=institution,
        description="Mesin jahit industri 5 unit",
        delivered_on=datetime.date(2025, 8, 17),
        value=Decimal("25000000"),
    )
    partnership("Expired", end_date=today() - datetime.timedelta(days=1))
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

    (marker,) = location_markers(response)
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
        factories.KemnakerAssistanceFactory(institution=institution, year=2010 + days)


@pytest.mark.parametrize("size", [2, 25], ids=["small", "large"])
def test_profile_query_count_does_not_grow_with_the_data(
    client, institution, size, django_assert_max_num_queries
):
    populate_profile(institution, size)

    # Institution, its kejuruan, Kemnaker's assistance, photos, current and past programs,
    # enterprises, partners, contributions; the footer's contact.
    with django_assert_max_num_queries(9 + FOOTER_QUERIES):
        response = profile(client, institution)
    assert len(response.context["sections"].partners) == size


@pytest.mark.parametrize(
    ("legal_form", "first_badges"),
    [
        (Institution.LegalForm.YAYASAN, ["Pondok pesantren", "Yayasan", "Kelas Kemnaker: Mandiri"]),
        ("", ["Pondok pesantren", "Kelas Kemnaker: Mandiri"]),
    ],
)
def test_profile_names_the_hosts_legal_form_once_it_is_recorded(
    client, institution, legal_form, first_badges
):
    institution.host_legal_form = legal_form
    institution.save()

    badges = re.findall(
        r'<span class="badge text-bg-light border">([^<]+)</span>',
        profile(client, institution).content.decode(),
    )

    assert badges[: len(first_badges)] == first_badges


def test_profile_lists_kemnakers_assistance_for_the_building_and_equipment(client, institution):
    factories.KemnakerAssistanceFactory(
        institution=institution,
        kind=KemnakerAssistance.Kind.WORKSHOP,
        year=2018,
        value=Decimal("500000000"),
        items="Gedung workshop menjahit",
    )

    page = profile(client, institution).content.decode()

    assert "Bantuan Kemnaker untuk gedung dan peralatan" in page
    assert "Gedung workshop menjahit" in page
    assert "Rp 500.000.000" in page
