"""The dashboard's exports: what the home page shows for a set of filters, as an XLSX workbook
(with the lists behind the figures) or as a PDF report.

Both are built from the page's own figures (``figures.dashboard_figures`` and
``page_figures``) and lists (``lists``), never recounted, so a number reads the same on the
page and in the export. They run in a Celery task, in the language the task activated.
Personal data stays out: the participants list holds a name and a masked NIK.
"""

import datetime
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.dates import day_label
from core.spreadsheets import neutralise
from core.templatetags.formats import grouped
from institutions.models import District, Institution, VocationalField
from trainings.models import FundingSource

from . import lists
from .figures import PERCENT, RUPIAH, Card, Chart, dashboard_figures, page_figures
from .indicators import IndicatorFilters
from .svg_charts import chart_svg

Progress = Callable[[int], None]  # percent done, 0..100

# The reports are read in Kabupaten Tangerang: their time is WIB, whatever the server's.
REPORT_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Jakarta")
REPORT_STYLESHEET = "css/report.css"
REPORT_LOGO = "img/favicon.svg"  # the forum's mark, on the cover

RUPIAH_FORMAT = '"Rp" #,##0'
PERCENT_FORMAT = "0.0"  # the rates are percents already (66.7), to one decimal
COUNT_FORMAT = "#,##0"  # whole counts, thousands grouped as the reader's spreadsheet does
DATE_FORMAT = "dd/mm/yyyy"
# The series that hold a share in percent (``figures._rate_rows``).
PERCENT_SERIES = {"percent"}
# A card written out on the page ("Rp 7.838.000.000", "77,7%") is a number in the workbook.
CARD_FORMATS = {RUPIAH: RUPIAH_FORMAT, PERCENT: '0.0"%"'}

BOLD = Font(bold=True)
HEADING = Font(bold=True, size=12)
TITLE = Font(bold=True, size=14)


def ignore(percent: int) -> None:
    """The default progress report: nobody is listening."""


# What the exports show --------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A table of the report: a title, column headers and rows of plain values (text,
    numbers, dates), with the spreadsheet number format of some columns (by index)."""

    title: str
    columns: list[str]
    rows: list[list]
    formats: dict[int, str] = field(default_factory=dict)
    empty: str = ""  # said instead of the rows when there are none
    note: str = ""  # said under the table in the PDF


@dataclass(frozen=True)
class Section:
    """One section of the home page: its cards, charts, and the tables it shows besides (in
    the workbook; ``printed`` in the PDF, where long lists go to the appendix)."""

    key: str
    title: str
    sheet: str  # the name of its worksheet
    cards: list[Card]
    charts: list[Chart]
    tables: list[Table]
    printed: list[Table] = field(default_factory=list)

    @property
    def counted_cards(self) -> list[Card]:
        """The cards that say how they are counted, for the PDF's notes under them."""
        return [card for card in self.cards if card.how_counted]


@dataclass(frozen=True)
class Report:
    title: str
    generated: str  # the date and time it was made, as read in Kabupaten Tangerang
    filters: list[tuple[str, str]]
    sections: list[Section]
    period: str = ""  # the years the figures cover: "2024–2026", "semua tahun"
    applied: list[tuple[str, str]] = field(default_factory=list)  # the filters set
    headline: list[Card] = field(default_factory=list)  # the cover's figures
    appendix: list[Table] = field(default_factory=list)  # the PDF's long lists


# The cards on the PDF's cover, in this order: one or two of each section.
HEADLINE_CARDS = (
    "blkk-aktif",
    "kecamatan-terjangkau",
    "program",
    "peserta",
    "kelulusan",
    "kompetensi",
    "penempatan",
    "wirausaha",
    "usaha",
    "pbk-nilai",
    "kemitraan-aktif",
    "kontribusi-nilai",
)


def _name(model, value) -> str | None:
    if value is None or isinstance(value, model):
        return None if value is None else str(value.name)
    return model.objects.filter(pk=value).values_list("name", flat=True).first()


def describe_filters(filters: IndicatorFilters) -> list[tuple[str, str]]:
    """The filters as (label, value) for a report's header; "Semua" (all) where none is set."""
    every = _("Semua")
    source = (
        FundingSource(filters.funding_source).label
        if filters.funding_source in FundingSource.values
        else None
    )
    values = [
        (_("Dari tahun"), filters.year_from),
        (_("Sampai tahun"), filters.year_to),
        (_("Kecamatan"), _name(District, filters.district)),
        (_("Kejuruan"), _name(VocationalField, filters.field)),
        (_("BLKK"), _name(Institution, filters.institution)),
        (_("Sumber dana"), source),
    ]
    return [(label, every if value is None else str(value)) for label, value in values]


def describe_period(filters: IndicatorFilters) -> str:
    """The years the figures cover, for a report's cover: "2024–2026", "sejak 2024",
    "sampai 2026", "2025" or "semua tahun"."""
    first, last = filters.year_from, filters.year_to
    if first is None and last is None:
        return _("semua tahun")
    if first is None:
        return _("sampai %(year)s") % {"year": last}
    if last is None:
        return _("sejak %(year)s") % {"year": first}
    return str(first) if first == last else f"{first}–{last}"


def applied_filters(filters: IndicatorFilters) -> list[tuple[str, str]]:
    """The filters set, as (label, value), leaving out the years (the period says them)."""
    every = describe_filters(IndicatorFilters())
    return [
        (label, value)
        for (label, value), (_label, unset) in zip(describe_filters(filters), every, strict=True)
        if value != unset and label not in (_("Dari tahun"), _("Sampai tahun"))
    ]


def _sections() -> list[tuple[str, str, str]]:
    """(key in the page's cards and charts, heading, sheet name) of each section, in the
    home page's order."""
    return [
        ("coverage", _("BLKK dan cakupan kecamatan"), _("Cakupan")),
        ("programs", _("Program dan peserta"), _("Program")),
        ("participants", _("Profil peserta"), _("Peserta")),
        ("results", _("Hasil pelatihan dan penempatan"), _("Hasil pelatihan")),
        ("enterprises", _("Usaha alumni"), _("Usaha alumni")),
        ("pbk", _("Bantuan PBK"), "PBK"),
        ("partnerships", _("Kemitraan dan kontribusi"), _("Kemitraan")),
    ]


def chart_table(chart: Chart, *, as_shown: bool = False) -> Table:
    """A chart's data table under its row header and series: numbers as counted, for the
    workbook, or ``as_shown`` on the page (Rupiah written out) and untitled, for the PDF,
    where it sits under the chart's title."""
    columns = chart.table_columns
    formats = {}
    for index, (_label, name) in enumerate(columns, start=1):
        if name in chart.money:
            formats[index] = RUPIAH_FORMAT
        elif chart.percent and name in PERCENT_SERIES:
            formats[index] = PERCENT_FORMAT
        else:
            formats[index] = COUNT_FORMAT
    if as_shown:
        rows = [[label, *cells] for label, cells in chart.table_rows]
    else:
        rows = [[chart.label(row), *(row[name] for _label, name in columns)] for row in chart.rows]
    return Table(
        title="" if as_shown else str(chart.title),
        columns=[str(chart.row_header), *(str(label) for label, _name in columns)],
        rows=rows,
        formats=formats,
        empty=_("Belum ada data untuk filter ini."),
    )


def _page_tables(page: dict) -> dict[str, list[Table]]:
    """The tables the home page shows besides the charts, by section."""
    figures = page["figures"]
    return {
        "coverage": [
            Table(
                _("Cakupan per kecamatan"),
                [_("Kecamatan"), _("BLKK aktif"), _("Kejuruan belum tersedia")],
                [
                    [row.label, row["institutions"], ", ".join(missing) or "–"]
                    for row, missing in page["coverage_rows"]
                ],
                formats={1: COUNT_FORMAT},
            )
        ],
        "pbk": [
            Table(
                _("Status laporan realisasi PBK"),
                [_("Status"), _("Bantuan")],
                [[label, count] for _status, label, count in page["pbk_reports"]],
                formats={1: COUNT_FORMAT},
            )
        ],
        "partnerships": [
            Table(
                _("Perjanjian yang berakhir dalam 90 hari"),
                [_("Perjanjian"), _("Mitra"), _("Berakhir")],
                [
                    [agreement.title, agreement.partner, agreement.end_date]
                    for agreement in figures.partnerships.ending_soon
                ],
                formats={2: DATE_FORMAT},
                empty=_("Tidak ada perjanjian yang berakhir dalam 90 hari."),
            )
        ],
    }


def _printed_coverage(page: dict) -> tuple[Table, Table]:
    """The PDF's coverage table, with how many kejuruan each kecamatan misses, and the
    appendix that names them (the lists filled pages before any program figure)."""
    counted = Table(
        _("Cakupan per kecamatan"),
        [_("Kecamatan"), _("BLKK aktif"), _("Jumlah kejuruan belum tersedia")],
        [
            [row.label, grouped(row["institutions"]), grouped(len(missing)) if missing else "–"]
            for row, missing in page["coverage_rows"]
        ],
        note=_("Nama kejuruan yang belum tersedia di tiap kecamatan ada di lampiran."),
    )
    named = Table(
        _("Kejuruan yang belum tersedia per kecamatan"),
        [_("Kecamatan"), _("Kejuruan belum tersedia")],
        [[row.label, ", ".join(missing)] for row, missing in page["coverage_rows"] if missing],
        empty=_("Setiap kecamatan sudah memiliki semua kejuruan forum."),
    )
    return counted, named


def dashboard_report(filters: IndicatorFilters) -> Report:
    """What the home page shows for ``filters``, section by section, with a cover: the
    period, the filters set and the headline figures."""
    page = page_figures(dashboard_figures(filters))
    tables = _page_tables(page)
    coverage, missing = _printed_coverage(page)
    printed = {**tables, "coverage": [coverage]}
    generated = timezone.localtime(timezone.now(), REPORT_TIME_ZONE)
    cards = {card.key: card for section in page["cards"].values() for card in section}
    return Report(
        title=_("Laporan indikator FK-BLKK Kabupaten Tangerang"),
        generated=f"{day_label(generated)}, {date_format(generated, 'H.i T')}",
        filters=describe_filters(filters),
        sections=[
            Section(
                key=key,
                title=title,
                sheet=sheet,
                cards=page["cards"].get(key, []),
                charts=page["charts"].get(key, []),
                tables=tables.get(key, []),
                printed=printed.get(key, []),
            )
            for key, title, sheet in _sections()
        ],
        period=describe_period(filters),
        applied=applied_filters(filters),
        headline=[cards[key] for key in HEADLINE_CARDS if key in cards],
        appendix=[missing],
    )


# XLSX -------------------------------------------------------------------------------------


def _cell(sheet, value, *, font: Font | None = None, number_format: str | None = None):
    """A cell of a write-only ``sheet``: numbers and dates as they are, anything else as
    neutralised text."""
    if value is not None and not isinstance(
        value, int | float | Decimal | datetime.date | datetime.datetime
    ):
        value = neutralise(str(value))
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _append(sheet, values: Iterable, *, font: Font | None = None, formats=None) -> None:
    formats = formats or {}
    sheet.append(
        [
            _cell(sheet, value, font=font, number_format=formats.get(index))
            for index, value in enumerate(values)
        ]
    )


def _sheet(workbook: Workbook, title: str, widths: Iterable[int]):
    # A sheet's name has at most 31 characters and none of []:*?/\ .
    name = "".join(" " if character in "[]:*?/\\" else character for character in title)[:31]
    sheet = workbook.create_sheet(name)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def _write_table(sheet, table: Table) -> None:
    _append(sheet, [table.title], font=HEADING)
    _append(sheet, table.columns, font=BOLD)
    for row in table.rows:
        _append(sheet, row, formats=table.formats)
    if not table.rows and table.empty:
        _append(sheet, [table.empty])
    sheet.append([])


def _write_summary(workbook: Workbook, report: Report) -> None:
    sheet = _sheet(workbook, _("Ringkasan"), (42, 24, 42, 90))
    _append(sheet, [report.title], font=TITLE)
    _append(sheet, [_("Dibuat"), report.generated])
    sheet.append([])
    _append(sheet, [_("Filter")], font=HEADING)
    for label, value in report.filters:
        _append(sheet, [label, value])
    sheet.append([])
    for section in report.sections:
        if not section.cards:
            continue
        _append(sheet, [section.title], font=HEADING)
        _append(sheet, [_("Angka"), _("Nilai"), _("Keterangan"), _("Cara menghitung")], font=BOLD)
        for card in section.cards:
            value = card.value if card.number is None else card.number
            counted = isinstance(value, int) and not isinstance(value, bool)
            _append(
                sheet,
                [card.label, value, card.detail, card.how_counted],
                formats={1: CARD_FORMATS.get(card.unit, COUNT_FORMAT if counted else None)},
            )
        sheet.append([])
    _append(sheet, [_("Data pribadi peserta tidak disertakan; NIK disamarkan.")])


@dataclass(frozen=True)
class ListSheet:
    """A list behind the figures: its sheet's name, its columns (header, width, the value of
    a row) and its rows."""

    title: str
    columns: list[tuple[str, int, Callable]]
    rows: Iterable
    formats: dict[int, str] = field(default_factory=dict)


def _list_sheets(filters: IndicatorFilters, today: datetime.date) -> list[ListSheet]:
    """The lists of the drill-down pages, with their columns; no personal data but a name
    and a masked NIK."""
    chunk = 2000
    return [
        ListSheet(
            _("Daftar program"),
            [
                (_("Program"), 40, lambda program: program.title),
                (_("BLKK"), 30, lambda program: program.institution.name),
                (_("Kecamatan"), 18, lambda program: program.institution.district.name),
                (_("Kejuruan"), 26, lambda program: program.field.name),
                (_("Sumber dana"), 18, lambda program: program.get_funding_source_display()),
                (_("Mulai"), 12, lambda program: program.start_date),
                (_("Status"), 16, lambda program: program.get_status_display()),
                (_("Peserta"), 10, lambda program: program.participants),
            ],
            lists.held_programs(filters).iterator(chunk_size=chunk),
            formats={5: DATE_FORMAT, 7: COUNT_FORMAT},
        ),
        ListSheet(
            _("Daftar peserta"),
            [
                (_("Nama"), 30, lambda enrollment: enrollment.trainee.full_name),
                (_("NIK"), 20, lambda enrollment: enrollment.trainee.masked_nik),
                (_("Program"), 40, lambda enrollment: enrollment.program.title),
                (_("BLKK"), 30, lambda enrollment: enrollment.program.institution.name),
                (_("Status"), 16, lambda enrollment: enrollment.get_status_display()),
                (
                    _("Hasil uji kompetensi"),
                    20,
                    lambda enrollment: enrollment.get_competency_result_display(),
                ),
            ],
            lists.counted_enrollments(filters).iterator(chunk_size=chunk),
        ),
        ListSheet(
            _("Daftar usaha"),
            [
                (_("Usaha"), 34, lambda enterprise: enterprise.name),
                (_("Sektor"), 28, lambda enterprise: enterprise.get_sector_display()),
                (_("Kecamatan"), 18, lambda enterprise: enterprise.district.name),
                (
                    _("BLKK pemilik"),
                    30,
                    lambda enterprise: enterprise.owner.program.institution.name,
                ),
                (_("Mulai berusaha"), 14, lambda enterprise: enterprise.started_on),
                (_("Pekerja"), 10, lambda enterprise: enterprise.workers),
            ],
            lists.counted_enterprises(filters).iterator(chunk_size=chunk),
            formats={4: DATE_FORMAT, 5: COUNT_FORMAT},
        ),
        ListSheet(
            _("Daftar kemitraan"),
            [
                (_("Perjanjian"), 40, lambda partnership: partnership.title),
                (_("Mitra"), 30, lambda partnership: partnership.partner.name),
                (
                    _("Lingkup"),
                    40,
                    lambda partnership: ", ".join(map(str, partnership.scopes.all())),
                ),
                (_("Mulai"), 12, lambda partnership: partnership.start_date),
                (_("Berakhir"), 12, lambda partnership: partnership.end_date),
            ],
            lists.covering_partnerships(filters, today).iterator(chunk_size=chunk),
            formats={3: DATE_FORMAT, 4: DATE_FORMAT},
        ),
    ]


def _write_list(workbook: Workbook, listed: ListSheet) -> None:
    sheet = _sheet(workbook, listed.title, (width for _header, width, _value in listed.columns))
    sheet.freeze_panes = "A2"
    _append(sheet, (header for header, _width, _value in listed.columns), font=BOLD)
    for row in listed.rows:
        _append(
            sheet,
            [value(row) for _header, _width, value in listed.columns],
            formats=listed.formats,
        )


def build_xlsx(filters: IndicatorFilters, progress: Progress = ignore) -> bytes:
    """The workbook for ``filters``: a summary ("Ringkasan": the filters and every card), a
    sheet per section of the page with its charts' tables, then the lists behind them."""
    report = dashboard_report(filters)
    progress(10)
    workbook = Workbook(write_only=True)
    _write_summary(workbook, report)
    for section in report.sections:
        columns = max((len(chart.columns) for chart in section.charts), default=2)
        sheet = _sheet(workbook, section.sheet, (42, *(18 for _column in range(columns + 1))))
        _append(sheet, [section.title], font=TITLE)
        sheet.append([])
        for table in [*map(chart_table, section.charts), *section.tables]:
            _write_table(sheet, table)
    progress(20)
    listed = _list_sheets(filters, timezone.localdate())
    for number, list_sheet in enumerate(listed, start=1):
        _write_list(workbook, list_sheet)
        progress(20 + 75 * number // len(listed))
    output = BytesIO()
    workbook.save(output)
    progress(100)
    return output.getvalue()


# PDF --------------------------------------------------------------------------------------


def _page_numbers_css() -> str:
    """The page numbers in the footer, in the active language ("Halaman 2 dari 9")."""
    words = _("Halaman %(page)s dari %(pages)s")
    quoted = words.replace("\\", "\\\\").replace('"', '\\"')
    content = quoted % {"page": '" counter(page) "', "pages": '" counter(pages) "'}
    return f'@page {{ @bottom-center {{ content: "{content}"; }} }}'


def render_report_html(report: Report) -> str:
    """The PDF report's HTML: a cover, then every section's cards, charts (as SVG) and
    tables, then the appendix."""
    logo = finders.find(REPORT_LOGO)
    return render_to_string(
        "dashboard/report.html",
        {
            "report": report,
            "logo": Path(logo).as_uri() if logo else "",
            "sections": [
                (
                    section,
                    [
                        (chart, chart_svg(chart), chart_table(chart, as_shown=True))
                        for chart in section.charts
                    ],
                )
                for section in report.sections
            ],
        },
    )


def local_fetcher():
    """WeasyPrint's fetcher of the files a report uses, limited to local files (the
    stylesheet) and data URLs: a report fetches nothing over the network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"})


def report_document(filters: IndicatorFilters, progress: Progress = ignore):
    """The PDF report for ``filters``, laid out in pages by WeasyPrint."""
    # WeasyPrint (and the pango it loads) is imported when a report is made, not with Django.
    from weasyprint import CSS, HTML

    report = dashboard_report(filters)
    progress(10)
    fetcher = local_fetcher()
    stylesheets = [
        CSS(filename=finders.find(REPORT_STYLESHEET), url_fetcher=fetcher),
        CSS(string=_page_numbers_css(), url_fetcher=fetcher),
    ]
    html = HTML(string=render_report_html(report), url_fetcher=fetcher, base_url=None)
    progress(40)
    return html.render(stylesheets=stylesheets)


def build_pdf(filters: IndicatorFilters, progress: Progress = ignore) -> bytes:
    """The PDF report for ``filters``: figures, charts and tables of every section, in the
    active language; the lists are in the XLSX export."""
    document = report_document(filters, progress)
    progress(80)
    pdf = document.write_pdf()
    progress(100)
    return pdf


# Format (as in the URL and the job) -> the function that builds it.
EXPORT_BUILDERS: dict[str, Callable[..., bytes]] = {"xlsx": build_xlsx, "pdf": build_pdf}
