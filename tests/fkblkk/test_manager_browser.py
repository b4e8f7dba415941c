"""The manager portal in headless Chromium: a manager's working day, on a phone.

A manager signs in, edits the BLKK's profile, creates a program and publishes it, finds it on
the public listing, and accepts an application. Every page is checked for console errors
(the strict CSP would report blocked code there) and screenshotted into
``test-artifacts/screenshots/manager-<step>.png``.
"""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from institutions.models import Institution
from tests import factories
from trainings.models import Enrollment, TrainingProgram

pytestmark = pytest.mark.browser

SCREENSHOTS = settings.BASE_DIR / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
PASSWORD = "rahasia-uji-123"


@pytest.fixture
def blkk(transactional_db):
    """BLKK A with its manager, an instructor, and one open program with an applicant."""
    manager = factories.UserFactory(username="pengelola-a", role="Pengelola BLKK")
    institution = factories.InstitutionFactory(name="BLKK Al-Hidayah", managers=[manager])
    factories.InstructorFactory(institution=institution, full_name="Ustadz Hasan")
    application = factories.EnrollmentFactory(
        program=factories.TrainingProgramFactory(institution=institution, title="Menjahit Dasar"),
        trainee=factories.TraineeFactory(full_name="Siti Aminah", email="siti@example.test"),
    )
    return institution, manager, application


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))
    return errors


def shot(page: Page, step: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"manager-{step}.png", full_page=True)


def open_menu(page: Page, label: str) -> None:
    """The menu folds behind the toggler on a phone."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    page.locator("#backoffice-nav").get_by_role("link", name=label, exact=True).click()


def test_a_manager_edits_the_profile_publishes_a_program_and_accepts_an_application(
    page: Page, live_server, blkk, console_errors
):
    institution, manager, application = blkk
    page.set_viewport_size(PHONE)

    # Signing in: the portal sends an anonymous visitor to its login page.
    page.goto(f"{live_server.url}/pengelola/")
    expect(page.get_by_role("heading", name="Masuk ke portal pengelola")).to_be_visible()
    shot(page, "login")
    page.locator("#id_username").fill(manager.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="BLKK Al-Hidayah")).to_be_visible()
    shot(page, "home")

    # The profile.
    open_menu(page, "Profil BLKK")
    page.locator("#id_description").fill("Pelatihan menjahit dan tata boga untuk santri.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").first).to_be_visible()
    shot(page, "profile")
    institution.refresh_from_db()
    assert institution.description == "Pelatihan menjahit dan tata boga untuk santri."

    # A new program, then published.
    open_menu(page, "Program")
    page.get_by_role("link", name="Tambah program").click()
    start = timezone.localdate() + datetime.timedelta(days=40)
    page.locator("#id_field").select_option(str(institution.primary_field_id))
    page.locator("#id_title").fill("Tata Boga Angkatan 1")
    page.locator("#id_description").fill("Memasak untuk usaha katering rumahan.")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + datetime.timedelta(days=20)).isoformat())
    page.locator("#id_registration_closes").fill((start - datetime.timedelta(days=7)).isoformat())
    page.locator("#id_hours").fill("120")
    page.locator("#id_quota").fill("16")
    page.locator("#id_funding_source").select_option("apbd")
    page.get_by_label("Ustadz Hasan").check()
    shot(page, "program-form")
    page.get_by_role("button", name="Simpan").click()
    program = TrainingProgram.objects.get(title="Tata Boga Angkatan 1")
    assert program.status == TrainingProgram.Status.DRAFT
    page.get_by_role("button", name="Umumkan").click()
    expect(page.get_by_text("Diumumkan").first).to_be_visible()
    shot(page, "program")
    program.refresh_from_db()
    assert program.status == TrainingProgram.Status.PUBLISHED

    # Visitors see it.
    page.goto(f"{live_server.url}/pelatihan/")
    expect(page.get_by_role("link", name="Tata Boga Angkatan 1")).to_be_visible()

    # The application, accepted one by one.
    page.goto(f"{live_server.url}/pengelola/")
    open_menu(page, "Pendaftar")
    expect(page.get_by_text("Siti Aminah").first).to_be_visible()
    shot(page, "applications")
    page.get_by_role("button", name="Terima", exact=True).first.click()
    expect(page.get_by_role("status").first).to_be_visible()
    shot(page, "application-accepted")
    application.refresh_from_db()
    assert application.status == Enrollment.Status.ACCEPTED
    # The e-mail waits for the undo window (see test_a_manager_rejects_with_a_reason_then_undoes).
    assert mail.outbox == []

    assert console_errors == []
    assert Institution.objects.get().description.startswith("Pelatihan menjahit")


def test_a_manager_rejects_with_a_reason_then_undoes_it_on_a_phone(
    page: Page, live_server, blkk, console_errors
):
    _institution, manager, application = blkk
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/pengelola/masuk/")
    page.locator("#id_username").fill(manager.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/pengelola/pendaftar/")

    # "Tolak" asks first: nothing changes until a reason is given.
    page.get_by_role("button", name="Tolak…").first.click()
    expect(page.get_by_role("heading", name="1 pendaftar akan ditolak")).to_be_visible()
    page.get_by_role("button", name="Ya, tolak").click()
    expect(page.get_by_text("Pilih alasan penolakan.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Enrollment.Status.APPLIED
    page.get_by_label("Lainnya").check()
    page.get_by_role("button", name="Ya, tolak").click()
    expect(page.get_by_text('Tuliskan alasannya bila memilih "Lainnya".')).to_be_visible()
    page.get_by_label("Alasan lain atau pesan untuk pendaftar").fill("Jadwal bentrok.")
    page.get_by_role("button", name="Ya, tolak").click()

    # Rejected, the e-mail waits, and the message leads to the undo button.
    expect(page.get_by_text("1 pendaftar ditolak. E-mail dikirim 10 menit lagi")).to_be_visible()
    shot(page, "application-rejected")
    application.refresh_from_db()
    assert (application.status, application.decision_message) == (
        Enrollment.Status.REJECTED,
        "Jadwal bentrok.",
    )
    page.get_by_role("link", name="Batalkan").click()
    page.get_by_role("button", name="Batalkan keputusan").click()
    expect(page.get_by_text("tidak ada e-mail yang dikirim")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Enrollment.Status.APPLIED
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert mail.outbox == []
    assert console_errors == []
