"""Reads for the public BLKK pages: the directory with its map, and each BLKK's profile.

A profile also shows what the apps built on institutions hold about the BLKK: its programs,
its alumni's enterprises and its partners. This module is the one place in institutions that
reads them (``profile_sections``); the models and querysets of institutions never do.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from alumni.models import Enterprise
from partnerships.models import Contribution, Partner
from partnerships.selectors import contributions_to_institution, partners_of_institution
from trainings.models import TrainingProgram
from trainings.selectors import PublicStatus, program_public_queryset

from .models import Institution, VocationalField

# A profile lists every current program but only the latest of the rest.
PAST_PROGRAMS_SHOWN = 6
ENTERPRISES_SHOWN = 6
CONTRIBUTIONS_SHOWN = 10


def _with_fields_taught(institutions):
    return institutions.prefetch_related(
        Prefetch("fields", queryset=VocationalField.objects.order_by("name"))
    )


def directory_institutions():
    """Public BLKK with what a directory card shows, by name; two queries for any page."""
    return _with_fields_taught(
        Institution.objects.public().select_related("district", "primary_field")
    ).order_by("name", "pk")


def profile_institutions():
    """Public BLKK with their region, kejuruan and number of active instructors."""
    return _with_fields_taught(
        Institution.objects.public()
        .select_related("district__regency", "village", "primary_field")
        .annotate(active_instructors=Count("instructors", filter=Q(instructors__is_active=True)))
    )


def map_markers(institutions: Iterable[Institution]) -> list[dict]:
    """What the map needs of each BLKK that has coordinates, and nothing private."""
    return [
        {
            "name": institution.name,
            "url": institution.get_absolute_url(),
            "lat": float(institution.latitude),
            "lon": float(institution.longitude),
            "kecamatan": institution.district.name,
        }
        for institution in institutions
        if institution.latitude is not None and institution.longitude is not None
    ]


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
