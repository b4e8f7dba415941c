"""The dashboard's kecamatan coverage map: the boundaries it draws (institutions/static/geo),
the figures the page hands it (the coverage table's own), and, in a browser, the drawn map and
its links."""

import csv
import html
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from dashboard import indicators
from dashboard.indicators import IndicatorFilters
from institutions import boundaries
from institutions.models import District
from tests import factories
from tests.assertions import assert_nothing_inline
from tests.dashboard import test_pages
from tests.fkblkk import test_admin_browser

# The dashboard tests' fixtures: a signed-in Disnaker reader and the indicators' hand-made BLKK
# (A and B in Balaraja, C inactive in Tigaraksa, D in Cikupa).
reader = test_pages.reader
blkk = test_pages.blkk
trained = test_pages.trained
# The admin browser tests' signed-in secretariat (who reads the dashboard as Disnaker does).
secretariat_page = test_admin_browser.secretariat_page
roles_present = test_admin_browser.roles_present

GEOJSON = boundaries.BOUNDARIES_FILE
WILAYAH = settings.BASE_DIR / "institutions" / "data" / "wilayah_kab_tangerang.csv"
# Kabupaten Tangerang with a margin: every boundary vertex lies inside.
LATITUDES, LONGITUDES = (-6.45, -5.95), (106.30, 106.80)
NO_BLKK_COLOUR = "#e8590c"


def official_kecamatan() -> dict[str, str]:
    """Kemendagri code → name of the 29 kecamatan, from the project's region data."""
    with WILAYAH.open(encoding="utf-8") as rows:
        return {row["code"]: row["name"] for row in csv.DictReader(rows) if row["level"] == "3"}


def polygons(geometry) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def map_data(response) -> dict:
    """The per-kecamatan figures the page hands the map (``data-coverage``)."""
    match = re.search(
        r'<div id="peta-cakupan"[^>]*\sdata-coverage="([^"]*)"', response.content.decode()
    )
    assert match, "no map element"
    return json.loads(html.unescape(match.group(1)))


# Boundaries -----------------------------------------------------------------------------


def test_the_boundaries_are_the_29_official_kecamatan_in_geojson_order():
    collection = json.loads(GEOJSON.read_text(encoding="utf-8"))

    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 29
    assert {f["properties"]["code"]: f["properties"]["name"] for f in features} == (
        official_kecamatan()
    )
    for feature in features:
        geometry = feature["geometry"]
        assert geometry["type"] in {"Polygon", "MultiPolygon"}, feature["properties"]
        for polygon in polygons(geometry):
            assert polygon
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["properties"]
                for lng, lat in ring:
                    assert LONGITUDES[0] <= lng <= LONGITUDES[1], feature["properties"]
                    assert LATITUDES[0] <= lat <= LATITUDES[1], feature["properties"]
                    assert round(lng, 5) == lng and round(lat, 5) == lat


def test_neighbouring_kecamatan_share_their_border_vertices():
    """A sanity check of the copied coordinates: each kecamatan meets a neighbour at some
    vertex of exactly the same position."""
    collection = json.loads(GEOJSON.read_text(encoding="utf-8"))
    owners: dict[tuple, set] = {}
    for feature in collection["features"]:
        for polygon in polygons(feature["geometry"]):
            for ring in polygon:
                for point in ring:
                    owners.setdefault(tuple(point), set()).add(feature["properties"]["code"])

    shared = set().union(*(codes for codes in owners.values() if len(codes) > 1))
    assert shared == set(official_kecamatan())


def test_the_boundaries_carry_their_licence():
    notice = (GEOJSON.parent / "LICENSE.md").read_text(encoding="utf-8")

    assert "cahyadsn/wilayah_boundaries" in notice
    assert "db/kec/wilayah_boundaries_kec_36.sql" in notice
    assert "copyright (c) 2024 by cahya dsn" in notice
    assert "Permission is hereby granted, free of charge" in notice


# The page -------------------------------------------------------------------------------


def test_the_map_carries_the_coverage_figures_of_every_kecamatan(reader, trained):
    response = reader.get(reverse("dashboard:home"))

    data = map_data(response)
    filters = IndicatorFilters()
    missing = {
        row.district.key: row.missing for row in indicators.fields_missing_by_district(filters)
    }
    expected = {
        row.key: {
            "name": row.label,
            "institutions": row["institutions"],
            "missing": missing.get(row.key, []),
        }
        for row in indicators.institution_coverage(filters).by_district
    }
    assert data == expected
    assert set(official_kecamatan()) <= set(data)
    assert data[trained["balaraja"].code]["institutions"] == 2
    # Tigaraksa's only BLKK is inactive: no BLKK, and every kejuruan of the forum missing.
    assert data[trained["tigaraksa"].code] == {
        "name": "Tigaraksa",
        "institutions": 0,
        "missing": ["Kejuruan Uji Jahit", "Kejuruan Uji Las"],
    }
    page = response.content.decode()
    assert 'data-geojson="/static/geo/kecamatan_kab_tangerang.geojson"' in page
    assert 'role="region"' in page and "tanpa BLKK" in page and "2+ BLKK" in page
    assert_nothing_inline(page)


def test_the_map_follows_the_filters(reader, trained):
    cikupa = trained["cikupa"].code

    in_cikupa = map_data(reader.get(f"{reverse('dashboard:home')}?kecamatan={cikupa}"))
    only_las = map_data(reader.get(f"{reverse('dashboard:home')}?kejuruan={trained['las'].slug}"))

    assert in_cikupa == {
        cikupa: {"name": "Cikupa", "institutions": 1, "missing": ["Kejuruan Uji Las"]}
    }
    # Only BLKK teaching Las count, and only Las is looked for.
    assert only_las[trained["balaraja"].code]["institutions"] == 2
    assert only_las[cikupa] == {
        "name": "Cikupa",
        "institutions": 0,
        "missing": ["Kejuruan Uji Las"],
    }
    assert only_las[trained["tigaraksa"].code]["missing"] == ["Kejuruan Uji Las"]


# In a browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_map_draws_every_kecamatan_and_filters_by_a_click(secretariat_page, live_server):
    """The secretariat opens the dashboard; the map draws the 29 kecamatan without a tile
    server, a kecamatan without a BLKK in the warning colour, nothing the CSP blocks; a click on
    a kecamatan filters the dashboard by it, keeping the other filters, and outlines it."""
    page = secretariat_page
    factories.InstitutionFactory(district=District.objects.get(code="36.03.01"))
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))

    page.goto(f"{live_server.url}/dasbor/?tahun_dari=2020")

    shapes = page.locator("#peta-cakupan path.leaflet-interactive")
    shapes.first.wait_for()
    assert shapes.count() == 29
    fills = page.evaluate(
        "() => [...document.querySelectorAll('#peta-cakupan path.leaflet-interactive')]"
        ".map((path) => path.getAttribute('fill'))"
    )
    # Balaraja has one BLKK, the other 28 none.
    assert fills.count(NO_BLKK_COLOUR) == 28

    # Cisoka has no BLKK: its shape is the warning colour, and a click filters by it.
    cisoka = page.locator('#peta-cakupan path[data-code="36.03.05"]')
    assert cisoka.get_attribute("fill") == NO_BLKK_COLOUR
    assert page.locator('#peta-cakupan path[data-code="36.03.01"]').get_attribute("fill") != (
        NO_BLKK_COLOUR
    )
    cisoka.hover()
    tooltip = page.locator(".leaflet-tooltip")
    assert tooltip.inner_text().startswith("Cisoka")
    assert "BLKK aktif: 0" in tooltip.inner_text()

    cisoka.click()

    page.wait_for_url(re.compile(r"kecamatan=36\.03\.05"))
    assert "tahun_dari=2020" in page.url
    page.locator("#peta-cakupan path.leaflet-interactive").first.wait_for()
    outlined = page.evaluate(
        "() => [...document.querySelectorAll('#peta-cakupan path.leaflet-interactive')]"
        ".filter((path) => path.getAttribute('stroke-width') === '3')"
        ".map((path) => path.dataset.code)"
    )
    assert outlined == ["36.03.05"]
    assert errors == []
