"""The BLKK maps draw their base map from settings.MAP_TILES_URL, and the CSP allows it."""

from django.conf import settings
from django.template.loader import render_to_string

MARKERS = [{"name": "BLKK A", "url": "/lembaga/a/", "lat": -6.2, "lon": 106.5, "kecamatan": "X"}]


def rendered_map():
    return render_to_string(
        "institutions/includes/_map.html", {"markers": MARKERS, "map_id": "peta"}
    )


def test_the_map_asks_for_the_configured_tiles(settings):
    settings.MAP_TILES_URL = "https://ubin.example.test/{z}/{x}/{y}.png"

    assert 'data-tiles="https://ubin.example.test/{z}/{x}/{y}.png"' in rendered_map()


def test_without_a_tile_server_the_map_asks_for_none(settings):
    settings.MAP_TILES_URL = ""

    assert 'data-tiles=""' in rendered_map()


def test_the_csp_allows_images_from_the_tile_server_only():
    assert settings.MAP_TILES_ORIGIN == "https://tile.openstreetmap.org"
    img_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert settings.MAP_TILES_ORIGIN in img_src
    assert not [
        source
        for source in img_src
        if source.startswith("http") and source != settings.MAP_TILES_ORIGIN
    ]
