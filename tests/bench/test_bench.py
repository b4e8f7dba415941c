"""The page bench's own arithmetic: reading locust's statistics, the ratios and the table;
and the API lists it measures, with the tokens it makes for them."""

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from api.urls import router
from bench.pages import (
    TOKEN_NAME,
    LoadStats,
    Page,
    Result,
    api_pages,
    api_tokens,
    authorization,
    failed_pages,
    locust_settings,
    ratio,
    read_locust_stats,
    results_table,
)
from fkblkk.demo.accounts import manager_username
from tests import factories

HEADER = (
    '"Type","Name","Request Count","Failure Count","Median Response Time",'
    '"Average Response Time","Min Response Time","Max Response Time","Average Content Size",'
    '"Requests/s","Failures/s","50%","66%","75%","80%","90%","95%","98%","99%","99.9%",'
    '"99.99%","100%"'
)
STATS_CSV = "\n".join(
    [
        HEADER,
        '"GET","login",8,0,40,41.2,30,60,5000,0.27,0,40,41,42,43,50,60,60,60,60,60,60',
        '"GET","dashboard warm",1200,2,31,35.5,12,420,40000,40.1,0.07,31,34,36,40,48,'
        "95,120,180,400,420,420",
        '"GET","healthz",0,0,0,0,0,0,0,0,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A',
        ',"Aggregated",1208,2,31,35.6,12,420,39800,40.4,0.07,31,34,36,40,48,95,120,180,400,420,420',
    ]
)


def stats(rps, p50, failures=0, requests=100):
    return LoadStats(requests=requests, failures=failures, rps=rps, p50=p50, p95=p50, p99=p50)


def test_read_locust_stats_takes_the_page_row_and_its_percentiles():
    assert read_locust_stats(STATS_CSV, "dashboard warm") == LoadStats(
        requests=1200, failures=2, rps=40.1, p50=31.0, p95=95.0, p99=180.0
    )


def test_read_locust_stats_reads_not_applicable_as_unknown():
    assert read_locust_stats(STATS_CSV, "healthz") == LoadStats(
        requests=0, failures=0, rps=0.0, p50=None, p95=None, p99=None
    )


def test_read_locust_stats_of_a_page_never_asked_is_empty():
    assert read_locust_stats(STATS_CSV, "admin enrollments").requests == 0


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [(30.0, 3.0, 10.0), (50.0, 200.0, 0.25), (None, 3.0, None), (30.0, None, None), (5.0, 0, None)],
)
def test_ratio_is_none_without_a_usable_base(value, base, expected):
    assert ratio(value, base) == expected


def test_results_table_compares_each_page_with_healthz():
    results = [
        Result(Page("healthz", "/healthz"), 4, stats(rps=400.0, p50=5.0), queries=1),
        Result(Page("dashboard cold", "/dasbor/", cold=True), 1, stats(rps=2.0, p50=450.0), 40),
        Result(Page("home", "/"), 4, stats(rps=100.0, p50=None, failures=3), queries=None),
    ]

    lines = results_table(results).splitlines()

    assert lines[0].startswith("| page | path | users |")
    assert lines[2] == (
        "| healthz | `/healthz` | 4 | 100 | 0 | 400.0 | 5 | 5 | 5 | 1.00× | 1.00× | 1 |"
    )
    assert lines[3] == (
        "| dashboard cold | `/dasbor/` | 1 | 100 | 0 | 2.0 | 450 | 450 | 450 | 90.00× "
        "| 0.01× | 40 |"
    )
    assert lines[4] == "| home | `/` | 4 | 100 | 3 | 100.0 | – | – | – | – | 0.25× | – |"


def test_failed_pages_names_pages_with_failures_or_no_answer():
    results = [
        Result(Page("healthz", "/healthz"), 4, stats(rps=400.0, p50=5.0), 1),
        Result(Page("home", "/"), 4, stats(rps=100.0, p50=9.0, failures=1), 10),
        Result(Page("lembaga", "/lembaga/"), 4, stats(rps=0.0, p50=None, requests=0), 10),
    ]

    assert failed_pages(results) == ["home", "lembaga"]


def test_locust_settings_sign_in_only_where_needed_and_empty_the_cache_only_when_cold():
    public = locust_settings(Page("home", "/"), users=4, cold_key="fkblkk:1:version")
    cold = locust_settings(
        Page("dashboard cold", "/dasbor/", login="disnaker", cold=True), 1, "fkblkk:1:version"
    )

    assert (public["login"], public["password"], public["cold_key"]) == ("", "", "")
    assert public["min_requests"] == 1
    assert (cold["login"], cold["cold_key"], cold["users"]) == ("disnaker", "fkblkk:1:version", 1)
    assert cold["password"]
    assert cold["min_requests"] > 1


def test_api_pages_are_every_list_the_router_has():
    pages = {page.path: page for page in api_pages()}

    lists = {
        f"/api/v1/{prefix}/" for prefix, viewset, _ in router.registry if hasattr(viewset, "list")
    }
    assert set(pages) == lists
    assert len(pages) == len({page.name for page in pages.values()})
    assert pages[reverse("api:district-list")].token == ""
    assert pages[reverse("api:enrollment-list")].token == ApiToken.Access.DISNAKER
    assert pages[reverse("api:trainee-list")].token == ApiToken.Access.MANAGER


def test_locust_settings_send_the_token_header_of_an_api_page():
    page = Page("api pendaftaran", "/api/v1/pendaftaran/", token=ApiToken.Access.DISNAKER)
    tokens = {ApiToken.Access.DISNAKER: "kunci"}

    header = authorization(page, tokens)

    assert header == "Bearer kunci"
    assert locust_settings(page, 4, authorization=header)["authorization"] == "Bearer kunci"
    assert authorization(Page("api kecamatan", "/api/v1/kecamatan/"), tokens) == ""


def test_the_bench_tokens_open_every_api_list(disnaker, manager_a, tangerang_district):
    institution = factories.InstitutionFactory(
        district=tangerang_district("Balaraja"), managers=[manager_a]
    )
    manager_a.username = manager_username(institution)
    manager_a.save(update_fields=["username"])
    api_tokens()  # the previous run's tokens are replaced

    tokens = api_tokens()

    assert ApiToken.objects.filter(name=TOKEN_NAME).count() == len(tokens) == 2
    for page in api_pages():
        response = Client().get(page.path, HTTP_AUTHORIZATION=authorization(page, tokens))
        assert response.status_code == 200, page
