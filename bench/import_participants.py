"""Time the participant import on a 10,000-row file, in a throwaway database (`make bench`).

Builds an XLSX and a CSV file of 10,000 participants, imports the XLSX into one program (every
trainee new) and the CSV into another (every NIK already known), and prints rows per second
for reading, checking and saving apart, and for the whole run as the Celery task does it.

The database is Django's test database for the configured one: a separate SQLite file under
var/ by default, or ``test_<name>`` on the server of ``DATABASE_URL``; it is created, migrated
and dropped here, so the development data is never touched. Files go to a temporary folder.
"""

import datetime
import io
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = int(os.environ.get("BENCH_ROWS", "10000"))


def main() -> None:
    scratch = tempfile.TemporaryDirectory(prefix="fkblkk-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fkblkk.settings")
    os.environ["MEDIA_ROOT"] = str(Path(scratch.name) / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(Path(scratch.name) / "private")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # As in production: with DEBUG on, Django would also keep the SQL of every query.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    # Without a broker the task runs in-process when it is queued, as the timing wants.
    os.environ.pop("REDIS_URL", None)

    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        database.setdefault("TEST", {})["NAME"] = str(ROOT / "var" / "bench.sqlite3")
    print(f"Database: {connection.vendor} (throwaway test database), {ROWS:,} rows")
    started = time.perf_counter()
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Created and migrated {test_name} in {time.perf_counter() - started:.1f} s\n")
    try:
        run()
    finally:
        connection.creation.destroy_test_db(test_name, verbosity=0)
        scratch.cleanup()


def people(count: int) -> list[list]:
    from institutions.models import Gender
    from trainings.validators import compose_nik

    rows = []
    first_birthday = datetime.date(1985, 1, 1)
    for index in range(count):
        birth = first_birthday + datetime.timedelta(days=index % 7000)
        gender = Gender.FEMALE if index % 2 else Gender.MALE
        rows.append(
            [
                compose_nik("360301", birth, gender, index // 7000 + 1),
                f"Peserta Uji {index}",
                gender,
                birth.isoformat(),
                f"0812{index:08d}",
                f"peserta{index}@example.test",
                f"Kp. Uji RT {index % 20 + 1:02d}/03",
                "36.03.01",
                "",
                "SMA",
                "Tidak bekerja",
            ]
        )
    return rows


def xlsx_bytes(header, rows) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(header, rows) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def make_program(number: int):
    from django.contrib.auth import get_user_model

    from institutions.models import District, Institution, VocationalField
    from trainings.models import FundingSource, TrainingProgram

    field = VocationalField.objects.order_by("pk").first()
    institution = Institution.objects.create(
        name=f"BLKK Uji Kinerja {number}",
        slug=f"blkk-uji-kinerja-{number}",
        district=District.objects.get(code="36.03.01"),
        host_type=Institution.HostType.PESANTREN,
        host_name=f"Pondok Pesantren Uji {number}",
        year_built=2019,
        address="Jl. Uji",
        public_phone="+6281200000001",
        primary_field=field,
    )
    institution.fields.add(field)
    user = get_user_model().objects.create(username=f"bench-{number}")
    today = datetime.date.today()
    program = TrainingProgram.objects.create(
        institution=institution,
        field=field,
        title=f"Program uji kinerja {number}",
        slug=f"program-uji-kinerja-{number}",
        description="Uji kinerja impor peserta.",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
        registration_closes=today + datetime.timedelta(days=20),
        hours=100,
        quota=ROWS,
        funding_source=FundingSource.APBD,
        status=TrainingProgram.Status.OPEN,
    )
    return program, user


def run() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from trainings import imports
    from trainings.imports import checks, jobs
    from trainings.models import ParticipantImport

    header = [str(column.title) for column in imports.COLUMNS]
    rows = people(ROWS)
    files = [
        ("XLSX, every trainee new", "xlsx", xlsx_bytes(header, rows)),
        ("CSV, every NIK already known", "csv", csv_bytes(header, rows)),
    ]
    for number, (label, file_format, content) in enumerate(files, start=1):
        program, user = make_program(number)
        upload = SimpleUploadedFile(f"peserta.{file_format}", content)
        started = time.perf_counter()
        imports.check_upload(upload)
        imports.check_row_count(upload, file_format)
        checked_upload = time.perf_counter() - started

        # The stages one by one, as participant_import_run runs them.
        job = ParticipantImport.objects.create(
            program=program, uploaded_by=user, original_name=upload.name
        )
        started = time.perf_counter()
        header_cells, cells = imports.read_rows(upload, file_format)
        reading = time.perf_counter() - started
        positions, errors = checks.map_header(header_cells)
        assert not errors, errors
        started = time.perf_counter()
        results = jobs.check_rows(job, cells, positions)
        checking = time.perf_counter() - started
        good = [row for row in results if isinstance(row, checks.GoodRow)]
        assert len(good) == ROWS, [row for row in results if isinstance(row, list)][:3]
        started = time.perf_counter()
        errors = jobs.save_rows(job, good, [])
        saving = time.perf_counter() - started
        assert not errors, errors[:3]
        total = checked_upload + reading + checking + saving
        print(f"{label} ({len(content) / 1024:,.0f} KiB)")
        for name, seconds in [
            ("upload checks", checked_upload),
            ("reading", reading),
            ("checking", checking),
            ("saving", saving),
            ("overall", total),
        ]:
            print(f"  {name:<14} {seconds:7.2f} s  {ROWS / seconds:10,.0f} rows/s")
        print(
            f"  trainees created {job.created_trainees:,}, matched {job.matched_trainees:,}, "
            f"enrollments {job.enrollments_created:,}\n"
        )

    # The whole task once more, end to end, as a manager's upload runs it: queued when the
    # job is committed, and run at once since there is no broker.
    program, user = make_program(3)
    upload = SimpleUploadedFile("peserta.xlsx", files[0][2])
    started = time.perf_counter()
    job = imports.participant_import_start(
        program=program, user=user, file=upload, file_format="xlsx"
    )
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    print(f"Task end to end (XLSX, every NIK known): {job.get_status_display()}")
    print(f"  overall        {seconds:7.2f} s  {ROWS / seconds:10,.0f} rows/s")


if __name__ == "__main__":
    main()
