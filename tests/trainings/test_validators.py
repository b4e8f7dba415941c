import datetime

import pytest
from django.core.exceptions import ValidationError

from institutions import regions
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


PROVINCE_MESSAGE = "Dua angka pertama NIK bukan kode provinsi yang terdaftar di Kemendagri."
REGENCY_MESSAGE = "Empat angka pertama NIK bukan kode kabupaten/kota yang terdaftar di Kemendagri."
DISTRICT_MESSAGE = "Enam angka pertama NIK bukan kode kecamatan yang terdaftar di Kemendagri."
BIRTH_DATE_MESSAGE = "Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah."
SERIAL_MESSAGE = "Empat angka terakhir NIK tidak boleh 0000."


@pytest.mark.parametrize("province", ["00", "10", "20", "37", "54", "97"])
def test_nik_whose_first_two_digits_are_no_province_is_refused(province):
    assert nik_error(f"{province}03011705000001") == ("nik_province", [PROVINCE_MESSAGE])


@pytest.mark.parametrize(
    "region",
    [
        "369999",  # Banten has no regency 99
        "360001",  # nor 00
        "360501",  # nor 05: its kabupaten stop at 04
        "110001",  # Aceh has no regency 00
    ],
)
def test_nik_whose_regency_is_not_in_its_province_is_refused(region):
    assert nik_error(f"{region}1705000001") == ("nik_regency", [REGENCY_MESSAGE])


@pytest.mark.parametrize(
    "region",
    [
        "360300",  # a regency code padded with zeros
        "360321",  # Kabupaten Tangerang numbers 20, 22, ...: no 21
        "360334",  # one past its last kecamatan
        "367499",  # Kota Tangerang Selatan has no kecamatan 99
    ],
)
def test_nik_whose_kecamatan_is_not_in_its_regency_is_refused(region):
    assert nik_error(f"{region}1705000001") == ("nik_district", [DISTRICT_MESSAGE])


def test_nik_of_the_issue_is_refused_for_its_region():
    assert nik_error("3699994506990003") == ("nik_regency", [REGENCY_MESSAGE])


@pytest.mark.parametrize(
    "nik",
    [
        "3603181705000001",  # Cikupa
        "3603336107850123",  # Mekar Baru, a woman born 21 July 1985
        "3674041705000001",  # Ciputat, Kota Tangerang Selatan
    ],
)
def test_nik_of_a_registered_kecamatan_is_accepted(nik):
    validate_nik(nik)


def test_every_kecamatan_of_kabupaten_tangerang_makes_a_valid_nik():
    kecamatan = [
        row["code"]
        for row in regions.read_rows(regions.KABUPATEN_TANGERANG_FILE)
        if row["level"] == regions.DISTRICT
    ]
    assert len(kecamatan) == 29
    for code in kecamatan:
        validate_nik(compose_nik(code, datetime.date(1990, 8, 17), Gender.MALE, 1))


def test_nik_with_serial_0000_is_refused():
    assert nik_error("3603015705000000") == ("nik_serial", [SERIAL_MESSAGE])


@pytest.mark.parametrize("serial", ["0001", "0010", "1000", "9999"])
def test_nik_with_a_nonzero_serial_is_accepted(serial):
    validate_nik(f"360301570500{serial}")


@pytest.mark.parametrize("day", [41, 50, 69, 71])
def test_womans_day_from_41_to_71_is_accepted(day):
    validate_nik(f"360301{day}01000001")


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
        "310200",  # 31 February
        "700200",  # 30 February, a woman
        "710200",  # 31 February, a woman
        "310400",  # 31 April
    ],
)
def test_nik_whose_birth_part_is_no_date_is_refused(birth_part):
    assert nik_error(f"360301{birth_part}0001") == ("nik_birth_date", [BIRTH_DATE_MESSAGE])


def test_nik_whose_every_part_is_wrong_names_the_region_first():
    assert nik_error("3699993202990000")[0] == "nik_regency"


def test_nik_with_a_good_region_and_a_bad_date_and_serial_names_the_date_first():
    assert nik_error("3603013202990000")[0] == "nik_birth_date"


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
