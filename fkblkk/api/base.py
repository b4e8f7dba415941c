"""The view classes every API endpoint builds on.

Each answer to GET carries an ``ETag`` (a hash of the body) and a ``Last-Modified``
(``freshness.data_changed_at``), and a request whose ``If-None-Match`` or
``If-Modified-Since`` still matches gets 304 with no body. Answers vary with the token, the
format and the language, and are revalidated before reuse (``Cache-Control: no-cache``), so a
shared cache never hands one reader's rows to another.
"""

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from rest_framework import generics, mixins, viewsets

from .freshness import data_changed_at

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


class ConditionalMixin:
    @classmethod
    def as_view(cls, *args, **kwargs):
        return conditional_get(super().as_view(*args, **kwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["Last-Modified"] = http_date(data_changed_at().timestamp())
        patch_vary_headers(response, ("Authorization", "Accept", "Accept-Language"))
        if request.auth is not None:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, no_cache=True)
        return response


class ReadOnlyViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """A list and its items, read-only."""


class ListViewSet(ConditionalMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A list without items of its own, such as an indicator's rows."""


class ObjectView(ConditionalMixin, generics.GenericAPIView):
    """One computed object (not a list), such as the indicator summary: JSON only."""
