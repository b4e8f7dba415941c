"""Services hand work to Celery tasks by name, through core.queueing, once their data is
committed."""

import ast
import logging
from pathlib import Path

import pytest
from django.conf import settings

from core.queueing import queue_after_commit
from fkblkk.celery import app as celery_app
from trainings import tasks

APPS = ("core", "institutions", "trainings", "partnerships", "alumni", "dashboard", "api", "fkblkk")


def queued_task_names() -> set[str]:
    """The task names the portal's code passes to ``queue_after_commit``, read from its source."""
    names = set()
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "queue_after_commit"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    names.add(node.args[0].value)
    return names


def test_every_task_a_service_queues_is_a_registered_celery_task():
    names = queued_task_names()
    assert {"trainings.tasks.import_participants", "dashboard.tasks.make_dashboard_export"} <= names
    celery_app.loader.import_default_modules()
    assert names <= celery_app.tasks.keys()


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.send_application_confirmation, "delay", calls.append)
    return calls


def test_the_task_is_queued_only_when_the_transaction_commits(
    db, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        queue_after_commit("trainings.tasks.send_application_confirmation", 7)
        assert sent == []

    assert sent == []
    callbacks[0]()
    assert sent == [7]


def test_a_broker_that_is_down_is_logged_not_raised_by_default(
    db, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.send_application_confirmation, "delay", refuse)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        queue_after_commit("trainings.tasks.send_application_confirmation", 7)

    assert "queue_after_commit(trainings.tasks.send_application_confirmation)" in caplog.text


def test_a_task_that_queues_asks_for_the_failure_to_be_raised(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.send_application_confirmation, "delay", refuse)
    with pytest.raises(ConnectionError), django_capture_on_commit_callbacks(execute=True):
        queue_after_commit("trainings.tasks.send_application_confirmation", 7, robust=False)
