"""The indicator endpoints give the dashboard's figures (``dashboard.indicators``) for the
dashboard's filters, refuse invalid filters, and keep the small-number breakdowns for
Disnaker tokens."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard import indicators
from dashboard.indicators import IndicatorFilters, ParticipantBreakdown, ProgramBreakdown
from tests import factories
from tests.dates import days
from trainings.models import Enrollment, FundingSource, Trainee

from .conftest import bearer

SUMMARY = reverse("api:indicator-summary-list")
PROGRAMS = reverse("api:indicator-program-list")
DISTRICTS = reverse("api:indicator-district-list")
DETAIL = reverse("api:indicator-detail-list")
PARTICIPANTS = reverse("api:indicator-participant-list")
PUBLIC = [SUMMARY, PROGRAMS, DISTRICTS]
DISNAKER_ONLY = [DETAIL, PARTICIPANTS]


@pytest.fixture
def world(manager_world):
    """The manager world of BLKK A and B, with a partnership and a contribution besides."""
    partnership = factories.PartnershipFactory(end_date=days(30))
    factories.ContributionFactory(partnership=partnership, institution=manager_world.institution)
    factories.EnrollmentFactory(
        program=manager_world.other.completed_program, status=Enrollment.Status.DROPPED_OUT
    )
    return manager_world


# Each case: the query string and the same filters as IndicatorFilters.
FILTER_CASES = {
    "none": lambda world: ({}, IndicatorFilters()),
    "blkk": lambda world: (
        {"blkk": world.institution.slug},
        IndicatorFilters(institution=world.institution.pk),
    ),
    "kecamatan": lambda world: (
        {"kecamatan": world.other.institution.district.code},
        IndicatorFilters(district=world.other.institution.district_id),
    ),
    "kejuruan": lambda world: (
        {"kejuruan": world.institution.primary_field.slug},
        IndicatorFilters(field=world.institution.primary_field_id),
    ),
    "years-and-funding": lambda world: (
        {
            "tahun_dari": world.completed_program.start_date.year,
            "tahun_sampai": world.completed_program.start_date.year,
            "sumber_dana": world.completed_program.funding_source,
        },
        IndicatorFilters(
            year_from=world.completed_program.start_date.year,
            year_to=world.completed_program.start_date.year,
            funding_source=world.completed_program.funding_source,
        ),
    ),
}
FILTERS = [pytest.param(case, id=name) for name, case in FILTER_CASES.items()]


def rate(value: indicators.Rate) -> dict:
    percent = None if value.percent is None else float(value.percent)
    return {"numerator": value.numerator, "denominator": value.denominator, "percent": percent}


def rows(found: list, *names, key="key", label="label") -> list[dict]:
    return [
        {key: str(row.key), label: str(row.label), **{name: row[name] for name in names}}
        for row in found
    ]


@pytest.mark.parametrize("case", FILTERS)
def test_the_summary_gives_the_indicator_functions_figures(case, api_client, world):
    query, filters = case(world)

    body = api_client.get(SUMMARY, query).json()

    coverage = indicators.institution_coverage(filters)
    placement = indicators.placement(filters)
    enterprises = indicators.enterprises(filters)
    partnerships = indicators.partnerships(filters)
    assert body["coverage"] == {
        "districts_covered": coverage.districts_covered,
        "districts_total": coverage.districts_total,
        "active_institutions": sum(row["institutions"] for row in coverage.by_district),
        "by_district": rows(coverage.by_district, "institutions", key="code", label="name"),
    }
    assert body["graduation_rate"] == rate(indicators.graduation_rate(filters))
    assert body["competency_rate"] == rate(indicators.competency_rate(filters))
    assert body["placement_rate"] == rate(placement.placement_rate)
    assert body["self_employment_rate"] == rate(placement.self_employment_rate)
    assert body["enterprises"] == {
        "enterprises": enterprises.enterprises,
        "workers": enterprises.workers,
        "by_sector": rows(enterprises.by_sector, "enterprises", "workers"),
    }
    assert body["partnerships"] == {
        "active": partnerships.active,
        "by_scope": rows(partnerships.by_scope, "partnerships"),
    }


def test_the_summary_counts_something_in_the_world(api_client, world):
    body = api_client.get(SUMMARY).json()

    assert body["graduation_rate"]["denominator"] > 0
    assert body["coverage"]["districts_covered"] > 0
    assert body["enterprises"]["enterprises"] == 2
    assert body["partnerships"]["active"] == 1


@pytest.mark.parametrize("case", FILTERS)
@pytest.mark.parametrize("by", list(ProgramBreakdown))
def test_program_rows_are_the_indicator_functions_rows(case, by, api_client, world):
    query, filters = case(world)

    body = api_client.get(PROGRAMS, {**query, "menurut": by.value}).json()

    expected = indicators.programs_and_participants(filters, by)
    assert body == rows(expected, "programs", "participants")


def test_program_rows_are_by_year_unless_asked_otherwise(api_client, world):
    body = api_client.get(PROGRAMS).json()

    expected = indicators.programs_and_participants(IndicatorFilters(), ProgramBreakdown.YEAR)
    assert body == rows(expected, "programs", "participants")
    assert sum(row["participants"] for row in body) > 0


@pytest.mark.parametrize("case", FILTERS)
def test_district_rows_are_the_coverage_rows(case, api_client, world):
    query, filters = case(world)

    body = api_client.get(DISTRICTS, query).json()

    expected = indicators.institution_coverage(filters).by_district
    assert body == rows(expected, "institutions", key="code", label="name")


@pytest.mark.parametrize("case", FILTERS)
@pytest.mark.parametrize("by", list(ParticipantBreakdown))
def test_participant_rows_are_the_indicator_functions_rows(
    case, by, api_client, world, disnaker_key
):
    query, filters = case(world)

    response = api_client.get(PARTICIPANTS, {**query, "menurut": by.value}, **bearer(disnaker_key))

    assert response.json() == rows(indicators.participants_by(filters, by), "participants")


@pytest.mark.parametrize("case", FILTERS)
def test_the_detail_gives_the_indicator_functions_figures(case, api_client, world, disnaker_key):
    query, filters = case(world)

    body = api_client.get(DETAIL, query, **bearer(disnaker_key)).json()

    for by, name in (
        (ParticipantBreakdown.GENDER, "participants_by_gender"),
        (ParticipantBreakdown.AGE_BAND, "participants_by_age_band"),
        (ParticipantBreakdown.EDUCATION, "participants_by_education"),
        (ParticipantBreakdown.DOMICILE, "participants_by_domicile"),
    ):
        assert body[name] == rows(indicators.participants_by(filters, by), "participants")
    pbk = indicators.pbk(filters)
    assert body["pbk"]["grants"] == pbk.grants
    assert body["pbk"]["amount"] == int(pbk.amount)
    assert body["pbk"]["target_participants"] == pbk.target_participants
    assert body["pbk"]["actual_participants"] == pbk.actual_participants
    assert body["pbk"]["absorption"] == rate(pbk.absorption)
    assert body["pbk"]["reports_on_time"] == rate(pbk.reports_on_time)
    assert {row["status"]: row["grants"] for row in body["pbk"]["reports"]} == pbk.reports
    assert [(row["key"], row["amount"]) for row in body["pbk"]["by_year"]] == [
        (str(row.key), int(row["amount"])) for row in pbk.by_year
    ]
    contributions = indicators.contributions(filters)
    assert body["contributions"]["contributions"] == contributions.contributions
    assert body["contributions"]["value"] == int(contributions.value)
    assert body["contributions"]["without_value"] == contributions.without_value
    missing = indicators.fields_missing_by_district(filters)
    assert body["missing_fields"] == [
        {"code": entry.district.key, "name": entry.district.label, "missing": entry.missing}
        for entry in missing
    ]
    ending = indicators.partnerships(filters).ending_soon
    assert body["partnerships_ending_soon"] == [
        {"title": item.title, "partner": item.partner, "end_date": item.end_date.isoformat()}
        for item in ending
    ]


def test_amounts_are_whole_rupiah_integers(api_client, world, disnaker_key):
    factories.PBKAssistanceFactory(
        institution=world.institution, year=2020, amount=Decimal("1000000.50")
    )

    body = api_client.get(DETAIL, **bearer(disnaker_key)).json()

    assert body["pbk"]["amount"] == 250_000_000 * 2 + 1_000_001
    assert isinstance(body["contributions"]["value"], int)


def test_the_api_and_the_dashboard_page_give_the_same_figures(
    client, api_client, world, disnaker, disnaker_key
):
    query = {"blkk": world.institution.slug}
    client.force_login(disnaker)

    figures = client.get(reverse("dashboard:home"), query).context["figures"]
    body = api_client.get(DETAIL, query, **bearer(disnaker_key)).json()
    summary = api_client.get(SUMMARY, query).json()

    assert summary["graduation_rate"] == rate(figures.graduation)
    assert summary["coverage"]["districts_covered"] == figures.coverage.districts_covered
    assert body["pbk"]["grants"] == figures.pbk.grants
    assert body["contributions"]["contributions"] == figures.contributions.contributions


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"tahun_dari": "dua ribu"}, "tahun_dari"),
        ({"tahun_sampai": "1999"}, "tahun_sampai"),
        ({"tahun_dari": "2025", "tahun_sampai": "2020"}, "tahun_sampai"),
        ({"kecamatan": "99.99.99"}, "kecamatan"),
        ({"kejuruan": "tidak-ada"}, "kejuruan"),
        ({"blkk": "tidak-ada"}, "blkk"),
        ({"sumber_dana": "hibah"}, "sumber_dana"),
    ],
)
@pytest.mark.parametrize("url", PUBLIC + DISNAKER_ONLY)
def test_an_invalid_filter_is_a_400_naming_the_field(
    url, query, field, api_client, world, disnaker_key
):
    response = api_client.get(url, query, **bearer(disnaker_key))

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert response.json()[field][0]


@pytest.mark.parametrize("url", [PROGRAMS, PARTICIPANTS])
def test_an_unknown_breakdown_is_a_400_naming_menurut(url, api_client, disnaker_key):
    response = api_client.get(url, {"menurut": "agama"}, **bearer(disnaker_key))

    assert response.status_code == 400
    assert list(response.json()) == ["menurut"]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_indicators_are_open_to_anonymous_readers(url, api_client, world):
    assert api_client.get(url).status_code == 200


@pytest.mark.parametrize("url", DISNAKER_ONLY)
def test_small_number_breakdowns_refuse_anonymous_readers_with_401(url, api_client, world):
    assert api_client.get(url).status_code == 401


@pytest.mark.parametrize("url", DISNAKER_ONLY)
def test_small_number_breakdowns_refuse_a_manager_token_with_403(url, api_client, manager_a_key):
    assert api_client.get(url, **bearer(manager_a_key)).status_code == 403


@pytest.mark.parametrize("url", DISNAKER_ONLY)
def test_small_number_breakdowns_open_to_a_disnaker_token(url, api_client, world, disnaker_key):
    assert api_client.get(url, **bearer(disnaker_key)).status_code == 200


@pytest.mark.parametrize(
    ("url", "header"),
    [
        (PROGRAMS, "key,label,programs,participants"),
        (DISTRICTS, "code,name,institutions"),
        (PARTICIPANTS, "key,label,participants"),
    ],
)
def test_indicator_rows_download_as_csv(url, header, api_client, world, disnaker_key):
    response = api_client.get(url, {"format": "csv"}, **bearer(disnaker_key))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == header
    assert len(lines) == 1 + len(api_client.get(url, **bearer(disnaker_key)).json())


@pytest.mark.parametrize("url", [SUMMARY, DETAIL])
def test_the_summary_and_the_detail_are_json_only(url, api_client, disnaker_key):
    assert api_client.get(url, {"format": "csv"}, **bearer(disnaker_key)).status_code == 404


@pytest.mark.parametrize("url", PUBLIC + DISNAKER_ONLY)
def test_indicators_show_no_personal_data(url, api_client, world, disnaker_key):
    bodies = [api_client.get(url, **bearer(disnaker_key)).content.decode()]
    if url not in (SUMMARY, DETAIL):
        bodies.append(
            api_client.get(url, {"format": "csv"}, **bearer(disnaker_key)).content.decode()
        )

    for trainee in Trainee.objects.all():
        for text in (
            trainee.nik,
            trainee.full_name,
            str(trainee.phone),
            trainee.email,
            trainee.address,
            trainee.birth_date.isoformat(),
        ):
            for body in bodies:
                assert text not in body


def grow(world, count):
    """``count`` more held programs with participants, in each BLKK, in other years."""
    for institution_world in (world, world.other):
        for number in range(count):
            start = institution_world.completed_program.start_date.replace(year=2017 + number)
            program = factories.TrainingProgramFactory(
                institution=institution_world.institution,
                status=institution_world.completed_program.status,
                funding_source=FundingSource.APBD,
                start_date=start,
                end_date=start + datetime.timedelta(days=20),
                registration_closes=start - datetime.timedelta(days=7),
            )
            factories.GraduateFactory(program=program)
            factories.PBKAssistanceFactory(
                institution=institution_world.institution, year=2017 + number
            )


def cold_queries(client, url, key) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **bearer(key)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", PUBLIC + DISNAKER_ONLY)
def test_every_indicator_endpoint_costs_the_same_queries_for_few_rows_or_many(
    url, api_client, world, disnaker_key
):
    api_client.get(url, **bearer(disnaker_key))  # the token's first use writes last_used_at
    few = cold_queries(api_client, url, disnaker_key)
    grow(world, 5)
    many = cold_queries(api_client, url, disnaker_key)

    assert few == many


def test_indicator_rows_without_a_row_still_download_their_csv_header(api_client, world):
    response = api_client.get(
        PROGRAMS, {"format": "csv", "menurut": "kecamatan", "tahun_dari": 2100}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == ["key,label,programs,participants"]
