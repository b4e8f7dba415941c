"""The manager's PBK pages: grants with their participants, and the realisation report (PDF)."""

import datetime
import itertools
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core import roles
from tests import factories
from tests.pdfs import BLANK_PDF
from trainings.models import Enrollment, FundingSource, PBKAssistance


@pytest.fixture
def manager_client(client, manager_a, institution_a):
    client.force_login(manager_a)
    return client


@pytest.fixture
def grant(institution_a):
    return factories.PBKAssistanceFactory(
        institution=institution_a,
        report_due_date=timezone.localdate() + datetime.timedelta(days=60),
    )


def upload_url(grant):
    return reverse("manager:pbk-report-upload", kwargs={"pk": grant.pk})


def download_url(grant):
    return reverse("manager:pbk-report-download", kwargs={"pk": grant.pk})


def pdf_upload(name="laporan.pdf", content=BLANK_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_uploading_a_pdf_before_the_due_date_submits_on_time(manager_client, grant, manager_a):
    response = manager_client.post(upload_url(grant), {"report_file": pdf_upload()})

    assert response.status_code == 302
    assert response["Location"] == reverse("manager:pbk-list")
    grant.refresh_from_db()
    assert grant.report_submitted_on == timezone.localdate()
    assert grant.report_status() == PBKAssistance.ReportStatus.ON_TIME
    assert grant.history.first().history_user == manager_a


def test_uploading_after_the_due_date_is_submitted_late(manager_client, grant):
    grant.report_due_date = timezone.localdate() - datetime.timedelta(days=3)
    grant.save()

    manager_client.post(upload_url(grant), {"report_file": pdf_upload()})

    grant.refresh_from_db()
    assert grant.report_status() == PBKAssistance.ReportStatus.SUBMITTED_LATE


def test_the_submission_date_may_be_given_but_not_in_the_future(manager_client, grant):
    earlier = timezone.localdate() - datetime.timedelta(days=10)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    refused = manager_client.post(
        upload_url(grant), {"report_file": pdf_upload(), "report_submitted_on": tomorrow}
    )
    manager_client.post(
        upload_url(grant), {"report_file": pdf_upload(), "report_submitted_on": earlier}
    )

    assert "tidak boleh di masa depan" in str(refused.context["form"].errors)
    grant.refresh_from_db()
    assert grant.report_submitted_on == earlier


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        (
            SimpleUploadedFile("laporan.pdf", b"GIF89a bukan pdf"),
            "Berkas harus berupa dokumen PDF.",
        ),
        (SimpleUploadedFile("laporan.docx", BLANK_PDF), "Ekstensi berkas"),
    ],
    ids=["not-pdf", "wrong-extension"],
)
def test_non_pdf_is_refused_and_nothing_changes(manager_client, grant, file, reason):
    response = manager_client.post(upload_url(grant), {"report_file": file})

    assert response.status_code == 200
    assert reason in str(response.context["form"].errors["report_file"])
    grant.refresh_from_db()
    assert not grant.report_file
    assert grant.report_submitted_on is None


def test_oversized_pdf_is_refused(manager_client, grant, settings):
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 20

    response = manager_client.post(upload_url(grant), {"report_file": pdf_upload()})

    assert "Berkas terlalu besar" in str(response.context["form"].errors["report_file"])
    grant.refresh_from_db()
    assert not grant.report_file


def test_a_report_is_required(manager_client, grant):
    response = manager_client.post(upload_url(grant), {})

    assert response.status_code == 200
    assert response.context["form"].errors["report_file"]


def test_replacing_a_report_keeps_the_old_one_in_the_history(manager_client, grant):
    manager_client.post(upload_url(grant), {"report_file": pdf_upload("pertama.pdf")})
    manager_client.post(
        upload_url(grant), {"report_file": pdf_upload("kedua.pdf", BLANK_PDF + b"2")}
    )

    grant.refresh_from_db()
    names = [record.report_file for record in grant.history.order_by("history_date")]
    assert len({name for name in names if name}) == 2
    assert grant.report_file.name.startswith("pbk/reports/kedua")
    first = next(name for name in names if name and "pertama" in name)
    assert grant.report_file.storage.exists(first)


def test_report_lives_outside_media_root_and_has_no_url(manager_client, grant, settings):
    manager_client.post(upload_url(grant), {"report_file": pdf_upload()})

    grant.refresh_from_db()
    path = Path(grant.report_file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        grant.report_file.url  # noqa: B018


def with_report(grant):
    grant.report_file.save("laporan.pdf", ContentFile(BLANK_PDF))
    return grant


def test_own_manager_downloads_the_report_as_an_attachment(manager_client, grant):
    response = manager_client.get(download_url(with_report(grant)))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == BLANK_PDF


def test_another_blkks_manager_gets_404(client, manager_b, institution_b, grant):
    client.force_login(manager_b)

    assert client.get(download_url(with_report(grant))).status_code == 404
    assert client.get(upload_url(grant)).status_code == 404


def test_download_without_a_report_is_404(manager_client, grant):
    assert manager_client.get(download_url(grant)).status_code == 404


def test_secretariat_downloads_through_the_admin_and_staff_without_permission_cannot(
    client, secretariat, grant
):
    url = reverse("admin:trainings_pbkassistance_report", args=[with_report(grant).pk])
    client.force_login(secretariat)
    response = client.get(url)
    change_page = client.get(reverse("admin:trainings_pbkassistance_change", args=[grant.pk]))

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert url in change_page.content.decode()

    clerk = factories.UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_trainingprogram"))
    client.force_login(clerk)
    assert client.get(url).status_code == 403


def test_list_shows_actual_participants_and_status_within_a_fixed_budget(
    manager_client, institution_a, django_assert_max_num_queries
):
    years = itertools.count(2017)

    def make_grants(count):
        for year in itertools.islice(years, count):
            grant = factories.PBKAssistanceFactory(
                institution=institution_a, year=year, report_due_date=datetime.date(year, 12, 15)
            )
            program = factories.TrainingProgramFactory(
                institution=institution_a,
                funding_source=FundingSource.PBK,
                pbk_assistance=grant,
                start_date=datetime.date(grant.year, 3, 1),
                end_date=datetime.date(grant.year, 4, 1),
                registration_closes=datetime.date(grant.year, 2, 20),
            )
            factories.EnrollmentFactory(program=program, status=Enrollment.Status.ACCEPTED)
            factories.EnrollmentFactory(program=program, status=Enrollment.Status.APPLIED)

    make_grants(3)
    with django_assert_max_num_queries(10) as few:
        response = manager_client.get(reverse("manager:pbk-list"))
    assert [grant.actual_participants for grant in response.context["grants"]] == [1, 1, 1]
    assert "Rp 250.000.000" in response.content.decode()

    make_grants(27)
    with django_assert_max_num_queries(len(few)):
        response = manager_client.get(reverse("manager:pbk-list"))
    assert len(response.context["grants"]) == 25


def test_pbk_is_in_the_manager_menu(manager_client):
    response = manager_client.get(reverse("manager:home"))

    assert reverse("manager:pbk-list") in response.content.decode()


def test_list_shows_only_the_own_blkk(manager_client, grant, institution_b):
    other = factories.PBKAssistanceFactory(institution=institution_b)

    grants = manager_client.get(reverse("manager:pbk-list")).context["grants"]

    assert list(grants) == [grant]
    assert other not in grants


def test_manager_role_is_required(client, disnaker, grant):
    client.force_login(disnaker)

    assert client.get(download_url(with_report(grant))).status_code == 403
    assert roles.has_role(disnaker, roles.DISNAKER)


def test_a_refused_upload_shows_what_is_stored(manager_client, grant):
    response = manager_client.post(
        upload_url(grant), {"report_file": SimpleUploadedFile("laporan.pdf", b"bukan pdf")}
    )

    content = response.content.decode()
    assert download_url(grant) not in content
    assert "Belum jatuh tempo" in content
