"""The import template a manager downloads: the header row of Indonesian titles, and in the
workbook an example and how to fill each column."""

import csv
import datetime
import io

from django.conf import settings
from django.utils.translation import gettext

from institutions.models import Gender
from trainings.validators import compose_nik

from .columns import COLUMNS
from .uploads import CSV

EXAMPLE_BIRTH_DATE = datetime.date(2000, 5, 17)


def example_row() -> list[str]:
    return [
        compose_nik("360301", EXAMPLE_BIRTH_DATE, Gender.FEMALE, 1),
        "Siti Contoh",
        "P",
        EXAMPLE_BIRTH_DATE.isoformat(),
        "0812-3456-7890",
        "siti@example.com",
        "Kp. Contoh RT 01/02",
        "36.03.01",
        "",
        "SMA",
        "Tidak bekerja",
    ]


def template_file(file_format: str) -> bytes:
    """The import template: the header row of Indonesian titles (and, in XLSX, an example)."""
    titles = [str(column.title) for column in COLUMNS]
    if file_format == CSV:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(titles)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return _template_workbook(titles)


def _template_workbook(titles) -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = gettext("Peserta")
    example = workbook.create_sheet(gettext("Contoh"))
    notes = workbook.create_sheet(gettext("Petunjuk"))
    for target in (sheet, example):
        target.append(titles)
        for index, column in enumerate(COLUMNS, start=1):
            letter = get_column_letter(index)
            target[f"{letter}1"].font = Font(bold=True)
            target.column_dimensions[letter].width = max(14, len(str(column.title)) + 2)
            # Text cells keep the NIK's 16 digits and the phone's leading zero.
            target.column_dimensions[letter].number_format = "@"
        target.freeze_panes = "A2"
    example.append(example_row())
    genders = DataValidation(type="list", formula1='"L,P"', allow_blank=True)
    sheet.add_data_validation(genders)
    genders.add(f"C2:C{settings.IMPORT_MAX_ROWS + 1}")
    notes.append([gettext("Kolom"), gettext("Wajib"), gettext("Cara mengisi")])
    for column in COLUMNS:
        notes.append(
            [
                str(column.title),
                gettext("ya") if column.required else gettext("tidak"),
                str(column.hint),
            ]
        )
    notes.append([])
    notes.append(
        [
            gettext(
                "Isi lembar “Peserta”, satu baris per peserta, mulai baris 2. Lembar “Contoh” "
                "hanya contoh dan tidak diimpor."
            )
        ]
    )
    for cell in notes[1]:
        cell.font = Font(bold=True)
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
