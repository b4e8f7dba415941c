"""Reading a participant file that passed the upload checks: the header and the data rows.

Workbooks are read with openpyxl in read-only mode, one row at a time. The first sheet's
declared size (its ``<dimension>``) refuses a file that says it is too long before any row is
read; it is then set aside, since a sheet may declare fewer rows than it holds, and the rows
are counted again as they are read.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .uploads import XLSX, ImportFileError

Line = tuple[int, list]


def too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        _("Berkas berisi lebih dari %(limit)s baris peserta; bagi menjadi beberapa berkas.")
        % {"limit": number_format(limit, force_grouping=True)},
        code="too_many_rows",
    )


def unreadable_xlsx() -> ImportFileError:
    return ImportFileError(
        _("Berkas Excel ini tidak dapat dibuka; simpan ulang sebagai “Excel Workbook”."),
        code="xlsx_unreadable",
    )


@contextmanager
def first_sheet(file) -> Iterator:
    """The workbook's first sheet, opened read-only; closed on leaving."""
    import openpyxl

    file.seek(0)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise unreadable_xlsx() from error
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("Berkas Excel ini tidak berisi lembar kerja."))
        yield workbook.worksheets[0]
    finally:
        workbook.close()


def csv_rows(content: bytes) -> Iterable[list[str]]:
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale separates with semicolons.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def check_row_count(file, file_format: str) -> None:
    """Refuse a file that says it holds more than ``IMPORT_MAX_ROWS`` rows, cheaply.

    For a workbook this reads the first sheet's declared size, not its rows; ``read_rows``
    counts the rows again as it goes, in case the declaration lies or is missing.
    """
    limit = settings.IMPORT_MAX_ROWS
    if file_format == XLSX:
        with first_sheet(file) as sheet:
            rows = (sheet.max_row or 1) - 1
    else:
        file.seek(0)
        rows = sum(1 for _row in csv_rows(file.read())) - 1
    file.seek(0)
    if rows > limit:
        raise too_many_rows(limit)


def read_rows(file, file_format: str) -> tuple[list, list[Line]]:
    """The header and the non-empty data rows as (line, cells); line 1 is the header."""
    limit = settings.IMPORT_MAX_ROWS
    if file_format == XLSX:
        with first_sheet(file) as sheet:
            # Read every row the sheet holds, not only those its <dimension> declares.
            sheet.reset_dimensions()
            return _collect(_sheet_rows(sheet), limit)
    file.seek(0)
    return _collect(csv_rows(file.read()), limit)


def _sheet_rows(sheet) -> Iterator[tuple]:
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as error:  # a damaged sheet fails as its rows are parsed
            raise unreadable_xlsx() from error
        yield cells


def _collect(source, limit) -> tuple[list, list[Line]]:
    header, rows = None, []
    for line, cells in enumerate(source, start=1):
        cells = list(cells)
        if header is None:
            header = cells
            continue
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        rows.append((line, cells))
        if len(rows) > limit:
            raise too_many_rows(limit)
    return header or [], rows
