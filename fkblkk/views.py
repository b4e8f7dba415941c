"""Views that belong to no single app: the health check and the home page."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

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
    template_name = "public/home.html"
