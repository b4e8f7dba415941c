"""The Disnaker dashboard (/dasbor/): who may read it, its filters, its figures (the indicator
functions' own), the lists behind them, and a query count that does not grow with the data."""

import html
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard import indicators
from dashboard.figures import dashboard_figures, page_figures
from dashboard.indicators import IndicatorFilters, ProgramBreakdown
from dashboard.views import indicators as indicator_pages
from fkblkk.views.manager import home_url_for
from tests import factories
from tests.assertions import assert_nothing_inline
from tests.dashboard import test_indicators
from tests.dashboard.test_indicators import enroll, graduate, program, world
from trainings.models import Enrollment, FundingSource

Status = Enrollment.Status
PAGES = [
    "dashboard:home",
    "dashboard:program-list",
    "dashboard:enrollment-list",
    "dashboard:enterprise-list",
    "dashboard:partnership-list",
]

# The indicators' own hand-made BLKK (A and B in Balaraja, C inactive in Tigaraksa, D in Cikupa).
blkk = test_indicators.cast


@pytest.fixture
def reader(client, disnaker):
    client.force_login(disnaker)
    return client


def figure(response, key: str) -> str:
    """The text of the figure ``key`` on the page (``<span id="angka-key">``)."""
    match = re.search(rf'id="angka-{key}">([^<]*)<', response.content.decode())
    assert match, key
    return match.group(1).strip()


# Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("manager:login"))


@pytest.mark.parametrize("url_name", PAGES)
def test_managers_are_refused_with_a_reason(client, manager_a, url_name):
    client.force_login(manager_a)

    response = client.get(reverse(url_name))

    assert response.status_code == 403
    assert "hanya untuk Disnaker" in response.content.decode()


@pytest.mark.parametrize("role", ["disnaker", "secretariat"])
@pytest.mark.parametrize("url_name", PAGES)
def test_disnaker_and_the_secretariat_read_the_dashboard(client, db, request, role, url_name):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert_nothing_inline(response.content.decode())


def test_superusers_count_as_the_secretariat(client, db):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))

    assert client.get(reverse("dashboard:home")).status_code == 200


def test_disnaker_starts_on_the_dashboard_after_signing_in(disnaker, secretariat, manager_a):
    assert home_url_for(disnaker) == reverse("dashboard:home")
    assert home_url_for(manager_a) == reverse("manager:home")
    assert home_url_for(secretariat) == reverse("admin:index")


# Figures and filters --------------------------------------------------------------------


@pytest.fixture
def trained(blkk):
    """Two programs at A (Balaraja, 2024 APBD and 2025 by a partner) and one at D (Cikupa, 2025)."""
    first = program(blkk["a"], "2024-02-05")
    second = program(blkk["a"], "2025-02-03", funding_source=FundingSource.PARTNER)
    third = program(blkk["d"], "2025-06-02")
    graduate(first)
    enroll(first, Status.DROPPED_OUT)
    graduate(second)
    enroll(second, Status.APPLIED)
    graduate(third)
    graduate(third)
    enroll(third, Status.ACCEPTED)
    return blkk


def test_the_figures_are_the_indicator_functions(reader, trained):
    response = reader.get(reverse("dashboard:home"))

    filters = IndicatorFilters()
    by_year = indicators.programs_and_participants(filters, ProgramBreakdown.YEAR)
    coverage = indicators.institution_coverage(filters)
    graduation = indicators.graduation_rate(filters)
    assert figure(response, "program") == str(sum(row["programs"] for row in by_year)) == "3"
    assert figure(response, "peserta") == str(sum(row["participants"] for row in by_year)) == "6"
    assert figure(response, "kecamatan-terjangkau") == str(coverage.districts_covered)
    assert figure(response, "kelulusan") == "66,7%"
    assert (graduation.numerator, graduation.denominator) == (4, 6)


def test_filters_narrow_the_figures_and_stay_in_the_links(reader, trained):
    query = f"tahun_dari=2025&kecamatan={trained['balaraja'].code}"

    response = reader.get(f"{reverse('dashboard:home')}?{query}")

    filters = IndicatorFilters(year_from=2025, district=trained["balaraja"].pk)
    assert indicators.graduation_rate(filters) == indicators.Rate(1, 1)
    assert figure(response, "program") == "1"
    assert figure(response, "peserta") == "1"
    assert figure(response, "kelulusan") == "100,0%"
    page = response.content.decode()
    assert f"{reverse('dashboard:program-list')}?{query.replace('&', '&amp;')}" in page
    assert f"{reverse('dashboard:enrollment-list')}?{query.replace('&', '&amp;')}" in page


def test_the_lists_behind_the_figures_take_the_same_filters(reader, trained):
    query = f"?kejuruan={trained['jahit'].slug}"

    programs = reader.get(reverse("dashboard:program-list") + query)
    enrollments = reader.get(reverse("dashboard:enrollment-list") + query)

    assert programs.context["paginator"].count == 1
    assert enrollments.context["paginator"].count == 3


def test_the_enterprise_and_partnership_lists_hold_what_their_figures_count(reader, blkk):
    world(blkk, 3)
    query = f"?kecamatan={blkk['balaraja'].code}"
    home = reader.get(reverse("dashboard:home") + query)

    enterprises = reader.get(reverse("dashboard:enterprise-list") + query)
    partnerships = reader.get(reverse("dashboard:partnership-list") + query)

    filters = IndicatorFilters(district=blkk["balaraja"].pk)
    assert enterprises.context["paginator"].count == indicators.enterprises(filters).enterprises
    assert enterprises.context["paginator"].count == int(figure(home, "usaha-alumni")) == 2
    assert partnerships.context["paginator"].count == indicators.partnerships(filters).active
    assert partnerships.context["paginator"].count == int(figure(home, "kemitraan-aktif"))
    assert f"{reverse('dashboard:enterprise-list')}{query}" in home.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "tahun_dari=abc",
        "tahun_dari=2026&tahun_sampai=2020",
        "kecamatan=99.99.99",
        "kejuruan=tidak-ada",
        "blkk=tidak-ada",
        "sumber_dana=emas",
        "tahun_dari=1",
    ],
)
@pytest.mark.parametrize("url_name", PAGES)
def test_invalid_filters_are_reported_and_ignored(reader, trained, query, url_name):
    response = reader.get(f"{reverse(url_name)}?{query}")

    assert response.status_code == 200
    assert "Sebagian filter tidak valid" in response.content.decode()
    if url_name == "dashboard:home":
        assert figure(response, "program") == "3"


def test_an_invalid_filter_does_not_drop_the_valid_ones(reader, trained):
    response = reader.get(f"{reverse('dashboard:home')}?tahun_dari=2025&sumber_dana=emas")

    assert figure(response, "program") == "2"


def test_the_coverage_table_lists_every_kecamatan_and_marks_those_without_a_blkk(reader, trained):
    page = reader.get(reverse("dashboard:home")).content.decode()

    coverage = indicators.institution_coverage(IndicatorFilters())
    # 29 kecamatan, and any the factories added to the regency for the trainees.
    assert page.count("tanpa BLKK</span>") == coverage.districts_total - 2
    assert len(coverage.districts_without_institution) == coverage.districts_total - 2
    assert "Kejuruan Uji Las" in page  # missing in Cikupa


def test_the_page_has_a_chart_and_a_table_for_every_indicator(reader, trained):
    page = reader.get(reverse("dashboard:home")).content.decode()

    canvases = re.findall(r'<canvas id="[^"]+" data-chart="([^"]+)"', page)
    assert len(canvases) >= 10
    for data in canvases:
        assert json.loads(html.unescape(data))["datasets"]
    assert page.count("<caption>") >= len(canvases)
    assert "vendor/chart.js/chart.umd.min.js" in page


def test_the_participants_section_charts_the_domicile_split(reader, trained):
    seated = Enrollment.objects.filter(status__in=Enrollment.SEATED_STATUSES).select_related(
        "trainee"
    )
    test_indicators.move_to(seated.first(), "36.74.04")

    page = reader.get(reverse("dashboard:home")).content.decode()

    assert 'id="chart-peserta-domisili"' in page
    assert "Peserta menurut domisili" in page
    chart = next(
        chart
        for chart in page_figures(dashboard_figures(IndicatorFilters()))["charts"]["participants"]
        if chart.key == "peserta-domisili"
    )
    split = [(row.key, row["participants"]) for row in chart.rows]
    assert split == test_indicators.plain_domicile_counts()
    assert split == [("kabupaten_tangerang", 5), ("luar_kabupaten_tangerang", 1)]
    # Figures only: where any one participant lives is not on the page.
    assert "Ciputat" not in page


def test_the_figures_are_recounted_when_the_data_changes(reader, trained):
    assert figure(reader.get(reverse("dashboard:home")), "program") == "3"

    program(trained["d"], "2025-09-01")

    assert figure(reader.get(reverse("dashboard:home")), "program") == "4"


def test_the_figures_are_drawn_once_per_filters_and_language(reader, trained, monkeypatch):
    url = f"{reverse('dashboard:home')}?tahun_dari=2017"
    assert figure(reader.get(url), "program") == "3"

    def drawing_again(*args, **kwargs):
        raise AssertionError("the figures were drawn again")

    monkeypatch.setattr(indicator_pages, "page_figures", drawing_again)

    assert figure(reader.get(url), "program") == "3"
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with pytest.raises(AssertionError, match="drawn again"):
        reader.get(url)


# Personal data --------------------------------------------------------------------------


def test_the_participant_list_masks_the_nik_and_shows_no_other_personal_data(reader, blkk):
    enrollment = graduate(
        program(blkk["a"], "2025-02-03"),
        trainee__nik="3603011234567890",
        trainee__phone="+6281299988877",
        trainee__address="Kp. Rahasia RT 09/09",
        trainee__email="rahasia@example.test",
    )

    page = reader.get(reverse("dashboard:enrollment-list")).content.decode()

    assert enrollment.trainee.full_name in page
    assert "360301••••••••••" in page
    for private in ("3603011234567890", "81299988877", "Kp. Rahasia", "rahasia@example.test"):
        assert private not in page
    assert "01/01/2000" not in page and "1 Januari 2000" not in page


# Query budget ---------------------------------------------------------------------------


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", PAGES)
def test_query_count_does_not_grow_with_the_data(
    reader, blkk, url_name, django_assert_max_num_queries
):
    filtered = f"{reverse(url_name)}?tahun_dari=2017&kecamatan={blkk['cikupa'].code}"
    world(blkk, 2)  # data at both BLKK, so that every list has a page to show
    budget = {url: page_queries(reader, url) for url in (reverse(url_name), filtered)}

    # Four times as much again, at two more BLKK of the same kecamatan.
    more = {name: factories.InstitutionFactory(district=blkk[name].district) for name in "ad"}
    world({**blkk, **more}, 8)

    for url, queries in budget.items():
        with django_assert_max_num_queries(queries):
            assert reader.get(url).status_code == 200


# In a browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_charts_draw_under_the_content_security_policy(page, live_server, transactional_db):
    """Disnaker signs in, lands on the dashboard, and every chart is drawn without a console
    error (the CSP would report any blocked code or style there)."""
    factories.UserFactory(username="disnaker-uji", role="Disnaker")
    institution = factories.InstitutionFactory()
    factories.GraduateFactory(program=factories.TrainingProgramFactory(institution=institution))
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))

    page.goto(f"{live_server.url}/pengelola/masuk/")
    page.locator("#id_username").fill("disnaker-uji")
    page.locator("#id_password").fill("rahasia-uji-123")
    page.locator("form [type=submit]").last.click()

    page.wait_for_url(f"{live_server.url}/dasbor/")
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".map((canvas) => Boolean(Chart.getChart(canvas)))"
    )
    assert drawn and all(drawn)
    assert errors == []


def test_the_pbk_section_shows_kemnakers_building_and_equipment_assistance(reader, blkk):
    factories.KemnakerAssistanceFactory(
        institution=blkk["a"], kind="peralatan", year=2019, value=Decimal("400000000")
    )

    response = reader.get(reverse("dashboard:home"))

    assert figure(response, "kemnaker-peralatan") == "Rp 400.000.000"
    assert figure(response, "kemnaker-gedung_workshop") == "Rp 0"
