"""Public pages of the BLKK: the directory with its map.

Each BLKK's profile (``/lembaga/<slug>/``) shows its programs, enterprises and partners too, so
its view is ``fkblkk.views.InstitutionDetailView``: institutions imports no other app.
"""

from functools import partial

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from django_filters.views import FilterView

from . import selectors
from .filters import InstitutionFilter
from .models import Institution
from .portal import ManagerPortalMixin, choose_institution, safe_next_url

# Public listings cache their rendered content (not the whole page, whose language switch
# carries each visitor's CSRF token): edits show within this many seconds.
PUBLIC_CACHE_SECONDS = 5 * 60


class PublicFilterView(FilterView):
    """A public listing filtered from the URL, a page at a time, its content cached.

    A filter value that is not one of the choices is reported on its field and ignored,
    rather than emptying the list. The template caches its content under
    ``view.cache_seconds``, the language and the full path. Pages are numbered as on the
    programs listing (``?halaman=2``).
    """

    strict = False
    cache_seconds = PUBLIC_CACHE_SECONDS
    page_kwarg = "halaman"

    def paginate_queryset(self, queryset, page_size):
        # As on the programs listing, a page out of range or not a number shows the nearest one.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


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


class InstitutionChooseView(ManagerPortalMixin, TemplateView):
    """A manager of several BLKK picks the one to work on; the choice lasts the session."""

    template_name = "institutions/manager/institution_choose.html"
    needs_institution = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            choices=Institution.objects.managed_by(self.request.user).select_related("district"),
            next_url=safe_next_url(self.request, ""),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        institution = get_object_or_404(
            Institution.objects.managed_by(request.user), pk=request.POST.get("institution")
        )
        choose_institution(request, institution)
        return redirect(safe_next_url(request, reverse("manager:home")))
