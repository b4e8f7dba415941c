"""View helpers every app's pages share."""

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
