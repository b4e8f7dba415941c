"""Every dashboard figure recomputed independently, in plain Python over the demo's rows, for
a few filter combinations, and compared with the page, the API and the XLSX; and the figures
that show on more than one page (home, about, dashboard, admin) compared with each other.

The recount reads the rows with ``values()`` and applies the definitions of
``core.populations`` as written there, with the status codes spelled out, so that it shares no
query, constant or helper with ``dashboard.indicators``.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from alumni.models import Enterprise, Outcome
from dashboard.exports import build_xlsx
from dashboard.figures import dashboard_figures, page_figures
from dashboard.indicators import IndicatorFilters
from institutions.models import District, Institution, VocationalField
from trainings.models import Enrollment, TrainingProgram

pytestmark = [pytest.mark.xdist_group("seeded-demo"), pytest.mark.usefixtures("empty_cache")]

NOT_HELD = {"draft", "dibatalkan"}
SEATED = {"diterima", "mengikuti", "lulus", "tidak_selesai"}
TRAINED = {"mengikuti", "lulus", "tidak_selesai"}
ASSESSED = {"kompeten", "belum_kompeten"}
PLACED = {"bekerja", "wirausaha"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo forum, seeded once for the module and rolled back at its end."""
    media = {
        "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
        "PRIVATE_MEDIA_ROOT": tmp_path_factory.mktemp("private"),
    }
    with django_db_blocker.unblock(), override_settings(**media), transaction.atomic():
        call_command("seed_demo", "--force", stdout=StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db, settings):
    for name, value in seeded.items():
        setattr(settings, name, value)
    return Rows.read()


@dataclass
class Rows:
    programs: dict
    enrollments: list
    outcomes: list
    enterprises: list
    institutions: list
    taught: set  # (institution, kejuruan) besides the primary one

    @classmethod
    def read(cls):
        return cls(
            programs={
                row["pk"]: row
                for row in TrainingProgram.objects.values(
                    "pk",
                    "status",
                    "start_date",
                    "institution",
                    "institution__district",
                    "field",
                    "funding_source",
                )
            },
            enrollments=list(
                Enrollment.objects.values(
                    "pk",
                    "program",
                    "status",
                    "competency_result",
                    "trainee",
                    "trainee__gender",
                    "trainee__district__regency__code",
                )
            ),
            outcomes=list(Outcome.objects.values("enrollment", "months_after", "status")),
            enterprises=list(Enterprise.objects.values("owner__program", "district", "workers")),
            institutions=list(
                Institution.objects.values(
                    "pk", "is_active", "district", "district__regency__code", "primary_field"
                )
            ),
            taught=set(
                Institution.fields.through.objects.values_list("institution", "vocationalfield")
            ),
        )


def program_matches(program, filters: IndicatorFilters, *, years=True) -> bool:
    year = program["start_date"].year
    return (
        (not years or filters.year_from is None or year >= filters.year_from)
        and (not years or filters.year_to is None or year <= filters.year_to)
        and filters.district in (None, program["institution__district"])
        and filters.field in (None, program["field"])
        and filters.institution in (None, program["institution"])
        and filters.funding_source in (None, program["funding_source"])
    )


def percent(numerator: int, denominator: int):
    if not denominator:
        return None
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def recount(rows: Rows, filters: IndicatorFilters) -> dict:
    """The dashboard's figures (card key -> value) counted from the rows by the definitions."""
    held = {
        pk
        for pk, program in rows.programs.items()
        if program["status"] not in NOT_HELD and program_matches(program, filters)
    }
    applications = [row for row in rows.enrollments if row["program"] in held]
    seated = [row for row in applications if row["status"] in SEATED]
    graduates = [row for row in seated if row["status"] == "lulus"]
    assessed = [row for row in seated if row["competency_result"] in ASSESSED]
    competent = [row for row in assessed if row["competency_result"] == "kompeten"]
    cohort = {row["pk"] for row in graduates}
    latest = {}
    for outcome in sorted(rows.outcomes, key=lambda outcome: outcome["months_after"]):
        if outcome["enrollment"] in cohort:
            latest[outcome["enrollment"]] = outcome["status"]
    placed = [status for status in latest.values() if status in PLACED]
    self_employed = [status for status in latest.values() if status == "wirausaha"]
    owner_programs = {
        pk
        for pk, program in rows.programs.items()
        if program_matches(program, IndicatorFilters(**{**vars(filters), "district": None}))
    }
    enterprises = [
        row
        for row in rows.enterprises
        if row["owner__program"] in owner_programs and filters.district in (None, row["district"])
    ]
    active = [
        row
        for row in rows.institutions
        if row["is_active"]
        and row["district__regency__code"] == "36.03"
        and filters.district in (None, row["district"])
        and filters.institution in (None, row["pk"])
        and (
            filters.field is None
            or filters.field == row["primary_field"]
            or (row["pk"], filters.field) in rows.taught
        )
    ]
    return {
        "blkk-aktif": len(active),
        "kecamatan-terjangkau": len({row["district"] for row in active}),
        "program": len(held),
        "pendaftar": len(applications),
        "peserta": len(seated),
        "orang-terlatih": len({row["trainee"] for row in seated if row["status"] in TRAINED}),
        "lulusan": len(graduates),
        "kelulusan": percent(len(graduates), len(seated)),
        "kompetensi": percent(len(competent), len(assessed)),
        "lulusan-ditracer": len(latest),
        "penempatan": percent(len(placed), len(latest)),
        "wirausaha": percent(len(self_employed), len(latest)),
        "usaha-alumni": len(enterprises),
        "pekerja": sum(row["workers"] for row in enterprises),
        "_gender": Counter(row["trainee__gender"] for row in seated),
        "_domicile": Counter(
            "kabupaten_tangerang"
            if row["trainee__district__regency__code"] == "36.03"
            else "luar_kabupaten_tangerang"
            for row in seated
        ),
    }


def as_number(text: str):
    """A figure as written on a page, in Indonesian ("9.184", "77,7%", "–") as a number."""
    text = text.strip()
    if text in ("–", "—"):
        return None
    if text.endswith("%"):
        return Decimal(text[:-1].replace(".", "").replace(",", "."))
    return int(text.replace(".", ""))


def page_cards(html: str) -> dict:
    """The figures of a page by key (``id="angka-<key>"``), as written."""
    return dict(re.findall(r'id="angka-([a-z-]+)">([^<]*)<', html))


def xlsx_cards(content: bytes) -> dict:
    """The summary sheet's figures by label."""
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["Ringkasan"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and len(row) > 1}


# The filters the checks run with, as (name, how to build them from the demo's rows).
def _busiest(rows: Rows, key: str):
    return Counter(rows.programs[row["program"]][key] for row in rows.enrollments).most_common(1)[
        0
    ][0]


FILTER_CASES = {
    "semua": lambda rows: IndicatorFilters(),
    "tahun-2026": lambda rows: IndicatorFilters(year_from=2026, year_to=2026),
    "2024-2025-kejuruan": lambda rows: IndicatorFilters(
        year_from=2024, year_to=2025, field=_busiest(rows, "field")
    ),
    "kecamatan-pbk": lambda rows: IndicatorFilters(
        district=_busiest(rows, "institution__district"), funding_source="pbk"
    ),
    "blkk": lambda rows: IndicatorFilters(institution=_busiest(rows, "institution")),
}


def query_string(filters: IndicatorFilters) -> dict:
    params = {}
    if filters.year_from is not None:
        params["tahun_dari"] = filters.year_from
    if filters.year_to is not None:
        params["tahun_sampai"] = filters.year_to
    if filters.district is not None:
        params["kecamatan"] = District.objects.get(pk=filters.district).code
    if filters.field is not None:
        params["kejuruan"] = VocationalField.objects.get(pk=filters.field).slug
    if filters.institution is not None:
        params["blkk"] = Institution.objects.get(pk=filters.institution).slug
    if filters.funding_source is not None:
        params["sumber_dana"] = filters.funding_source
    return params


CARD_KEYS = [
    "blkk-aktif",
    "kecamatan-terjangkau",
    "program",
    "pendaftar",
    "peserta",
    "orang-terlatih",
    "lulusan",
    "kelulusan",
    "kompetensi",
    "lulusan-ditracer",
    "penempatan",
    "wirausaha",
    "usaha-alumni",
    "pekerja",
]


@pytest.mark.parametrize("case", FILTER_CASES)
def test_every_figure_recounted_from_the_rows_matches_the_page_the_api_and_the_xlsx(
    demo, case, client, disnaker
):
    filters = FILTER_CASES[case](demo)
    expected = recount(demo, filters)
    assert expected["peserta"] > 0, "a filter case that counts nothing proves little"

    cards = {
        card.key: card
        for section in page_figures(dashboard_figures(filters))["cards"].values()
        for card in section
    }
    counted = {
        key: cards[key].number if cards[key].number is not None else cards[key].value
        for key in CARD_KEYS
    }
    assert counted == {key: expected[key] for key in CARD_KEYS}
    figures = dashboard_figures(filters)
    assert {row.key: row["participants"] for row in figures.participants_by["jenis_kelamin"]} == {
        gender: expected["_gender"].get(gender, 0) for gender in ("L", "P")
    }
    assert {row.key: row["participants"] for row in figures.participants_by["domisili"]} == {
        place: expected["_domicile"].get(place, 0)
        for place in ("kabupaten_tangerang", "luar_kabupaten_tangerang")
    }

    client.force_login(disnaker)
    params = query_string(filters)
    shown = page_cards(client.get("/dasbor/", params).content.decode())
    assert {key: as_number(shown[key]) for key in CARD_KEYS} == counted
    listed = client.get("/dasbor/peserta/", params).context["paginator"].count
    assert listed == expected["peserta"]

    api = client.get("/api/v1/indikator/", params).json()
    assert api["coverage"]["active_institutions"] == expected["blkk-aktif"]
    assert api["coverage"]["districts_covered"] == expected["kecamatan-terjangkau"]
    assert (api["applicants"], api["people_trained"], api["graduates"]) == (
        expected["pendaftar"],
        expected["orang-terlatih"],
        expected["lulusan"],
    )
    for key, name in (
        ("kelulusan", "graduation_rate"),
        ("kompetensi", "competency_rate"),
        ("penempatan", "placement_rate"),
        ("wirausaha", "self_employment_rate"),
    ):
        percent_given = api[name]["percent"]
        assert (None if percent_given is None else Decimal(str(percent_given))) == expected[key]
    assert api["traced_graduates"]["numerator"] == expected["lulusan-ditracer"]
    assert api["enterprises"]["enterprises"] == expected["usaha-alumni"]

    workbook = xlsx_cards(build_xlsx(filters))
    for key in CARD_KEYS:
        stored = workbook[str(cards[key].label)]
        wanted = expected[key]
        if cards[key].unit == "percent":
            assert (None if stored in (None, "–") else Decimal(str(stored))) == wanted, key
        else:
            assert stored == wanted, key


KEY_FIGURES = ("blkk-aktif", "kecamatan-terjangkau", "orang-terlatih", "lulusan", "usaha-alumni")


def test_the_figures_shown_on_several_pages_are_the_same_numbers(demo, client, secretariat):
    """Home, about, the unfiltered dashboard and the admin home show one number per name."""
    expected = recount(demo, IndicatorFilters())
    home = page_cards_by_value(client.get("/").content.decode())
    about = page_cards(client.get("/tentang/").content.decode())
    client.force_login(secretariat)
    dashboard = page_cards(client.get("/dasbor/").content.decode())
    admin = page_cards(client.get("/admin/").content.decode())

    for key in KEY_FIGURES:
        assert as_number(about[key]) == expected[key], key
    for key in (*KEY_FIGURES, "kemitraan-aktif"):
        assert about[key] == dashboard[key] == admin[key], key
    assert home == [
        as_number(about[key])
        for key in (
            "blkk-aktif",
            "kecamatan-terjangkau",
            "orang-terlatih",
            "lulusan",
            "usaha-alumni",
            "kemitraan-aktif",
        )
    ]
    # The admin's own list of active BLKK holds the number it shows.
    institutions = client.get("/admin/institutions/institution/", {"is_active__exact": "1"})
    assert institutions.context["cl"].result_count == expected["blkk-aktif"]


def page_cards_by_value(html: str) -> list:
    """The home page's key figures, in their order."""
    figures = html[html.index('id="figures-title"') : html.index('id="programs-title"')]
    return [
        as_number(part.split("</span>")[0])
        for part in figures.split('class="key-figure-value">')[1:]
    ]
