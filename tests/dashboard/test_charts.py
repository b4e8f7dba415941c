"""The dashboard's charts read at once: rates on a 0–100% axis with their counts beside,
numbers in the reader's language, every long label whole, years not yet held never drawn as
a fall to zero; the same in the PDF, which opens with a cover and its contents."""

import html
import json
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from weasyprint.formatting_structure.boxes import TextBox

from dashboard import exports
from dashboard.figures import Card, Chart, dashboard_figures, figure_charts
from dashboard.indicators import IndicatorFilters, ProgramBreakdown, Row, pbk
from dashboard.svg_charts import chart_svg
from tests import factories
from tests.dashboard import test_exports, test_indicators, test_pages
from tests.dashboard.test_indicators import enroll, program
from trainings.models import Enrollment, TrainingProgram

blkk = test_indicators.cast
trained = test_pages.trained
reader = test_pages.reader

LONG_LABEL_CHARTS = {
    "blkk-kecamatan",
    "program-kejuruan",
    "program-kecamatan",
    "usaha-sektor",
    "usaha-kecamatan",
    "kemitraan-lingkup",
}
LONG_NAME = "Desain Komunikasi Visual dan Multimedia Interaktif Tingkat Lanjut"


def rates_chart() -> Chart:
    return Chart(
        "tingkat",
        "Tingkat",
        "bar",
        "Indikator",
        [("Persen", "percent")],
        [
            Row(
                "lulus",
                "Kelulusan",
                {"percent": Decimal("77.7"), "numerator": 1170, "denominator": 1505},
            ),
            Row("kerja", "Penempatan", {"percent": None, "numerator": 0, "denominator": 0}),
        ],
        percent=True,
    )


def charts_by_key(filters: IndicatorFilters | None = None) -> dict[str, Chart]:
    charts = figure_charts(dashboard_figures(filters or IndicatorFilters()))
    return {chart.key: chart for section in charts.values() for chart in section}


# Rates ------------------------------------------------------------------------------------


def test_the_rates_chart_draws_only_percents_with_their_counts_in_the_tooltip():
    with translation.override("id"):
        data = rates_chart().data

    assert data["percent"] is True
    assert [dataset["data"] for dataset in data["datasets"]] == [[77.7, None]]
    assert data["details"] == ["1.170 dari 1.505", "0 dari 0"]


def test_the_rates_table_writes_the_percent_and_its_counts_in_the_readers_language():
    chart = rates_chart()
    with translation.override("id"):
        assert [label for label, _name in chart.table_columns] == ["Persen", "Jumlah", "Dari"]
        assert chart.table_rows == [
            ("Kelulusan", ["77,7%", "1.170", "1.505"]),
            ("Penempatan", ["–", "0", "0"]),
        ]
    with translation.override("en"):
        assert chart.table_rows[0] == ("Kelulusan", ["77.7%", "1,170", "1,505"])
        assert chart.data["details"][0] == "1,170 of 1,505"


def test_the_dashboards_rates_chart_stays_within_100_percent(trained):
    chart = charts_by_key()["tingkat"]

    assert chart.percent and [name for _label, name in chart.columns] == ["percent"]
    (dataset,) = chart.data["datasets"]
    drawn = [value for value in dataset["data"] if value is not None]
    assert drawn and all(0 <= value <= 100 for value in drawn)
    assert len(chart.data["details"]) == len(chart.rows)


def test_the_pdf_rates_chart_is_on_a_0_to_100_percent_scale():
    with translation.override("id"):
        svg = chart_svg(rates_chart())

    assert "100%" in svg and "0%" in svg
    assert "77,7% · 1.170 dari 1.505" in svg


# Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "written"), [("id", "9.184"), ("en", "9,184")])
def test_the_cards_group_thousands_in_the_readers_language(language, written):
    with translation.override(language):
        page = render_to_string(
            "dashboard/includes/_figure.html", {"card": Card("peserta", "Peserta", 9184)}
        )
        money = render_to_string(
            "dashboard/includes/_figure.html",
            {"card": Card("nilai", "Nilai", "Rp 7.838.000.000")},
        )

    assert f'id="angka-peserta">{written}<' in page
    assert "Rp 7.838.000.000" in money


def test_the_chart_data_tables_group_thousands(blkk):
    chart = Chart(
        "program-tahun",
        "Program",
        "line",
        "Tahun",
        [("Peserta", "participants")],
        [Row(2025, "2025", {"participants": 1505})],
    )
    with translation.override("id"):
        assert chart.table_rows == [("2025", ["1.505"])]
    with translation.override("en"):
        assert chart.table_rows == [("2025", ["1,505"])]


# Long labels ------------------------------------------------------------------------------


def test_charts_of_long_names_are_horizontal_bars_with_every_label_whole(trained):
    field = factories.VocationalFieldFactory(name=LONG_NAME)
    program(trained["a"], "2025-03-03", field=field)

    charts = charts_by_key()

    for key in LONG_LABEL_CHARTS:
        chart = charts[key]
        assert chart.kind == "hbar", key
        assert chart.data["labels"] == [str(row.label) for row in chart.rows], key
    assert LONG_NAME in charts["program-kejuruan"].data["labels"]
    assert len(charts["blkk-kecamatan"].data["labels"]) >= 29
    svg = chart_svg(charts["program-kejuruan"])
    assert "…" not in svg
    lines = re.findall(r">([^<>]+)</text>", svg)
    assert "Desain Komunikasi Visual dan" in lines and "Multimedia Interaktif Tingkat" in lines
    assert "1,0" not in lines and "1" in lines  # counts written as counts


def test_the_pdf_bars_grow_with_their_rows(trained):
    few = charts_by_key()["program-kecamatan"]
    every = charts_by_key()["blkk-kecamatan"]

    def height(chart):
        return int(re.search(r'height="(\d+)"', chart_svg(chart)).group(1))

    assert len(every.rows) > len(few.rows)
    assert height(every) > height(few) + 11 * (len(every.rows) - len(few.rows))


# Years not yet held -----------------------------------------------------------------------


def test_a_year_not_yet_held_is_planned_and_never_drawn_as_a_fall_to_zero(trained):
    next_year = timezone.localdate().year + 1
    scheduled = program(trained["a"], f"{next_year}-03-02", status=TrainingProgram.Status.OPEN)
    enroll(scheduled, Enrollment.Status.ACCEPTED)
    factories.PBKAssistanceFactory(institution=trained["a"], year=next_year)

    charts = charts_by_key()
    rows = dashboard_figures(IndicatorFilters()).programs_by[ProgramBreakdown.YEAR]

    assert [row["planned"] for row in rows] == [False, False, True]
    yearly = charts["program-tahun"]
    assert str(next_year) not in " ".join(yearly.data["labels"])
    assert 0 not in yearly.data["datasets"][1]["data"]
    assert f"Tahun {next_year} (rencana): 1 program dijadwalkan, 1 pendaftar" in yearly.note
    assert (f"{next_year} (rencana)", ["1", "1"]) in yearly.table_rows
    grants = charts["pbk-tahun"]
    assert grants.data["labels"][-1] == f"{next_year} (rencana)"
    assert grants.data["planned"][-1] is True
    assert grants.data["datasets"][1]["data"][-1] is None  # no realisation yet, not 0
    assert pbk(IndicatorFilters()).by_year[-1]["planned"]


def test_the_page_says_why_a_planned_year_is_not_drawn(reader, trained):
    next_year = timezone.localdate().year + 1
    program(trained["a"], f"{next_year}-03-02", status=TrainingProgram.Status.PUBLISHED)

    page = reader.get(reverse("dashboard:home")).content.decode()

    assert f"Tahun {next_year} (rencana): 1 program dijadwalkan" in page
    assert f'<th scope="row">{next_year} (rencana)</th>' in page


# The page ---------------------------------------------------------------------------------


def test_the_missing_kejuruan_fold_behind_a_count_per_kecamatan(reader, trained):
    page = reader.get(reverse("dashboard:home")).content.decode()

    missing = {
        entry.district.label: entry.missing
        for entry in dashboard_figures(IndicatorFilters()).missing_fields
    }
    cikupa = re.search(
        r"Cikupa.*?<details class=\"dashboard-missing\">\s*"
        r"<summary>([^<]+)</summary>(.*?)</details>",
        page,
        re.DOTALL,
    )
    assert cikupa, "Cikupa's missing kejuruan are not folded"
    assert cikupa.group(1) == f"{len(missing['Cikupa'])} kejuruan belum ada"
    assert "<li>Kejuruan Uji Las</li>" in cikupa.group(2)


def test_the_page_charts_carry_their_kind_and_the_rates_details(reader, trained):
    page = reader.get(reverse("dashboard:home")).content.decode()

    charts = {
        key: json.loads(html.unescape(data))
        for key, data in re.findall(r'<canvas id="chart-([^"]+)" data-chart="([^"]+)"', page)
    }
    assert charts["tingkat"]["percent"] is True and len(charts["tingkat"]["datasets"]) == 1
    assert re.fullmatch(r"\d+ dari \d+", charts["tingkat"]["details"][0])
    assert all(charts[key]["type"] == "hbar" for key in LONG_LABEL_CHARTS & charts.keys())


# The PDF ----------------------------------------------------------------------------------


def page_texts(filters: IndicatorFilters) -> list[str]:
    document = exports.report_document(filters)
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, TextBox))
        for page in document.pages
    ]


def test_the_pdf_opens_with_a_cover_and_its_contents(trained):
    filters = IndicatorFilters(year_from=2025, district=trained["balaraja"].pk)

    with translation.override("id"):
        first, *rest = page_texts(filters)

    assert "Forum Komunikasi BLK Komunitas Kabupaten Tangerang" in first
    assert "Laporan indikator FK-BLKK Kabupaten Tangerang" in first
    assert "Periode sejak 2025" in first
    assert "Kecamatan: Balaraja" in first
    assert timezone.localdate().strftime("%Y") in first and "Dibuat" in first
    for figure in ("BLKK aktif", "Program terlaksana", "Peserta", "Tingkat kelulusan"):
        assert figure in first, figure
    assert "Nilai bantuan PBK" in first and "Rp " in first
    assert "Daftar isi" in first
    # Each section in the contents with the page it starts on.
    for title, start in (("Program dan peserta", None), ("Lampiran", None)):
        found = re.search(rf"{title}[ .]*?(\d+)", first)
        assert found, title
        start = int(found.group(1))
        assert title in rest[start - 2], title


def test_the_pdf_counts_the_missing_kejuruan_and_names_them_in_the_appendix(trained):
    report = exports.dashboard_report(IndicatorFilters())
    coverage = next(section for section in report.sections if section.key == "coverage")

    (printed,) = coverage.printed
    assert printed.columns[-1] == "Jumlah kejuruan belum tersedia"
    assert all("," not in str(row[-1]) for row in printed.rows)
    (appendix,) = report.appendix
    named = {row[0]: row[1] for row in appendix.rows}
    assert "Kejuruan Uji Las" in named["Cikupa"]
    html_text = exports.render_report_html(report)
    coverage_html = html_text[html_text.index('id="coverage"') : html_text.index('id="programs"')]
    appendix_html = html_text[html_text.index('id="lampiran"') :]
    assert "Kejuruan Uji Las" not in coverage_html
    assert f'<th scope="row">Cikupa</th><td>{named["Cikupa"]}</td>' in appendix_html
    # The workbook keeps the list on its coverage sheet.
    assert coverage.tables[0].rows and any(
        "Kejuruan Uji Las" in row[2] for row in coverage.tables[0].rows
    )


def test_the_pdf_period_says_the_years_or_all_years():
    assert exports.describe_period(IndicatorFilters()) == "semua tahun"
    assert exports.describe_period(IndicatorFilters(year_from=2024, year_to=2026)) == "2024–2026"
    assert exports.describe_period(IndicatorFilters(year_to=2026)) == "sampai 2026"
    assert exports.describe_period(IndicatorFilters(year_from=2025, year_to=2025)) == "2025"


def test_the_xlsx_writes_counts_with_grouped_thousands(trained):
    book = test_exports.workbook()
    programs = book["Daftar program"]
    header = [cell.value for cell in programs[1]]
    participants = header.index("Peserta")
    assert programs.cell(row=2, column=participants + 1).number_format == exports.COUNT_FORMAT
    summary = {row[0].value: row[1] for row in book["Ringkasan"].iter_rows() if row[0].value}
    assert summary["Peserta"].number_format == "#,##0"


# In a browser -----------------------------------------------------------------------------


@pytest.mark.browser
def test_the_rates_axis_ends_at_100_percent_and_every_kecamatan_is_labelled(
    page, live_server, transactional_db
):
    factories.UserFactory(username="disnaker-uji", role="Disnaker")
    institution = factories.InstitutionFactory()
    factories.GraduateFactory(program=factories.TrainingProgramFactory(institution=institution))

    page.goto(f"{live_server.url}/pengelola/masuk/")
    page.locator("#id_username").fill("disnaker-uji")
    page.locator("#id_password").fill("rahasia-uji-123")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/dasbor/")

    rates = page.evaluate(
        "() => { const chart = Chart.getChart(document.getElementById('chart-tingkat'));"
        " return {max: chart.scales.y.max, min: chart.scales.y.min,"
        " ticks: chart.scales.y.ticks.map((tick) => tick.label)}; }"
    )
    assert rates["max"] == 100 and rates["min"] == 0
    assert rates["ticks"][-1] == "100%"
    kecamatan = page.evaluate(
        "() => { const chart = Chart.getChart(document.getElementById('chart-blkk-kecamatan'));"
        " return [chart.options.indexAxis, chart.scales.y.ticks.length, chart.data.labels.length,"
        " chart.canvas.parentNode.clientHeight]; }"
    )
    axis, ticks, labels, height = kecamatan
    assert axis == "y" and ticks == labels >= 29
    assert height >= labels * 16
