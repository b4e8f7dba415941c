"""The import as a background job: stored and queued by ``participant_import_start``, run by the
task ``trainings.tasks.import_participants`` through ``participant_import_run``."""

import logging
import uuid
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from core.queueing import queue_after_commit
from trainings.models import Enrollment, ParticipantImport, Trainee, TrainingProgram
from trainings.summaries import program_summaries_refresh

from .cells import Lookups
from .checks import (
    BATCH_SIZE,
    GoodRow,
    check_against_program,
    error_entry,
    in_file_order,
    map_header,
    parse_row,
)
from .reading import Line, read_rows
from .uploads import ImportFileError

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 250


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


def participant_import_run(*, import_id: int) -> bool:
    """Check and save the participants of one uploaded file; True when it ran now.

    Idempotent: only a queued job is taken (claimed by one UPDATE, so a task delivered twice
    runs once); a finished one is left alone. The job ends done with its counts, or failed
    with every error, and its file is deleted either way: it holds personal data. Row
    contents never reach the logs.
    """
    if not ParticipantImport.claim(import_id, running=ParticipantImport.Status.CHECKING):
        return False
    job = ParticipantImport.objects.select_related("program", "uploaded_by").get(pk=import_id)
    job._history_user = job.uploaded_by
    try:
        errors = _run(job)
    except Exception:
        job.errors = [
            error_entry(
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
    job.errors = in_file_order(errors)
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
            header, lines = read_rows(file, file_format)
    except ImportFileError as error:
        return [error_entry(None, "", message) for message in error.messages]
    _set_progress(job, total_rows=len(lines))
    positions, errors = map_header(header)
    if errors:
        return errors
    if not lines:
        return [error_entry(None, "", _("Berkas tidak berisi baris peserta di bawah baris judul."))]
    rows = check_rows(job, lines, positions)
    errors = [error for row in rows if isinstance(row, list) for error in row]
    good = [row for row in rows if isinstance(row, GoodRow)]
    _set_progress(job, status=ParticipantImport.Status.SAVING)
    try:
        return save_rows(job, good, errors)
    except IntegrityError:
        # Another application or import took one of these NIK in the meantime.
        return [
            error_entry(
                None, "", _("Data peserta berubah selama impor; unggah berkas ini sekali lagi.")
            )
        ]


def _set_progress(job, **fields) -> None:
    # A plain UPDATE: progress is not a change worth a history row, and the page polls it.
    ParticipantImport.objects.filter(pk=job.pk).update(**fields, updated_at=timezone.now())
    for field, value in fields.items():
        setattr(job, field, value)


def check_rows(job, lines: list[Line], positions) -> list:
    """Each row as a GoodRow, or as the list of its errors; progress every few hundred rows."""
    lookups = Lookups()
    results = []
    for count, (line, row_cells) in enumerate(lines, start=1):
        data, errors = parse_row(line, row_cells, positions, lookups)
        results.append(GoodRow(line, data) if data is not None else errors)
        if count % PROGRESS_EVERY == 0:
            _set_progress(job, processed_rows=count)
    _set_progress(job, processed_rows=len(lines))
    return results


def save_rows(job, rows: list[GoodRow], errors: list[dict]) -> list[dict]:
    """Check the rows against the program under its lock, then save them all, or nothing."""
    today = timezone.localdate()
    with transaction.atomic():
        program = TrainingProgram.objects.select_for_update().get(pk=job.program_id)
        if program.is_finished:
            return [
                error_entry(
                    None,
                    "",
                    _("Program ini berstatus %(status)s; pesertanya tidak bisa ditambah lagi.")
                    % {"status": program.get_status_display().lower()},
                ),
                *errors,
            ]
        program_errors, existing = check_against_program(rows, program)
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
