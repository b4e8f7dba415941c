"""View helpers every app's pages share."""

from django.utils.cache import add_never_cache_headers
from django_filters.views import FilterView

from .pagination import NearestPageMixin

# Public listings cache their rendered content (not the whole page, whose language switch
# carries each visitor's CSRF token): edits show within this many seconds.
PUBLIC_CACHE_SECONDS = 5 * 60


class PublicFilterView(NearestPageMixin, FilterView):
    """A public listing filtered from the URL, a page at a time, its content cached.

    A filter value that is not one of the choices is reported on its field and ignored,
    rather than emptying the list. The template caches its content under
    ``view.cache_seconds``, the language and the full path. Pages are numbered as on the
    programs listing (``?halaman=2``).
    """

    strict = False
    cache_seconds = PUBLIC_CACHE_SECONDS


class NeverStoredMixin:
    """Pages that show personal data to a signed-in role: no browser or proxy keeps a copy
    (``Cache-Control: no-store, private``), whatever the answer."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response
