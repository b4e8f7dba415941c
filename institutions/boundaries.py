"""The kecamatan boundaries of Kabupaten Tangerang, and whether a point lies in one of them.

The boundaries are the ones the dashboard's coverage map draws
(``institutions/static/geo/kecamatan_kab_tangerang.geojson``, MIT, see the LICENSE.md beside
it): simplified to five decimals and a few dozen corners per kecamatan, so a point within
``TOLERANCE_DEGREES`` of its kecamatan's line (about 300 m) still counts as inside.

shapely (and numpy under it) is imported on first use rather than by every process that loads
the models: most requests and commands never check a coordinate.
"""

import json
import random
from functools import cache
from pathlib import Path

BOUNDARIES_FILE = Path(__file__).parent / "static" / "geo" / "kecamatan_kab_tangerang.geojson"
TOLERANCE_DEGREES = 0.003


@cache
def _kecamatan_shapes() -> dict[str, tuple]:
    """Each kecamatan's shape and its prepared, slightly widened area, by Kemendagri code."""
    from shapely.geometry import shape
    from shapely.prepared import prep

    features = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"]
    shapes = {}
    for feature in features:
        area = shape(feature["geometry"])
        shapes[feature["properties"]["code"]] = (area, prep(area.buffer(TOLERANCE_DEGREES)))
    return shapes


def has_boundary(district_code: str) -> bool:
    return district_code in _kecamatan_shapes()


def lies_in(district_code: str, latitude, longitude) -> bool:
    """Whether the point lies in the kecamatan (``has_boundary`` must hold)."""
    from shapely import Point

    _area, widened = _kecamatan_shapes()[district_code]
    return widened.contains(Point(float(longitude), float(latitude)))


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    """Each kecamatan's centroid as (longitude, latitude), computed once per process."""
    return {
        code: (area.centroid.x, area.centroid.y) for code, (area, _w) in _kecamatan_shapes().items()
    }


def nearest_first(origin_code: str, district_codes) -> list[str]:
    """``district_codes`` ordered by the distance of their centroid from ``origin_code``'s.

    Degrees serve as distance: a few tens of kilometres near the equator, where a degree of
    longitude and one of latitude differ by less than one percent. Kecamatan without a
    boundary (outside the regency) come last, by code.
    """
    centroids = _centroids()
    origin = centroids.get(origin_code)

    def distance(code: str) -> tuple[float, str]:
        if origin is None or code not in centroids:
            return (float("inf"), code)
        (x, y), (ox, oy) = centroids[code], origin
        return ((x - ox) ** 2 + (y - oy) ** 2, code)

    return sorted(district_codes, key=distance)


def point_inside(district_code: str, rng: random.Random) -> tuple[float, float]:
    """A random (latitude, longitude) well inside the kecamatan, drawn with ``rng``."""
    from shapely import Point

    area, _widened = _kecamatan_shapes()[district_code]
    min_lon, min_lat, max_lon, max_lat = area.bounds
    while True:
        point = Point(rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat))
        if area.contains(point):
            return point.y, point.x
