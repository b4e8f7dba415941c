import datetime

import pytest

from tests import factories
from tests.dates import today
from trainings import tasks
from trainings.models import TrainingProgram
from trainings.services import program_close_registrations_past_deadline

pytestmark = pytest.mark.django_db

Status = TrainingProgram.Status


def program_closing(days_from_today: int, **fields):
    closes = today() + datetime.timedelta(days=days_from_today)
    return factories.TrainingProgramFactory(
        registration_closes=closes, start_date=closes + datetime.timedelta(days=3), **fields
    )


def test_closes_open_programs_whose_deadline_has_passed():
    yesterday, last_month = program_closing(-1), program_closing(-30)
    assert program_close_registrations_past_deadline(today=today()) == 2
    for program in (yesterday, last_month):
        program.refresh_from_db()
        assert program.status == Status.CLOSED


def test_leaves_programs_still_within_their_deadline_or_not_open():
    closing_today = program_closing(0)
    untouched = {
        status: program_closing(-1, status=status)
        for status in (Status.DRAFT, Status.PUBLISHED, Status.RUNNING, Status.CANCELLED)
    }
    assert program_close_registrations_past_deadline(today=today()) == 0
    closing_today.refresh_from_db()
    assert closing_today.status == Status.OPEN
    for status, program in untouched.items():
        program.refresh_from_db()
        assert program.status == status


def test_running_twice_closes_nothing_more():
    program_closing(-1)
    assert program_close_registrations_past_deadline(today=today()) == 1
    assert program_close_registrations_past_deadline(today=today()) == 0


def test_defaults_to_today_in_jakarta():
    program = program_closing(-1)
    assert program_close_registrations_past_deadline() == 1
    program.refresh_from_db()
    assert program.status == Status.CLOSED


def test_history_says_why_the_program_closed():
    program = program_closing(-1)
    program_close_registrations_past_deadline(today=today())
    latest = program.history.latest()
    assert latest.status == Status.CLOSED
    assert latest.history_user is None
    assert latest.history_change_reason == "Ditutup otomatis: batas pendaftaran sudah lewat."


def test_task_runs_the_service_in_process(monkeypatch):
    calls = []

    def fake_service(**kwargs):
        calls.append(kwargs)
        return 3

    monkeypatch.setattr(tasks.services, "program_close_registrations_past_deadline", fake_service)
    assert tasks.close_registrations_past_deadline.delay().get() == 3
    assert calls == [{}]


def test_task_closes_registrations():
    program = program_closing(-1)
    assert tasks.close_registrations_past_deadline.apply().get() == 1
    program.refresh_from_db()
    assert program.status == Status.CLOSED
