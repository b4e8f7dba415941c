"""Loading Kemendagri region codes from the CSV files in ``institutions/data``.

The functions take the model classes as arguments so that data migrations can pass their
historical models and management commands the current ones.
"""

import csv
import functools
from collections.abc import Iterable
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
NATIONAL_FILE = DATA_DIR / "wilayah_indonesia_l1_l3.csv"
KABUPATEN_TANGERANG_FILE = DATA_DIR / "wilayah_kab_tangerang.csv"
KABUPATEN_TANGERANG_CODE = "36.03"

PROVINCE, REGENCY, DISTRICT, VILLAGE = 1, 2, 3, 4


def read_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{**row, "level": int(row["level"])} for row in csv.DictReader(handle)]


def kabupaten_tangerang_rows() -> list[dict]:
    """Banten and Kabupaten Tangerang from the national file, its kecamatan and villages."""
    wanted = {"36", KABUPATEN_TANGERANG_CODE}
    return [row for row in read_rows(NATIONAL_FILE) if row["code"] in wanted] + read_rows(
        KABUPATEN_TANGERANG_FILE
    )


def national_rows() -> list[dict]:
    """Every province, regency and kecamatan of Indonesia, and Kabupaten Tangerang's villages.

    The national file stops at kecamatan, so villages exist for Kabupaten Tangerang only.
    """
    tangerang_villages = [
        row for row in read_rows(KABUPATEN_TANGERANG_FILE) if row["level"] == VILLAGE
    ]
    return read_rows(NATIONAL_FILE) + tangerang_villages


@functools.cache
def regencies_by_province() -> tuple:
    """Every kabupaten/kota as (code, name) under its province, in the order people look for
    theirs: Kabupaten Tangerang, the rest of Banten, then the other provinces and their
    regencies by name. Read from the file the migrations load, so offering them costs no query.
    """
    rows = read_rows(NATIONAL_FILE)
    provinces = {row["code"]: row["name"] for row in rows if row["level"] == PROVINCE}
    home_province = KABUPATEN_TANGERANG_CODE.split(".")[0]
    regencies = sorted(
        (row for row in rows if row["level"] == REGENCY),
        key=lambda row: (
            row["code"] != KABUPATEN_TANGERANG_CODE,
            row["parent_code"] != home_province,
            provinces[row["parent_code"]],
            row["name"],
        ),
    )
    groups: dict[str, list] = {}
    for row in regencies:
        groups.setdefault(provinces[row["parent_code"]], []).append((row["code"], row["name"]))
    return tuple((province, tuple(choices)) for province, choices in groups.items())


def load_regions(rows: Iterable[dict], *, Regency, District, Village) -> dict[str, int]:
    """Insert or rename regencies, districts and villages; return how many rows of each."""
    rows = list(rows)
    provinces = {row["code"]: row["name"] for row in rows if row["level"] == PROVINCE}

    def upsert(model, objects, update_fields):
        model.objects.bulk_create(
            objects,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=update_fields,
        )
        return dict(
            model.objects.filter(code__in=[o.code for o in objects]).values_list("code", "pk")
        )

    regency_ids = upsert(
        Regency,
        [
            Regency(
                code=row["code"],
                name=row["name"],
                province_name=provinces.get(row["parent_code"], ""),
            )
            for row in rows
            if row["level"] == REGENCY
        ],
        ["name", "province_name"],
    )
    district_ids = upsert(
        District,
        [
            District(code=row["code"], name=row["name"], regency_id=regency_ids[row["parent_code"]])
            for row in rows
            if row["level"] == DISTRICT
        ],
        ["name", "regency"],
    )
    village_ids = upsert(
        Village,
        [
            Village(
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                district_id=district_ids[row["parent_code"]],
            )
            for row in rows
            if row["level"] == VILLAGE
        ],
        ["name", "kind", "district"],
    )
    return {
        "regencies": len(regency_ids),
        "districts": len(district_ids),
        "villages": len(village_ids),
    }
