"""Keeping ``ProgramSummary`` in step with the enrollments it counts.

The indicators sum these rows instead of joining a million enrollments to their trainees on
every reading. A row is recounted from scratch, so a refresh is idempotent:

- each save or delete of an enrollment, a trainee or a program recounts the programs it
  touches, synchronously and inside the writer's transaction (a lock, one aggregate and one
  upsert per save, so a rollback takes the new counts with it);
- writes that bypass the signals (bulk inserts of the participant import and the demo data)
  call ``program_summaries_refresh`` themselves; services that save many rows at once do it
  inside ``program_summaries_deferred()``, which recounts each program once at the end;
- the nightly ``trainings.tasks.refresh_program_summaries`` recounts every program, and the
  migration that made the table filled it.

Each refresh sends ``program_summaries_refreshed``, so that cached figures can be forgotten.
"""

import threading
from contextlib import contextmanager

from django.db import models, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal
from django.utils import timezone

from institutions.regions import KABUPATEN_TANGERANG_CODE

from .models import (
    AGE_BAND_FLOORS,
    Domicile,
    Enrollment,
    ProgramSummary,
    Trainee,
    TrainingProgram,
    age_band,
)

BATCH_SIZE = 1000

# Sent with ``program_ids`` (None for all) after summaries were recounted.
program_summaries_refreshed = Signal()

# The trainee fields a summary counts by, and the enrollment fields it depends on.
_TRAINEE_FIELDS = frozenset({"gender", "education", "birth_date", "district"})
_ENROLLMENT_FIELDS = frozenset({"status", "competency_result", "program", "trainee"})


def _date_number(date):
    """A date as the number YYYYMMDD, in SQL."""
    return ExtractYear(date) * 10000 + ExtractMonth(date) * 100 + ExtractDay(date)


def _counts() -> dict:
    """Each summary column as an aggregate over a program's enrollments.

    The age on the start date is at least N whole years exactly when start minus birth, both
    as YYYYMMDD numbers, is at least N * 10000 (the month and day make up less than 10000):
    the age the indicators define (``age_on``), without computing it once per band.
    """
    seated = Q(enrollments__status__in=Enrollment.SEATED_STATUSES)
    Result = Enrollment.CompetencyResult

    def seated_count(condition=None):
        return Count("enrollments", filter=seated & (condition or Q()))

    counts = {
        "participants": seated_count(),
        "graduates": seated_count(Q(enrollments__status=Enrollment.Status.GRADUATED)),
        "assessed": seated_count(~Q(enrollments__competency_result=Result.NOT_ASSESSED)),
        "competent": seated_count(Q(enrollments__competency_result=Result.COMPETENT)),
    }
    for gender, column in ProgramSummary.GENDER_COLUMNS.items():
        counts[column] = seated_count(Q(enrollments__trainee__gender=gender))
    for education, column in ProgramSummary.EDUCATION_COLUMNS.items():
        counts[column] = seated_count(Q(enrollments__trainee__education=education))
    home = Q(enrollments__trainee__district__regency__code=KABUPATEN_TANGERANG_CODE)
    for domicile, condition in ((Domicile.HOME_REGENCY, home), (Domicile.ELSEWHERE, ~home)):
        counts[ProgramSummary.DOMICILE_COLUMNS[domicile]] = seated_count(condition)
    floors = [0, *sorted(floor for floor, _band in AGE_BAND_FLOORS)]
    ceilings = [*floors[1:], None]
    for floor, ceiling in zip(floors, ceilings, strict=True):
        band = age_band(floor)
        condition = Q() if floor == 0 else Q(age_key__gte=floor * 10000)
        if ceiling is not None:
            condition &= Q(age_key__lt=ceiling * 10000)
        counts[ProgramSummary.AGE_BAND_COLUMNS[band]] = seated_count(condition)
    return counts


def count_programs(programs) -> list[dict]:
    """The summary columns of each program of ``programs`` (a ``TrainingProgram`` queryset,
    current or historical model), zeros included, in one aggregate query."""
    age_key = _date_number(F("start_date")) - _date_number(F("enrollments__trainee__birth_date"))
    return list(
        programs.order_by()
        .alias(age_key=age_key)
        .values("pk")
        .annotate(**_counts())
        .values("pk", *ProgramSummary.counted_columns())
    )


def save_summaries(summary_model, rows: list[dict]) -> None:
    """Insert or overwrite the summaries of ``rows`` (from ``count_programs``) in batches.

    Only the columns ``summary_model`` has are written: a migration's historical model may
    predate the columns added since.
    """
    now = timezone.now()
    columns = [
        field.name
        for field in summary_model._meta.concrete_fields
        if isinstance(field, models.PositiveIntegerField)
    ]
    summary_model.objects.bulk_create(
        [
            summary_model(
                program_id=row["pk"], refreshed_at=now, **{name: row[name] for name in columns}
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["program"],
        update_fields=[*columns, "refreshed_at"],
    )


def program_summaries_refresh(*, program_ids=None) -> int:
    """Recount the summaries of the programs ``program_ids`` (ids or a queryset of ids; all
    programs when None) from their enrollments, and return how many rows were written.

    Programs that no longer exist are skipped. Idempotent: running it again writes the same
    counts. The programs' rows are locked first (FOR NO KEY UPDATE, which enrollment inserts
    do not wait for), so that two writers recounting the same program take turns and the
    later one counts what the earlier one committed, instead of overwriting it with a count
    that missed it. All programs are recounted ``BATCH_SIZE`` at a time, each batch locked
    and committed on its own, so the nightly recount never holds every program at once.
    """
    if program_ids is None:
        every_id = list(TrainingProgram.objects.order_by("pk").values_list("pk", flat=True))
        written = sum(
            _recount(every_id[start : start + BATCH_SIZE])
            for start in range(0, len(every_id), BATCH_SIZE)
        )
    else:
        written = _recount(program_ids)
    program_summaries_refreshed.send(sender=ProgramSummary, program_ids=program_ids)
    return written


def _recount(program_ids) -> int:
    with transaction.atomic(savepoint=False):
        locked = (
            TrainingProgram.objects.filter(pk__in=program_ids)
            .order_by("pk")
            .select_for_update(no_key=True)
        )
        program_ids = list(locked.values_list("pk", flat=True))
        if not program_ids:
            return 0
        rows = count_programs(TrainingProgram.objects.filter(pk__in=program_ids))
        save_summaries(ProgramSummary, rows)
    return len(rows)


# Deferring the recount of many saves to one -----------------------------------------------

_deferred = threading.local()


@contextmanager
def program_summaries_deferred():
    """Within this block, saves that change summaries note their programs, and each program
    is recounted once when the block ends (not when it raises: the writes are rolled back
    with it, if the block runs in a transaction, which it should)."""
    outer = getattr(_deferred, "program_ids", None)
    if outer is not None:
        yield
        return
    _deferred.program_ids = set()
    try:
        yield
        program_ids = _deferred.program_ids
    finally:
        _deferred.program_ids = None
    if program_ids:
        program_summaries_refresh(program_ids=sorted(program_ids))


def _refresh(program_ids) -> None:
    pending = getattr(_deferred, "program_ids", None)
    if pending is None:
        program_summaries_refresh(program_ids=program_ids)
    elif isinstance(program_ids, list):
        pending.update(program_ids)
    else:
        pending.update(program_ids.values_list("program", flat=True))


def _changes(update_fields, fields) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


# Signal receivers (connected in ``TrainingsConfig.ready``) ---------------------------------


def enrollment_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """Note the program an enrollment leaves when it is moved to another one."""
    if raw or instance._state.adding or not _changes(update_fields, {"program"}):
        return
    instance._summary_previous_program_id = (
        Enrollment.objects.filter(pk=instance.pk).values_list("program", flat=True).first()
    )


def enrollment_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    """Recount the program of a saved or deleted enrollment (and the one it left)."""
    if raw or not _changes(update_fields, _ENROLLMENT_FIELDS):
        return
    program_ids = {instance.program_id}
    previous = getattr(instance, "_summary_previous_program_id", None)
    if previous is not None:
        program_ids.add(previous)
        del instance._summary_previous_program_id
    _refresh(sorted(program_ids))


def trainee_changed(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """Recount every program of a trainee whose gender, education, birth date or kecamatan
    may have changed; a new trainee has no enrollment yet."""
    if raw or created or not _changes(update_fields, _TRAINEE_FIELDS):
        return
    _refresh(Enrollment.objects.filter(trainee=instance.pk).values("program"))


def program_changed(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """Recount a program whose start date may have changed (it places ages in bands); a new
    program has no enrollment yet."""
    if raw or created or not _changes(update_fields, {"start_date"}):
        return
    _refresh([instance.pk])


def connect_signals() -> None:
    pre_save.connect(enrollment_before_save, sender=Enrollment)
    post_save.connect(enrollment_changed, sender=Enrollment)
    post_delete.connect(enrollment_changed, sender=Enrollment)
    post_save.connect(trainee_changed, sender=Trainee)
    post_save.connect(program_changed, sender=TrainingProgram)
