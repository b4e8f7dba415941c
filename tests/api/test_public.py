"""The public API endpoints: what the public pages show, filtered as they filter, and no
personal data anywhere."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alumni.models import Enterprise
from api.public import ROUTES
from institutions.models import Institution, Instructor
from partnerships.models import Partner, PartnershipScope
from tests import factories
from tests.dates import days
from trainings.models import Enrollment, FundingSource, Trainee, TrainingProgram

pytestmark = pytest.mark.django_db

Status = TrainingProgram.Status
VIEWSETS = {prefix: viewset for prefix, viewset, _basename in ROUTES}
BASENAMES = {prefix: basename for prefix, _viewset, basename in ROUTES}
PREFIXES = list(VIEWSETS)
REGION_PREFIXES = {"kabupaten", "kecamatan", "desa"}


def list_url(prefix: str) -> str:
    return reverse(f"api:{BASENAMES[prefix]}-list")


def detail_url(prefix: str, key) -> str:
    return reverse(f"api:{BASENAMES[prefix]}-detail", args=[key])


def item_key(prefix: str, item: dict):
    """An item's lookup value, read off its JSON (``pk`` lookups show as ``id``)."""
    lookup = VIEWSETS[prefix].lookup_field
    return item["id" if lookup == "pk" else lookup]


def listed(api_client, prefix: str, **params) -> list:
    response = api_client.get(list_url(prefix), params)
    assert response.status_code == 200, response.content
    return [item_key(prefix, item) for item in response.json()["results"]]


def completed_program(**fields):
    return factories.TrainingProgramFactory(
        status=Status.COMPLETED,
        start_date=days(-200),
        end_date=days(-180),
        registration_closes=days(-210),
        **fields,
    )


# What each endpoint shows and hides -------------------------------------------------------


def test_kejuruan_lists_every_field_and_shows_one_by_slug(api_client):
    field = factories.VocationalFieldFactory(name="Tata Boga Uji", description="Memasak.")

    assert field.slug in listed(api_client, "kejuruan", per_halaman=500)
    response = api_client.get(detail_url("kejuruan", field.slug))
    assert response.json() == {
        "slug": field.slug,
        "name": "Tata Boga Uji",
        "is_kemnaker_listed": True,
        "description": "Memasak.",
    }


def test_blkk_shows_the_public_profile(api_client, institution_a):
    extra_field = factories.VocationalFieldFactory()
    institution_a.fields.add(extra_field)
    factories.InstructorFactory(institution=institution_a)
    factories.InstructorFactory(institution=institution_a, is_active=False)

    body = api_client.get(detail_url("blkk", institution_a.slug)).json()

    assert body["name"] == "BLKK Al-Hidayah"
    assert body["district"] == {
        "code": institution_a.district.code,
        "name": institution_a.district.name,
    }
    assert body["primary_field"]["slug"] == institution_a.primary_field.slug
    assert [field["slug"] for field in body["fields"]] == [extra_field.slug]
    assert body["active_instructors"] == 1
    assert body["public_phone"] == institution_a.public_phone
    assert body["host_type_label"] == str(Institution.HostType.PESANTREN.label)
    assert (body["host_legal_form"], body["host_legal_form_label"]) == ("", "")
    assert body["url"] == f"http://testserver/lembaga/{institution_a.slug}/"


@pytest.mark.parametrize("hidden", [{"is_published": False}, {"is_active": False}])
def test_blkk_hides_unpublished_and_inactive_institutions(api_client, hidden):
    shown = factories.InstitutionFactory()
    not_shown = factories.InstitutionFactory(**hidden)

    assert listed(api_client, "blkk") == [shown.slug]
    assert api_client.get(detail_url("blkk", not_shown.slug)).status_code == 404


def test_pelatihan_shows_the_program_page(api_client, institution_a):
    instructor = factories.InstructorFactory(institution=institution_a, full_name="Siti Aminah")
    program = factories.TrainingProgramFactory(institution=institution_a, quota=10)
    program.instructors.add(instructor)
    factories.EnrollmentFactory(program=program, status=Enrollment.Status.ACCEPTED)

    body = api_client.get(detail_url("pelatihan", program.slug)).json()

    assert body["institution"] == {"slug": "blkk-al-hidayah", "name": "BLKK Al-Hidayah"}
    assert body["district"]["code"] == institution_a.district.code
    assert body["public_status"] == "buka"
    assert body["seats_left"] == 9
    assert body["location"] == institution_a.address
    assert body["instructors"] == ["Siti Aminah"]
    assert body["registration_closes"] == program.registration_closes.isoformat()
    assert body["url"] == f"http://testserver/pelatihan/{program.slug}/"


def test_pelatihan_gives_no_seats_left_once_a_program_is_over(api_client):
    program = completed_program()

    body = api_client.get(detail_url("pelatihan", program.slug)).json()

    assert body["public_status"] == "selesai"
    assert body["seats_left"] is None


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"status": Status.CANCELLED},
        {"institution__is_published": False},
        {"institution__is_active": False},
    ],
    ids=["draft", "cancelled", "unpublished-blkk", "inactive-blkk"],
)
def test_pelatihan_hides_what_the_program_pages_hide(api_client, hidden):
    shown = factories.TrainingProgramFactory()
    not_shown = factories.TrainingProgramFactory(**hidden)

    assert listed(api_client, "pelatihan") == [shown.slug]
    assert api_client.get(detail_url("pelatihan", not_shown.slug)).status_code == 404


def test_pelatihan_sorts_with_urutan_and_pages_with_a_cursor(api_client):
    for title in ("Tata Rias", "Barista", "Menjahit"):
        factories.TrainingProgramFactory(title=title)

    first = api_client.get(list_url("pelatihan"), {"urutan": "title", "per_halaman": 2}).json()
    second = api_client.get(first["next"]).json()

    assert [p["title"] for p in first["results"] + second["results"]] == [
        "Barista",
        "Menjahit",
        "Tata Rias",
    ]
    assert "kursor=" in first["next"]


def test_usaha_alumni_shows_where_the_owner_trained_and_nothing_of_the_owner(api_client):
    enterprise = factories.EnterpriseFactory(business_address="Jl. Usaha 5")

    body = api_client.get(detail_url("usaha-alumni", enterprise.slug)).json()

    program = enterprise.owner.program
    assert body["owner_field"] == {"slug": program.field.slug, "name": program.field.name}
    assert body["owner_institution"] == {
        "slug": program.institution.slug,
        "name": program.institution.name,
    }
    assert body["business_address"] == "Jl. Usaha 5"
    assert not {"owner", "monthly_revenue"} & set(body)


def test_usaha_alumni_does_not_name_a_blkk_that_is_not_public(api_client):
    enterprise = factories.EnterpriseFactory(
        owner=factories.GraduateFactory(program=completed_program(institution__is_active=False))
    )

    body = api_client.get(detail_url("usaha-alumni", enterprise.slug)).json()

    assert body["owner_institution"] is None


def test_usaha_alumni_hides_unpublished_enterprises(api_client):
    shown = factories.EnterpriseFactory()
    not_shown = factories.EnterpriseFactory(is_published=False)

    assert listed(api_client, "usaha-alumni") == [shown.slug]
    assert api_client.get(detail_url("usaha-alumni", not_shown.slug)).status_code == 404


def test_mitra_shows_published_partners_without_their_contact_person(api_client):
    shown = factories.PartnerFactory(website="https://mitra.example.test/")
    not_shown = factories.PartnerFactory(is_published=False)

    assert listed(api_client, "mitra") == [shown.slug]
    body = api_client.get(detail_url("mitra", shown.slug)).json()
    assert body["website"] == "https://mitra.example.test/"
    assert body["url"] == f"http://testserver/mitra/#mitra-{shown.slug}"
    assert not {"contact_name", "contact_phone", "contact_email"} & set(body)
    assert api_client.get(detail_url("mitra", not_shown.slug)).status_code == 404


def test_kemitraan_shows_public_blkk_and_what_they_received(api_client, institution_a):
    hidden_blkk = factories.InstitutionFactory(is_published=False)
    partnership = factories.PartnershipFactory(
        covers_whole_forum=False, institutions=[institution_a, hidden_blkk]
    )
    factories.ContributionFactory(
        partnership=partnership, institution=institution_a, value=1_000_000
    )
    factories.ContributionFactory(partnership=partnership, institution=hidden_blkk, value=7_000_000)

    body = api_client.get(detail_url("kemitraan", partnership.pk)).json()

    assert body["partner"]["slug"] == partnership.partner.slug
    assert body["institutions"] == [{"slug": "blkk-al-hidayah", "name": "BLKK Al-Hidayah"}]
    assert body["delivered_value"] == 1_000_000
    assert [c["institution"]["slug"] for c in body["contributions"]] == ["blkk-al-hidayah"]
    assert body["scopes"] == [
        {"code": scope.code, "name": scope.name} for scope in partnership.scopes.all()
    ]
    assert body["covers_whole_forum"] is False


@pytest.mark.parametrize(
    "hidden",
    [
        {"partner__is_published": False},
        {"start_date": days(-400), "end_date": days(-35)},
        {"start_date": days(10), "end_date": days(300)},
        {"terminated_on": days(-1)},
    ],
    ids=["unpublished-partner", "expired", "not-yet", "terminated"],
)
def test_kemitraan_hides_agreements_not_in_force_or_of_hidden_partners(api_client, hidden):
    shown = factories.PartnershipFactory()
    not_shown = factories.PartnershipFactory(**hidden)

    assert listed(api_client, "kemitraan") == [shown.pk]
    assert api_client.get(detail_url("kemitraan", not_shown.pk)).status_code == 404


# Filters, as on the public pages ----------------------------------------------------------


@pytest.fixture
def two_of_each(tangerang_district):
    """For each filtered endpoint, a row that every filter below keeps and one it drops."""
    districts = [tangerang_district("Balaraja"), tangerang_district("Tigaraksa")]
    fields = [factories.VocationalFieldFactory(), factories.VocationalFieldFactory()]
    host_types = [Institution.HostType.PESANTREN, Institution.HostType.TRADE_UNION]
    institutions = [
        factories.InstitutionFactory(district=district, primary_field=field, host_type=host_type)
        for district, field, host_type in zip(districts, fields, host_types, strict=True)
    ]
    programs = [
        completed_program(
            institution=institutions[0], title="Menjahit Busana", funding_source=FundingSource.APBD
        ),
        factories.TrainingProgramFactory(
            institution=institutions[1], title="Las Listrik", funding_source=FundingSource.PARTNER
        ),
    ]
    enterprises = [
        factories.EnterpriseFactory(
            owner=factories.GraduateFactory(program=program), district=district, sector=sector
        )
        for program, district, sector in zip(
            programs, districts, [Enterprise.Sector.FOOD, Enterprise.Sector.DIGITAL], strict=True
        )
    ]
    scopes = list(PartnershipScope.objects.order_by("order")[:2])
    partnerships = [factories.PartnershipFactory(scopes=[scope]) for scope in scopes]
    return {
        "district": districts[0],
        "field": fields[0],
        "institution": institutions[0],
        "program": programs[0],
        "scope": scopes[0],
        "partner": partnerships[0].partner,
        "blkk": institutions[0].slug,
        "pelatihan": programs[0].slug,
        "usaha-alumni": enterprises[0].slug,
        "kemitraan": partnerships[0].pk,
    }


@pytest.mark.parametrize(
    ("prefix", "param", "value"),
    [
        ("blkk", "kecamatan", lambda w: w["district"].code),
        ("blkk", "kejuruan", lambda w: w["field"].slug),
        ("blkk", "jenis", lambda w: Institution.HostType.PESANTREN),
        ("pelatihan", "q", lambda w: "busana"),
        ("pelatihan", "kejuruan", lambda w: w["field"].slug),
        ("pelatihan", "kecamatan", lambda w: w["district"].code),
        ("pelatihan", "blkk", lambda w: w["institution"].slug),
        ("pelatihan", "status", lambda w: "selesai"),
        ("pelatihan", "bulan", lambda w: w["program"].start_date.strftime("%Y-%m")),
        ("pelatihan", "dana", lambda w: FundingSource.APBD),
        ("usaha-alumni", "sektor", lambda w: Enterprise.Sector.FOOD),
        ("usaha-alumni", "kecamatan", lambda w: w["district"].code),
        ("usaha-alumni", "blkk", lambda w: w["institution"].slug),
        ("kemitraan", "lingkup", lambda w: w["scope"].code),
        ("kemitraan", "mitra", lambda w: w["partner"].slug),
    ],
)
def test_filters_keep_what_the_public_page_keeps(api_client, two_of_each, prefix, param, value):
    assert len(listed(api_client, prefix)) == 2

    assert listed(api_client, prefix, **{param: value(two_of_each)}) == [two_of_each[prefix]]


@pytest.mark.parametrize(
    ("prefix", "param"),
    [
        ("blkk", "kecamatan"),
        ("blkk", "jenis"),
        ("pelatihan", "status"),
        ("pelatihan", "kejuruan"),
        ("usaha-alumni", "sektor"),
        ("kemitraan", "lingkup"),
        ("kemitraan", "mitra"),
    ],
)
def test_an_invalid_filter_value_is_refused_with_the_fields_message(api_client, prefix, param):
    response = api_client.get(list_url(prefix), {param: "tidak-ada"})

    viewset = VIEWSETS[prefix]
    filterset = viewset.filterset_class({param: "tidak-ada"}, queryset=viewset().get_queryset())
    assert response.status_code == 400
    assert response.json() == {param: filterset.errors[param]}


def test_pelatihan_has_no_urut_parameter_of_its_own(api_client):
    assert api_client.get(list_url("pelatihan"), {"urut": "tidak-ada"}).status_code == 200


# No personal data, on any public endpoint ------------------------------------------------


@pytest.fixture
def personal_data(manager_world, disnaker, secretariat):
    """Every trainee, instructor, manager and partner contact given recognisable personal data
    in a world where every public endpoint has rows; returns those strings."""
    world = manager_world
    partnership = factories.PartnershipFactory(
        covers_whole_forum=False, institutions=[world.institution, world.other.institution]
    )
    factories.ContributionFactory(partnership=partnership, institution=world.institution)
    secrets = []
    for number, trainee in enumerate(Trainee.objects.order_by("pk")):
        trainee.phone = f"+62819770{number:05d}"
        trainee.email = f"rahasia.peserta{number}@pribadi.test"
        trainee.address = f"Gang Rahasia Peserta No. {number + 101}"
        trainee.save()
        secrets += [trainee.nik, trainee.phone, trainee.email, trainee.address]
        secrets.append(trainee.birth_date.isoformat())
    for number, instructor in enumerate(Instructor.objects.order_by("pk")):
        instructor.phone = f"+62819880{number:05d}"
        instructor.email = f"rahasia.instruktur{number}@pribadi.test"
        instructor.save()
        secrets += [instructor.phone, instructor.email]
    for number, user in enumerate(get_user_model().objects.order_by("pk")):
        user.email = f"rahasia.pengguna{number}@pribadi.test"
        user.save()
        secrets.append(user.email)
    for partner in Partner.objects.all():
        secrets += [partner.contact_name, partner.contact_phone, partner.contact_email]
    return secrets


def test_no_personal_data_in_any_public_answer(api_client, personal_data, settings):
    answers = []
    for prefix in PREFIXES:
        response = api_client.get(list_url(prefix))
        assert response.status_code == 200
        items = response.json()["results"]
        assert items, f"{prefix} lists nothing: the world does not cover it"
        detail = detail_url(prefix, item_key(prefix, items[0]))
        for url in (list_url(prefix), detail):
            for format_ in ("json", "csv"):
                answer = api_client.get(url, {"format": format_})
                assert answer.status_code == 200, (url, format_)
                answers.append((url, format_, answer.content.decode()))

    for url, format_, body in answers:
        leaked = [secret for secret in personal_data if secret in body]
        assert not leaked, (url, format_, leaked)


# Fixed query count, CSV ------------------------------------------------------------------


def add_public_rows(count: int) -> None:
    """``count`` rows of every public kind, each with the related rows its answer shows."""
    scopes = list(PartnershipScope.objects.order_by("order")[:2])
    for _ in range(count):
        institution = factories.InstitutionFactory()
        institution.fields.add(factories.VocationalFieldFactory())
        instructor = factories.InstructorFactory(institution=institution)
        program = factories.TrainingProgramFactory(institution=institution)
        program.instructors.add(instructor)
        factories.EnrollmentFactory(program=program, status=Enrollment.Status.ACCEPTED)
        factories.EnterpriseFactory(
            owner=factories.GraduateFactory(program=completed_program(institution=institution))
        )
        partnership = factories.PartnershipFactory(
            covers_whole_forum=False, institutions=[institution], scopes=scopes
        )
        factories.ContributionFactory(partnership=partnership, institution=institution)


def count_list_queries(api_client, url: str) -> int:
    api_client.get(url)  # fills the cached filter choices, which a warm site has
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_list_costs_the_same_queries_for_one_row_and_for_ten(api_client, prefix):
    add_public_rows(1)
    url = list_url(prefix)
    one_row = count_list_queries(api_client, url)

    add_public_rows(9)
    ten_rows = count_list_queries(api_client, url)

    if prefix not in REGION_PREFIXES:
        assert len(api_client.get(url).json()["results"]) >= 10
    assert ten_rows == one_row


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_list_answers_csv_with_a_header_and_a_row_per_item(api_client, prefix):
    add_public_rows(3)

    items = api_client.get(list_url(prefix)).json()["results"]
    response = api_client.get(list_url(prefix), {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == len(items)
    key_column = "id" if VIEWSETS[prefix].lookup_field == "pk" else VIEWSETS[prefix].lookup_field
    assert [row[header.index(key_column)] for row in rows] == [
        str(item_key(prefix, item)) for item in items
    ]


def test_blkk_names_the_hosts_legal_form_apart_from_its_kind(api_client):
    church = factories.InstitutionFactory(
        host_type=Institution.HostType.CHURCH, host_legal_form=Institution.LegalForm.YAYASAN
    )

    body = api_client.get(detail_url("blkk", church.slug)).json()

    assert (body["host_type"], body["host_type_label"]) == ("gereja", "Gereja")
    assert (body["host_legal_form"], body["host_legal_form_label"]) == ("yayasan", "Yayasan")
