"""NIK (Nomor Induk Kependudukan) rules.

A NIK is 16 digits: 6 of region (province, regency, kecamatan), 6 of birth date as DDMMYY
with 40 added to the day for women, and 4 of serial number.
"""

import datetime
import functools
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from institutions import regions
from institutions.models import Gender

NIK_PATTERN = re.compile(r"^\d{16}$")
FEMALE_DAY_OFFSET = 40


@functools.cache
def registered_region_codes() -> frozenset[str]:
    """Kemendagri's province, regency and kecamatan codes (``36``, ``36.03``, ``36.03.01``)."""
    return frozenset(row["code"] for row in regions.read_rows(regions.NATIONAL_FILE))


def kemendagri_code(digits: str) -> str:
    """NIK digits as Kemendagri writes region codes: ``360301`` is ``36.03.01``."""
    return ".".join(digits[start : start + 2] for start in range(0, len(digits), 2))


class NikBirthPart(NamedTuple):
    day: int
    month: int
    year_two_digits: int
    gender: str


def parse_nik_birth_part(nik: str) -> NikBirthPart:
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = Gender.FEMALE if day > FEMALE_DAY_OFFSET else Gender.MALE
    return NikBirthPart(
        day - FEMALE_DAY_OFFSET if gender == Gender.FEMALE else day, month, year, gender
    )


# How many leading digits name each level of region, and what to say when they name none.
NIK_REGION_PARTS = (
    (
        2,
        _("Dua angka pertama NIK bukan kode provinsi yang terdaftar di Kemendagri."),
        "nik_province",
    ),
    (
        4,
        _("Empat angka pertama NIK bukan kode kabupaten/kota yang terdaftar di Kemendagri."),
        "nik_regency",
    ),
    (
        6,
        _("Enam angka pertama NIK bukan kode kecamatan yang terdaftar di Kemendagri."),
        "nik_district",
    ),
)
UNISSUED_SERIAL = "0000"


def validate_nik(value: str) -> None:
    """Refuse a NIK that Dukcapil cannot have issued, naming the part that is wrong."""
    if not NIK_PATTERN.match(value or ""):
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik_format")
    for length, message, code in NIK_REGION_PARTS:
        if kemendagri_code(value[:length]) not in registered_region_codes():
            raise ValidationError(message, code=code)
    part = parse_nik_birth_part(value)
    try:
        # 29 February is accepted whatever the two-digit year: it cannot tell 1900 (no leap
        # year) from 2000, and Trainee.clean() compares the NIK with the full birth date, which
        # a 29 February of a common year can never match.
        datetime.date(2000, part.month, part.day)
    except ValueError as error:
        raise ValidationError(
            _("Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah."), code="nik_birth_date"
        ) from error
    if value[12:] == UNISSUED_SERIAL:
        raise ValidationError(_("Empat angka terakhir NIK tidak boleh 0000."), code="nik_serial")


def nik_mismatch_errors(nik: str, birth_date: datetime.date, gender: str) -> dict[str, str]:
    """What in the birth date and gender disagrees with the NIK, by field name."""
    part = parse_nik_birth_part(nik)
    errors = {}
    if (part.day, part.month, part.year_two_digits) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        errors["birth_date"] = _("Tanggal lahir tidak sesuai dengan NIK.")
    if part.gender != gender:
        errors["gender"] = _(
            "Jenis kelamin tidak sesuai dengan NIK (tanggal lahir pada NIK perempuan ditambah 40)."
        )
    return errors


def compose_nik(district_code: str, birth_date: datetime.date, gender: str, serial: int) -> str:
    """A NIK in valid form: the kecamatan's 6 digits, DDMMYY (+40 on the day for women), and a
    serial from 1 to 9999."""
    region = district_code.replace(".", "")
    if len(region) != 6 or not 1 <= serial <= 9999:
        raise ValueError(f"A NIK needs a kecamatan code and a serial 1-9999: {region}, {serial}")
    day = birth_date.day + (FEMALE_DAY_OFFSET if gender == Gender.FEMALE else 0)
    return f"{region}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
