"""Inserting built demo rows in bulk, parents before children."""

import contextlib
from collections import Counter, defaultdict

from alumni.models import CommunityGroup, Enterprise, Outcome
from institutions.models import (
    ForumOfficer,
    Institution,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    KemnakerAssistance,
)
from partnerships.models import Contribution, Partner, Partnership
from trainings.models import Enrollment, PBKAssistance, Trainee, TrainingProgram

from . import people

BATCH_SIZE = 2000
# Lookups by many values at once, kept under SQLite's limit on query parameters.
LOOKUP_CHUNK = 5000
INSERT_ORDER = (
    Institution,
    Institution.fields.through,
    InstitutionPhoto,
    KemnakerAssistance,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    PBKAssistance,
    TrainingProgram,
    TrainingProgram.instructors.through,
    Trainee,
    Enrollment,
    Outcome,
    Enterprise,
    CommunityGroup,
    ForumOfficer,
    Partner,
    Partnership,
    Partnership.scopes.through,
    Partnership.institutions.through,
    Contribution,
)
# Rows whose creation time people read as a date (applied on, announced on): they keep the
# time the builder gave them instead of the moment of the insert.
BACKDATED = (TrainingProgram, Trainee, Enrollment)


class Rows:
    """Unsaved model instances grouped by model, in the order they were built."""

    def __init__(self):
        self._by_model = defaultdict(list)

    def add(self, instance):
        self._by_model[type(instance)].append(instance)
        return instance

    def of(self, model) -> list:
        return self._by_model[model]


def existing_values(model, field: str, values) -> set:
    values = list(values)
    found = set()
    for start in range(0, len(values), LOOKUP_CHUNK):
        chunk = values[start : start + LOOKUP_CHUNK]
        found.update(model.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def make_niks_unique(trainees: list[Trainee]) -> None:
    """Move a demo NIK that is already taken, here or in the database, to a free serial."""
    claimed = set()
    pending = trainees
    while pending:
        taken = existing_values(Trainee, "nik", (trainee.nik for trainee in pending))
        retry = []
        for trainee in pending:
            if trainee.nik in taken or trainee.nik in claimed:
                trainee.nik = people.next_fictional_nik(trainee.nik)
                retry.append(trainee)
            else:
                claimed.add(trainee.nik)
        pending = retry


@contextlib.contextmanager
def creation_times_kept(models):
    """Let ``created_at`` keep the value set on the instance while the block runs.

    ``auto_now_add`` would stamp every row with the moment of the insert; an enrollment in a
    2023 program would then read as applied today.
    """
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def insert(rows: Rows) -> Counter:
    """Insert every row built; return how many rows per model.

    No change history is written for demo rows: it would double the inserts, and the history
    of a made-up record tells nothing. Edits made later are recorded as usual.
    """
    make_niks_unique(rows.of(Trainee))
    inserted = Counter()
    with creation_times_kept(BACKDATED):
        for model in INSERT_ORDER:
            instances = rows.of(model)
            if not instances:
                continue
            model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
            inserted[model] += len(instances)
    return inserted
