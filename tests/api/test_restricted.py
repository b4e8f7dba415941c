"""The token-only endpoints: who gets in, which rows each token opens, and what they show.

Every endpoint of ``restricted.ROUTES`` is walked automatically: a new endpoint is covered by
the access and scoping tests as soon as it is routed (and fails until its model is given a
row in ``WORLD_ROWS`` and a path to its BLKK in ``INSTITUTION_PATHS``).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api import restricted
from api.models import ApiToken
from api.permissions import DisnakerOrManagerToken, DisnakerToken, ManagerToken
from institutions.models import InstitutionManager
from tests import factories
from trainings.models import Enrollment, Trainee

from .conftest import bearer, make_token

ROUTES = [pytest.param(route, id=route[0]) for route in restricted.ROUTES]

# The record of a manager_world each model's detail is tried on.
WORLD_ROWS = {Enrollment: lambda world: world.graduate, Trainee: lambda world: world.trainee}
# How each model reaches the BLKK it belongs to.
INSTITUTION_PATHS = {
    Enrollment: "program__institution",
    Trainee: "enrollments__program__institution",
}
# Which token kinds each permission lets in.
ADMITTED = {
    DisnakerToken: {ApiToken.Access.DISNAKER},
    ManagerToken: {ApiToken.Access.MANAGER},
    DisnakerOrManagerToken: {ApiToken.Access.DISNAKER, ApiToken.Access.MANAGER},
}


def admitted(viewset) -> set:
    (permission,) = viewset.permission_classes
    return ADMITTED[permission]


def model_of(viewset):
    return viewset.serializer_class.Meta.model


def urls(route, world):
    _prefix, viewset, basename = route
    row = WORLD_ROWS[model_of(viewset)](world)
    return reverse(f"api:{basename}-list"), reverse(f"api:{basename}-detail", args=[row.pk])


def all_rows(client, url, key) -> list:
    """Every row of a cursor-paginated list, following ``next``."""
    rows = []
    while url:
        response = client.get(url, **bearer(key))
        assert response.status_code == 200
        rows.extend(response.json()["results"])
        url = response.json()["next"]
    return rows


def ids_of(model, institution) -> set:
    path = INSTITUTION_PATHS[model]
    return set(model.objects.filter(**{path: institution}).values_list("pk", flat=True))


def key_for(access, disnaker, manager):
    owner = disnaker if access == ApiToken.Access.DISNAKER else manager
    return make_token(owner, access)


@pytest.mark.parametrize("route", ROUTES)
def test_restricted_endpoints_refuse_anonymous_readers_with_401(route, api_client, manager_world):
    for url in urls(route, manager_world):
        response = api_client.get(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("route", ROUTES)
def test_restricted_endpoints_refuse_a_token_of_the_wrong_kind_with_403(
    route, api_client, manager_world, disnaker
):
    wrong = set(ApiToken.Access) - admitted(route[1])
    for access in wrong:
        key = key_for(access, disnaker, manager_world.manager)
        for url in urls(route, manager_world):
            assert api_client.get(url, **bearer(key)).status_code == 403


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("field", ["revoked", "expiry_date"])
def test_restricted_endpoints_refuse_a_revoked_or_expired_token_with_401(
    route, field, api_client, manager_world, disnaker
):
    for access in admitted(route[1]):
        key = key_for(access, disnaker, manager_world.manager)
        value = True if field == "revoked" else timezone.now() - datetime.timedelta(seconds=1)
        ApiToken.objects.filter(owner__in=[disnaker, manager_world.manager]).update(
            **{field: value}
        )
        for url in urls(route, manager_world):
            assert api_client.get(url, **bearer(key)).status_code == 401


@pytest.mark.parametrize("route", ROUTES)
def test_a_manager_token_lists_only_its_own_blkk_rows_and_gets_404_for_others(
    route, api_client, manager_world, manager_a_key
):
    _prefix, viewset, basename = route
    if ApiToken.Access.MANAGER not in admitted(viewset):
        pytest.skip("not open to manager tokens")
    model = model_of(viewset)
    list_url, own_detail = urls(route, manager_world)
    own = ids_of(model, manager_world.institution)
    other = ids_of(model, manager_world.other.institution)
    assert own and other and not own & other

    listed = {row["id"] for row in all_rows(api_client, list_url, manager_a_key)}

    assert listed == own
    assert api_client.get(own_detail, **bearer(manager_a_key)).status_code == 200
    for pk in other:
        detail = reverse(f"api:{basename}-detail", args=[pk])
        assert api_client.get(detail, **bearer(manager_a_key)).status_code == 404


@pytest.mark.parametrize("route", ROUTES)
def test_a_manager_of_two_blkk_sees_the_rows_of_both(route, api_client, manager_world):
    _prefix, viewset, _basename = route
    if ApiToken.Access.MANAGER not in admitted(viewset):
        pytest.skip("not open to manager tokens")
    InstitutionManager.objects.create(
        user=manager_world.manager, institution=manager_world.other.institution
    )
    key = make_token(manager_world.manager, ApiToken.Access.MANAGER)
    model = model_of(viewset)

    listed = {row["id"] for row in all_rows(api_client, urls(route, manager_world)[0], key)}

    assert listed == ids_of(model, manager_world.institution) | ids_of(
        model, manager_world.other.institution
    )


@pytest.mark.parametrize("route", ROUTES)
def test_a_manager_removed_from_their_blkk_gets_401_rather_than_an_empty_list(
    route, api_client, manager_world, manager_a_key
):
    if ApiToken.Access.MANAGER not in admitted(route[1]):
        pytest.skip("not open to manager tokens")
    InstitutionManager.objects.filter(user=manager_world.manager).delete()

    for url in urls(route, manager_world):
        assert api_client.get(url, **bearer(manager_a_key)).status_code == 401


def personal_strings(trainee) -> list[str]:
    return [
        trainee.nik,
        str(trainee.phone),
        trainee.email,
        trainee.address,
        trainee.birth_date.isoformat(),
    ]


def test_disnaker_lists_every_enrollment_with_the_trainee_pseudonymised(
    api_client, manager_world, disnaker_key
):
    url = reverse("api:enrollment-list")

    rows = all_rows(api_client, url, disnaker_key)
    json_body = api_client.get(url, **bearer(disnaker_key)).content.decode()
    csv_body = api_client.get(url, {"format": "csv"}, **bearer(disnaker_key)).content.decode()

    assert {row["id"] for row in rows} == set(Enrollment.objects.values_list("pk", flat=True))
    graduate = next(row for row in rows if row["id"] == manager_world.graduate.pk)
    assert graduate["masked_nik"] == manager_world.trainee.masked_nik
    assert not set(Enrollment.CERTIFICATE_FIELDS) & set(graduate)
    for trainee in Trainee.objects.all():
        for body in (json_body, csv_body):
            for text in personal_strings(trainee):
                assert text not in body
    for number in (
        manager_world.graduate.training_certificate_number,
        manager_world.graduate.competency_certificate_number,
    ):
        assert number not in json_body + csv_body


def test_enrollment_shows_program_trainee_band_and_result(api_client, manager_world, disnaker_key):
    graduate = manager_world.graduate
    start = graduate.program.start_date
    # 22 on the day the program started, whatever their age today.
    Trainee.objects.filter(pk=graduate.trainee_id).update(
        birth_date=start.replace(year=start.year - 22)
    )
    url = reverse("api:enrollment-detail", args=[graduate.pk])

    body = api_client.get(url, **bearer(disnaker_key)).json()

    program = graduate.program
    assert body["program"] == {
        "id": program.pk,
        "slug": program.slug,
        "title": program.title,
        "institution": manager_world.institution.slug,
        "start_date": program.start_date.isoformat(),
        "end_date": program.end_date.isoformat(),
    }
    assert body["trainee_name"] == graduate.trainee.full_name
    assert body["masked_nik"].startswith(graduate.trainee.nik[:6])
    assert body["masked_nik"].endswith("•" * 10)
    assert body["age_band"] == "20-24"
    assert body["status"] == Enrollment.Status.GRADUATED
    assert body["competency_result"] == Enrollment.CompetencyResult.COMPETENT
    assert body["completed_on"] == graduate.completed_on.isoformat()
    assert body["trainee_district"] == {
        "code": graduate.trainee.district.code,
        "name": graduate.trainee.district.name,
    }


@pytest.mark.parametrize(
    "query",
    [
        lambda world: {"blkk": world.institution.slug},
        lambda world: {"kecamatan": world.institution.district.code},
        lambda world: {"program": world.completed_program.pk},
        lambda world: {"status": Enrollment.Status.GRADUATED},
        lambda world: {"tahun": world.completed_program.start_date.year, "blkk": "blkk-al-hidayah"},
    ],
    ids=["blkk", "kecamatan", "program", "status", "tahun"],
)
def test_enrollments_filter_by_blkk_kecamatan_program_status_and_year(
    query, api_client, manager_world, disnaker_key
):
    params = query(manager_world)
    lookups = {
        "blkk": "program__institution__slug",
        "kecamatan": "program__institution__district__code",
        "program": "program_id",
        "status": "status",
        "tahun": "program__start_date__year",
    }
    expected = Enrollment.objects.filter(**{lookups[name]: value for name, value in params.items()})

    response = api_client.get(reverse("api:enrollment-list"), params, **bearer(disnaker_key))

    assert {row["id"] for row in response.json()["results"]} == set(
        expected.values_list("pk", flat=True)
    )
    assert expected.exists()
    assert expected.count() < Enrollment.objects.count()


@pytest.mark.parametrize(
    ("name", "value"), [("status", "bogus"), ("kecamatan", "99.99.99")], ids=["status", "kecamatan"]
)
def test_an_invalid_enrollment_filter_is_a_400_naming_it(api_client, disnaker_key, name, value):
    response = api_client.get(reverse("api:enrollment-list"), {name: value}, **bearer(disnaker_key))

    assert response.status_code == 400
    assert name in response.json()


def test_a_manager_reads_their_trainee_as_the_portal_shows_them(
    api_client, manager_world, manager_a_key
):
    trainee = manager_world.trainee
    # The same person also trained at BLKK B: that enrollment is not A's to see.
    factories.EnrollmentFactory(trainee=trainee, program=manager_world.other.program)

    body = api_client.get(
        reverse("api:trainee-detail", args=[trainee.pk]), **bearer(manager_a_key)
    ).json()

    assert body["nik"] == trainee.nik
    assert body["phone"] == str(trainee.phone)
    assert body["email"] == trainee.email
    assert body["address"] == trainee.address
    assert body["birth_date"] == trainee.birth_date.isoformat()
    assert body["district"]["code"] == trainee.district.code
    assert [enrollment["id"] for enrollment in body["enrollments"]] == [manager_world.graduate.pk]
    graduate = manager_world.graduate
    assert {field: body["enrollments"][0][field] for field in Enrollment.CERTIFICATE_FIELDS} == {
        "training_certificate_number": graduate.training_certificate_number,
        "competency_scheme": graduate.competency_scheme,
        "competency_certificate_issuer": graduate.competency_certificate_issuer,
        "competency_certificate_number": graduate.competency_certificate_number,
        "competency_certificate_date": graduate.competency_certificate_date.isoformat(),
    }


def grow(world, count):
    """``count`` more enrollments (each of a new trainee) in each BLKK of the world."""
    for institution_world in (world, world.other):
        for _number in range(count):
            factories.EnrollmentFactory(program=institution_world.completed_program)


def list_queries(client, url, key) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **bearer(key)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ROUTES)
def test_every_restricted_list_costs_the_same_queries_for_one_row_or_many(
    route, api_client, manager_world, disnaker
):
    _prefix, viewset, basename = route
    url = reverse(f"api:{basename}-list")
    for access in admitted(viewset):
        key = key_for(access, disnaker, manager_world.manager)
        api_client.get(url, **bearer(key))  # the token's first use writes last_used_at
        few = list_queries(api_client, url, key)
        grow(manager_world, 5)
        many = list_queries(api_client, url, key)
        assert few == many, access


def test_an_enrollment_downloads_as_a_csv_row_and_an_empty_list_as_its_header(
    api_client, manager_world, disnaker_key
):
    detail = reverse("api:enrollment-detail", args=[manager_world.graduate.pk])

    item = api_client.get(detail, {"format": "csv"}, **bearer(disnaker_key))
    empty = api_client.get(
        reverse("api:enrollment-list"), {"format": "csv", "tahun": 2099}, **bearer(disnaker_key)
    )

    header, row = item.content.decode().splitlines()
    assert header.startswith("id,program.id,program.slug")
    assert row.startswith(f"{manager_world.graduate.pk},")
    assert empty["Content-Type"].startswith("text/csv")
    assert empty.content.decode().splitlines() == [header]


@pytest.mark.parametrize("year", ["0", "1999", "2024.5", "dua ribu"])
def test_a_year_out_of_range_is_a_400_naming_tahun(year, api_client, disnaker_key):
    response = api_client.get(
        reverse("api:enrollment-list"), {"tahun": year}, **bearer(disnaker_key)
    )

    assert response.status_code == 400
    assert list(response.json()) == ["tahun"]
