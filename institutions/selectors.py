"""Reads for the public BLKK pages (the directory with its map, and each BLKK's own facts) and
the regions that forms offer.

What a profile shows from the apps built on institutions (programs, alumni enterprises,
partners) is read by ``fkblkk.selectors.profile_sections``: institutions imports no other app.
"""

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q

from .models import District, Institution, Village, VocationalField
from .regions import KABUPATEN_TANGERANG_CODE


def _with_fields_taught(institutions):
    return institutions.prefetch_related(
        Prefetch("fields", queryset=VocationalField.objects.order_by("name"))
    )


def directory_institutions():
    """Public BLKK with what a directory card shows, by name; two queries for any page."""
    return _with_fields_taught(
        Institution.objects.public().select_related("district", "primary_field")
    ).order_by("name", "pk")


def profile_institutions():
    """Public BLKK with their region, kejuruan and number of active instructors."""
    return _with_fields_taught(
        Institution.objects.public()
        .select_related("district__regency", "village", "primary_field")
        .annotate(active_instructors=Count("instructors", filter=Q(instructors__is_active=True)))
    )


def map_markers(institutions: Iterable[Institution]) -> list[dict]:
    """What the map needs of each BLKK that has coordinates, and nothing private."""
    return [
        {
            "name": institution.name,
            "url": institution.get_absolute_url(),
            "lat": float(institution.latitude),
            "lon": float(institution.longitude),
            "kecamatan": institution.district.name,
        }
        for institution in institutions
        if institution.latitude is not None and institution.longitude is not None
    ]


# Regions ----------------------------------------------------------------------------------


def home_regency_districts():
    """The kecamatan of Kabupaten Tangerang, where applicants live."""
    return District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE).order_by("name")


def home_regency_villages():
    """The desa/kelurahan of Kabupaten Tangerang, ordered to be grouped by kecamatan."""
    return (
        Village.objects.filter(district__regency__code=KABUPATEN_TANGERANG_CODE)
        .select_related("district")
        .order_by("district__name", "name")
    )


def regency_districts(regency_code: str) -> list[dict]:
    """The kecamatan of one kabupaten/kota by name, each with its desa/kelurahan by name (only
    Kabupaten Tangerang's are recorded), in two queries; empty for a code that names none.

    Reference data for the chained selects of the domicile fields: nothing personal.
    """
    districts = {
        pk: {"id": pk, "name": name, "villages": []}
        for pk, name in District.objects.filter(regency__code=regency_code)
        .order_by("name")
        .values_list("pk", "name")
    }
    if districts:
        for pk, district, name in (
            Village.objects.filter(district__in=districts)
            .order_by("name")
            .values_list("pk", "district", "name")
        ):
            districts[district]["villages"].append({"id": pk, "name": name})
    return list(districts.values())
