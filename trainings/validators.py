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
def province_codes() -> frozenset[str]:
    """Kemendagri's province codes (11 Aceh … 96 Papua Barat Daya), from the national list."""
    return frozenset(
        row["code"]
        for row in regions.read_rows(regions.NATIONAL_FILE)
        if row["level"] == regions.PROVINCE
    )


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


def validate_nik(value: str) -> None:
    if not NIK_PATTERN.match(value or ""):
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik_format")
    if value[:2] not in province_codes():
        raise ValidationError(_("Dua angka pertama NIK bukan kode provinsi."), code="nik_region")
    part = parse_nik_birth_part(value)
    try:
        # 2000 is a leap year, so 29 February is accepted whatever the century.
        datetime.date(2000, part.month, part.day)
    except ValueError as error:
        raise ValidationError(
            _("Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah."), code="nik_birth_date"
        ) from error


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
