"""The dashboard's exports: the XLSX workbook and the PDF report hold the page's own figures
and lists for the same filters, no personal data, and nothing a spreadsheet would run."""

import datetime
import io
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from core import populations
from dashboard import exports
from dashboard.access import DashboardFilterForm
from dashboard.figures import dashboard_figures, page_figures
from dashboard.indicators import IndicatorFilters
from tests import factories
from tests.dashboard import test_indicators, test_pages
from tests.dashboard.test_indicators import graduate, program, world

ALL = IndicatorFilters()
# Each drill-down page, its sheet, and what the first column says of a row.
LIST_SHEETS = {
    "dashboard:program-list": ("Daftar program", lambda program: program.title),
    "dashboard:enrollment-list": ("Daftar peserta", lambda row: row.trainee.full_name),
    "dashboard:enterprise-list": ("Daftar usaha", lambda enterprise: enterprise.name),
    "dashboard:partnership-list": ("Daftar kemitraan", lambda partnership: partnership.title),
}

# The fixtures of the dashboard's tests: the indicators' hand-made BLKK, programs at A
# (Balaraja) and D (Cikupa), and a client signed in as Disnaker.
blkk = test_indicators.cast
trained = test_pages.trained
reader = test_pages.reader


def workbook(filters: IndicatorFilters = ALL):
    return load_workbook(io.BytesIO(exports.build_xlsx(filters)))


def cells(book):
    """Every cell holding something, in every sheet."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def table(sheet, title: str) -> list[list]:
    """The rows of the table ``title`` of a section sheet, header first, up to the blank row."""
    found = rows(sheet)
    start = next(index for index, row in enumerate(found) if row[0] == title)
    header = found[start + 1]
    width = max(index for index, value in enumerate(header) if value is not None) + 1
    table_rows = []
    for row in found[start + 1 :]:
        if all(value is None for value in row):
            break
        table_rows.append(row[:width])
    return table_rows


def page_for(filters: IndicatorFilters) -> dict:
    return page_figures(dashboard_figures(filters))


def query_filters(query: str) -> IndicatorFilters:
    return DashboardFilterForm(QueryDict(query)).indicator_filters()


# The figures ------------------------------------------------------------------------------


def test_the_summary_sheet_holds_every_card_of_the_page(trained):
    narrowed = IndicatorFilters(year_from=2025, district=trained["balaraja"].pk)
    for filters in (ALL, narrowed):
        summary = {row[0]: row[1:3] for row in rows(workbook(filters)["Ringkasan"]) if row[0]}

        cards = [card for section in page_for(filters)["cards"].values() for card in section]
        for card in cards:
            stored = card.value if card.number is None else float(card.number)
            assert summary[card.label] == [stored, card.detail or None], card.key
        assert summary["Kecamatan"][0] == ("Balaraja" if filters.district else "Semua")

    # Narrowed: one program; rates and Rupiah are numbers too, in their own formats.
    assert summary["Program terlaksana"][0] == 1
    assert summary["Tingkat kelulusan"][0] == 100.0


def test_the_summary_sheet_and_the_pdf_say_how_each_figure_is_counted(trained):
    sheet = rows(workbook(ALL)["Ringkasan"])
    placement = next(row for row in sheet if row[0] == "Tingkat penempatan")
    assert placement[3] == populations.PLACEMENT_RATE.how_counted

    html = exports.render_report_html(exports.dashboard_report(ALL))

    for definition in (populations.PLACEMENT_RATE, populations.PEOPLE_TRAINED):
        assert f"<strong>{definition.name}:</strong> {definition.how_counted}" in html


def test_the_summary_sheet_stores_rupiah_rates_and_counts_as_formatted_numbers(trained):
    sheet = workbook(ALL)["Ringkasan"]
    by_label = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}

    assert isinstance(by_label["Tingkat kelulusan"].value, float)
    assert by_label["Tingkat kelulusan"].number_format == '0.0"%"'
    assert isinstance(by_label["Nilai bantuan PBK"].value, int | float)
    assert by_label["Nilai bantuan PBK"].number_format == '"Rp" #,##0'
    # Counts are numbers with thousands grouped, as the spreadsheet's locale writes them.
    assert by_label["Program terlaksana"].number_format == "#,##0"
    assert by_label["Program terlaksana"].data_type == "n"


def test_the_section_sheets_hold_every_chart_table_as_numbers(blkk):
    world(blkk, 3)
    filters = IndicatorFilters(district=blkk["cikupa"].pk)
    book = workbook(filters)

    page = page_for(filters)
    charts = page["charts"]
    sheets = {
        "coverage": "Cakupan",
        "programs": "Program",
        "participants": "Peserta",
        "results": "Hasil pelatihan",
        "enterprises": "Usaha alumni",
        "pbk": "PBK",
        "partnerships": "Kemitraan",
    }
    assert book.sheetnames[: len(sheets) + 1] == ["Ringkasan", *sheets.values()]
    for section, sheet_name in sheets.items():
        for chart in charts[section]:
            header, *data = table(book[sheet_name], chart.title)
            columns = chart.table_columns
            assert header == [chart.row_header, *(label for label, _name in columns)]
            assert [row[0] for row in data] == [row.label for row in chart.rows]
            for written, row in zip(data, chart.rows, strict=True):
                expected = [row[name] for _label, name in columns]
                assert [
                    None if value is None else Decimal(str(value)) for value in written[1:]
                ] == expected, chart.key
    amounts = table(book["PBK"], "Nilai dan paket PBK per tahun anggaran")[1:]
    assert amounts and all(row[1] == 250_000_000 for row in amounts)
    rates = [row for row in book["Hasil pelatihan"].iter_rows() if row[0].value == "Kelulusan"]
    assert rates[0][1].number_format == exports.PERCENT_FORMAT
    assert rates[0][1].value == float(charts["results"][0].rows[0]["percent"])
    # A rate keeps its counts beside its percent, as whole numbers grouped by thousands.
    assert [cell.value for cell in rates[0][2:4]] == [
        charts["results"][0].rows[0][name] for name in ("numerator", "denominator")
    ]
    assert all(cell.number_format == exports.COUNT_FORMAT for cell in rates[0][2:4])
    # Rupiah and percent keep their number, with a format to show them.
    pbk_sheet = book["PBK"]
    money = [cell for row in pbk_sheet.iter_rows() for cell in row if cell.value == 250_000_000]
    assert money and all(cell.number_format == exports.RUPIAH_FORMAT for cell in money)
    assert all(cell.data_type == "n" for cell in money)


def test_the_section_sheets_hold_the_tables_beside_the_charts(blkk):
    world(blkk, 2)
    ending = factories.PartnershipFactory(
        title="Kerja sama segera berakhir",
        end_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    book = workbook()

    page = page_for(ALL)
    coverage = table(book["Cakupan"], "Cakupan per kecamatan")[1:]
    assert len(coverage) == page["figures"].coverage.districts_total
    by_district = {row[0]: row[1:] for row in coverage}
    missing = {entry.district.label: entry.missing for entry in page["figures"].missing_fields}
    assert by_district["Cikupa"] == [1, ", ".join(missing["Cikupa"])]
    assert "Kejuruan Uji Las" in missing["Cikupa"]
    assert [by_district[row.label][0] for row, _missing in page["coverage_rows"]] == [
        row["institutions"] for row, _missing in page["coverage_rows"]
    ]
    assert by_district["Tigaraksa"][0] == 2  # C is inactive, world() adds two there
    reports = table(book["PBK"], "Status laporan realisasi PBK")[1:]
    assert reports == [[label, count] for _status, label, count in page["pbk_reports"]]
    agreements = table(book["Kemitraan"], "Perjanjian yang berakhir dalam 90 hari")[1:]
    assert [row[0] for row in agreements] == [ending.title]
    assert agreements[0][2].date() == ending.end_date


# The lists --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["", "kejuruan=uji-jahit", "tahun_dari=2025&kecamatan=36.03.01"], ids=str
)
def test_the_list_sheets_hold_the_rows_of_the_drill_down_pages(reader, trained, query):
    world(trained, 2)
    query = query.replace("36.03.01", trained["balaraja"].code)
    book = workbook(query_filters(query))

    for url_name, (sheet_name, first_column) in LIST_SHEETS.items():
        response = reader.get(f"{reverse(url_name)}?{query}")
        listed = [first_column(row) for row in response.context["object_list"]]
        assert listed or query, url_name
        header, *written = rows(book[sheet_name])
        assert len(written) == response.context["paginator"].count, sheet_name
        assert [row[0] for row in written] == listed, sheet_name
        assert header[0] and book[sheet_name].freeze_panes == "A2"


def test_the_lists_cost_the_same_queries_whatever_their_length(blkk, django_assert_max_num_queries):
    world(blkk, 2)
    exports.build_xlsx(ALL)  # the figures are cached from here on
    with django_assert_max_num_queries(100) as captured:
        exports.build_xlsx(ALL)

    more = {name: factories.InstitutionFactory(district=blkk[name].district) for name in "ad"}
    world({**blkk, **more}, 8)
    exports.build_xlsx(ALL)
    with django_assert_max_num_queries(len(captured)):
        exports.build_xlsx(ALL)


# Personal data ----------------------------------------------------------------------------


def test_the_workbook_masks_the_nik_and_holds_no_other_personal_data(blkk):
    trainee = {
        f"trainee__{name}": value
        for name, value in (
            ("nik", "3603011234567890"),
            ("phone", "+6281299988877"),
            ("address", "Kp. Rahasia RT 09/09"),
            ("email", "rahasia@example.test"),
        )
    }
    enrollment = graduate(program(blkk["a"], "2025-02-03"), born="1987-06-15", **trainee)
    book = workbook()

    texts = [str(cell.value) for cell in cells(book)]
    dates = {cell.value for cell in cells(book) if isinstance(cell.value, datetime.datetime)}
    participants = rows(book["Daftar peserta"])
    assert [enrollment.trainee.full_name, "360301••••••••••"] in [row[:2] for row in participants]
    for secret in ("3603011234567890", "81299988877", "Kp. Rahasia", "rahasia@example", "1987"):
        assert not any(secret in text for text in texts), secret
    assert datetime.datetime(1987, 6, 15) not in dates


# Formulas ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\r=1", "'\r=1"),
        ("BLKK Al-Hikmah", "BLKK Al-Hikmah"),
        ("bad\x00\x07text", "badtext"),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(text, written):
    assert exports.neutralise(text) == written


def test_numbers_are_never_neutralised():
    sheet = Workbook(write_only=True).create_sheet()

    for number in (-2, Decimal("-3.5"), -0.5):
        cell = exports._cell(sheet, number)
        assert (cell.value, cell.data_type) == (number, "n")
    assert exports._cell(sheet, "-2").value == "'-2"


def test_names_that_look_like_formulas_come_out_as_text(blkk):
    institution = factories.InstitutionFactory(
        name='=HYPERLINK("http://x","y")', district=blkk["cikupa"]
    )
    graduate(program(institution, "2025-02-03", title="+1"), trainee__full_name="@SUM(A1)")
    factories.PartnershipFactory(partner__name="-2+3", title="=1+1")
    book = load_workbook(
        io.BytesIO(exports.build_xlsx(IndicatorFilters(institution=institution.pk)))
    )

    written = list(cells(book))
    texts = {cell.value for cell in written if cell.data_type == "s"}
    for name in ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "=1+1"):
        assert f"'{name}" in texts, name
        assert name not in texts
    assert not [cell.coordinate for cell in written if cell.data_type == "f"]
    assert rows(book["Ringkasan"])[8][1] == '\'=HYPERLINK("http://x","y")'  # the BLKK filter


# PDF --------------------------------------------------------------------------------------


def pdf_text(filters: IndicatorFilters) -> str:
    """The text WeasyPrint lays out on the report's pages, margin boxes included."""
    from weasyprint.formatting_structure.boxes import TextBox

    document = exports.report_document(filters)
    return " ".join(
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, TextBox)
    )


def test_the_pdf_report_is_a_pdf(db):
    progress = []

    pdf = exports.build_pdf(ALL, progress.append)

    assert pdf.startswith(b"%PDF")
    assert progress[-1] == 100 and progress == sorted(progress)


def test_the_pdf_report_says_the_title_filters_and_figures_in_indonesian(trained):
    filters = IndicatorFilters(year_from=2025, district=trained["balaraja"].pk)

    text = pdf_text(filters)

    assert "Laporan indikator FK-BLKK Kabupaten Tangerang" in text
    assert "Kecamatan" in text and "Balaraja" in text and "2025" in text
    cards = page_for(filters)["cards"]
    assert "Program terlaksana" in text and "Tingkat kelulusan" in text
    assert cards["results"][0].value == "100,0%" and "100,0%" in text
    assert "Halaman 1 dari" in text
    assert "Perjanjian yang berakhir dalam 90 hari" in text


def test_the_pdf_report_draws_every_chart_and_leaves_the_lists_to_the_xlsx(trained):
    graduate(program(trained["a"], "2025-02-03"), trainee__full_name="Nama Tidak Dicetak")
    report = exports.dashboard_report(ALL)

    html = exports.render_report_html(report)

    drawn = [chart for section in report.sections for chart in section.charts if chart.rows]
    assert html.count("<svg") == len(drawn) >= 10
    assert "Nama Tidak Dicetak" not in html
    assert "ekspor XLSX" in html


def test_the_pdf_report_escapes_the_names_in_its_charts(trained):
    institution = factories.InstitutionFactory(district=trained["cikupa"])
    program(institution, "2025-02-03", field=factories.VocationalFieldFactory(name="<b>&x"))

    html = exports.render_report_html(exports.dashboard_report(ALL))

    assert "<b>&x" not in html and "&lt;b&gt;&amp;x" in html


def test_the_pdf_report_fetches_nothing_over_the_network():
    fetcher = exports.local_fetcher()

    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("http://example.test/logo.png")
    assert fetcher("data:text/plain,ok").read() == b"ok"
