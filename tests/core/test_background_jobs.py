"""The lifecycle every background job shares (core.models.BackgroundJob): the participant
import and the dashboard export are both built on it."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from core.models import BackgroundJob
from dashboard.models import DashboardExport
from tests import factories
from trainings.models import ParticipantImport

pytestmark = pytest.mark.django_db


def test_the_jobs_of_the_portal_are_background_jobs_with_the_shared_statuses():
    jobs = {model for model in apps.get_models() if issubclass(model, BackgroundJob)}
    assert jobs == {ParticipantImport, DashboardExport}
    for job in jobs:
        statuses = set(job.Status.values)
        assert {BackgroundJob.QUEUED, BackgroundJob.DONE, BackgroundJob.FAILED} <= statuses
        assert job._meta.get_field("status").default == BackgroundJob.QUEUED


@pytest.fixture
def job(program, manager_a):
    return factories.ParticipantImportFactory(
        program=program, uploaded_by=manager_a, status=ParticipantImport.Status.QUEUED
    )


@pytest.fixture
def program(institution_a):
    return factories.TrainingProgramFactory(institution=institution_a)


def test_a_queued_job_is_claimed_once(job):
    running = ParticipantImport.Status.CHECKING

    assert ParticipantImport.claim(job.pk, running=running) is True
    assert ParticipantImport.claim(job.pk, running=running) is False
    job.refresh_from_db()
    assert job.status == running


def test_a_job_is_complete_once_finished_whatever_its_progress(job):
    job.total_rows, job.processed_rows = 200, 50
    assert (job.is_finished, job.percent) == (False, 25)
    job.status = ParticipantImport.Status.FAILED
    assert (job.is_finished, job.percent) == (True, 100)


def test_only_unfinished_jobs_left_unchanged_too_long_are_stalled(job, program, manager_a):
    moving = factories.ParticipantImportFactory(
        program=program, uploaded_by=manager_a, status=ParticipantImport.Status.SAVING
    )
    finished = factories.ParticipantImportFactory(program=program, uploaded_by=manager_a)
    later = timezone.now() + BackgroundJob.STALLED_AFTER + datetime.timedelta(minutes=1)
    ParticipantImport.objects.filter(pk=moving.pk).update(updated_at=later)

    assert set(ParticipantImport.objects.stalled(now=later)) == {job}
    assert finished.is_finished
