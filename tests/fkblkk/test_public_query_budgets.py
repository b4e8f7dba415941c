"""Every public page costs as many queries with a large site as with a small one.

Each page is fetched with a cold cache on a one-BLKK site, then again, cold, after the site has
grown to many BLKK: more programs, enterprises and partners than a listing page holds, and
more instructors, applicants, programs and enterprises on the main objects' own pages. The
counts are written to ``test-artifacts/query-counts-<database>.txt``.
"""

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alumni.models import Enterprise
from trainings.models import TrainingProgram
from trainings.views.public import APPLIED_SESSION_KEY

from .public_site import PUBLIC_PAGES, PublicSite, build_public_site, grow_public_site

pytestmark = pytest.mark.django_db

LARGE_SITE_UNITS = 14
ARTIFACTS = settings.BASE_DIR / "test-artifacts"


def listing(url_name: str, query: Callable[[PublicSite], dict]) -> Callable[[PublicSite], str]:
    return lambda site: f"{reverse(url_name)}?{urlencode(query(site))}"


# Every public URL, and the listings again with their filters, search and a second page.
BUDGETED_PAGES = {
    **PUBLIC_PAGES,
    "trainings:program-list filtered": listing(
        "trainings:program-list",
        lambda site: {
            "kejuruan": site.program.field.slug,
            "kecamatan": site.institution.district.code,
            "blkk": site.institution.slug,
            "status": "buka",
            "bulan": site.program.start_date.strftime("%Y-%m"),
            "dana": site.program.funding_source,
            "urut": "kursi",
        },
    ),
    "trainings:program-list nothing found": listing(
        "trainings:program-list",
        lambda site: {
            "q": "tidak ada apa pun",
            "kejuruan": site.program.field.slug,
            "kecamatan": site.institution.district.code,
        },
    ),
    "trainings:program-list search": listing(
        "trainings:program-list", lambda site: {"q": "menjahit busana", "halaman": 2}
    ),
    "institutions:institution-list filtered": listing(
        "institutions:institution-list",
        lambda site: {
            "kecamatan": site.institution.district.code,
            "kejuruan": site.program.field.slug,
            "jenis": site.institution.host_type,
        },
    ),
    "alumni:enterprise-list filtered": listing(
        "alumni:enterprise-list",
        lambda site: {"sektor": site.enterprise.sector, "blkk": site.institution.slug, "page": 2},
    ),
}


def count_queries(client, address: str) -> int:
    """Queries of one request with a cold cache; the page must answer."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code in (200, 302), (address, response.status_code)
    return len(queries)


@pytest.fixture
def applied_client(client):
    """A client that has just applied, so the confirmation page shows instead of redirecting.

    Set as the application form sets it, since only the session differs from page to page.
    """

    def set_session(site: PublicSite):
        session = client.session
        session[APPLIED_SESSION_KEY] = {"program": site.program.pk, "reference_code": "FKB-UJI"}
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return client

    return set_session


def test_no_public_page_costs_more_queries_on_a_large_site(
    applied_client, django_assert_max_num_queries, subtests
):
    site = build_public_site(units=1)
    client = applied_client(site)
    small = {page: count_queries(client, address(site)) for page, address in BUDGETED_PAGES.items()}
    grow_public_site(site, LARGE_SITE_UNITS)
    # More than a page of each listing (12 programs, 12 enterprises).
    assert TrainingProgram.objects.public().count() > 2 * 12
    assert Enterprise.objects.published().count() > 12
    large, repeated = {}, {}
    for page, address in BUDGETED_PAGES.items():
        with subtests.test(page=page):
            # Some addresses are made from rows (a signed link): not the page's queries.
            url = address(site)
            cache.clear()
            with django_assert_max_num_queries(small[page]) as queries:
                client.get(url)
            large[page] = len(queries)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            repeated[page] = len(queries)
    write_counts(small=small, large=large, repeated=repeated)


def write_counts(**columns: dict) -> None:
    """One row a page, one column a measure; for the record, since the test only compares."""
    ARTIFACTS.mkdir(exist_ok=True)
    rows = [f"{'page':45}" + "".join(f"{name:>10}" for name in columns)]
    rows += [
        f"{page:45}" + "".join(f"{counts.get(page, '-'):>10}" for counts in columns.values())
        for page in BUDGETED_PAGES
    ]
    (ARTIFACTS / f"query-counts-{connection.vendor}.txt").write_text("\n".join(rows) + "\n")
