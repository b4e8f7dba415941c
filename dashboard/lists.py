"""The lists behind the dashboard's figures, defined once for the pages and the exports.

Each list keeps exactly the rows its figures count, so it uses the indicators' own
definitions: a held program, a seated participant, the agreements a kecamatan or BLKK filter
keeps. Personal data is left out of the queries: the participants list loads the name and
the NIK (to be masked) of a trainee and nothing else.
"""

import datetime

from django.db.models.functions import Coalesce

from alumni.models import Enterprise
from trainings.models import Enrollment, TrainingProgram

from . import indicators
from .indicators import IndicatorFilters


def held_programs(filters: IndicatorFilters):
    """The held programs the program figures count, newest first, with their participants
    (``participants``: seated enrollments)."""
    return (
        TrainingProgram.objects.filter(
            indicators.program_is_held(), filters.programs(), filters.years("start_date__year")
        )
        .select_related("institution__district", "field")
        # Counted in the program's summary row, as the figures count them.
        .annotate(participants=Coalesce("summary__participants", 0))
        .order_by("-start_date", "title")
    )


def counted_enrollments(filters: IndicatorFilters):
    """The participants the figures count (seated enrollments of held programs), loading
    only the status, the competency result, the trainee's name and NIK and the program's
    title and BLKK."""
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


def counted_enterprises(filters: IndicatorFilters):
    """The alumni enterprises the enterprise figures count, published or not, by name."""
    # The filters of ``indicators.enterprises``: the enterprise's own kecamatan and the owner's
    # program (its start year included).
    found = {
        "district": filters.district,
        "owner__program__field": filters.field,
        "owner__program__institution": filters.institution,
        "owner__program__funding_source": filters.funding_source,
    }
    return (
        Enterprise.objects.filter(
            filters.years("owner__program__start_date__year"),
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


def covering_partnerships(filters: IndicatorFilters, today: datetime.date):
    """The partnerships in force on ``today`` that the partnership figures count, the one
    ending first on top, with their partner and scopes."""
    return (
        indicators.partnerships_covering(filters)
        .active(today)
        .select_related("partner")
        .prefetch_related("scopes")
        .order_by("end_date", "title", "pk")
    )
