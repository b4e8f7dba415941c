"""The public partners page: who the forum's partners are and what their agreements delivered."""

from django.views.generic import TemplateView

from core.views import PUBLIC_CACHE_SECONDS
from partnerships import selectors


class PartnerListView(TemplateView):
    template_name = "partnerships/partner_list.html"
    cache_seconds = PUBLIC_CACHE_SECONDS

    def get_context_data(self, **kwargs):
        # Querysets and a callable: the template reads them inside its cached fragment.
        return super().get_context_data(
            partners=selectors.published_partners(),
            scope_groups=selectors.active_partnerships_by_scope,
            **kwargs,
        )
