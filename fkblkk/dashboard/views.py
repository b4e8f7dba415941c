"""The dashboard's pages: the indicators, and the lists behind the figures."""

from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from alumni.models import Enterprise
from fkblkk.pagination import NearestPageMixin
from trainings.models import Enrollment, PBKAssistance, TrainingProgram

from .. import indicators
from ..indicators import ProgramBreakdown
from .access import FilteredMixin
from .figures import dashboard_figures, figure_cards, figure_charts


class DashboardHomeView(FilteredMixin, TemplateView):
    template_name = "dashboard/home.html"

    def get_context_data(self, **kwargs):
        figures = dashboard_figures(self.filters)
        by_year = figures.programs_by[ProgramBreakdown.YEAR]
        missing = {entry.district.key: entry.missing for entry in figures.missing_fields}
        total_programs = sum(row["programs"] for row in by_year)
        total_participants = sum(row["participants"] for row in by_year)
        return super().get_context_data(
            figures=figures,
            charts=figure_charts(figures),
            cards=figure_cards(figures, total_programs, total_participants),
            pbk_reports=[
                (status, label, figures.pbk.reports.get(status, 0))
                for status, label in PBKAssistance.ReportStatus.choices
            ],
            coverage_rows=[(row, missing.get(row.key, [])) for row in figures.coverage.by_district],
            **kwargs,
        )


# Drill-down ---------------------------------------------------------------------------------


class DrillDownListView(NearestPageMixin, FilteredMixin, ListView):
    paginate_by = 25


# The lists keep exactly the rows their figures count, so they use the indicators' own
# definitions: a held program, the agreements a kecamatan or BLKK filter keeps.


class DashboardProgramListView(DrillDownListView):
    """The held programs the program figures count, with their participants."""

    template_name = "dashboard/program_list.html"

    def get_queryset(self):
        filters = self.filters
        return (
            TrainingProgram.objects.filter(
                indicators.program_is_held(), filters.programs(), filters.years("start_date__year")
            )
            .select_related("institution__district", "field")
            .annotate(
                participants=Count(
                    "enrollments", filter=Q(enrollments__status__in=Enrollment.SEATED_STATUSES)
                )
            )
            .order_by("-start_date", "title")
        )


class DashboardEnrollmentListView(DrillDownListView):
    """The participants the figures count: name, masked NIK, program, status; nothing else."""

    template_name = "dashboard/enrollment_list.html"

    def get_queryset(self):
        filters = self.filters
        return (
            Enrollment.objects.filter(
                indicators.program_is_held("program__"),
                filters.programs("program__"),
                filters.years("program__start_date__year"),
                status__in=Enrollment.SEATED_STATUSES,
            )
            .select_related("trainee", "program__institution")
            .only(
                "status",
                "competency_result",
                "trainee__nik",
                "trainee__full_name",
                "program__title",
                "program__start_date",
                "program__institution__name",
            )
            .order_by("-program__start_date", "program__title", "trainee__full_name", "pk")
        )


class DashboardEnterpriseListView(DrillDownListView):
    """The alumni enterprises the enterprise figures count, published or not."""

    template_name = "dashboard/enterprise_list.html"

    def get_queryset(self):
        filters = self.filters
        # The filters of ``indicators.enterprises``: the enterprise's own kecamatan, the
        # owner's program and graduation year.
        found = {
            "district": filters.district,
            "owner__program__field": filters.field,
            "owner__program__institution": filters.institution,
            "owner__program__funding_source": filters.funding_source,
        }
        return (
            Enterprise.objects.filter(
                filters.years("owner__completed_on__year"),
                **{lookup: value for lookup, value in found.items() if value is not None},
            )
            .select_related("district", "owner__program__institution")
            .only(
                "name",
                "sector",
                "workers",
                "started_on",
                "district__name",
                "owner__program__institution__name",
            )
            .order_by("name", "pk")
        )


class DashboardPartnershipListView(DrillDownListView):
    """The partnerships in force today that the partnership figures count."""

    template_name = "dashboard/partnership_list.html"

    def get_queryset(self):
        return (
            indicators.partnerships_covering(self.filters)
            .active(timezone.localdate())
            .select_related("partner")
            .prefetch_related("scopes")
            .order_by("end_date", "title", "pk")
        )
