"""In a real browser: Disnaker filters the dashboard by a kecamatan, exports it as XLSX,
follows the job to its end, downloads the file, and reads the page's own numbers in it."""

import openpyxl
import pytest
from playwright.sync_api import expect

from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests import factories
from tests.dashboard.test_export_jobs import summary_value

FIGURES = {"program": "Program terlaksana", "peserta": "Peserta", "blkk-aktif": "BLKK aktif"}


def sign_in(page, live_server, path: str) -> None:
    """Disnaker "disnaker-uji" signs in through the login form and lands on ``path``."""
    page.goto(f"{live_server.url}/pengelola/masuk/?next={path}")
    page.locator("#id_username").fill("disnaker-uji")
    page.locator("#id_password").fill("rahasia-uji-123")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}{path}")


@pytest.mark.browser
def test_disnaker_exports_the_filtered_dashboard_and_the_file_says_what_the_page_says(
    page, live_server, transactional_db, tmp_path
):
    from institutions.models import District

    factories.UserFactory(username="disnaker-uji", role="Disnaker")
    balaraja, cikupa = (
        District.objects.get(regency__code=KABUPATEN_TANGERANG_CODE, name=name)
        for name in ("Balaraja", "Cikupa")
    )
    here = factories.InstitutionFactory(district=balaraja)
    elsewhere = factories.InstitutionFactory(district=cikupa)
    for institution, programs in ((here, 2), (elsewhere, 3)):
        for _ in range(programs):
            program = factories.TrainingProgramFactory(institution=institution)
            factories.GraduateFactory(program=program)
            factories.GraduateFactory(program=program)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))

    sign_in(page, live_server, "/dasbor/")

    page.locator("#id_kecamatan").select_option(balaraja.code)
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(f"**/dasbor/?*kecamatan={balaraja.code}*")
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".map((canvas) => Boolean(Chart.getChart(canvas)))"
    )
    assert drawn and all(drawn)
    shown = {
        label: int(page.locator(f"#angka-{key}").inner_text().replace(".", ""))
        for key, label in FIGURES.items()
    }
    assert shown["Program terlaksana"] == 2

    page.get_by_role("button", name="Unduh XLSX").click()
    page.wait_for_url(f"{live_server.url}/dasbor/ekspor/*/")
    link = page.locator("#export-download")
    link.wait_for(timeout=30_000)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value

    assert download.suggested_filename.startswith("indikator-fkblkk-")
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    assert {label: summary_value(workbook, label) for label in FIGURES.values()} == shown
    assert summary_value(workbook, "Kecamatan") == "Balaraja"
    assert errors == []


@pytest.mark.browser
def test_the_job_page_follows_a_running_export_until_its_file_is_ready(
    page, live_server, transactional_db
):
    from django.core.files.base import ContentFile

    from dashboard.models import DashboardExport

    user = factories.UserFactory(username="disnaker-uji", role="Disnaker")
    job = DashboardExport.objects.create(
        requested_by=user,
        format="xlsx",
        file_name="indikator-fkblkk-uji.xlsx",
        status=DashboardExport.Status.BUILDING,
        progress=40,
    )
    sign_in(page, live_server, f"/dasbor/ekspor/{job.pk}/")
    expect(page.locator("#export-progress-bar")).to_have_attribute("aria-valuenow", "40")

    DashboardExport.objects.filter(pk=job.pk).update(progress=75)
    expect(page.locator("#export-progress-bar")).to_have_attribute("aria-valuenow", "75")
    job.file.save("uji.xlsx", ContentFile(b"PK"), save=False)
    job.status, job.progress = DashboardExport.Status.DONE, 100
    job.save()

    expect(page.locator("#export-download")).to_be_visible(timeout=15_000)
