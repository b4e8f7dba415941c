"""The dashboard's exports as background jobs: the services, the Celery tasks and beat entries,
and the pages (who sees, starts and downloads which export)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation
from redis.exceptions import ConnectionError as RedisConnectionError

from core import roles
from dashboard import export_jobs, exports, tasks
from dashboard.indicators import IndicatorFilters
from dashboard.models import DashboardExport
from dashboard.views import exports as export_views
from fkblkk.celery import app as celery_app
from tests import factories
from tests.assertions import assert_nothing_inline

Status = DashboardExport.Status
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FakeBuilder:
    """Stands for ``exports.build_xlsx``: records what it was given and reports progress."""

    def __init__(self, content=b"PK fake workbook", error=None, steps=(10, 50, 90)):
        self.content, self.error, self.steps = content, error, steps
        self.calls = []

    def __call__(self, filters, progress):
        self.calls.append((filters, translation.get_language()))
        for percent in self.steps:
            progress(percent)
        if self.error is not None:
            raise self.error
        return self.content


@pytest.fixture
def builder(monkeypatch):
    fake = FakeBuilder()
    monkeypatch.setitem(exports.EXPORT_BUILDERS, "xlsx", fake)
    monkeypatch.setitem(exports.EXPORT_BUILDERS, "pdf", fake)
    return fake


@pytest.fixture
def queued(monkeypatch):
    """The task's queue, replaced where it is used: the export ids queued."""
    ids = []
    monkeypatch.setattr(tasks.make_dashboard_export, "delay", ids.append)
    return ids


@pytest.fixture
def balaraja(tangerang_district):
    return tangerang_district("Balaraja")


@pytest.fixture
def disnaker_b(db):
    return factories.UserFactory(username="disnaker-b", role=roles.DISNAKER)


def make_job(user, *, status=Status.QUEUED, ready=False, **fields):
    fields.setdefault("file_name", "indikator-fkblkk-2026-11-28.xlsx")
    job = DashboardExport.objects.create(
        requested_by=user, format=DashboardExport.Format.XLSX, status=status, **fields
    )
    if ready:
        job.file.save("uji.xlsx", ContentFile(b"PK isi berkas"), save=False)
        job.status = Status.DONE
        job.finished_at = timezone.now()
        job.save()
    return job


def summary_value(workbook, label: str):
    """The value next to ``label`` on an XLSX export's first sheet (the summary: the filters,
    then every figure card of the page), as stored in the cell."""
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        if row and row[0] == label:
            return row[1]
    raise AssertionError(f"{label!r} is not in the export's summary")


def start(user, query=None, format="xlsx"):
    return export_jobs.dashboard_export_start(user=user, format=format, query_params=query or {})


# Starting -------------------------------------------------------------------------------


def test_start_keeps_only_the_valid_filters_and_queues_after_the_commit(
    disnaker, balaraja, builder, queued, django_capture_on_commit_callbacks
):
    query = {
        "kecamatan": balaraja.code,
        "tahun_dari": "2024",
        "tahun_sampai": "dua ribu",
        "sumber_dana": "",
        "halaman": "3",
    }
    with django_capture_on_commit_callbacks() as callbacks:
        job = start(disnaker, query)
        assert queued == []

    assert job.status == Status.QUEUED
    assert job.filters == {"kecamatan": balaraja.code, "tahun_dari": "2024"}
    assert job.filter_labels == [["Dari tahun", "2024"], ["Kecamatan", "Balaraja"]]
    assert job.language == "id"
    assert job.file_name == f"indikator-fkblkk-{timezone.localdate().isoformat()}.xlsx"
    assert len(callbacks) == 1
    callbacks[0]()
    assert queued == [job.pk]


def test_nothing_is_queued_when_the_request_rolls_back(
    disnaker, builder, queued, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        start(disnaker)
        raise RuntimeError

    assert callbacks == []
    assert queued == []
    assert not DashboardExport.objects.exists()


def test_an_unknown_format_is_refused(disnaker, queued):
    with pytest.raises(export_jobs.UnknownFormat):
        start(disnaker, format="csv")

    assert not DashboardExport.objects.exists()


# Running --------------------------------------------------------------------------------


def test_run_makes_the_file_with_the_stored_filters_in_the_requesters_language(
    disnaker, balaraja, builder, queued, settings
):
    with translation.override("en"):
        job = start(disnaker, {"kecamatan": balaraja.code, "tahun_dari": "2024"})

    assert export_jobs.dashboard_export_run(export_id=job.pk) is True

    job.refresh_from_db()
    assert builder.calls == [(IndicatorFilters(year_from=2024, district=balaraja.pk), "en")]
    assert job.status == Status.DONE
    assert job.progress == 100 and job.percent == 100
    assert job.finished_at is not None
    assert job.file.name.startswith("exports/dashboard/")
    assert (settings.PRIVATE_MEDIA_ROOT / job.file.name).read_bytes() == builder.content
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018 (private: no URL)


def test_progress_is_saved_every_few_percent_and_never_reads_100_before_the_file(
    disnaker, monkeypatch
):
    job = make_job(disnaker)
    seen = []

    def build(filters, progress):
        for percent in (1, 3, 5, 7, 9, 12, 100):
            progress(percent)
            seen.append(DashboardExport.objects.get(pk=job.pk).progress)
        return b"PK"

    monkeypatch.setitem(exports.EXPORT_BUILDERS, "xlsx", build)

    export_jobs.dashboard_export_run(export_id=job.pk)

    assert seen == [0, 0, 5, 5, 5, 12, 99]


def test_a_second_run_of_the_same_job_does_nothing(disnaker, builder):
    job = make_job(disnaker)

    assert export_jobs.dashboard_export_run(export_id=job.pk) is True
    assert export_jobs.dashboard_export_run(export_id=job.pk) is False

    assert len(builder.calls) == 1


@pytest.mark.parametrize("status", [Status.BUILDING, Status.DONE, Status.FAILED])
def test_a_job_taken_or_finished_is_skipped(disnaker, builder, status):
    job = make_job(disnaker, status=status)

    assert export_jobs.dashboard_export_run(export_id=job.pk) is False

    assert builder.calls == []
    job.refresh_from_db()
    assert job.status == status


def test_the_task_whose_worker_died_takes_its_job_back_and_no_other_task_does(disnaker, builder):
    # The worker that claimed the job as task "first" died mid-file; with acks_late and
    # reject_on_worker_lost the broker delivers the same message, with the same task id, again.
    job = make_job(disnaker, status=Status.BUILDING, task_id="first", progress=40)

    assert export_jobs.dashboard_export_run(export_id=job.pk, task_id="second") is False
    assert builder.calls == []
    assert export_jobs.dashboard_export_run(export_id=job.pk, task_id="first") is True

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert len(builder.calls) == 1


def test_the_task_records_its_id_on_the_job_it_claims(disnaker, builder):
    job = make_job(disnaker)

    tasks.make_dashboard_export.apply(args=[job.pk], task_id="the-task")

    job.refresh_from_db()
    assert (job.status, job.task_id) == (Status.DONE, "the-task")


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection"), OSError("disk"), RedisConnectionError()],
    ids=["database", "disk", "redis"],
)
def test_a_transient_error_gives_the_claim_back_and_is_raised_for_a_retry(disnaker, builder, error):
    job = make_job(disnaker)
    builder.error = error

    with pytest.raises(type(error)):
        export_jobs.dashboard_export_run(export_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.QUEUED
    assert job.progress == 0
    assert not job.file
    builder.error = None
    assert export_jobs.dashboard_export_run(export_id=job.pk) is True
    job.refresh_from_db()
    assert job.status == Status.DONE


def test_any_other_error_fails_the_job_with_a_message_in_indonesian(disnaker, builder):
    job = make_job(disnaker)
    builder.error = ZeroDivisionError("rahasia dalam traceback")

    assert export_jobs.dashboard_export_run(export_id=job.pk) is True

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.finished_at is not None
    assert not job.file
    assert "Berkas tidak dapat dibuat" in job.error
    assert "rahasia" not in job.error and "Error" not in job.error


def test_the_task_retries_transient_errors_then_fails_the_job(disnaker, builder, monkeypatch):
    # As in a worker: the task's failure ends in its state, not raised to the caller.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    job = make_job(disnaker)
    builder.error = OperationalError("down")
    task = tasks.make_dashboard_export

    # Eagerly, the retries run at once, one after the other; each can claim the job again.
    result = task.apply(args=[job.pk], throw=False)

    assert result.state == "FAILURE"
    assert len(builder.calls) == 1 + task.max_retries
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "Coba lagi" in job.error


def test_the_export_task_is_safe_to_deliver_twice_and_retries_with_backoff():
    task = tasks.make_dashboard_export

    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert set(task.autoretry_for) == {OperationalError, OSError, RedisConnectionError}
    assert task.retry_backoff is True
    assert task.retry_backoff_max
    assert task.max_retries == 5


# Beat jobs ------------------------------------------------------------------------------


def test_the_beat_runs_the_export_and_refresh_jobs_and_every_entry_is_a_registered_task():
    celery_app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert {
        "dashboard.tasks.refresh_dashboard_figures",
        "dashboard.tasks.delete_expired_dashboard_exports",
        "dashboard.tasks.fail_stalled_dashboard_exports",
    } <= scheduled
    assert scheduled <= celery_app.tasks.keys()


def test_expired_exports_lose_their_file_and_row_and_younger_ones_stay(disnaker, settings):
    now = timezone.now()
    old, young = make_job(disnaker, ready=True), make_job(disnaker, ready=True)
    DashboardExport.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=8))
    DashboardExport.objects.filter(pk=young.pk).update(created_at=now - datetime.timedelta(days=6))
    old_path = settings.PRIVATE_MEDIA_ROOT / old.file.name
    young_path = settings.PRIVATE_MEDIA_ROOT / young.file.name
    assert old_path.exists()

    assert tasks.delete_expired_dashboard_exports() == 1

    assert list(DashboardExport.objects.all()) == [young]
    assert not old_path.exists()
    assert young_path.exists()


def test_stalled_exports_fail_and_moving_or_finished_ones_stay(disnaker):
    now = timezone.now()
    stalled, moving = make_job(disnaker, status=Status.BUILDING), make_job(disnaker)
    done = make_job(disnaker, ready=True)
    DashboardExport.objects.filter(pk__in=[stalled.pk, done.pk]).update(
        updated_at=now - datetime.timedelta(minutes=31)
    )

    assert tasks.fail_stalled_dashboard_exports() == 1

    statuses = dict(DashboardExport.objects.values_list("pk", "status"))
    assert statuses == {stalled.pk: Status.FAILED, moving.pk: Status.QUEUED, done.pk: Status.DONE}
    assert "terhenti" in DashboardExport.objects.get(pk=stalled.pk).error


def test_the_nightly_refresh_counts_the_days_figures_before_the_first_reader(
    db, django_assert_num_queries
):
    from dashboard.figures import dashboard_figures

    tasks.refresh_dashboard_figures()

    with django_assert_num_queries(0):
        dashboard_figures(IndicatorFilters())


# Who sees what --------------------------------------------------------------------------


def test_each_reader_sees_their_own_exports_and_the_secretariat_sees_all(
    disnaker, disnaker_b, secretariat, manager_a
):
    mine, theirs = make_job(disnaker), make_job(disnaker_b)
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    visible = DashboardExport.objects.visible_to

    assert list(visible(disnaker)) == [mine]
    assert list(visible(disnaker_b)) == [theirs]
    assert set(visible(secretariat)) == set(visible(superuser)) == {mine, theirs}
    assert not visible(manager_a).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not visible(AnonymousUser()).exists()


def test_deleting_a_user_deletes_their_exports(disnaker):
    make_job(disnaker)

    disnaker.delete()

    assert not DashboardExport.objects.exists()


def job_urls(job):
    return [
        reverse(name, kwargs={"pk": job.pk})
        for name in (
            "dashboard:export-detail",
            "dashboard:export-progress",
            "dashboard:export-download",
        )
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, disnaker):
    job = make_job(disnaker, ready=True)

    for url in [reverse("dashboard:export-list"), *job_urls(job)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("manager:login"))
    response = client.post(reverse("dashboard:export-list"), {"format": "xlsx"})
    assert response.status_code == 302
    assert not DashboardExport.objects.exclude(pk=job.pk).exists()


def test_managers_are_refused(client, manager_a, disnaker, queued):
    job = make_job(disnaker, ready=True)
    client.force_login(manager_a)

    for url in [reverse("dashboard:export-list"), *job_urls(job)]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("dashboard:export-list"), {"format": "xlsx"}).status_code == 403
    assert queued == []


@pytest.mark.parametrize(
    ("reader", "own", "other"),
    [("disnaker", 200, 404), ("disnaker_b", 404, 200), ("secretariat", 200, 200)],
)
def test_who_follows_and_downloads_which_export(
    client, request, disnaker, disnaker_b, reader, own, other
):
    """``own``: what the reader gets for Disnaker A's export; ``other``: for Disnaker B's."""
    a_job, b_job = make_job(disnaker, ready=True), make_job(disnaker_b, ready=True)
    client.force_login(request.getfixturevalue(reader))

    for job, expected in ((a_job, own), (b_job, other)):
        for url in job_urls(job):
            assert client.get(url).status_code == expected, url


def test_the_list_shows_what_one_may_download_newest_first(client, disnaker, disnaker_b):
    older = make_job(disnaker, ready=True, filter_labels=[["Kecamatan", "Balaraja"]])
    newer = make_job(disnaker, status=Status.BUILDING)
    make_job(disnaker_b, ready=True, file_name="milik-orang-lain.xlsx")
    client.force_login(disnaker)

    response = client.get(reverse("dashboard:export-list"))

    assert list(response.context["exports"]) == [newer, older]
    content = response.content.decode()
    assert "Kecamatan: Balaraja" in content
    assert "Tanpa filter" in content
    assert reverse("dashboard:export-download", kwargs={"pk": older.pk}) in content
    assert reverse("dashboard:export-download", kwargs={"pk": newer.pk}) not in content
    assert "milik-orang-lain" not in content
    assert "dihapus otomatis 7 hari" in content
    assert_nothing_inline(content)


# Pages ----------------------------------------------------------------------------------


def test_the_dashboard_posts_its_valid_filters_with_the_export_buttons(client, disnaker, balaraja):
    client.force_login(disnaker)

    response = client.get(
        reverse("dashboard:home"),
        {"kecamatan": balaraja.code, "tahun_dari": "2024", "tahun_sampai": "x", "halaman": "2"},
    )

    content = response.content.decode()
    form = content[content.index('action="/dasbor/ekspor/"') :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'<input type="hidden" name="kecamatan" value="{balaraja.code}">' in form
    assert '<input type="hidden" name="tahun_dari" value="2024">' in form
    assert "tahun_sampai" not in form and "halaman" not in form
    assert 'name="format" value="xlsx"' in form and "Unduh XLSX" in form
    assert 'name="format" value="pdf"' in form and "Unduh PDF" in form
    assert_nothing_inline(content)


def test_starting_an_export_leads_to_its_page_and_then_its_file(
    client, disnaker, balaraja, builder, django_capture_on_commit_callbacks
):
    client.force_login(disnaker)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dashboard:export-list"), {"format": "xlsx", "kecamatan": balaraja.code}
        )

    job = DashboardExport.objects.get()
    assert response.status_code in (302, 303)
    assert response["Location"] == job.get_absolute_url()
    assert job.requested_by == disnaker
    assert job.status == Status.DONE
    assert builder.calls[0][0] == IndicatorFilters(district=balaraja.pk)
    page = client.get(job.get_absolute_url())
    content = page.content.decode()
    download = reverse("dashboard:export-download", kwargs={"pk": job.pk})
    assert download in content
    assert "import_progress.js" not in content
    assert_nothing_inline(content)

    response = client.get(download)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{job.file_name}"'
    assert b"".join(response.streaming_content) == builder.content


def test_an_unknown_format_is_reported(client, disnaker, queued):
    client.force_login(disnaker)

    response = client.post(reverse("dashboard:export-list"), {"format": "docx"}, follow=True)

    assert "Pilih ekspor XLSX atau PDF" in response.content.decode()
    assert not DashboardExport.objects.exists()


def test_a_running_export_shows_its_progress_and_polls_it(client, disnaker):
    job = make_job(disnaker, status=Status.BUILDING, progress=40)
    client.force_login(disnaker)

    page = client.get(job.get_absolute_url())
    progress = client.get(reverse("dashboard:export-progress", kwargs={"pk": job.pk}))

    content = page.content.decode()
    assert '<progress id="export-progress-bar"' in content
    assert 'aria-valuenow="40"' in content
    assert "js/import_progress.js" in content
    assert "Muat ulang halaman ini" in content
    assert_nothing_inline(content)
    assert "no-store" in progress["Cache-Control"]
    assert progress.json() == {
        "status": "dibuat",
        "status_label": "Sedang dibuat",
        "percent": 40,
        "done": False,
        "ready": False,
        "url": job.get_absolute_url(),
    }


def test_a_file_not_ready_is_not_served(client, disnaker):
    job = make_job(disnaker, status=Status.BUILDING)
    client.force_login(disnaker)

    response = client.get(reverse("dashboard:export-download", kwargs={"pk": job.pk}))

    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()


def test_a_failed_export_says_why_and_leads_back_to_its_filters(client, disnaker, balaraja):
    job = make_job(
        disnaker,
        status=Status.FAILED,
        error="Berkas tidak dapat dibuat karena kesalahan tak terduga.",
        filters={"kecamatan": balaraja.code},
    )
    client.force_login(disnaker)

    content = client.get(job.get_absolute_url()).content.decode()

    assert "Berkas tidak dapat dibuat karena kesalahan tak terduga." in content
    assert f'href="/dasbor/?kecamatan={balaraja.code}"' in content
    assert reverse("dashboard:export-download", kwargs={"pk": job.pk}) not in content


def test_starting_exports_is_rate_limited_per_user(
    client, disnaker, disnaker_b, queued, monkeypatch
):
    monkeypatch.setattr(export_views, "EXPORT_RATE", "2/h")
    client.force_login(disnaker)
    url = reverse("dashboard:export-list")

    statuses = [client.post(url, {"format": "xlsx"}).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert DashboardExport.objects.count() == 2
    refused = client.post(url, {"format": "pdf"})
    assert "terlalu banyak ekspor" in refused.content.decode()
    client.force_login(disnaker_b)
    assert client.post(url, {"format": "xlsx"}).status_code == 302


def test_the_menu_leads_to_the_exports(client, disnaker):
    client.force_login(disnaker)

    content = client.get(reverse("dashboard:home")).content.decode()

    assert f'href="{reverse("dashboard:export-list")}"' in content


def test_export_pages_keep_their_query_count_as_exports_grow(
    client, disnaker, secretariat, django_assert_max_num_queries
):
    for _ in range(3):
        make_job(disnaker, ready=True)
    job = make_job(disnaker, status=Status.BUILDING)
    client.force_login(secretariat)
    pages = [reverse("dashboard:export-list"), *job_urls(job)[:2]]
    for url in pages:
        client.get(url)
    for _ in range(20):
        make_job(factories.UserFactory(role=roles.DISNAKER), ready=True)

    for url in pages:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


# Admin ----------------------------------------------------------------------------------


def test_the_secretariat_lists_every_export_in_the_admin_and_changes_none(
    client, secretariat, disnaker, disnaker_b
):
    a_job, b_job = make_job(disnaker, ready=True), make_job(disnaker_b)
    client.force_login(secretariat)
    changelist = reverse("admin:dashboard_dashboardexport_changelist")

    response = client.get(changelist)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [b_job, a_job]
    assert reverse("dashboard:export-download", kwargs={"pk": a_job.pk}) in (
        response.content.decode()
    )
    change = reverse("admin:dashboard_dashboardexport_change", args=[a_job.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"status": "gagal"}).status_code == 403
    assert client.get(reverse("admin:dashboard_dashboardexport_add")).status_code == 403
    a_job.refresh_from_db()
    assert a_job.status == Status.DONE


def test_staff_outside_the_secretariat_do_not_see_exports_in_the_admin(client, db, disnaker):
    make_job(disnaker)
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.get(reverse("admin:dashboard_dashboardexport_changelist"))

    assert response.status_code == 403


def test_a_pdf_export_is_made_by_the_report_builder_and_served_as_a_pdf(
    client, disnaker, django_capture_on_commit_callbacks
):
    client.force_login(disnaker)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dashboard:export-list"), {"format": "pdf"})

    job = DashboardExport.objects.get()
    assert job.status == Status.DONE, job.error
    assert job.file_name.endswith(".pdf")
    response = client.get(reverse("dashboard:export-download", kwargs={"pk": job.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
