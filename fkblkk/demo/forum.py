"""Demo rows of the forum as a whole: its officers, its secretariat's contact, and partners with
their agreements."""

import datetime
import random
from dataclasses import dataclass

from django.utils.text import slugify

from institutions.models import ForumOfficer, Institution, SecretariatContact
from partnerships.models import Contribution, Partner, Partnership

from . import people, vocabulary
from .world import World

OFFICER_TERM_YEARS = 4
# The secretariat sits at a BLKK of the regency's seat, as forums' secretariats often sit at a
# member's premises; its numbers follow the demo's fictional 0810 range.
SECRETARIAT_DISTRICT = "Tigaraksa"
SECRETARIAT_DEMO_CONTACT = {
    "email": "sekretariat@fkblkk.example.org",
    "phone": "0810-3603-0000",
    "whatsapp": "+6281036030001",
    "office_hours": "Senin–Jumat, 08.00–16.00 WIB",
}
# Agreements cycle through these timings so that the forum's own partners show every status,
# and some end within the 90 days the dashboards warn about.
ENDING_SOON = "ending_soon"
TIMINGS = (
    Partnership.Status.ACTIVE,
    ENDING_SOON,
    Partnership.Status.EXPIRED,
    Partnership.Status.ACTIVE,
    Partnership.Status.UPCOMING,
    Partnership.Status.TERMINATED,
    ENDING_SOON,
    Partnership.Status.EXPIRED,
)


@dataclass(frozen=True)
class PartnerPlan:
    name: str
    kind: str
    index: int
    cohort: int

    @property
    def slug(self) -> str:
        return slugify(self.name)


def partner_plans(cohort: int) -> list[PartnerPlan]:
    """The forum's partners for cohort 0; a numbered regional set for each further cohort."""
    if cohort == 0:
        specs = vocabulary.FORUM_PARTNERS
    else:
        specs = [(f"{name} Wilayah {cohort}", kind) for name, kind in vocabulary.REGIONAL_PARTNERS]
    return [PartnerPlan(name, kind, index, cohort) for index, (name, kind) in enumerate(specs)]


def add_officers(rows, institutions: list[Institution], today: datetime.date) -> None:
    """The current board, from January of last year, and the core of the board before it."""
    rng = random.Random("fkblkk-demo:officers")
    current_start = datetime.date(today.year - 1, 1, 1)
    terms = [
        (current_start, vocabulary.OFFICER_POSITIONS),
        (people.years_before(current_start, OFFICER_TERM_YEARS), vocabulary.OFFICER_POSITIONS[:4]),
    ]
    for start, positions in terms:
        end = start.replace(year=start.year + OFFICER_TERM_YEARS) - datetime.timedelta(days=1)
        for position, portfolio in positions:
            rows.add(
                ForumOfficer(
                    full_name=people.full_name(rng, people.random_gender(rng, 0.3)),
                    position=position,
                    portfolio=portfolio,
                    institution=rng.choice(institutions),
                    period_start=start,
                    period_end=end,
                )
            )


def fill_secretariat_contact(institutions) -> bool:
    """Give the blank secretariat contact the address and map point of a BLKK in Tigaraksa
    (else the first); a contact the secretariat has filled in is left as it is."""
    contact = SecretariatContact.load()
    if not contact.is_empty:
        return False
    institutions = list(institutions)
    if not institutions:
        return False
    host = next(
        (place for place in institutions if place.district.name == SECRETARIAT_DISTRICT),
        institutions[0],
    )
    # The host's address ends with its kecamatan, which the contact names in its own field.
    street = host.address.split(", Kec. ")[0]
    contact.address = f"d/a {host.name}, {street}"
    contact.district = host.district
    contact.latitude, contact.longitude = host.latitude, host.longitude
    for field, value in SECRETARIAT_DEMO_CONTACT.items():
        setattr(contact, field, value)
    contact.full_clean()
    contact.save()
    return True


class PartnerUnit:
    """Builds one partner, its agreements and what they delivered, into ``rows``."""

    def __init__(self, plan: PartnerPlan, world: World, rows, institutions: list[Institution]):
        self.plan = plan
        self.world = world
        self.rows = rows
        self.institutions = institutions
        self.today = world.today
        self.rng = random.Random(f"fkblkk-demo:partner:{plan.slug}")

    def days(self, low: int, high: int) -> datetime.timedelta:
        return datetime.timedelta(days=self.rng.randint(low, high))

    def build(self) -> None:
        plan, rng = self.plan, self.rng
        contact = people.full_name(rng, people.random_gender(rng))
        partner = self.rows.add(
            Partner(
                name=plan.name,
                slug=plan.slug,
                kind=plan.kind,
                description=(
                    f"{vocabulary.DEMO_NOTE}: mitra dan perjanjian fiktif untuk peragaan portal."
                ),
                website=f"https://www.example.org/mitra/{plan.slug}",
                contact_name=contact,
                contact_phone=people.mobile_number(rng),
                contact_email=people.email_address(contact, rng),
                is_published=plan.index != 1,
            )
        )
        agreements = 2 if plan.cohort == 0 and plan.index % 3 == 0 else 1
        for number in range(agreements):
            self.add_partnership(partner, number, TIMINGS[(plan.index + number * 3) % len(TIMINGS)])

    def term(self, timing: str) -> tuple[datetime.date, datetime.date, datetime.date | None]:
        """Start, end and early termination that give the agreement ``timing`` today."""
        today = self.today
        terminated_on = None
        if timing == ENDING_SOON:
            end = today + self.days(5, 85)
            start = end - self.days(365, 1095)
        elif timing == Partnership.Status.EXPIRED:
            end = today - self.days(5, 400)
            start = end - self.days(365, 1095)
        elif timing == Partnership.Status.UPCOMING:
            start = today + self.days(10, 60)
            end = start + self.days(365, 1095)
        else:
            start = today - self.days(100, 700)
            end = today + self.days(120, 900)
            if timing == Partnership.Status.TERMINATED:
                terminated_on = today - self.days(1, (today - start).days)
        return start, end, terminated_on

    def add_partnership(self, partner: Partner, number: int, timing: str) -> None:
        rng = self.rng
        start, end, terminated_on = self.term(timing)
        scopes = rng.sample(self.world.scopes, rng.randint(1, 3))
        # Only the forum's own partners sign for the whole forum; the first always does.
        whole_forum = self.plan.cohort == 0 and (self.plan.index == 0 or rng.random() < 0.4)
        covered = (
            self.institutions if whole_forum else rng.sample(self.institutions, rng.randint(2, 6))
        )
        kind = Partnership.AgreementType.MOU if whole_forum else Partnership.AgreementType.PKS
        reference = f"{self.plan.index + 1:02d}.{number + 1}"
        partnership = self.rows.add(
            Partnership(
                partner=partner,
                title=f"Kerja sama {scopes[0].name.lower()} dengan {partner.name}",
                agreement_type=kind,
                agreement_number=f"{reference}/{kind.upper()}/FK-BLKK/DEMO/{start.year}",
                covers_whole_forum=whole_forum,
                start_date=start,
                end_date=end,
                terminated_on=terminated_on,
                description=f"{vocabulary.DEMO_NOTE}: perjanjian fiktif.",
            )
        )
        for scope in scopes:
            self.rows.add(
                Partnership.scopes.through(partnership=partnership, partnershipscope=scope)
            )
        if not whole_forum:
            for institution in covered:
                self.rows.add(
                    Partnership.institutions.through(
                        partnership=partnership, institution=institution
                    )
                )
        if start > self.today:
            return
        last_day = min(terminated_on or end, self.today)
        for _delivery in range(rng.randint(1, 3)):
            kind, description, unit_value = vocabulary.CONTRIBUTIONS_BY_SCOPE[
                rng.choice(scopes).code
            ]
            quantity = (
                rng.randint(1, 10) if unit_value or kind == Contribution.Kind.PLACEMENT else None
            )
            self.rows.add(
                Contribution(
                    partnership=partnership,
                    institution=rng.choice(covered),
                    kind=kind,
                    description=f"{description}. {vocabulary.DEMO_NOTE}.",
                    delivered_on=start
                    + datetime.timedelta(days=rng.randint(0, (last_day - start).days)),
                    quantity=quantity,
                    value=unit_value * quantity if unit_value else None,
                )
            )
