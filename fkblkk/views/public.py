"""Public pages that belong to no single app.

The health check, home, about, robots.txt, and each BLKK's profile, which shows its programs,
its alumni's enterprises and its partners.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_page, never_cache
from django.views.generic import DetailView, TemplateView

from fkblkk import selectors
from institutions.selectors import (
    map_markers,
    profile_institutions,
    secretariat_contact,
    secretariat_map_markers,
)
from trainings.selectors import PublicStatus
from trainings.views.public import PublicStatusMixin

logger = logging.getLogger(__name__)

HEALTH_CACHE_KEY = "healthz"


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


def _cache_answers() -> bool:
    try:
        cache.set(HEALTH_CACHE_KEY, "ok", timeout=10)
        return cache.get(HEALTH_CACHE_KEY) == "ok"
    except Exception:
        # Cache backends raise their own client errors (redis.ConnectionError and others).
        logger.exception("Health check: the cache does not answer")
        return False


@never_cache
def healthz(request):
    """200 when the database and the cache answer; 503 naming what is down."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    body = {name: "ok" if answers else "down" for name, answers in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


class HomeView(TemplateView):
    """What FK-BLKK is, its key figures and what a visitor can do now.

    The page is not cached whole: it carries the visitor's CSRF token (language switch) and a
    fresh CSP nonce. The key figures, the only costly part, are cached; the lists are short
    indexed queries.
    """

    template_name = "public/home.html"
    showcase_size = 6
    partner_logos = 12

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            key_figures=selectors.public_key_figures(),
            open_programs=selectors.programs_open_for_registration(limit=self.showcase_size),
            newest_enterprises=selectors.newest_enterprises(limit=self.showcase_size),
            partners=selectors.partners_with_logos(limit=self.partner_logos),
            # The program cards' status badge compares against it.
            PublicStatus=PublicStatus,
            **kwargs,
        )


class AboutView(TemplateView):
    """The forum: its aims, its current officers, how to reach its secretariat and its BLKK per
    kecamatan."""

    template_name = "public/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            key_figures=selectors.key_figure_definitions(selectors.public_key_figures()),
            officers=selectors.current_forum_officers(),
            districts=selectors.forum_districts_with_institutions(),
            secretariat_markers=secretariat_map_markers(secretariat_contact()),
            **kwargs,
        )


class InstitutionDetailView(PublicStatusMixin, DetailView):
    """A public BLKK's profile; the programs are listed as on the programs pages.

    Its URL sits with the BLKK directory (``/lembaga/<slug>/``, ``institutions:institution-detail``)
    but the view lives here: it reads trainings, alumni and partnerships, which institutions
    may not import.
    """

    template_name = "institutions/institution_detail.html"
    context_object_name = "institution"

    def get_queryset(self):
        return profile_institutions()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=selectors.profile_sections(self.object),
            map_markers=map_markers([self.object]),
            **kwargs,
        )


@method_decorator(cache_page(60 * 60 * 24), name="dispatch")
class RobotsTxtView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


# Models that moved out of the fkblkk app, by the app they are in now: their admin pages moved
# with them (/admin/<app>/<model>/), and bookmarks of the old address still lead there.
MOVED_ADMIN_MODELS = {"apitoken": "api", "dashboardexport": "dashboard"}


def moved_admin_page(request, model: str, rest: str):
    """The admin page of a model that moved app, at its new address, query string kept."""
    query = request.META.get("QUERY_STRING")
    location = f"/admin/{MOVED_ADMIN_MODELS[model]}/{model}/{rest}" + (f"?{query}" if query else "")
    return redirect(location, permanent=True)


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page's icon link says."""
    return redirect(static("img/favicon.ico"))
