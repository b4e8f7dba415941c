"""This app's pages of the manager portal, for the role matrix (see tests/manager_portal.py)."""

from alumni.models import CommunityGroup, Enterprise, Outcome
from tests.manager_portal import ManagerPage


def outcome_data(world, **changes) -> dict:
    """A valid tracer form for BLKK A's graduate: the 6-month period (3 months is recorded)."""
    return {
        "enrollment": world.graduate.pk,
        "months_after": Outcome.MonthsAfter.SIX,
        "surveyed_on": world.outcome.surveyed_on.isoformat(),
        "status": Outcome.Status.OWN_BUSINESS,
        "employer_or_business": "Warung Kopi Alumni",
        "job_matches_training": "true",
        "monthly_income": "2500000",
        "note": "",
        **changes,
    }


def enterprise_data(world, **changes) -> dict:
    enterprise = world.enterprise
    return {
        "owner": world.graduate.pk,
        "name": "Konveksi Berkah Alumni",
        "sector": Enterprise.Sector.FASHION,
        "description": "Seragam sekolah dan kaos sablon.",
        "district": world.institution.district.pk,
        "village": "",
        "business_address": "Jl. Pasar Baru No. 3",
        "started_on": "2024-01-15",
        "workers": "4",
        "monthly_revenue": "15000000",
        "business_phone": "0812-1111-2222",
        "order_info": "Instagram @konveksiberkah",
        "owner_consents_to_publish": "on",
        "consent_recorded_on": enterprise.consent_recorded_on.isoformat(),
        "is_published": "on",
        **changes,
    }


def community_group_data(world, **changes) -> dict:
    return {
        "name": "Kelompok Tani Maju Bersama",
        "kind": CommunityGroup.Kind.FARMERS,
        "district": world.institution.district.pk,
        "village": "",
        "members": "20",
        "leader_name": "Pak Sardi",
        "activities": "Budidaya lele dan pengolahan hasil panen.",
        "founded_year": "2022",
        "pbk_assistance": world.pbk.pk,
        **changes,
    }


PAGES: list[ManagerPage] = [
    ManagerPage("manager:outcome-list"),
    ManagerPage("manager:outcome-create", post_data=outcome_data),
    ManagerPage(
        "manager:outcome-cohort",
        kwargs=lambda world: {"program": world.completed_program.pk, "months": 6},
        # The world's graduate is not due at 6 months: a page with no row to fill, whose save
        # is refused (400) and writes nothing.
        post_data=lambda world: {"tracer-TOTAL_FORMS": 0, "tracer-INITIAL_FORMS": 0},
        target=lambda world: world.completed_program,
        own_post=400,
        writes=False,
    ),
    ManagerPage(
        "manager:outcome-update",
        kwargs=lambda world: {"pk": world.outcome.pk},
        post_data=lambda world: outcome_data(world, months_after=Outcome.MonthsAfter.THREE),
        target=lambda world: world.outcome,
    ),
    ManagerPage(
        "manager:outcome-delete",
        kwargs=lambda world: {"pk": world.outcome.pk},
        post_data=lambda world: {},
        target=lambda world: world.outcome,
    ),
    ManagerPage("manager:enterprise-list"),
    ManagerPage("manager:enterprise-create", post_data=enterprise_data),
    ManagerPage(
        "manager:enterprise-update",
        kwargs=lambda world: {"pk": world.enterprise.pk},
        post_data=enterprise_data,
        target=lambda world: world.enterprise,
    ),
    ManagerPage(
        "manager:enterprise-delete",
        kwargs=lambda world: {"pk": world.enterprise.pk},
        post_data=lambda world: {},
        target=lambda world: world.enterprise,
    ),
    ManagerPage("manager:community-group-list"),
    ManagerPage("manager:community-group-create", post_data=community_group_data),
    ManagerPage(
        "manager:community-group-update",
        kwargs=lambda world: {"pk": world.community_group.pk},
        post_data=community_group_data,
        target=lambda world: world.community_group,
    ),
    ManagerPage(
        "manager:community-group-delete",
        kwargs=lambda world: {"pk": world.community_group.pk},
        post_data=lambda world: {},
        target=lambda world: world.community_group,
    ),
]
