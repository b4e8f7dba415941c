"""A real Celery worker, against Redis and the test database, makes a dashboard export end to
end: queued after the commit by the service, claimed and built by the worker, read back.

Needs REDIS_URL and a database a second process can reach (PostgreSQL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fkblkk_exports \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/pytest tests/dashboard/test_export_worker.py
"""

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from dashboard.export_jobs import dashboard_export_start
from dashboard.figures import dashboard_figures
from dashboard.indicators import IndicatorFilters, ProgramBreakdown
from dashboard.models import DashboardExport
from fkblkk.celery import app as celery_app
from tests import factories
from tests.dashboard.test_export_jobs import summary_value

CELERY = Path(sys.executable).with_name("celery")
TIMEOUT = 90


def database_url() -> str | None:
    """The test database as a URL for the worker; None when no other process can open it."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        return (
            f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{db['NAME']}"
        )
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{db['NAME']}"
    return None


@pytest.fixture
def worker(transactional_db, settings, monkeypatch, tmp_path):
    """A worker process on the same database, Redis and private folder; stopped with SIGTERM."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: there is no broker for a real worker")
    # The worker's broker and cache are this test process's cache database (one per xdist
    # worker, see tests/conftest.py), which every test empties first: nothing is left there
    # for the worker to pick up but this test's job.
    redis_url = django_settings.CACHES["default"]["LOCATION"]
    url = database_url()
    if url is None:
        pytest.skip("The test database is SQLite in memory: a worker process cannot open it")
    # This test queues to the real broker; the others run their tasks in-process.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", redis_url)
    # Celery keeps the pool of the first broker connection this process opened (an earlier test
    # may have opened one to database 0): drop it, so that this test's task goes to redis_url.
    monkeypatch.setattr(celery_app, "_pool", None)
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fkblkk.settings",
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "DB_CONN_MAX_AGE": "0",
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - the project's own celery, fixed arguments
            [
                str(CELERY),
                "-A",
                "fkblkk",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"export-test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=django_settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    process.log = log
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_finished(job, worker) -> DashboardExport:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        assert worker.poll() is None, "the worker stopped:\n" + worker.log.read_text()
        time.sleep(0.5)
    pytest.fail(f"no finished export after {TIMEOUT} s:\n" + worker.log.read_text())


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_an_xlsx_export(worker):
    import openpyxl

    user = factories.UserFactory(role="Disnaker")
    institution = factories.InstitutionFactory()
    for _ in range(2):
        program = factories.TrainingProgramFactory(institution=institution)
        factories.GraduateFactory(program=program)

    job = dashboard_export_start(user=user, format="xlsx", query_params={})
    job = wait_until_finished(job, worker)

    assert job.status == DashboardExport.Status.DONE, job.error
    assert job.progress == 100
    with job.file.open("rb") as file:
        workbook = openpyxl.load_workbook(io.BytesIO(file.read()), read_only=True)
    by_year = dashboard_figures(IndicatorFilters()).programs_by[ProgramBreakdown.YEAR]
    assert summary_value(workbook, "Program terlaksana") == sum(row["programs"] for row in by_year)
    assert summary_value(workbook, "Peserta") == sum(row["participants"] for row in by_year)
    assert summary_value(workbook, "Program terlaksana") > 0

    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
