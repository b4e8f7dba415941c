"""Reads for the cross-app pages: home, about, BLKK profile, and the admin home.

Key figures, officers and showcases; what a BLKK profile shows from the apps built on
institutions (its programs, its alumni's enterprises and its partners); and what waits for
the secretariat on the admin home.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Case, Prefetch, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alumni.models import Enterprise
from core import populations
from core.populations import Population
from dashboard import indicators
from dashboard.indicators import IndicatorFilters
from dashboard.models import DashboardExport
from institutions.models import District, ForumOfficer, Institution
from institutions.regions import KABUPATEN_TANGERANG_CODE
from partnerships.models import Contribution, Partner, Partnership
from partnerships.selectors import (
    contributions_to_institution,
    partners_of_institution,
    published_partners,
)
from trainings.models import Enrollment, ParticipantImport, PBKAssistance, TrainingProgram
from trainings.selectors import PublicStatus, program_public_queryset

# Writes that bypass model signals (bulk imports, queryset updates, another process's local
# cache) can leave the figures stale for at most this long.
KEY_FIGURES_TIMEOUT = 15 * 60


@dataclass(frozen=True)
class KeyFigures:
    active_institutions: int
    districts_covered: int
    districts_total: int
    people_trained: int
    graduates: int
    alumni_enterprises: int
    active_partnerships: int


def key_figures_cache_key(today: datetime.date | None = None) -> str:
    # The day is part of the key because partnerships become active and expire by date alone.
    return f"public-key-figures:{(today or timezone.localdate()).isoformat()}"


def public_key_figures() -> KeyFigures:
    """The six figures the home page shows, from the cache or from the dashboard's own
    indicators without filters, so that they read as the unfiltered dashboard does
    (``core.populations`` names and explains each):

    - active BLKK and the kecamatan of Kabupaten Tangerang they cover, out of all of them (29);
    - people trained: each person who started at least one training, once;
    - graduates: graduated enrollments of held programs (a person graduating twice counts
      twice);
    - alumni enterprises: every enterprise recorded, shown on the site or not (the directory
      shows those whose owner agreed);
    - active partnerships: agreements in force today.

    ``forget_public_key_figures`` drops the cached figures whenever a row behind them changes.
    """
    return cache.get_or_set(key_figures_cache_key(), _count_key_figures, KEY_FIGURES_TIMEOUT)


def forget_public_key_figures(**signal_kwargs) -> None:
    """Drop today's cached key figures; connected to the saves and deletes that change them."""
    cache.delete(key_figures_cache_key())


def _count_key_figures() -> KeyFigures:
    everything = IndicatorFilters()
    coverage = indicators.institution_coverage(everything)
    return KeyFigures(
        active_institutions=sum(row["institutions"] for row in coverage.by_district),
        districts_covered=coverage.districts_covered,
        districts_total=coverage.districts_total,
        people_trained=indicators.people(everything).people_trained,
        graduates=indicators.graduation_rate(everything).numerator,
        alumni_enterprises=indicators.enterprises(everything).enterprises,
        active_partnerships=indicators.partnerships_covering(everything).active().count(),
    )


def key_figure_definitions(figures: KeyFigures) -> list[tuple[Population, int]]:
    """The home page's figures with the population each counts, for the about page."""
    return [
        (populations.ACTIVE_INSTITUTIONS, figures.active_institutions),
        (populations.DISTRICTS_COVERED, figures.districts_covered),
        (populations.PEOPLE_TRAINED, figures.people_trained),
        (populations.GRADUATES, figures.graduates),
        (populations.ALUMNI_ENTERPRISES, figures.alumni_enterprises),
        (populations.ACTIVE_PARTNERSHIPS, figures.active_partnerships),
    ]


def programs_open_for_registration(limit: int):
    """Public programs taking applications today, the closest deadline first."""
    return (
        program_public_queryset()
        .filter(public_status=PublicStatus.OPEN)
        .order_by("registration_closes", "title")[:limit]
    )


def newest_enterprises(limit: int):
    """The alumni enterprises published most recently."""
    return (
        Enterprise.objects.published()
        .select_related("district")
        .order_by("-created_at", "name")[:limit]
    )


def partners_with_logos(limit: int):
    """Published partners that have a logo to show, by name."""
    return published_partners().exclude(logo="")[:limit]


def current_forum_officers(today: datetime.date | None = None):
    """Officers whose period covers today, in the order of their positions (ketua first)."""
    today = today or timezone.localdate()
    position_order = Case(
        *(
            When(position=position, then=Value(index))
            for index, position in enumerate(ForumOfficer.Position.values)
        )
    )
    return (
        ForumOfficer.objects.filter(period_start__lte=today, period_end__gte=today)
        .select_related("institution")
        .order_by(position_order, "full_name")
    )


def forum_districts_with_institutions():
    """Every kecamatan of Kabupaten Tangerang by name, with its public BLKK (two queries)."""
    return (
        District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE)
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "institutions",
                queryset=Institution.objects.public().order_by("name"),
                to_attr="public_institutions",
            )
        )
    )


# BLKK profile ---------------------------------------------------------------------------

# A profile lists every current program but only the latest of the rest.
PAST_PROGRAMS_SHOWN = 6
ENTERPRISES_SHOWN = 6
CONTRIBUTIONS_SHOWN = 10


@dataclass(frozen=True)
class ProgramGroup:
    status: PublicStatus
    programs: list[TrainingProgram]


@dataclass(frozen=True)
class ProfileSections:
    """What a BLKK profile shows from the apps built on institutions."""

    program_groups: list[ProgramGroup]  # by status, as visitors see it; empty ones left out
    enterprises: list[Enterprise]
    partners: list[Partner]
    contributions: list[Contribution]


def _program_groups(institution: Institution, today: datetime.date) -> list[ProgramGroup]:
    """Current programs by start date; of the completed ones only the latest."""
    programs = program_public_queryset(today=today).filter(institution=institution)
    current = list(
        programs.exclude(public_status=PublicStatus.COMPLETED).order_by("start_date", "title")
    )
    past = list(
        programs.filter(public_status=PublicStatus.COMPLETED).order_by("-end_date", "title")[
            :PAST_PROGRAMS_SHOWN
        ]
    )
    groups = [
        ProgramGroup(status, [program for program in current if program.public_status == status])
        for status in (PublicStatus.OPEN, PublicStatus.UPCOMING, PublicStatus.RUNNING)
    ]
    groups.append(ProgramGroup(PublicStatus.COMPLETED, past))
    return [group for group in groups if group.programs]


def profile_sections(
    institution: Institution, *, today: datetime.date | None = None
) -> ProfileSections:
    """Programs, alumni enterprises and partners of a BLKK, in five queries."""
    today = today or timezone.localdate()
    return ProfileSections(
        program_groups=_program_groups(institution, today),
        enterprises=list(
            Enterprise.objects.published()
            .of_institution(institution)
            .select_related("district")
            .order_by("name")[:ENTERPRISES_SHOWN]
        ),
        partners=list(partners_of_institution(institution, today)),
        contributions=list(contributions_to_institution(institution)[:CONTRIBUTIONS_SHOWN]),
    )


# The admin home: what needs the secretariat's attention -------------------------------

# How long before the secretariat hears of what waits.
STALE_PROFILE_DAYS = 60
AGREEMENT_ENDING_DAYS = 90
APPLICATION_WAITING_DAYS = 14


@dataclass(frozen=True)
class Attention:
    """One thing to look at on the admin home: how many rows, and the changelist that lists
    exactly those rows (the same lookups count them and filter the list)."""

    key: str
    label: str
    count: int
    url: str


def _attention(key: str, label, model, lookups: dict) -> Attention:
    def in_url(value):
        if isinstance(value, bool):
            return "1" if value else "0"
        return value.isoformat() if isinstance(value, datetime.date) else value

    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    query = urlencode({lookup: in_url(value) for lookup, value in lookups.items()})
    return Attention(key, label, model.objects.filter(**lookups).count(), f"{changelist}?{query}")


def secretariat_attention(today: datetime.date | None = None) -> list[Attention]:
    """What waits for the secretariat, in one count query each."""
    today = today or timezone.localdate()
    days = datetime.timedelta
    return [
        _attention(
            "pbk-terlambat",
            _("Laporan realisasi PBK terlambat"),
            PBKAssistance,
            {"report_submitted_on__isnull": True, "report_due_date__lt": today},
        ),
        _attention(
            "pbk-segera",
            _("Laporan realisasi PBK jatuh tempo dalam %(days)s hari")
            % {"days": PBKAssistance.REPORT_DUE_SOON_DAYS},
            PBKAssistance,
            {
                "report_submitted_on__isnull": True,
                "report_due_date__gte": today,
                "report_due_date__lte": today + days(PBKAssistance.REPORT_DUE_SOON_DAYS),
            },
        ),
        _attention(
            "pendaftar-menunggu",
            _("Pendaftar menunggu keputusan lebih dari %(days)s hari")
            % {"days": APPLICATION_WAITING_DAYS},
            Enrollment,
            {
                "status__exact": Enrollment.Status.APPLIED,
                "created_at__date__lt": today - days(APPLICATION_WAITING_DAYS),
            },
        ),
        _attention(
            "kemitraan-berakhir",
            _("Kemitraan berakhir dalam %(days)s hari") % {"days": AGREEMENT_ENDING_DAYS},
            Partnership,
            {
                "start_date__lte": today,
                "end_date__gte": today,
                "end_date__lte": today + days(AGREEMENT_ENDING_DAYS),
                "terminated_on__isnull": True,
            },
        ),
        _attention(
            "blkk-lama",
            _("BLKK aktif tanpa pembaruan data %(days)s hari") % {"days": STALE_PROFILE_DAYS},
            Institution,
            {"is_active__exact": True, "updated_at__date__lt": today - days(STALE_PROFILE_DAYS)},
        ),
        _attention(
            "impor-gagal",
            _("Impor peserta gagal"),
            ParticipantImport,
            {"status__exact": ParticipantImport.Status.FAILED},
        ),
        _attention(
            "ekspor-gagal",
            _("Ekspor dasbor gagal"),
            DashboardExport,
            {"status__exact": DashboardExport.Status.FAILED},
        ),
    ]
