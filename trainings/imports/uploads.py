"""Checks on an uploaded participant file before any parser opens it: its size, its type, and
an XLSX's archive directory against zip bombs."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

XLSX, CSV = "xlsx", "csv"
FORMATS = (XLSX, CSV)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}

# Zip bomb limits, checked on the archive's directory before openpyxl opens it. A workbook of
# 10,000 participants unpacks to a few megabytes and compresses about tenfold.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 200
# A member this small cannot be a bomb, whatever its ratio.
MIN_MEMBER_BYTES_FOR_RATIO = 64 * 1024
# The parts every OOXML workbook has.
XLSX_REQUIRED_PARTS = {"[Content_Types].xml", "xl/workbook.xml"}


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported; already explained in Indonesian."""


def check_upload(file) -> str:
    """The file's format (``"xlsx"`` or ``"csv"``), or ImportFileError when it may not be read.

    Checks the size, the extension and the content (an XLSX must be a zip archive with the
    workbook's parts; a CSV must be UTF-8 text, with or without BOM), and an XLSX's archive
    directory against zip bombs, all before a parser sees the file.
    """
    limit = settings.MAX_IMPORT_UPLOAD_BYTES
    if file.size > limit:
        raise ImportFileError(
            _("Berkas terlalu besar (%(size)s). Batasnya %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    extension = Path(file.name or "").suffix.lower().lstrip(".")
    if extension == XLSX:
        _check_xlsx_archive(file)
    elif extension == CSV:
        _check_csv_text(file)
    else:
        raise ImportFileError(
            _("Unggah berkas Excel (.xlsx) atau CSV (.csv)."), code="file_extension"
        )
    file.seek(0)
    return extension


def _check_xlsx_archive(file) -> None:
    not_xlsx = ImportFileError(
        _("Berkas ini bukan berkas Excel (.xlsx) yang sah. Simpan ulang sebagai “Excel Workbook”."),
        code="not_xlsx",
    )
    file.seek(0)
    if not zipfile.is_zipfile(file):
        raise not_xlsx
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise not_xlsx from error
    bomb = ImportFileError(
        _("Isi berkas Excel ini tidak wajar (terlalu besar setelah dibuka) dan tidak dibaca."),
        code="zip_bomb",
    )
    if len(members) > MAX_ZIP_MEMBERS:
        raise bomb
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise bomb
    for member in members:
        if member.flag_bits & 0x1:
            raise ImportFileError(
                _("Berkas Excel ini dilindungi kata sandi; simpan ulang tanpa kata sandi."),
                code="encrypted",
            )
        if member.file_size > MIN_MEMBER_BYTES_FOR_RATIO and (
            member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise bomb
    if not {member.filename for member in members} >= XLSX_REQUIRED_PARTS:
        raise not_xlsx


def _check_csv_text(file) -> None:
    file.seek(0)
    content = file.read()
    if content.startswith(b"PK\x03\x04") or b"\x00" in content:
        raise ImportFileError(
            _("Berkas ini bukan teks CSV. Untuk berkas Excel, pakai ekstensi .xlsx."),
            code="not_csv",
        )
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "Berkas CSV harus berkode UTF-8. Di Excel pilih Simpan Sebagai → "
                "“CSV UTF-8 (Comma delimited)”."
            ),
            code="csv_encoding",
        ) from error
