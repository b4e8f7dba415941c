"""What the demo is built on: the regions and kejuruan in the database, and where each BLKK goes.

BLKK come in cohorts of 33. Cohort 0 is the forum itself, in Kabupaten Tangerang; each further
cohort (``seed_demo --scale``) takes 33 kecamatan elsewhere in Indonesia. A cohort's plan depends
only on its number and the regions loaded, never on the day or on earlier runs, so that a BLKK
keeps its slug from one run to the next and a run can tell what is already there.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import slugify

from institutions import boundaries
from institutions.models import District, Institution, Village, VocationalField
from institutions.regions import KABUPATEN_TANGERANG_CODE
from partnerships.models import PartnershipScope

from . import vocabulary

COHORT_SIZE = 33
# Cohort 0 leaves a few of the 29 kecamatan without a BLKK, so that coverage is not trivially full.
TANGERANG_KECAMATAN_COVERED = 25
# About one trainee of the forum in eight lives outside Kabupaten Tangerang: next door in Kota
# Tangerang (36.71) and Tangerang Selatan (36.74), or a migrant from Jawa Tengah (Brebes, Tegal).
DOMICILE_ELSEWHERE_SHARE = 0.12
DOMICILE_ELSEWHERE_WEIGHTS = {"36.71": 5, "36.74": 4, "33.29": 1, "33.28": 1}
# Kejuruan a BLKK is most often built for, more often than the rest.
COMMON_PRIMARY_FIELDS = {
    "menjahit": 5,
    "teknik-otomotif": 4,
    "teknik-informatika": 4,
    "tata-boga": 3,
    "teknik-las": 3,
    "multimedia": 2,
}


@dataclass(frozen=True)
class Place:
    """A kecamatan with what the demo needs to know of it."""

    district_id: int
    code: str
    name: str
    regency_id: int
    villages: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class InstitutionPlan:
    """Who a demo BLKK is and where it stands; the rest is built from its own random stream."""

    number: int  # 1-based across all cohorts, used in codes that must be unique
    position: int  # 0-32 within the cohort
    slug: str
    name: str
    host_type: str
    host_name: str
    place: Place
    primary_field_slug: str
    coordinates: tuple[Decimal, Decimal] | None

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"fkblkk-demo:{self.slug}:{purpose}")


@dataclass
class World:
    today: datetime.date
    fields: dict[str, VocationalField]
    scopes: list[PartnershipScope]
    tangerang: list[Place]
    national: list[Place] = field(default_factory=list)
    neighbours: dict[int, list[Place]] = field(default_factory=dict)
    elsewhere: dict[str, list[Place]] = field(default_factory=dict)
    # Its own stream: the rest of the demo draws the same numbers as before it was added.
    domicile_rng: random.Random = field(
        default_factory=lambda: random.Random("fkblkk-demo:domicile")
    )

    @classmethod
    def load(cls, *, today: datetime.date, national: bool) -> "World":
        tangerang = places(District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE))
        if not tangerang:
            raise ImproperlyConfigured("Kecamatan Kabupaten Tangerang belum dimuat (migrate).")
        world = cls(
            today=today,
            fields={field.slug: field for field in VocationalField.objects.all()},
            scopes=list(PartnershipScope.objects.order_by("order")),
            tangerang=tangerang,
        )
        if national:
            world.national = places(
                District.objects.exclude(regency__code=KABUPATEN_TANGERANG_CODE)
            )
            if not world.national:
                raise ImproperlyConfigured(
                    "Wilayah nasional belum dimuat (load_regions --national)."
                )
            # The same shuffle on every run: cohort k always takes the same kecamatan.
            random.Random("fkblkk-demo:national").shuffle(world.national)
        for place in places(District.objects.filter(regency__code__in=DOMICILE_ELSEWHERE_WEIGHTS)):
            world.elsewhere.setdefault(place.code.rsplit(".", 1)[0], []).append(place)
        # Trainees of the forum's BLKK also come from other kecamatan of the regency. Those of
        # the BLKK added by --scale live in its own kecamatan, which keeps cohorts apart.
        for place in world.tangerang:
            world.neighbours.setdefault(place.regency_id, []).append(place)
        return world

    def domicile_elsewhere(self) -> Place | None:
        """Where a trainee of the forum lives when not in Kabupaten Tangerang, else None."""
        rng = self.domicile_rng
        if not self.elsewhere or rng.random() >= DOMICILE_ELSEWHERE_SHARE:
            return None
        codes = [code for code in DOMICILE_ELSEWHERE_WEIGHTS if code in self.elsewhere]
        weights = [DOMICILE_ELSEWHERE_WEIGHTS[code] for code in codes]
        return rng.choice(self.elsewhere[rng.choices(codes, weights)[0]])

    def cohort(self, index: int) -> list[InstitutionPlan]:
        if index == 0:
            return tangerang_cohort(self)
        return national_cohort(self, index)


def places(districts) -> list[Place]:
    villages = defaultdict(list)
    for village_id, district_id, name in Village.objects.filter(district__in=districts).values_list(
        "pk", "district_id", "name"
    ):
        villages[district_id].append((village_id, name))
    return [
        Place(pk, code, name, regency_id, tuple(villages[pk]))
        for pk, code, name, regency_id in districts.order_by("code").values_list(
            "pk", "code", "name", "regency_id"
        )
    ]


def tangerang_cohort(world: World) -> list[InstitutionPlan]:
    rng = random.Random("fkblkk-demo:cohort:0")
    covered = rng.sample(world.tangerang, TANGERANG_KECAMATAN_COVERED)
    locations = covered + rng.choices(covered, k=COHORT_SIZE - len(covered))
    pesantren_names = iter(rng.sample(vocabulary.PESANTREN_NAMES, len(vocabulary.PESANTREN_NAMES)))
    others_used = defaultdict(int)
    plans = []
    for position, (place, host_type) in enumerate(
        zip(locations, vocabulary.HOST_TYPE_MIX, strict=True)
    ):
        if host_type == Institution.HostType.PESANTREN:
            own_name = next(pesantren_names)
        else:
            names = vocabulary.HOST_NAMES[host_type][1]
            own_name = names[others_used[host_type] % len(names)]
            others_used[host_type] += 1
        plan = institution_plan(rng, world, position + 1, position, place, host_type, own_name)
        plans.append(replace(plan, coordinates=tangerang_coordinates(rng, place)))
    return plans


def national_cohort(world: World, index: int) -> list[InstitutionPlan]:
    rng = random.Random(f"fkblkk-demo:cohort:{index}")
    start = (index - 1) * COHORT_SIZE
    plans = []
    for position, host_type in enumerate(vocabulary.HOST_TYPE_MIX):
        place = world.national[(start + position) % len(world.national)]
        own_name = f"{rng.choice(vocabulary.HOST_NAMES[host_type][1])} {place.name}"
        number = start + COHORT_SIZE + position + 1
        plan = institution_plan(rng, world, number, position, place, host_type, own_name)
        # Kecamatan names repeat across Indonesia, their codes do not; the cohort number keeps
        # the slug unique even when more cohorts than kecamatan wrap round the list.
        plans.append(replace(plan, slug=f"{plan.slug}-{place.code.replace('.', '')}-{index}"))
    return plans


def institution_plan(rng, world, number, position, place, host_type, own_name) -> InstitutionPlan:
    host_name = f"{vocabulary.HOST_NAMES[host_type][0]} {own_name}"
    name = f"BLKK {host_name}"
    return InstitutionPlan(
        number=number,
        position=position,
        slug=slugify(name),
        name=name,
        host_type=host_type,
        host_name=host_name,
        place=place,
        primary_field_slug=primary_field(rng, world),
        coordinates=None,
    )


def primary_field(rng: random.Random, world: World) -> str:
    slugs = sorted(world.fields)
    return rng.choices(slugs, weights=[COMMON_PRIMARY_FIELDS.get(slug, 1) for slug in slugs])[0]


def tangerang_coordinates(rng: random.Random, place: Place) -> tuple[Decimal, Decimal]:
    """A point inside the kecamatan's boundary. It takes two draws of ``rng``, however many
    tries the point needs, so the rest of the demo stays the same as before."""
    point_rng = random.Random(f"fkblkk-demo:location:{rng.random()}:{rng.random()}")
    latitude, longitude = boundaries.point_inside(place.code, point_rng)
    return round(Decimal(latitude), 6), round(Decimal(longitude), 6)
