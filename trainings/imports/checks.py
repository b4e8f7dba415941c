"""Checking the rows read from a participant file: each row alone, by the trainee's own rules,
then all of them together against the program they join."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from trainings import services
from trainings.models import Enrollment, ParticipantImport, Trainee

from . import cells
from .columns import COLUMN_ORDER, COLUMNS, column_title, header_names, normalize_header

BATCH_SIZE = 500

error_entry = ParticipantImport.error_entry


@dataclass
class GoodRow:
    line: int
    data: dict


def map_header(header: list) -> tuple[dict[str, int], list[dict]]:
    """Each known column's position in the header row, and an error per required one missing."""
    names = header_names()
    positions, errors = {}, []
    for index, title in enumerate(header):
        field = names.get(normalize_header(title))
        if field and field not in positions:
            positions[field] = index
    for column in COLUMNS:
        if column.required and column.field not in positions:
            errors.append(
                error_entry(
                    1,
                    column.title,
                    _("Kolom “%(column)s” tidak ada di baris judul; pakai templat impor.")
                    % {"column": column.title},
                )
            )
    return positions, errors


def parse_row(line, row_cells, positions, lookups) -> tuple[dict | None, list[dict]]:
    """The row's trainee data, checked by the model's own rules, or its errors."""

    def cell(field):
        index = positions.get(field)
        return row_cells[index] if index is not None and index < len(row_cells) else None

    errors = {}
    data = {
        "nik": cells.nik(cell("nik")),
        "full_name": cells.text(cell("full_name")),
        "phone": cells.phone(cell("phone")),
        "email": cells.text(cell("email")),
        "address": cells.text(cell("address")),
    }
    readers = {
        "gender": cells.gender,
        "birth_date": cells.birth_date,
        "district": lookups.district,
        "education": lookups.education_value,
        "occupation": lookups.occupation_value,
    }
    for field, reader in readers.items():
        try:
            data[field] = reader(cell(field))
        except cells.CellError as error:
            errors[field] = [str(error)]
    try:
        data["village"] = lookups.village(cell("village"), data.get("district"))
    except cells.CellError as error:
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
        return None, [
            error_entry(line, column_title(field), message)
            for field in sorted(errors, key=_column_position)
            for message in errors[field]
        ]
    # full_clean normalised the phone number.
    return {field: getattr(trainee, field) for field in data}, []


def _column_position(field: str) -> int:
    return COLUMN_ORDER.index(field) if field in COLUMN_ORDER else -1


def check_against_program(rows: list[GoodRow], program) -> tuple[list[dict], dict[str, Trainee]]:
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
    nik_title = column_title("nik")
    for row in rows:
        nik = row.data["nik"]
        if nik in first_line:
            errors.append(
                error_entry(
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
                error_entry(
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
                error_entry(
                    row.line,
                    nik_title,
                    _("Peserta ini sudah terdaftar di program ini (status: %(status)s).")
                    % {"status": Enrollment.Status(enrolled[nik]).label.lower()},
                )
            )
        refusal = program.age_refusal(row.data["birth_date"])
        if refusal:
            errors.append(error_entry(row.line, column_title("birth_date"), refusal))
    seats_left = program.seats_left()
    if len(rows) > seats_left:
        errors.append(
            error_entry(
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


def in_file_order(errors: list[dict]) -> list[dict]:
    """Errors of the whole file first, then by line."""
    return sorted(errors, key=lambda error: (error["line"] is not None, error["line"] or 0))
