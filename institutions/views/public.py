"""The public BLKK directory with its map.

Each BLKK's profile (``/lembaga/<slug>/``) shows its programs, enterprises and partners too, so
its view is ``fkblkk.views.public.InstitutionDetailView``: institutions imports no other app.
"""

from functools import partial

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
