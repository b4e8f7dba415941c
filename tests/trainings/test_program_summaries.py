"""The per-program summaries the indicators sum: always equal to a count of the enrollments."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection

from dashboard.figures import VERSION_KEY
from fkblkk.celery import app as celery_app
from institutions.models import District, Gender
from tests import factories
from trainings import imports, services, summaries, tasks
from trainings.models import (
    Domicile,
    Education,
    Enrollment,
    ProgramSummary,
    Trainee,
    TrainingProgram,
    age_band,
    age_on,
)

from .test_imports import row, xlsx_file

pytestmark = pytest.mark.django_db

Status = Enrollment.Status
Result = Enrollment.CompetencyResult
START = datetime.date(2025, 3, 10)


def counted(program) -> dict:
    """The summary of ``program`` counted here, straight from its enrollments."""
    program = TrainingProgram.objects.get(pk=program.pk)
    counts = dict.fromkeys(ProgramSummary.counted_columns(), 0)
    enrollments = Enrollment.objects.filter(program=program).select_related(
        "trainee__district__regency"
    )
    for enrollment in enrollments:
        if enrollment.status not in Enrollment.SEATED_STATUSES:
            continue
        trainee = enrollment.trainee
        counts["participants"] += 1
        counts["graduates"] += enrollment.status == Status.GRADUATED
        counts["assessed"] += enrollment.competency_result != Result.NOT_ASSESSED
        counts["competent"] += enrollment.competency_result == Result.COMPETENT
        counts[ProgramSummary.GENDER_COLUMNS[trainee.gender]] += 1
        counts[ProgramSummary.EDUCATION_COLUMNS[trainee.education]] += 1
        band = age_band(age_on(trainee.birth_date, program.start_date))
        counts[ProgramSummary.AGE_BAND_COLUMNS[band]] += 1
        home = trainee.district.regency.code == "36.03"
        domicile = Domicile.HOME_REGENCY if home else Domicile.ELSEWHERE
        counts[ProgramSummary.DOMICILE_COLUMNS[domicile]] += 1
    return counts


def stored(program) -> dict:
    """The summary row of ``program`` as stored (zeros when it has none)."""
    columns = ProgramSummary.counted_columns()
    row = ProgramSummary.objects.filter(program=program.pk).values(*columns).first()
    return row or dict.fromkeys(columns, 0)


def trainee(**fields) -> Trainee:
    return factories.TraineeFactory(**fields)


@pytest.fixture
def program(institution_a):
    return factories.TrainingProgramFactory(
        institution=institution_a,
        start_date=START,
        registration_closes=START - datetime.timedelta(days=7),
        end_date=START + datetime.timedelta(days=20),
        status=TrainingProgram.Status.RUNNING,
        quota=30,
    )


@pytest.fixture
def class_of(program):
    """A class of five: two seated in training, one applicant, one graduate, one drop-out,
    with ages around the band edges on the start date."""
    return {
        "in_training_19": factories.EnrollmentFactory(
            program=program,
            status=Status.IN_TRAINING,
            # 20 the day after the start: still 19.
            trainee=trainee(birth_date=datetime.date(2005, 3, 11), gender=Gender.MALE),
        ),
        "accepted_20": factories.EnrollmentFactory(
            program=program,
            status=Status.ACCEPTED,
            # 20 on the start date itself.
            trainee=trainee(birth_date=datetime.date(2005, 3, 10), education=Education.JUNIOR),
        ),
        "applied": factories.EnrollmentFactory(program=program, status=Status.APPLIED),
        "graduate_40": factories.GraduateFactory(
            program=program,
            trainee=trainee(birth_date=datetime.date(1985, 1, 1), education=Education.BACHELOR),
        ),
        "dropped_out_29": factories.EnrollmentFactory(
            program=program,
            status=Status.DROPPED_OUT,
            competency_result=Result.NOT_YET_COMPETENT,
            trainee=trainee(birth_date=datetime.date(1995, 3, 11), gender=Gender.MALE),
        ),
    }


def test_creating_enrollments_counts_the_seated_ones(program, class_of):
    assert stored(program) == counted(program)
    assert stored(program) == {
        **dict.fromkeys(ProgramSummary.counted_columns(), 0),
        "participants": 4,
        "graduates": 1,
        "assessed": 2,
        "competent": 1,
        "male": 2,
        "female": 2,
        "age_under_20": 1,
        "age_20_24": 1,
        "age_25_29": 1,
        "age_40_plus": 1,
        "education_junior": 1,
        "education_senior": 2,
        "education_bachelor": 1,
        "domicile_home": 4,
    }


def test_status_changes_recount(program, class_of, institution_a):
    class_of["in_training_19"].graduate(result=Result.COMPETENT)
    class_of["accepted_20"].start_training()
    class_of["accepted_20"].drop_out()
    class_of["applied"].accept()
    assert stored(program) == counted(program)
    assert stored(program)["graduates"] == 2
    assert stored(program)["competent"] == 2
    assert stored(program)["participants"] == 5
    class_of["applied"].withdraw()
    assert stored(program)["participants"] == 4 == counted(program)["participants"]


def test_a_trainee_change_recounts_each_of_their_programs(program, class_of, institution_a):
    person = class_of["accepted_20"].trainee
    other = factories.EnrollmentFactory(
        program=factories.TrainingProgramFactory(institution=institution_a),
        trainee=person,
        status=Status.ACCEPTED,
    ).program
    person.gender = Gender.MALE
    person.education = Education.DIPLOMA
    person.birth_date = datetime.date(1980, 6, 1)
    person.save()
    for each in (program, other):
        assert stored(each) == counted(each)
    assert stored(program)["male"] == 3
    assert stored(program)["education_diploma"] == 1
    assert stored(program)["age_40_plus"] == 2


def test_a_trainee_moving_out_of_kabupaten_tangerang_recounts_the_domicile(program, class_of):
    person = class_of["graduate_40"].trainee
    person.district = District.objects.get(code="36.74.04")
    person.village = None
    person.save()
    assert stored(program) == counted(program)
    assert (stored(program)["domicile_home"], stored(program)["domicile_elsewhere"]) == (3, 1)


def test_a_new_start_date_moves_ages_into_their_bands(program, class_of):
    program.start_date = START + datetime.timedelta(days=1)
    program.end_date = program.start_date + datetime.timedelta(days=20)
    program.save()
    assert stored(program) == counted(program)
    # The one who was 19 turns 20 on the new start date, and 29 turns 30.
    assert stored(program)["age_under_20"] == 0
    assert stored(program)["age_20_24"] == 2
    assert stored(program)["age_30_39"] == 1


def test_deleting_or_moving_an_enrollment_recounts_both_programs(program, class_of, institution_a):
    class_of["graduate_40"].delete()
    assert stored(program) == counted(program)
    assert stored(program)["graduates"] == 0
    other = factories.TrainingProgramFactory(institution=institution_a)
    moved = class_of["accepted_20"]
    moved.program = other
    moved.save()
    assert stored(program) == counted(program)
    assert stored(other) == counted(other)
    assert stored(other)["participants"] == 1


def test_a_participant_import_counts_its_bulk_inserts(
    institution_a, manager_a, django_capture_on_commit_callbacks
):
    program = factories.TrainingProgramFactory(institution=institution_a, quota=20)
    factories.EnrollmentFactory(program=program, status=Status.ACCEPTED)
    file = xlsx_file([row(1), row(2), row(3)])
    file_format = imports.check_upload(file)
    with django_capture_on_commit_callbacks(execute=True):
        imports.participant_import_start(
            program=program, user=manager_a, file=file, file_format=file_format
        )
    assert Enrollment.objects.filter(program=program).count() == 4
    assert stored(program) == counted(program)
    assert stored(program)["participants"] == 4


def test_bulk_moves_and_decisions_recount(program, class_of, manager_a, institution_a):
    applicants = [
        factories.EnrollmentFactory(program=program, status=Status.APPLIED) for _index in range(3)
    ]
    services.enrollment_decide(
        enrollment_ids=[enrollment.pk for enrollment in applicants],
        decision=services.Decision.ACCEPT,
        message="",
        user=manager_a,
        institution=institution_a,
    )
    assert stored(program) == counted(program)
    assert stored(program)["participants"] == 7
    services.enrollment_move_many(
        program=program,
        enrollment_ids=[enrollment.pk for enrollment in applicants],
        move="start_training",
        user=manager_a,
    )
    services.enrollment_move_many(
        program=program,
        enrollment_ids=[enrollment.pk for enrollment in applicants],
        move="graduate",
        user=manager_a,
        result=Result.COMPETENT,
    )
    assert stored(program) == counted(program)
    assert stored(program)["graduates"] == 4


def test_a_bulk_move_recounts_once(program, class_of, manager_a, django_assert_max_num_queries):
    applicants = [
        factories.EnrollmentFactory(program=program, status=Status.ACCEPTED) for _index in range(5)
    ]
    ids = [enrollment.pk for enrollment in applicants]
    with django_assert_max_num_queries(50) as queries:
        services.enrollment_move_many(
            program=program, enrollment_ids=ids, move="start_training", user=manager_a
        )
    recounts = [
        query for query in queries if 'INSERT INTO "trainings_programsummary"' in query["sql"]
    ]
    assert len(recounts) == 1


def test_the_nightly_task_repairs_what_went_around_the_signals(program, class_of):
    Enrollment.objects.filter(pk=class_of["applied"].pk).update(status=Status.ACCEPTED)
    assert stored(program) != counted(program)
    empty = factories.TrainingProgramFactory(institution=program.institution)
    assert tasks.refresh_program_summaries.delay().get() == TrainingProgram.objects.count()
    assert stored(program) == counted(program)
    assert stored(program)["participants"] == 5
    assert ProgramSummary.objects.filter(program=empty, participants=0).exists()


def test_the_beat_runs_the_nightly_refresh_before_the_dashboards():
    schedule = celery_app.conf.beat_schedule
    entry = schedule["refresh-program-summaries"]
    assert entry["task"] in celery_app.tasks
    assert entry["task"] == tasks.refresh_program_summaries.name
    dashboard = schedule["refresh-dashboard-figures"]["schedule"]
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {20})
    assert min(dashboard.hour) * 60 + min(dashboard.minute) > 20


def test_the_migration_fills_every_program(program, class_of):
    empty = factories.TrainingProgramFactory(institution=program.institution)
    ProgramSummary.objects.all().delete()
    migration = importlib.import_module("trainings.migrations.0004_program_summary")

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    migration.fill_summaries(apps, editor)
    assert ProgramSummary.objects.count() == TrainingProgram.objects.count()
    for each in (program, empty):
        assert stored(each) == counted(each)
    assert stored(program)["participants"] == 4


def test_the_domicile_migration_counts_every_program_by_domicile(program, class_of):
    outside = class_of["accepted_20"].trainee
    Trainee.objects.filter(pk=outside.pk).update(district=District.objects.get(code="36.71.01"))
    ProgramSummary.objects.update(domicile_home=0, domicile_elsewhere=0)
    migration = importlib.import_module("trainings.migrations.0006_program_summary_domicile")

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    migration.fill_domicile_counts(apps, editor)
    assert stored(program) == counted(program)
    assert (stored(program)["domicile_home"], stored(program)["domicile_elsewhere"]) == (3, 1)


def test_a_refresh_forgets_the_cached_dashboard(program):
    cache.set(VERSION_KEY, "before", None)
    summaries.program_summaries_refresh(program_ids=[program.pk])
    assert cache.get(VERSION_KEY) != "before"


def test_every_choice_has_its_column():
    columns = set(ProgramSummary.counted_columns())
    for mapping in (
        ProgramSummary.GENDER_COLUMNS,
        ProgramSummary.AGE_BAND_COLUMNS,
        ProgramSummary.EDUCATION_COLUMNS,
        ProgramSummary.DOMICILE_COLUMNS,
    ):
        assert set(mapping.values()) <= columns
    assert set(ProgramSummary.GENDER_COLUMNS) == set(Gender.values)
    assert set(ProgramSummary.EDUCATION_COLUMNS) == set(Education.values)
    assert set(ProgramSummary.DOMICILE_COLUMNS) == set(Domicile.values)


def test_deferred_saves_are_recounted_when_the_block_ends(program, class_of):
    person = class_of["graduate_40"].trainee
    with summaries.program_summaries_deferred():
        person.gender = Gender.MALE
        person.save()
        class_of["applied"].accept()
        assert stored(program)["male"] == 2
        assert stored(program)["participants"] == 4
    assert stored(program) == counted(program)
    assert stored(program)["male"] == 3
    assert stored(program)["participants"] == 5
