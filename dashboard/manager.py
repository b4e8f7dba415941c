"""What the dashboard adds to the manager portal's home page: the year's training figures of
the BLKK being worked on, counted by the indicators the dashboard shows Disnaker.

A manager's "Peserta" or "Tingkat penempatan" this year is therefore the dashboard's figure
filtered to that year and that BLKK, with the same name and the same way of counting
(``core.populations``).
"""

from django.utils.translation import gettext as _

from core import populations
from core.manager_portal import Figure, ManagerPortalSection
from core.templatetags.formats import grouped

from . import indicators
from .indicators import IndicatorFilters


class DashboardFiguresSection(ManagerPortalSection):
    def figures(self, portal, today):
        filters = IndicatorFilters(
            year_from=today.year, year_to=today.year, institution=portal.institution
        )
        totals = indicators.program_totals(filters)
        placement = indicators.placement(filters).placement_rate
        return [
            Figure(10, totals.programs, _("Program terlaksana")),
            _population(20, populations.PARTICIPANTS, totals.participants),
            _population(30, populations.GRADUATES, totals.graduates),
            _population(40, populations.COMPETENT, totals.competent),
            Figure(
                60,
                "—" if placement.percent is None else f"{grouped(placement.percent, 1)}%",
                _("%(rate)s: %(placed)s dari %(traced)s lulusan ditracer")
                % {
                    "rate": populations.PLACEMENT_RATE.name,
                    "placed": grouped(placement.numerator),
                    "traced": grouped(placement.denominator),
                },
                populations.PLACEMENT_RATE.how_counted,
            ),
        ]


def _population(order: int, population: populations.Population, count: int) -> Figure:
    return Figure(order, count, population.name, population.how_counted)
