"""Import of a program's participants from an XLSX or CSV file.

A manager uploads one file for one program. The upload is refused before any parser opens it
when it is too large, not what its name says, or a zip bomb (``check_upload``). A Celery task
then runs ``participant_import_run``: it reads the rows, checks every one (the trainee's own
rules through ``Trainee.full_clean``, then NIK repeated in the file, a known NIK naming another
person, a person already in the program, the age limits and the seats left) and saves all of
them or none. Every bad row is reported with its line in the spreadsheet (the header is line 1),
the column and the reason. Existing trainees are matched by NIK and left as stored; new ones
are created; each row becomes an accepted enrollment. Row contents never reach the logs.
"""

import csv
import datetime
import io
import logging
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from core.queueing import queue_after_commit
from core.resources import DateWidget
from institutions.models import District, Gender, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE

from . import services
from .models import (
    Education,
    Enrollment,
    Occupation,
    ParticipantImport,
    Trainee,
    TrainingProgram,
)
from .summaries import program_summaries_refresh
from .validators import compose_nik

logger = logging.getLogger(__name__)

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
# The parts every OOXML workbook has.
XLSX_REQUIRED_PARTS = {"[Content_Types].xml", "xl/workbook.xml"}

PROGRESS_EVERY = 250
BATCH_SIZE = 500
# Programs that take no more participants.


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported; already explained in Indonesian."""


# Columns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    hint: str
    required: bool = True
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("nik", _("NIK"), _("16 angka, ditulis sebagai teks."), aliases=("no ktp",)),
    Column("full_name", _("Nama lengkap"), _("sesuai KTP."), aliases=("nama",)),
    Column(
        "gender",
        _("Jenis kelamin (L/P)"),
        _("L untuk laki-laki, P untuk perempuan."),
        aliases=("jenis kelamin", "jk", "l p"),
    ),
    Column(
        "birth_date",
        _("Tanggal lahir (TTTT-BB-HH)"),
        _("TTTT-BB-HH (2000-05-17) atau HH-BB-TTTT (17-05-2000)."),
        aliases=("tgl lahir",),
    ),
    Column(
        "phone",
        _("Nomor HP"),
        _("nomor seluler Indonesia, mis. 0812-3456-7890."),
        aliases=("no hp", "nomor telepon", "telepon", "hp"),
    ),
    Column("email", _("E-mail"), _("boleh kosong."), required=False, aliases=("email",)),
    Column("address", _("Alamat"), _("alamat tinggal (kampung, RT/RW)."), aliases=()),
    Column(
        "district",
        _("Kecamatan (kode atau nama)"),
        _("kode Kemendagri (36.03.01) atau nama kecamatan di Kabupaten Tangerang."),
        aliases=("kecamatan", "kode kecamatan"),
    ),
    Column(
        "village",
        _("Kode desa"),
        _("boleh kosong; kode Kemendagri (36.03.01.2003) atau nama desa/kelurahan."),
        required=False,
        aliases=("desa", "desa kelurahan", "kelurahan"),
    ),
    Column(
        "education",
        _("Pendidikan"),
        _("SD, SMP, SMA atau SMK, Diploma, S1, S2 (atau kode pilihannya)."),
        aliases=("pendidikan terakhir",),
    ),
    Column(
        "occupation",
        _("Pekerjaan"),
        _("Tidak bekerja, Pelajar, Karyawan, Wirausaha, Lainnya (atau kode pilihannya)."),
        aliases=("pekerjaan saat ini",),
    ),
)
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}


def _normalize_header(text) -> str:
    text = re.sub(r"\(.*?\)", " ", str(text or ""))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def _header_names() -> dict[str, str]:
    """Every way a column may be titled (normalised), to its field name."""
    names = {}
    for column in COLUMNS:
        names[_normalize_header(column.field)] = column.field
        for alias in column.aliases:
            names[_normalize_header(alias)] = column.field
        for language in ("id", "en"):
            with translation.override(language):
                names[_normalize_header(str(column.title))] = column.field
                names[
                    _normalize_header(str(Trainee._meta.get_field(column.field).verbose_name))
                ] = column.field
    return names


# Upload checks (before parsing) ---------------------------------------------------------


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
        if member.file_size > 64 * 1024 and (
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


def check_row_count(file, file_format: str) -> None:
    """Refuse a file that says it holds more than ``IMPORT_MAX_ROWS`` rows, cheaply.

    For a workbook this reads the first sheet's declared size (its ``<dimension>``), not its
    rows; the reader counts the rows again as it goes, in case the declaration lies or is
    missing.
    """
    limit = settings.IMPORT_MAX_ROWS
    file.seek(0)
    if file_format == XLSX:
        try:
            rows = (_declared_xlsx_rows(file) or 1) - 1
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
            raise _unreadable_xlsx() from error
    else:
        rows = sum(1 for _row in _csv_rows(file.read())) - 1
    file.seek(0)
    if rows > limit:
        raise _too_many_rows(limit)


FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\s[^>]*?\b\w+:id=\"([^\"]+)\"")
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+[0-9]+(?::[A-Z]+([0-9]+))?\"")


def _declared_xlsx_rows(file) -> int | None:
    """The last row the first sheet declares, read with regular expressions on a few parts
    (already checked against zip bombs), or None when it declares none."""
    with zipfile.ZipFile(file) as archive:
        names = set(archive.namelist())
        first = FIRST_SHEET.search(archive.read("xl/workbook.xml"))
        rels = "xl/_rels/workbook.xml.rels"
        if first is None or rels not in names:
            return None
        target = None
        for relationship in RELATIONSHIP.findall(archive.read(rels)):
            if f'Id="{first.group(1).decode()}"'.encode() in relationship:
                found = re.search(rb'Target="([^"]+)"', relationship)
                target = found and found.group(1).decode()
        if not target:
            return None
        name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if name not in names:
            return None
        with archive.open(name) as sheet:
            head = sheet.read(64 * 1024)
    dimension = DIMENSION.search(head)
    if dimension is None:
        return None
    return int(dimension.group(1) or 1)


def _too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        _("Berkas berisi lebih dari %(limit)s baris peserta; bagi menjadi beberapa berkas.")
        % {"limit": number_format(limit, force_grouping=True)},
        code="too_many_rows",
    )


# Reading --------------------------------------------------------------------------------


def _unreadable_xlsx() -> ImportFileError:
    return ImportFileError(
        _("Berkas Excel ini tidak dapat dibuka; simpan ulang sebagai “Excel Workbook”."),
        code="xlsx_unreadable",
    )


def _open_workbook(file):
    import openpyxl

    try:
        return openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise _unreadable_xlsx() from error


def _csv_rows(content: bytes) -> Iterable[list[str]]:
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale separates with semicolons.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_rows(file, file_format: str) -> tuple[list, list[tuple[int, list]]]:
    """The header and the non-empty data rows as (line, cells); line 1 is the header."""
    limit = settings.IMPORT_MAX_ROWS
    file.seek(0)
    if file_format == XLSX:
        workbook = _open_workbook(file)
        try:
            if not workbook.worksheets:
                raise ImportFileError(_("Berkas Excel ini tidak berisi lembar kerja."))
            header, rows = _collect(workbook.worksheets[0].iter_rows(values_only=True), limit)
        finally:
            workbook.close()
    else:
        header, rows = _collect(_csv_rows(file.read()), limit)
    return header, rows


def _collect(source, limit) -> tuple[list, list[tuple[int, list]]]:
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
            raise _too_many_rows(limit)
    return header or [], rows


# Cells ----------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read, explained in Indonesian."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _nik(value) -> str:
    return re.sub(r"[\s.\-]", "", _text(value))


def _phone(value) -> str:
    text = _text(value)
    # A number typed into a numeric cell loses its leading zero: 81234567890.
    if isinstance(value, int | float) and text.startswith("8"):
        return "0" + text
    return text


GENDERS = {
    "l": Gender.MALE,
    "laki-laki": Gender.MALE,
    "laki laki": Gender.MALE,
    "lk": Gender.MALE,
    "pria": Gender.MALE,
    "p": Gender.FEMALE,
    "pr": Gender.FEMALE,
    "perempuan": Gender.FEMALE,
    "wanita": Gender.FEMALE,
}


def _gender(value) -> str:
    text = _text(value).casefold()
    if text not in GENDERS:
        raise CellError(_("Isi jenis kelamin dengan L (laki-laki) atau P (perempuan)."))
    return GENDERS[text]


DATE_WIDGET = DateWidget()


def _birth_date(value) -> datetime.date:
    if value in (None, ""):
        raise CellError(_("Kolom ini wajib diisi."))
    try:
        return DATE_WIDGET.clean(value)
    except (ValueError, TypeError):
        raise CellError(
            _(
                "Tanggal lahir tidak dapat dibaca; tulis sebagai TTTT-BB-HH (2000-05-17) "
                "atau HH-BB-TTTT."
            )
        ) from None


def _choice_names(choices) -> dict[str, str]:
    """Each choice by its value, its label and each part of its label (“SMA/SMK/sederajat”)."""
    names, parts = {}, {}
    for value, _label in choices.choices:
        names[value.casefold()] = value
        for language in ("id", "en"):
            with translation.override(language):
                label = str(choices(value).label).casefold()
            names[" ".join(label.split())] = value
            for part in re.split(r"[/()]", label):
                part = part.strip()
                if part:
                    parts.setdefault(part, set()).add(value)
    for part, values in parts.items():
        if len(values) == 1:
            names.setdefault(part, values.pop())
    return names


class Lookups:
    """What the cells name, loaded once per import: kecamatan, desa and choices."""

    def __init__(self):
        districts = list(District.objects.select_related("regency"))
        self.district_by_code = {district.code: district for district in districts}
        self.district_by_name = {}
        for district in districts:
            if district.regency.code == KABUPATEN_TANGERANG_CODE:
                self.district_by_name[district.name.casefold()] = district
        villages = list(Village.objects.filter(district__in=districts))
        self.village_by_code = {village.code: village for village in villages}
        self.village_by_name = {
            (village.district_id, village.name.casefold()): village for village in villages
        }
        self.education = _choice_names(Education)
        self.occupation = _choice_names(Occupation)

    def district(self, value) -> District:
        text = _text(value)
        if not text:
            raise CellError(_("Kolom ini wajib diisi."))
        name = re.sub(r"^(kecamatan|kec\.?)\s+", "", text.casefold())
        district = self.district_by_code.get(text) or self.district_by_name.get(name)
        if district is None:
            raise CellError(
                _(
                    "Kecamatan “%(value)s” tidak ditemukan; tulis kode Kemendagri (36.03.01) atau "
                    "nama kecamatan di Kabupaten Tangerang."
                )
                % {"value": text}
            )
        return district

    def village(self, value, district: District | None) -> Village | None:
        text = _text(value)
        if not text:
            return None
        name = re.sub(r"^(desa|kelurahan|kel\.?)\s+", "", text.casefold())
        village = self.village_by_code.get(text)
        if village is None and district is not None:
            village = self.village_by_name.get((district.pk, name))
        if village is None:
            raise CellError(
                _("Desa/kelurahan “%(value)s” tidak ditemukan; tulis kode Kemendagri desanya.")
                % {"value": text}
            )
        return village

    @staticmethod
    def _choice(names, value, choices) -> str:
        text = " ".join(_text(value).casefold().split())
        if text not in names:
            raise CellError(
                _("Pilihan “%(value)s” tidak dikenal; isi salah satu dari: %(choices)s.")
                % {
                    "value": _text(value),
                    "choices": ", ".join(str(label) for label in choices.labels),
                }
            )
        return names[text]

    def education_value(self, value) -> str:
        return self._choice(self.education, value, Education)

    def occupation_value(self, value) -> str:
        return self._choice(self.occupation, value, Occupation)


# Checking -------------------------------------------------------------------------------


@dataclass
class GoodRow:
    line: int
    data: dict


def _column_title(field: str) -> str:
    column = COLUMN_BY_FIELD.get(field)
    return str(column.title) if column else ""


def _map_header(header: list) -> tuple[dict[str, int], list[dict]]:
    names = _header_names()
    positions, errors = {}, []
    for index, title in enumerate(header):
        field = names.get(_normalize_header(title))
        if field and field not in positions:
            positions[field] = index
    for column in COLUMNS:
        if column.required and column.field not in positions:
            errors.append(
                ParticipantImport.error_entry(
                    1,
                    column.title,
                    _("Kolom “%(column)s” tidak ada di baris judul; pakai templat impor.")
                    % {"column": column.title},
                )
            )
    return positions, errors


def _parse_row(line, cells, positions, lookups) -> tuple[dict | None, list[dict]]:
    """The row's trainee data, checked by the model's own rules, or its errors."""

    def cell(field):
        index = positions.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    errors = {}
    data = {
        "nik": _nik(cell("nik")),
        "full_name": _text(cell("full_name")),
        "phone": _phone(cell("phone")),
        "email": _text(cell("email")),
        "address": _text(cell("address")),
    }
    readers = {
        "gender": _gender,
        "birth_date": _birth_date,
        "district": lookups.district,
        "education": lookups.education_value,
        "occupation": lookups.occupation_value,
    }
    for field, reader in readers.items():
        try:
            data[field] = reader(cell(field))
        except CellError as error:
            errors[field] = [str(error)]
    try:
        data["village"] = lookups.village(cell("village"), data.get("district"))
    except CellError as error:
        errors["village"] = [str(error)]
    trainee = Trainee(**{key: value for key, value in data.items() if key not in errors})
    try:
        # Kecamatan and desa came from the lookups (no query per row); the NIK's uniqueness is
        # checked for the whole file at once; the NIK's form is validate_nik's job.
        trainee.full_clean(
            exclude=[*errors, "district", "village"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        ordered = [column.field for column in COLUMNS]
        return None, [
            ParticipantImport.error_entry(line, _column_title(field), message)
            for field in sorted(errors, key=lambda f: ordered.index(f) if f in ordered else -1)
            for message in errors[field]
        ]
    # full_clean normalised the phone number.
    return {field: getattr(trainee, field) for field in data}, []


def _check_against_program(rows: list[GoodRow], program) -> tuple[list[dict], dict[str, Trainee]]:
    """Errors of rows that are fine alone but not together or not for this program.

    Returns them with the stored trainees found by NIK. Run under the program's lock.
    """
    errors = []
    niks = [row.data["nik"] for row in rows]
    existing = {}
    for start in range(0, len(niks), BATCH_SIZE):
        for trainee in Trainee.objects.filter(nik__in=niks[start : start + BATCH_SIZE]):
            existing[trainee.nik] = trainee
    enrolled = dict(
        program.enrollments.filter(trainee__nik__in=existing.keys()).values_list(
            "trainee__nik", "status"
        )
    )
    first_line = {}
    nik_title = _column_title("nik")
    for row in rows:
        nik = row.data["nik"]
        if nik in first_line:
            errors.append(
                ParticipantImport.error_entry(
                    row.line,
                    nik_title,
                    _("NIK ini sudah ada di baris %(line)s berkas ini.")
                    % {"line": first_line[nik]},
                )
            )
            continue
        first_line[nik] = row.line
        trainee = existing.get(nik)
        if trainee is not None and not services.same_person(trainee, row.data):
            errors.append(
                ParticipantImport.error_entry(
                    row.line,
                    nik_title,
                    _(
                        "NIK ini sudah terdaftar atas nama, tanggal lahir, atau jenis kelamin yang "
                        "berbeda. Periksa isian baris ini."
                    ),
                )
            )
        elif nik in enrolled:
            errors.append(
                ParticipantImport.error_entry(
                    row.line,
                    nik_title,
                    _("Peserta ini sudah terdaftar di program ini (status: %(status)s).")
                    % {"status": Enrollment.Status(enrolled[nik]).label.lower()},
                )
            )
        refusal = program.age_refusal(row.data["birth_date"])
        if refusal:
            errors.append(
                ParticipantImport.error_entry(row.line, _column_title("birth_date"), refusal)
            )
    seats_left = program.seats_left()
    if len(rows) > seats_left:
        errors.append(
            ParticipantImport.error_entry(
                None,
                "",
                _(
                    "Kuota program tersisa %(left)s kursi, sedangkan berkas berisi %(rows)s "
                    "peserta. Kurangi baris atau naikkan kuota program."
                )
                % {"left": seats_left, "rows": len(rows)},
            )
        )
    return errors, existing


def _sorted_errors(errors: list[dict]) -> list[dict]:
    return sorted(errors, key=lambda error: (error["line"] is not None, error["line"] or 0))


# The service ----------------------------------------------------------------------------


def _set_progress(job, **fields) -> None:
    # A plain UPDATE: progress is not a change worth a history row, and the page polls it.
    ParticipantImport.objects.filter(pk=job.pk).update(**fields, updated_at=timezone.now())
    for field, value in fields.items():
        setattr(job, field, value)


def participant_import_run(*, import_id: int) -> bool:
    """Check and save the participants of one uploaded file; True when it ran now.

    Idempotent: only a queued job is taken (claimed by one UPDATE, so a task delivered twice
    runs once); a finished one is left alone. The job ends done with its counts, or failed
    with every error, and its file is deleted either way: it holds personal data.
    """
    if not ParticipantImport.claim(import_id, running=ParticipantImport.Status.CHECKING):
        return False
    job = ParticipantImport.objects.select_related("program", "uploaded_by").get(pk=import_id)
    job._history_user = job.uploaded_by
    try:
        errors = _run(job)
    except Exception:
        job.errors = [
            ParticipantImport.error_entry(
                None,
                "",
                gettext(
                    "Terjadi kesalahan tak terduga; coba unggah lagi atau hubungi sekretariat."
                ),
            )
        ]
        job.finish(ParticipantImport.Status.FAILED)
        logger.exception("Participant import %s failed unexpectedly", job.pk)
        raise
    job.errors = _sorted_errors(errors)
    job.finish(ParticipantImport.Status.FAILED if errors else ParticipantImport.Status.DONE)
    logger.info(
        "Participant import %s: %s rows, %s errors", job.pk, job.total_rows, len(job.errors)
    )
    return True


def _run(job) -> list[dict]:
    """Read, check and save; returns the errors (nothing is saved when there are any)."""
    file_format = Path(job.file.name).suffix.lower().lstrip(".")
    try:
        with job.file.open("rb") as file:
            header, cells = read_rows(file, file_format)
    except ImportFileError as error:
        return [ParticipantImport.error_entry(None, "", message) for message in error.messages]
    _set_progress(job, total_rows=len(cells))
    positions, errors = _map_header(header)
    if errors:
        return errors
    if not cells:
        return [
            ParticipantImport.error_entry(
                None, "", _("Berkas tidak berisi baris peserta di bawah baris judul.")
            )
        ]
    rows = check_rows(job, cells, positions)
    errors = [error for row in rows if isinstance(row, list) for error in row]
    good = [row for row in rows if isinstance(row, GoodRow)]
    _set_progress(job, status=ParticipantImport.Status.SAVING)
    try:
        return save_rows(job, good, errors)
    except IntegrityError:
        # Another application or import took one of these NIK in the meantime.
        return [
            ParticipantImport.error_entry(
                None,
                "",
                _("Data peserta berubah selama impor; unggah berkas ini sekali lagi."),
            )
        ]


def check_rows(job, cells, positions) -> list:
    """Each row as a GoodRow, or as the list of its errors; progress every few hundred rows."""
    lookups = Lookups()
    results = []
    for count, (line, row_cells) in enumerate(cells, start=1):
        data, errors = _parse_row(line, row_cells, positions, lookups)
        results.append(GoodRow(line, data) if data is not None else errors)
        if count % PROGRESS_EVERY == 0:
            _set_progress(job, processed_rows=count)
    _set_progress(job, processed_rows=len(cells))
    return results


def save_rows(job, rows: list[GoodRow], errors: list[dict]) -> list[dict]:
    """Check the rows against the program under its lock, then save them all, or nothing."""
    today = timezone.localdate()
    with transaction.atomic():
        program = TrainingProgram.objects.select_for_update().get(pk=job.program_id)
        if program.is_finished:
            return [
                ParticipantImport.error_entry(
                    None,
                    "",
                    _("Program ini berstatus %(status)s; pesertanya tidak bisa ditambah lagi.")
                    % {"status": program.get_status_display().lower()},
                ),
                *errors,
            ]
        program_errors, existing = _check_against_program(rows, program)
        errors = [*errors, *program_errors]
        if errors:
            return errors
        new_trainees = [Trainee(**row.data) for row in rows if row.data["nik"] not in existing]
        bulk_create_with_history(
            new_trainees, Trainee, batch_size=BATCH_SIZE, default_user=job.uploaded_by
        )
        trainees = {**existing, **{trainee.nik: trainee for trainee in new_trainees}}
        enrollments = [
            Enrollment(
                trainee=trainees[row.data["nik"]],
                program=program,
                status=Enrollment.Status.ACCEPTED,
                decided_on=today,
            )
            for row in rows
        ]
        bulk_create_with_history(
            enrollments, Enrollment, batch_size=BATCH_SIZE, default_user=job.uploaded_by
        )
        # The bulk insert sends no signals: the program's summary is recounted here.
        program_summaries_refresh(program_ids=[program.pk])
        job.created_trainees = len(new_trainees)
        job.matched_trainees = len(rows) - len(new_trainees)
        job.enrollments_created = len(enrollments)
    return []


def participant_import_start(*, program, user, file, file_format: str) -> ParticipantImport:
    """Store the uploaded file privately and queue its import once the job is committed."""
    with transaction.atomic():
        job = ParticipantImport(
            program=program, uploaded_by=user, original_name=Path(file.name).name[:255]
        )
        # A random name: the original one may name people.
        file.seek(0)
        job.file.save(f"{uuid.uuid4().hex}.{file_format}", file, save=False)
        job.save()
        queue_after_commit("trainings.tasks.import_participants", job.pk)
    return job


# Template -------------------------------------------------------------------------------

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
