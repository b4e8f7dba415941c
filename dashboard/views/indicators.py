"""The dashboard's pages: the indicators, and the lists behind the figures."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.generic import ListView, TemplateView

from core.pagination import NearestPageMixin
from dashboard import lists
from dashboard.access import FilteredMixin
from dashboard.coverage_map import coverage_map_json
from dashboard.figures import (
    DASHBOARD_TIMEOUT,
    dashboard_figures,
    dashboard_sections_cache_key,
    page_figures,
)


class DashboardHomeView(FilteredMixin, TemplateView):
    template_name = "dashboard/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = cache.get_or_set(
            dashboard_sections_cache_key(self.filters, get_language(), context["query"]),
            lambda: self.render_sections(context),
            DASHBOARD_TIMEOUT,
        )
        return context

    def render_sections(self, context) -> str:
        """The figures' sections as HTML: with the data at national scale (thousands of
        kecamatan in the breakdowns) drawing them costs more than counting them from the
        cache, so the HTML is cached too. Nothing in it depends on the reader."""
        figures = dashboard_figures(self.filters)
        return render_to_string(
            "dashboard/includes/_sections.html",
            {**context, **page_figures(figures), "coverage_map": coverage_map_json(figures)},
            request=self.request,
        )


# Drill-down ---------------------------------------------------------------------------------


class DrillDownListView(NearestPageMixin, FilteredMixin, ListView):
    paginate_by = 25


class DashboardProgramListView(DrillDownListView):
    """The held programs the program figures count, with their participants."""

    template_name = "dashboard/program_list.html"

    def get_queryset(self):
        return lists.held_programs(self.filters)


class DashboardEnrollmentListView(DrillDownListView):
    """The participants the figures count: name, masked NIK, program, status; nothing else."""

    template_name = "dashboard/enrollment_list.html"

    def get_queryset(self):
        return lists.counted_enrollments(self.filters)


class DashboardEnterpriseListView(DrillDownListView):
    """The alumni enterprises the enterprise figures count, published or not."""

    template_name = "dashboard/enterprise_list.html"

    def get_queryset(self):
        return lists.counted_enterprises(self.filters)


class DashboardPartnershipListView(DrillDownListView):
    """The partnerships in force today that the partnership figures count."""

    template_name = "dashboard/partnership_list.html"

    def get_queryset(self):
        return lists.covering_partnerships(self.filters, timezone.localdate())
