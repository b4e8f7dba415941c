"""The view classes every API endpoint builds on.

Each answer to GET carries an ``ETag`` (a hash of the body) and a ``Last-Modified``
(``freshness.data_changed_at``), and a request whose ``If-None-Match`` or
``If-Modified-Since`` still matches gets 304 with no body. Answers vary with the token, the
format and the language, and are revalidated before reuse (``Cache-Control: no-cache``), so a
shared cache never hands one reader's rows to another.
"""

import math

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import exceptions, mixins, viewsets
from rest_framework.renderers import JSONRenderer

from .freshness import data_changed_at
from .renderers import CsvRenderer

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


class TooManyRequests(exceptions.Throttled):
    """DRF's 429, with a message our catalogues translate (DRF formats its own before
    translating it, so it always reads in English)."""

    def __init__(self, wait: float | None):
        self.wait = math.ceil(wait) if wait is not None else None
        if self.wait is None:
            detail = _("Terlalu banyak permintaan.")
        else:
            detail = ngettext(
                "Terlalu banyak permintaan; coba lagi dalam %(wait)d detik.",
                "Terlalu banyak permintaan; coba lagi dalam %(wait)d detik.",
                self.wait,
            ) % {"wait": self.wait}
        exceptions.APIException.__init__(self, detail)


class ConditionalMixin:
    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed(
            request.method,
            detail=_("Metode %(method)s tidak diizinkan: API ini hanya untuk membaca.")
            % {"method": request.method},
        )

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    @classmethod
    def as_view(cls, *args, **kwargs):
        return conditional_get(super().as_view(*args, **kwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(response, "exception", False) and isinstance(
            getattr(request, "accepted_renderer", None), CsvRenderer
        ):
            # A CSV error would be an empty file without a Content-Type: errors are JSON.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["Last-Modified"] = http_date(data_changed_at().timestamp())
        patch_vary_headers(response, ("Authorization", "Accept", "Accept-Language"))
        # Asked of the header, not request.auth: a request refused before authentication (an
        # unknown format) would authenticate here, and a bad token would raise.
        if request.META.get("HTTP_AUTHORIZATION"):
            # A token's answers may hold personal data: never stored on the way.
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
        else:
            patch_cache_control(response, public=True, no_cache=True)
        return response


class ReadOnlyViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """A list and its items, read-only."""


class ListViewSet(ConditionalMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A list without items of its own, such as an indicator's rows."""
