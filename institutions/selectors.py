"""Reads for the public BLKK pages (the directory with its map, and each BLKK's own facts), the
secretariat's contact that every public page shows, and the regions that forms offer.

What a profile shows from the apps built on institutions (programs, alumni enterprises,
partners) is read by ``fkblkk.selectors.profile_sections``: institutions imports no other app.
"""

import datetime
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.templatetags.formats import map_url

from .models import (
    District,
    Institution,
    InstructorCertificate,
    SecretariatContact,
    Village,
    VocationalField,
)
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


# The secretariat's contact ----------------------------------------------------------------

# The version is part of the key: a cached row of an older model must not outlive a deploy.
SECRETARIAT_CONTACT_CACHE_KEY = "secretariat-contact:1"
# Saves through the admin forget it at once (``forget_secretariat_contact``); another process's
# local cache (no Redis in development) catches up within this.
SECRETARIAT_CONTACT_TIMEOUT = 15 * 60


def secretariat_contact() -> SecretariatContact:
    """The secretariat's contact, from the cache: the footer of every public page shows it."""
    return cache.get_or_set(
        SECRETARIAT_CONTACT_CACHE_KEY, SecretariatContact.load, SECRETARIAT_CONTACT_TIMEOUT
    )


def forget_secretariat_contact(**signal_kwargs) -> None:
    """Drop the cached contact; connected to its saves."""
    cache.delete(SECRETARIAT_CONTACT_CACHE_KEY)


def secretariat_map_markers(contact: SecretariatContact) -> list[dict]:
    """The secretariat as the one marker of a map (``map_markers``' shape): its popup leads to
    directions in the visitor's map app."""
    if not contact.has_coordinates:
        return []
    return [
        {
            "name": _("Sekretariat FK-BLKK"),
            "url": map_url(contact.latitude, contact.longitude),
            "lat": float(contact.latitude),
            "lon": float(contact.longitude),
            "kecamatan": contact.district.name if contact.district else "",
        }
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


# The manager portal's pending work --------------------------------------------------------

# An instructor certificate ending within this many days is due for renewal.
CERTIFICATE_ENDING_DAYS = 60


def certificates_ending(
    certificates, *, today: datetime.date | None = None
) -> list[InstructorCertificate]:
    """Certificates among ``certificates`` (already narrowed to a BLKK) of active instructors
    that end within ``CERTIFICATE_ENDING_DAYS`` days, the soonest first (one query)."""
    today = today or timezone.localdate()
    ending = today + datetime.timedelta(days=CERTIFICATE_ENDING_DAYS)
    return list(
        certificates.filter(instructor__is_active=True, valid_until__range=(today, ending))
        .select_related("instructor")
        .order_by("valid_until", "instructor__full_name", "pk")
    )
