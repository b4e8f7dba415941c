"""The certificate number recorded before the two certificates were told apart is the BLKK's
training certificate: it is kept under its new name, in the record and in its history."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories
from trainings.models import Enrollment

BEFORE_THE_SPLIT = ("trainings", "0004_program_summary")

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


@pytest.fixture
def apps_before_the_split():
    yield migrate_to(BEFORE_THE_SPLIT)
    # Leave the database as the other tests expect it: every migration applied.
    call_command("migrate", verbosity=0)


def test_the_old_certificate_number_becomes_the_training_certificate_number(
    apps_before_the_split,
):
    OldEnrollment = apps_before_the_split.get_model("trainings", "Enrollment")
    OldHistory = apps_before_the_split.get_model("trainings", "HistoricalEnrollment")
    program = factories.TrainingProgramFactory()
    old = OldEnrollment.objects.create(
        trainee_id=factories.TraineeFactory().pk,
        program_id=program.pk,
        reference_code="FKB-LAMA0001",
        status="lulus",
        competency_result="kompeten",
        certificate_number="SP/2025/001",
        completed_on=program.end_date,
    )
    OldHistory.objects.create(
        id=old.pk,
        trainee_id=old.trainee_id,
        program_id=old.program_id,
        reference_code=old.reference_code,
        status=old.status,
        competency_result=old.competency_result,
        certificate_number=old.certificate_number,
        completed_on=old.completed_on,
        created_at=old.created_at,
        updated_at=old.updated_at,
        history_date=datetime.datetime.now(tz=datetime.UTC),
        history_type="+",
    )

    migrate_to(*MigrationExecutor(connection).loader.graph.leaf_nodes())

    enrollment = Enrollment.objects.get(pk=old.pk)
    assert enrollment.training_certificate_number == "SP/2025/001"
    assert (enrollment.competency_certificate_number, enrollment.competency_scheme) == ("", "")
    assert enrollment.history.get().training_certificate_number == "SP/2025/001"
