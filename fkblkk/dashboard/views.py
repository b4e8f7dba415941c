"""The dashboard's pages: the indicators, and the lists behind the figures."""

from django.utils import timezone
from django.views.generic import ListView, TemplateView

from fkblkk.pagination import NearestPageMixin

from . import lists
from .access import FilteredMixin
from .coverage_map import coverage_map_json
from .figures import dashboard_figures, page_figures


class DashboardHomeView(FilteredMixin, TemplateView):
    template_name = "dashboard/home.html"

    def get_context_data(self, **kwargs):
        figures = dashboard_figures(self.filters)
        return super().get_context_data(
            **page_figures(figures),
            coverage_map=coverage_map_json(figures),
            **kwargs,
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
