"""The public BLKK directory with its map, and the kecamatan of a kabupaten/kota for forms.

Each BLKK's profile (``/lembaga/<slug>/``) shows its programs, enterprises and partners too, so
its view is ``fkblkk.views.public.InstitutionDetailView``: institutions imports no other app.
"""

from functools import partial

from django.http import Http404, JsonResponse
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_GET

from core.views import PublicFilterView
from institutions import selectors
from institutions.filters import InstitutionFilter


class InstitutionListView(PublicFilterView):
    filterset_class = InstitutionFilter
    template_name = "institutions/institution_list.html"
    # The forum's 33 BLKK fit on one page, so the map shows them all.
    paginate_by = 36

    def get_queryset(self):
        return selectors.directory_institutions()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The template calls it inside its cached fragment: a cached page reads no rows.
        context["map_markers"] = partial(selectors.map_markers, context["object_list"])
        return context


# Region names change only with a new Kepmendagri, loaded by a migration.
REGIONS_CACHE_SECONDS = 24 * 60 * 60


@require_GET
@cache_page(REGIONS_CACHE_SECONDS)
@cache_control(public=True)
def regency_districts(request):
    """``?kabupaten=36.74``: its kecamatan and their desa as JSON, for the chained selects of
    the domicile fields (``static/js/domicile.js``); a few kilobytes instead of every
    kecamatan of Indonesia in the form's HTML. Reference data, nothing personal."""
    districts = selectors.regency_districts(request.GET.get("kabupaten", ""))
    if not districts:
        raise Http404("Kabupaten/kota tidak dikenal.")
    return JsonResponse({"districts": districts})
