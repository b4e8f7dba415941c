"""Demo data for the portal: ``demo_seed`` builds it, ``manage.py seed_demo`` runs it.

Everything is fictional and says so: descriptions start with "Data demo", e-mail addresses are
on example.org, NIK serials run from 9000, mobile numbers start with 0810 (no operator's).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import reset_queries, transaction
from django.utils import timezone

from core.roles import DOMAIN_APPS
from institutions.models import ForumOfficer, Institution
from partnerships.models import Partner
from trainings.models import Enrollment, ProgramSummary, TrainingProgram
from trainings.summaries import program_summaries_refresh

from . import writer
from .accounts import AccountsResult, demo_accounts_ensure
from .documents import ensure_pbk_report_file, ensure_photo_file
from .forum import PartnerUnit, add_officers, fill_secretariat_contact, partner_plans
from .institution_unit import InstitutionUnit
from .world import World


@dataclass(frozen=True)
class DemoSeedResult:
    created: Counter  # rows inserted, by model
    accounts: AccountsResult | None


# Records of what a signed-in user did on the portal, and visitors' own e-mail addresses
# given with their consent (alerts), not data of the forum: no demo rows.
WITHOUT_DEMO_ROWS = {"trainings.ParticipantImport", "trainings.ProgramAlert"}


def demo_models() -> list:
    """Every model of the domain apps (not their history tables): each gets demo rows."""
    return [
        model
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not hasattr(model, "instance_type")  # set on simple_history's historical models
        and model._meta.label not in WITHOUT_DEMO_ROWS
    ]


def demo_seed(
    *,
    scale: int = 1,
    with_users: bool = False,
    password: str | None = None,
    on_cohort: Callable[[int], None] | None = None,
) -> DemoSeedResult:
    """Create the demo data that is missing: 33 BLKK per unit of ``scale`` and all they hold.

    Safe to run again: a BLKK or partner whose slug exists is left alone, with all that hangs
    on it, the officers are added only to a forum that has none, and the secretariat's contact
    only filled in while blank. Scale 1 is the forum in
    Kabupaten Tangerang; each further unit adds 33 BLKK in other kecamatan of Indonesia. Each
    cohort of 33 is built in memory and inserted in bulk in its own transaction, so memory
    stays flat and an interrupted run resumes where it stopped.
    """
    world = World.load(today=timezone.localdate(), national=scale > 1)
    ensure_pbk_report_file()
    ensure_photo_file()
    existing_institutions = set(Institution.objects.values_list("slug", flat=True))
    existing_partners = set(Partner.objects.values_list("slug", flat=True))
    created = Counter()
    for index in range(scale):
        created += seed_cohort(world, index, existing_institutions, existing_partners)
        # With DEBUG on, Django keeps the SQL of recent queries: bulk inserts would pile up.
        reset_queries()
        if on_cohort:
            on_cohort(index)
    fill_secretariat_contact(
        Institution.objects.filter(slug__in=[plan.slug for plan in world.cohort(0)])
        .select_related("district")
        .order_by("slug")
    )
    accounts = None
    if with_users:
        slugs = [plan.slug for index in range(scale) for plan in world.cohort(index)]
        with transaction.atomic():
            accounts = demo_accounts_ensure(
                institutions=list(Institution.objects.filter(slug__in=slugs)), password=password
            )
        created += accounts.created
    return DemoSeedResult(created=created, accounts=accounts)


def seed_cohort(world: World, index: int, existing_institutions, existing_partners) -> Counter:
    """Build and insert, in one transaction, what cohort ``index`` lacks; return the counts."""
    plans = world.cohort(index)
    new_plans = [plan for plan in plans if plan.slug not in existing_institutions]
    new_partners = [plan for plan in partner_plans(index) if plan.slug not in existing_partners]
    needs_officers = index == 0 and not ForumOfficer.objects.exists()
    if not (new_plans or new_partners or needs_officers):
        return Counter()
    with transaction.atomic():
        rows = writer.Rows()
        built = {plan.slug: InstitutionUnit(plan, world, rows).build() for plan in new_plans}
        existing = Institution.objects.in_bulk(
            [plan.slug for plan in plans if plan.slug not in built], field_name="slug"
        )
        institutions = [built.get(plan.slug) or existing[plan.slug] for plan in plans]
        for partner in new_partners:
            PartnerUnit(partner, world, rows, institutions).build()
        if needs_officers:
            add_officers(rows, institutions, world.today)
        created = writer.insert(rows)
        # The bulk inserts send no signals: the summaries of the new programs, and of any
        # program enrolled into, are counted here.
        program_ids = {program.pk for program in rows.of(TrainingProgram)}
        program_ids.update(enrollment.program_id for enrollment in rows.of(Enrollment))
        if program_ids:
            created[ProgramSummary] += program_summaries_refresh(program_ids=sorted(program_ids))
        return created
