"""Two journeys on a phone (390 px), measured in taps, fields and page loads (issue 14).

A visitor finds a sewing program in Cikupa from the home page, applies, and later withdraws
through the personal link of her confirmation e-mail. A manager does the work of a month at
her BLKK: an applicant to decide, a class's results, a cohort's tracers and a PBK report.
``tests/fkblkk/journeys.py`` says what counts; each test prints and records its numbers, and
fails when a change makes the journey longer than it is today.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from alumni.models import Outcome
from core import roles
from institutions.models import Gender, Village
from tests import factories
from tests.dates import days, today
from tests.pdfs import BLANK_PDF
from trainings import services
from trainings.models import Enrollment, PBKAssistance, TrainingProgram
from trainings.validators import compose_nik

from .journeys import PHONE, Counts, Journey

pytestmark = pytest.mark.browser

Status = Enrollment.Status
Result = Enrollment.CompetencyResult


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))
    return errors


# The visitor ---------------------------------------------------------------------------

# Today's flow: 10 taps (Cari pelatihan, search, the program, Daftar sekarang, gender,
# consent, Kirim, the e-mail's link, Mundur, Ya), 11 fields (the search, six typed on the
# form, kecamatan, desa, education, occupation) and 9 pages (home, catalogue, results,
# program, form, terkirim, personal page, its confirmation, withdrawn).
VISITOR_AT_MOST = Counts(actions=10, fields_filled=11, page_loads=9)


@pytest.fixture
def sewing_in_cikupa(transactional_db, tangerang_district):
    """An open sewing program in Cikupa with one seat left, among programs that resemble it:
    sewing elsewhere, welding in Cikupa."""
    sewing = factories.VocationalFieldFactory(name="Menjahit", slug="menjahit")
    welding = factories.VocationalFieldFactory(name="Teknik Las", slug="teknik-las")
    cikupa, balaraja = tangerang_district("Cikupa"), tangerang_district("Balaraja")
    manager = factories.UserFactory(role=roles.MANAGER)
    in_cikupa = factories.InstitutionFactory(
        name="BLKK Al-Falah", district=cikupa, primary_field=sewing, managers=[manager]
    )
    program = factories.TrainingProgramFactory(
        institution=in_cikupa, field=sewing, title="Menjahit Busana Muslim", quota=2
    )
    factories.EnrollmentFactory(program=program, status=Status.ACCEPTED)
    factories.TrainingProgramFactory(institution=in_cikupa, field=welding, title="Las Listrik")
    factories.TrainingProgramFactory(
        institution=factories.InstitutionFactory(district=balaraja, primary_field=sewing),
        field=sewing,
        title="Menjahit Pakaian Wanita",
    )
    return program, manager


def test_visitor_finds_a_program_applies_and_withdraws_through_her_link(
    page: Page, live_server, sewing_in_cikupa, console_errors
):
    """Counted from the home page's address typed in; her acceptance is the BLKK's doing."""
    program, manager = sewing_in_cikupa
    district = program.institution.district
    village = Village.objects.filter(district=district).order_by("name").first()
    birth_date = days(-25 * 365)
    page.set_viewport_size(PHONE)
    journey = Journey("visitor-apply-withdraw", page)

    journey.arrive(live_server.url + "/")
    journey.go(page.get_by_role("link", name="Cari pelatihan"))
    journey.fill(page.locator("#id_q"), "menjahit cikupa")
    journey.send_with_enter(page.locator("#id_q"))
    cards = page.locator(".program-card")
    expect(cards).to_have_count(1)
    journey.screenshot("1-search")
    journey.go(cards.get_by_role("link", name=program.title))
    journey.go(page.get_by_role("link", name="Daftar sekarang"))

    nik = compose_nik(district.code, birth_date, Gender.FEMALE, 4321)
    typed = {
        "nik": nik,
        "full_name": "Nur Aini",
        "birth_date": birth_date.isoformat(),
        "phone": "081299887766",
        "email": "nur.aini@example.test",
        "address": "Kp. Bojong RT 02/05",
    }
    for name, text in typed.items():
        journey.fill(page.locator(f"#id_{name}"), text)
    journey.tap(page.locator(f"input[name=gender][value={Gender.FEMALE}]"))
    # The kabupaten/kota is Kabupaten Tangerang already; the desa list follows the kecamatan.
    journey.choose(page.locator("#id_district"), label=district.name)
    expect(page.locator(f"#id_village option[value='{village.pk}']")).to_be_attached()
    journey.choose(page.locator("#id_village"), str(village.pk))
    journey.choose(page.locator("#id_education"), "sma")
    journey.choose(page.locator("#id_occupation"), "tidak_bekerja")
    journey.tap(page.locator("#id_consent"))
    journey.screenshot("2-form")
    journey.go(page.get_by_role("button", name="Kirim pendaftaran"))
    expect(page.locator("h1")).to_contain_text("Pendaftaran terkirim")
    journey.screenshot("3-sent")

    # The personal link, in the e-mail and behind the confirmation page's button.
    enrollment = Enrollment.objects.get(program=program, trainee__nik=nik)
    assert [message.to for message in mail.outbox] == [["nur.aini@example.test"]]
    personal_path = re.search(r"/pendaftaran/[^/\s]+/", mail.outbox[0].body).group()
    expect(page.get_by_role("link", name="Lihat status pendaftaran")).to_have_attribute(
        "href", personal_path
    )

    # Days later the BLKK accepts her, which takes the last seat; then she cannot come.
    services.enrollment_decide(
        enrollment_ids=[enrollment.pk],
        decision=services.Decision.ACCEPT,
        message="",
        user=manager,
        institution=program.institution,
    )
    assert program.seats_left() == 0

    journey.arrive(live_server.url + personal_path, by_tapping=True)
    expect(page.get_by_text("Selamat, Anda diterima sebagai peserta.")).to_be_visible()
    journey.go(page.get_by_role("link", name="Mundur dari pelatihan"))
    journey.screenshot("4-confirm-withdrawal")
    journey.go(page.get_by_role("button", name="Ya, saya mundur"))
    expect(page.get_by_text("Anda sudah mundur dari pelatihan ini.")).to_be_visible()
    journey.screenshot("5-withdrawn")

    enrollment.refresh_from_db()
    assert enrollment.status == Status.WITHDRAWN
    assert program.seats_left() == 1
    assert console_errors == []
    counts = journey.record()
    assert counts.actions <= VISITOR_AT_MOST.actions
    assert counts.fields_filled <= VISITOR_AT_MOST.fields_filled
    assert counts.page_loads <= VISITOR_AT_MOST.page_loads


# The manager's month -------------------------------------------------------------------

# Issue 14's target for the month's navigation and submissions, from the manager's home.
MONTHLY_TARGET = Counts(actions=12, page_loads=6)
# What today's pages take: "Pembaruan bulanan" from the home page (1 tap, 1 page), which holds
# every task's form: the applicant accepted (1 tap, 1 page), the results table (30 fields, 1 tap,
# 1 page), the cohort's tracers (9 fields, 1 tap, 1 page) and the PBK report (a file chosen, 1
# tap, 1 page). Each save comes back to the page with the next task in place.
MONTHLY_AT_MOST = Counts(actions=6, fields_filled=39, page_loads=5)

PARTICIPANTS = 10
GRADUATES = 5
PASSWORD = "rahasia-uji-123"


@pytest.fixture
def month_of_work(transactional_db):
    """A BLKK with an applicant waiting, a class of 10 that ended without results, 5 graduates
    whose 3-month tracer is due, and a PBK report due in ten days."""
    manager = factories.UserFactory(username="pengelola-bulanan", role=roles.MANAGER)
    sewing = factories.VocationalFieldFactory(name="Menjahit", slug="menjahit")
    institution = factories.InstitutionFactory(
        name="BLKK Darul Ulum", primary_field=sewing, managers=[manager]
    )
    open_program = factories.TrainingProgramFactory(
        institution=institution, title="Menjahit Angkatan 3"
    )
    applicant = factories.EnrollmentFactory(
        program=open_program, trainee=factories.TraineeFactory(full_name="Siti Pendaftar")
    )
    ended = factories.TrainingProgramFactory(
        institution=institution,
        title="Menjahit Angkatan 2",
        status=TrainingProgram.Status.RUNNING,
        start_date=days(-35),
        end_date=days(-5),
        registration_closes=days(-42),
    )
    participants = [
        factories.EnrollmentFactory(
            program=ended,
            status=Status.IN_TRAINING,
            trainee=factories.TraineeFactory(full_name=f"Peserta Angkatan Dua {number:02d}"),
        )
        for number in range(1, PARTICIPANTS + 1)
    ]
    traced = factories.TrainingProgramFactory(
        institution=institution,
        title="Menjahit Angkatan 1",
        status=TrainingProgram.Status.COMPLETED,
        start_date=days(-140),
    )
    graduates = [
        factories.GraduateFactory(
            program=traced,
            trainee=factories.TraineeFactory(full_name=f"Lulusan Angkatan Satu {number}"),
        )
        for number in range(1, GRADUATES + 1)
    ]
    grant = factories.PBKAssistanceFactory(
        institution=institution, year=today().year, report_due_date=days(10)
    )
    return {
        "manager": manager,
        "applicant": applicant,
        "ended": ended,
        "participants": participants,
        "traced": traced,
        "graduates": graduates,
        "grant": grant,
    }


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/pengelola/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("heading", name="Perlu ditindaklanjuti")).to_be_visible()
    page.wait_for_load_state("load")


def reach_monthly_updates(journey: Journey) -> None:
    journey.go(journey.page.get_by_role("link", name="Pembaruan bulanan").first)


def saved(page: Page, message: str) -> None:
    expect(page.get_by_text(message)).to_be_visible()


# What each task takes once its rows are on screen, wherever the page that shows them.


def fill_results(journey: Journey, participants: list[Enrollment]) -> dict[int, tuple]:
    """Graduate everyone; the last three are not yet competent. Returns the rows typed."""
    typed = {}
    for number, participant in enumerate(participants, start=1):
        result = Result.COMPETENT if number <= len(participants) - 3 else Result.NOT_YET_COMPETENT
        certificate = f"SP-DU/{today().year}/{number:03d}"
        row = journey.page.get_by_role("group", name=participant.trainee.full_name)
        journey.choose(row.locator("select[name$='-outcome']"), Status.GRADUATED)
        journey.choose(row.locator("select[name$='-competency_result']"), result)
        journey.fill(row.locator("input[name$='-training_certificate_number']"), certificate)
        typed[participant.pk] = (Status.GRADUATED, result, certificate)
    return typed


def fill_tracers(journey: Journey, graduates: list[Enrollment]) -> dict[int, str]:
    """Three at work, one in business, one not working yet. Returns the statuses typed."""
    statuses = [Outcome.Status.WAGE_JOB] * 3 + [
        Outcome.Status.OWN_BUSINESS,
        Outcome.Status.NOT_WORKING,
    ]
    for graduate, status in zip(graduates, statuses, strict=True):
        row: Locator = journey.page.locator(f"#lulusan-{graduate.pk}")
        journey.choose(row.locator("select[name$='-status']"), status)
        if status in Outcome.PLACED_STATUSES:
            journey.fill(row.locator("input[name$='-employer_or_business']"), "Konveksi Maju")
    return {graduate.pk: status for graduate, status in zip(graduates, statuses, strict=True)}


def test_manager_does_the_monthly_update_on_a_phone(
    page: Page, live_server, month_of_work, console_errors
):
    """Counted from the home page the sign-in lands on; signing in is not part of the month."""
    world = month_of_work
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, world["manager"].username)
    journey = Journey("manager-monthly-update", page)
    journey.screenshot("1-home")

    applicant = world["applicant"]
    reach_monthly_updates(journey)
    journey.go(page.locator("#pendaftar").get_by_role("button", name="Terima", exact=True))
    saved(page, "1 pendaftar diterima")

    results = fill_results(journey, world["participants"])
    journey.screenshot("2-results")
    # Every task's form on one page, and still nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    journey.go(page.get_by_role("button", name="Simpan semua hasil"))
    saved(page, "Hasil semua peserta disimpan.")

    tracers = fill_tracers(journey, world["graduates"])
    journey.screenshot("3-tracers")
    journey.go(page.get_by_role("button", name="Simpan semua tracer"))
    saved(page, f"{GRADUATES} hasil tracer disimpan.")

    report = page.locator("#laporan-pbk")
    journey.choose_file(
        report.get_by_label("Laporan realisasi (PDF)"), "laporan.pdf", BLANK_PDF, "application/pdf"
    )
    journey.screenshot("4-pbk-report")
    journey.go(report.get_by_role("button", name="Unggah laporan"))
    saved(page, "Laporan realisasi disimpan.")
    expect(page.get_by_text("Tidak ada yang menunggu bulan ini.")).to_be_visible()
    journey.screenshot("5-done")

    applicant.refresh_from_db()
    assert applicant.status == Status.ACCEPTED
    assert {
        enrollment.pk: (
            enrollment.status,
            enrollment.competency_result,
            enrollment.training_certificate_number,
        )
        for enrollment in Enrollment.objects.filter(program=world["ended"])
    } == results
    recorded = Outcome.objects.filter(months_after=Outcome.MonthsAfter.THREE)
    assert dict(recorded.values_list("enrollment", "status")) == tracers
    grant = PBKAssistance.objects.get(pk=world["grant"].pk)
    assert (bool(grant.report_file), grant.report_submitted_on) == (True, today())
    assert console_errors == []

    counts = journey.record(target=MONTHLY_TARGET)
    assert counts.actions <= MONTHLY_AT_MOST.actions
    assert counts.fields_filled <= MONTHLY_AT_MOST.fields_filled
    assert counts.page_loads <= MONTHLY_AT_MOST.page_loads
