"""Public pages of alumni enterprises: the showcase and each enterprise's page.

Only enterprises published with their owner's consent are shown, and of the owner nothing
but where they trained: the page gives the enterprise's own public business contact.
"""

from django.views.generic import DetailView

from alumni.filters import EnterpriseFilter
from alumni.selectors import public_enterprises
from core.views import PublicFilterView


class EnterpriseListView(PublicFilterView):
    filterset_class = EnterpriseFilter
    template_name = "alumni/enterprise_list.html"
    paginate_by = 12

    def get_queryset(self):
        return public_enterprises()


class EnterpriseDetailView(DetailView):
    template_name = "alumni/enterprise_detail.html"
    context_object_name = "enterprise"

    def get_queryset(self):
        return public_enterprises()
