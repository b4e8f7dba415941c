"""The manager's participant import pages: upload, template, progress and result."""

import io
from unittest import mock

import openpyxl
import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from core import roles
from core.roles import sync_role_permissions
from tests import factories
from tests.trainings.test_imports import HEADER, csv_bytes, row, xlsx_bytes
from trainings.models import ParticipantImport, Trainee, TrainingProgram


@pytest.fixture
def program(institution_a):
    return factories.TrainingProgramFactory(
        institution=institution_a, status=TrainingProgram.Status.OPEN, quota=20
    )


@pytest.fixture
def manager_client(client, manager_a, institution_a):
    client.force_login(manager_a)
    return client


def upload(client, program, name, content, capture):
    url = reverse("manager:participant-import", kwargs={"pk": program.pk})
    with capture(execute=True):
        return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_good_file_is_imported_and_the_status_page_shows_the_counts(
    manager_client, program, django_capture_on_commit_callbacks
):
    response = upload(
        manager_client,
        program,
        "angkatan.xlsx",
        xlsx_bytes([row(1), row(2)]),
        django_capture_on_commit_callbacks,
    )

    job = ParticipantImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "manager:participant-import-status", kwargs={"pk": job.pk}
    )
    assert job.status == ParticipantImport.Status.DONE
    assert job.original_name == "angkatan.xlsx"
    assert program.enrollments.count() == 2
    page = manager_client.get(response["Location"])
    assert page.status_code == 200
    assert "2 peserta diimpor dan diterima" in page.content.decode()
    assert "Peserta baru: 2" in page.content.decode()


def test_bad_file_status_page_lists_every_bad_row(
    manager_client, program, django_capture_on_commit_callbacks
):
    response = upload(
        manager_client,
        program,
        "peserta.csv",
        csv_bytes([row(1), row(2, phone="123"), row(3, district="Antah")]),
        django_capture_on_commit_callbacks,
    )

    page = manager_client.get(response["Location"])
    content = page.content.decode()
    assert "Tidak ada yang disimpan" in content
    assert "Nomor HP tidak valid" in content
    assert "Kecamatan “Antah” tidak ditemukan" in content
    assert [error["line"] for error in page.context["job"].errors] == [3, 4]
    assert not program.enrollments.exists()


def test_oversized_file_is_refused_on_the_form_before_parsing(
    manager_client, program, settings, django_capture_on_commit_callbacks
):
    settings.MAX_IMPORT_UPLOAD_BYTES = 500
    with mock.patch("openpyxl.load_workbook") as load_workbook:
        response = upload(
            manager_client,
            program,
            "peserta.xlsx",
            xlsx_bytes([row(1)]),
            django_capture_on_commit_callbacks,
        )

    load_workbook.assert_not_called()
    assert response.status_code == 200
    assert "Berkas terlalu besar" in str(response.context["form"].errors["file"])
    assert not ParticipantImport.objects.exists()


def test_renamed_file_is_refused_with_a_message(
    manager_client, program, django_capture_on_commit_callbacks
):
    response = upload(
        manager_client,
        program,
        "peserta.xlsx",
        b"%PDF-1.4 bukan excel",
        django_capture_on_commit_callbacks,
    )

    assert "bukan berkas Excel (.xlsx) yang sah" in response.content.decode()
    assert not ParticipantImport.objects.exists()


def test_closed_program_takes_no_import(
    manager_client, program, django_capture_on_commit_callbacks
):
    program.status = TrainingProgram.Status.COMPLETED
    program.save()

    response = upload(
        manager_client,
        program,
        "peserta.csv",
        csv_bytes([row(1)]),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert not ParticipantImport.objects.exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_template_downloads_with_the_header(manager_client, program, file_format):
    url = reverse(
        "manager:participant-import-template", kwargs={"pk": program.pk, "file_format": file_format}
    )

    response = manager_client.get(url)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert [cell.value for cell in sheet[1]] == HEADER
    else:
        assert response.content.decode("utf-8-sig").strip() == ",".join(HEADER)


def test_unknown_template_format_is_404(manager_client, program):
    url = reverse(
        "manager:participant-import-template", kwargs={"pk": program.pk, "file_format": "pdf"}
    )

    assert manager_client.get(url).status_code == 404


def test_progress_json_for_the_own_blkk(manager_client, program, manager_a):
    job = factories.ParticipantImportFactory(
        program=program,
        uploaded_by=manager_a,
        status=ParticipantImport.Status.CHECKING,
        total_rows=400,
        processed_rows=100,
        finished_at=None,
    )

    response = manager_client.get(
        reverse("manager:participant-import-progress", kwargs={"pk": job.pk})
    )

    assert response.status_code == 200
    assert response.json() == {
        "status": "diperiksa",
        "status_label": "Sedang diperiksa",
        "processed": 100,
        "total": 400,
        "percent": 25,
        "done": False,
        "url": reverse("manager:participant-import-status", kwargs={"pk": job.pk}),
    }
    page = manager_client.get(job.get_absolute_url())
    content = page.content.decode()
    assert 'aria-valuenow="25"' in content
    assert "js/import_progress.js" in content
    assert "Muat ulang halaman ini" in content


def test_another_blkks_job_and_program_are_404(manager_client, institution_b, manager_b):
    other_program = factories.TrainingProgramFactory(institution=institution_b)
    job = factories.ParticipantImportFactory(program=other_program, uploaded_by=manager_b)

    for name, pk in [
        ("manager:participant-import-progress", job.pk),
        ("manager:participant-import-status", job.pk),
        ("manager:participant-import", other_program.pk),
    ]:
        assert manager_client.get(reverse(name, kwargs={"pk": pk})).status_code == 404
    response = manager_client.post(
        reverse("manager:participant-import", kwargs={"pk": other_program.pk}),
        {"file": SimpleUploadedFile("peserta.csv", csv_bytes([row(1)]))},
    )
    assert response.status_code == 404
    assert not Trainee.objects.filter(nik=row(1)[0]).exists()


def test_pages_keep_to_their_query_budget(
    manager_client, program, manager_a, django_assert_max_num_queries
):
    failed = factories.ParticipantImportFactory(
        program=program,
        uploaded_by=manager_a,
        status=ParticipantImport.Status.FAILED,
        errors=[{"line": line, "column": "NIK", "message": "Salah"} for line in range(2, 500)],
    )
    factories.ParticipantImportFactory.create_batch(5, program=program, uploaded_by=manager_a)

    with django_assert_max_num_queries(12):
        assert manager_client.get(failed.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(12):
        url = reverse("manager:participant-import", kwargs={"pk": program.pk})
        assert manager_client.get(url).status_code == 200


# In a real browser ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_progress_bar_follows_the_job_and_the_page_shows_the_result(page, live_server, client):
    sync_role_permissions(django_apps)
    manager = factories.UserFactory(role=roles.MANAGER)
    program = factories.TrainingProgramFactory(
        institution=factories.InstitutionFactory(managers=[manager])
    )
    job = factories.ParticipantImportFactory(
        program=program,
        uploaded_by=manager,
        status=ParticipantImport.Status.CHECKING,
        total_rows=200,
        processed_rows=20,
        finished_at=None,
    )
    client.force_login(manager)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto(live_server.url + job.get_absolute_url())
    bar = page.locator("#import-progress-bar")
    expect(bar).to_have_attribute("aria-valuenow", "10")
    ParticipantImport.objects.filter(pk=job.pk).update(processed_rows=150)
    expect(bar).to_have_attribute("aria-valuenow", "75", timeout=10_000)
    expect(page.locator("#import-progress-text")).to_have_text("150 / 200")
    ParticipantImport.objects.filter(pk=job.pk).update(status=ParticipantImport.Status.DONE)

    expect(page.get_by_text("3 peserta diimpor dan diterima")).to_be_visible(timeout=10_000)
    assert blocked == []
