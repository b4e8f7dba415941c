import datetime

import pytest
from django.core.exceptions import ValidationError

from institutions.models import Gender
from trainings.validators import (
    compose_nik,
    nik_mismatch_errors,
    parse_nik_birth_part,
    validate_nik,
)


def nik_error(value: str) -> tuple[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        validate_nik(value)
    return caught.value.code, caught.value.messages


@pytest.mark.parametrize(
    "nik",
    [
        "3603011705000001",  # a man born 17 May 2000
        "3603015705000001",  # a woman born the same day: 17 + 40
        "1101010101990001",  # Aceh, the first province code
        "9601013112990001",  # Papua Barat Daya, the last one
        "3603012902000001",  # 29 February
        "3603016902000001",  # 29 February, a woman
        "3603017112000001",  # 31 December, a woman
    ],
)
def test_valid_nik_is_accepted(nik):
    validate_nik(nik)


@pytest.mark.parametrize(
    "nik",
    ["", "360301170500000", "36030117050000012", "36030117O5000001", "3603-01-1705-0001"],
)
def test_nik_that_is_not_16_digits_is_refused(nik):
    assert nik_error(nik) == ("nik_format", ["NIK harus terdiri dari 16 angka."])


@pytest.mark.parametrize("province", ["00", "10", "20", "37", "54", "97"])
def test_nik_whose_first_two_digits_are_no_province_is_refused(province):
    assert nik_error(f"{province}03011705000001") == (
        "nik_region",
        ["Dua angka pertama NIK bukan kode provinsi."],
    )


@pytest.mark.parametrize(
    "birth_part",
    [
        "000500",  # day 0
        "320500",  # day 32
        "400500",  # neither a man's day nor a woman's (40 + 0)
        "720500",  # a woman's 32nd
        "170000",  # month 0
        "171300",  # month 13
        "300200",  # 30 February
        "700200",  # 30 February, a woman
        "310400",  # 31 April
    ],
)
def test_nik_whose_birth_part_is_no_date_is_refused(birth_part):
    assert nik_error(f"360301{birth_part}0001") == (
        "nik_birth_date",
        ["Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah."],
    )


def test_women_have_forty_added_to_the_day():
    assert parse_nik_birth_part("3603015705000001") == (17, 5, 0, Gender.FEMALE)
    assert parse_nik_birth_part("3603011705000001") == (17, 5, 0, Gender.MALE)


def test_nik_agreeing_with_birth_date_and_gender_has_no_mismatch():
    assert nik_mismatch_errors("3603015705000001", datetime.date(2000, 5, 17), Gender.FEMALE) == {}


def test_nik_mismatch_names_the_birth_date():
    errors = nik_mismatch_errors("3603011705000001", datetime.date(2001, 5, 17), Gender.MALE)
    assert errors == {"birth_date": "Tanggal lahir tidak sesuai dengan NIK."}


@pytest.mark.parametrize(
    ("nik", "gender"),
    [("3603011705000001", Gender.FEMALE), ("3603015705000001", Gender.MALE)],
)
def test_nik_mismatch_names_the_gender(nik, gender):
    errors = nik_mismatch_errors(nik, datetime.date(2000, 5, 17), gender)
    assert list(errors) == ["gender"]


def test_nik_mismatch_names_both_at_once():
    errors = nik_mismatch_errors("3603011705000001", datetime.date(2000, 5, 18), Gender.FEMALE)
    assert set(errors) == {"birth_date", "gender"}


@pytest.mark.parametrize("gender", Gender.values)
@pytest.mark.parametrize(
    "birth_date",
    [
        datetime.date(2000, 5, 17),
        datetime.date(1999, 12, 31),
        datetime.date(2004, 2, 29),
        datetime.date(1975, 1, 1),
    ],
)
def test_compose_nik_round_trips(birth_date, gender):
    nik = compose_nik("36.03.01", birth_date, gender, 42)
    validate_nik(nik)
    assert nik.startswith("360301")
    assert nik.endswith("0042")
    assert nik_mismatch_errors(nik, birth_date, gender) == {}
    assert parse_nik_birth_part(nik).gender == gender


@pytest.mark.parametrize(
    ("region_code", "serial"),
    [("36.03", 1), ("3603", 1), ("36.03.01.2003", 1), ("36.03.01", 0), ("36.03.01", 10000)],
)
def test_compose_nik_wants_a_kecamatan_and_a_serial_from_1_to_9999(region_code, serial):
    with pytest.raises(ValueError):
        compose_nik(region_code, datetime.date(2000, 5, 17), Gender.MALE, serial)
