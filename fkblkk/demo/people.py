"""Fictional people: names, NIK, phone numbers, e-mail addresses, birth dates."""

import datetime
import random
import re

from institutions.models import Gender
from trainings.validators import compose_nik

from . import vocabulary

# Serials 9000-9999 mark a NIK as made up for the demo; real registrations number from 0001.
FICTIONAL_NIK_SERIALS = range(9000, 10000)
# 0810 belongs to no Indonesian operator, so a demo number never rings a real phone.
FICTIONAL_MOBILE_PREFIX = "+62810"
# example.org is reserved for examples (RFC 2606): mail to it never reaches anyone.
DEMO_EMAIL_DOMAIN = "example.org"


def full_name(rng: random.Random, gender: str) -> str:
    if gender == Gender.MALE:
        given, second = vocabulary.MALE_GIVEN_NAMES, vocabulary.MALE_SECOND_NAMES
    else:
        given, second = vocabulary.FEMALE_GIVEN_NAMES, vocabulary.FEMALE_SECOND_NAMES
    first, middle = rng.sample(given, 2)
    last = rng.choice(vocabulary.MARGA if rng.random() < 0.1 else second)
    return f"{first} {last}" if rng.random() < 0.6 else f"{first} {middle} {last}"


def random_gender(rng: random.Random, female_share: float = 0.5) -> str:
    return Gender.FEMALE if rng.random() < female_share else Gender.MALE


def mobile_number(rng: random.Random) -> str:
    return f"{FICTIONAL_MOBILE_PREFIX}{rng.randrange(10**7, 10**8)}"


def email_address(name: str, rng: random.Random) -> str:
    local = ".".join(re.sub(r"[^a-z]", "", part) for part in name.lower().split()[:2])
    return f"{local}{rng.randrange(10, 100)}@{DEMO_EMAIL_DOMAIN}"


def fictional_nik(district_code: str, birth_date: datetime.date, gender: str, rng) -> str:
    return compose_nik(district_code, birth_date, gender, rng.choice(FICTIONAL_NIK_SERIALS))


def next_fictional_nik(nik: str) -> str:
    """The same person's NIK with the next fictional serial, for when one is already taken."""
    serial = int(nik[12:])
    following = FICTIONAL_NIK_SERIALS[(serial + 1 - FICTIONAL_NIK_SERIALS.start) % 1000]
    return f"{nik[:12]}{following:04d}"


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def birth_date_for_age(rng: random.Random, age: int, on: datetime.date) -> datetime.date:
    """A birth date that makes the person exactly ``age`` years old on ``on``."""
    return years_before(on, age) - datetime.timedelta(days=rng.randrange(365))
