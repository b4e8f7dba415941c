"""This app's pages of the manager portal, for the role matrix (see tests/manager_portal.py)."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.manager_portal import ManagerPage
from tests.pdfs import BLANK_PDF
from trainings import imports
from trainings.models import Enrollment, ParticipantImport

PAGES: list[ManagerPage] = []


def program_post_data(world) -> dict:
    """A valid program form for BLKK A (its primary kejuruan, dates a month ahead)."""
    program = world.program
    return {
        "field": world.institution.primary_field_id,
        "title": "Pelatihan Tata Boga Angkatan Baru",
        "description": "Pelatihan memasak untuk usaha katering.",
        "start_date": program.start_date.isoformat(),
        "end_date": program.end_date.isoformat(),
        "registration_closes": program.registration_closes.isoformat(),
        "hours": 120,
        "quota": 16,
        "funding_source": "apbd",
        "instructors": [world.instructor.pk],
    }


def trainee_post_data(world) -> dict:
    trainee = world.trainee
    return {
        "phone": "0812-9999-0000",
        "email": "baru@example.test",
        "address": "Kp. Baru RT 02/03",
        "district": trainee.district_id,
        "village": "",
        "education": trainee.education,
        "occupation": trainee.occupation,
    }


def rejected_application(world):
    """A rejected applicant of A's program, made the first time a page asks for it (the
    world may outlive the test that made it, see below)."""
    rejected = Enrollment.Status.REJECTED
    return Enrollment.objects.filter(program=world.program, status=rejected).first() or (
        factories.EnrollmentFactory(program=world.program, status=rejected)
    )


def results_post_data(world):
    """The results table of the graduate's program, with a new training certificate."""
    graduate = world.graduate
    return {
        "hasil-TOTAL_FORMS": 1,
        "hasil-INITIAL_FORMS": 1,
        "hasil-0-id": graduate.pk,
        "hasil-0-outcome": "lulus",
        "hasil-0-competency_result": graduate.competency_result,
        "hasil-0-training_certificate_number": "SERT-TABEL-001",
        "hasil-0-competency_scheme": graduate.competency_scheme,
        "hasil-0-competency_certificate_issuer": graduate.competency_certificate_issuer,
        "hasil-0-competency_certificate_number": graduate.competency_certificate_number,
        "hasil-0-competency_certificate_date": graduate.competency_certificate_date.isoformat(),
    }


# Programs, applications, enrollments and trainees (trainings/views/programs.py, enrollments.py).
PAGES += [
    ManagerPage("manager:program-list"),
    ManagerPage("manager:program-create", post_data=program_post_data),
    ManagerPage(
        "manager:program-detail",
        kwargs=lambda world: {"pk": world.program.pk},
        target=lambda world: world.program,
    ),
    ManagerPage(
        "manager:program-update",
        kwargs=lambda world: {"pk": world.program.pk},
        post_data=program_post_data,
        target=lambda world: world.program,
    ),
    ManagerPage(
        "manager:program-transition",
        kwargs=lambda world: {"pk": world.program.pk},
        post_data=lambda world: {"transition": "close_registration"},
        target=lambda world: world.program,
        own_get=405,
    ),
    ManagerPage(
        "manager:program-participants-move",
        kwargs=lambda world: {"pk": world.program.pk},
        post_data=lambda world: {
            "enrollments": [world.application.pk],
            "move": "withdraw",
            "confirm": "1",
        },
        target=lambda world: world.program,
        own_get=405,
    ),
    ManagerPage(
        "manager:program-results",
        kwargs=lambda world: {"pk": world.graduate.program_id},
        post_data=results_post_data,
        target=lambda world: world.graduate,
    ),
    ManagerPage("manager:application-list"),
    # No object in the address: B's manager posting A's application gets 404 (see the tests).
    ManagerPage(
        "manager:application-decide",
        post_data=lambda world: {
            "enrollments": [world.application.pk],
            "decision": "reject",
            "rejection_reason": "dokumen",
            "confirm": "1",
        },
        own_get=405,
    ),
    ManagerPage(
        "manager:application-reopen",
        kwargs=lambda world: {"pk": rejected_application(world).pk},
        post_data=lambda world: {},
        target=rejected_application,
        own_get=405,
    ),
    ManagerPage(
        "manager:enrollment-update",
        kwargs=lambda world: {"pk": world.graduate.pk},
        post_data=lambda world: {
            "competency_result": "kompeten",
            "training_certificate_number": "SERT-BARU-001",
            "competency_scheme": "Penjahit Pakaian Wanita",
            "competency_certificate_issuer": "LSP Garmen Indonesia",
            "competency_certificate_number": "LSP-GI/BARU/001",
            "competency_certificate_date": world.graduate.competency_certificate_date.isoformat(),
            "note": "Sertifikat diperbaiki.",
        },
        target=lambda world: world.graduate,
    ),
    ManagerPage("manager:trainee-list"),
    ManagerPage(
        "manager:trainee-detail",
        kwargs=lambda world: {"pk": world.trainee.pk},
        target=lambda world: world.trainee,
    ),
    ManagerPage(
        "manager:trainee-update",
        kwargs=lambda world: {"pk": world.trainee.pk},
        post_data=trainee_post_data,
        target=lambda world: world.trainee,
    ),
]


# Participant import and PBK reports ---------------------------------------------------------


# The helpers below read the database rather than the world object: a world may outlive the
# test that made these records (tests/manager_portal.py, module_manager_world).


def participant_import_job(world):
    """A finished import of A's program, made the first time a page asks for it."""
    return ParticipantImport.objects.filter(program=world.program).first() or (
        factories.ParticipantImportFactory(program=world.program, uploaded_by=world.manager)
    )


def pbk_with_report(world):
    """A's PBK grant, with a realisation report on file."""
    world.pbk.refresh_from_db()
    if not world.pbk.report_file:
        world.pbk.report_file.save("laporan.pdf", ContentFile(BLANK_PDF))
    return world.pbk


def participants_file(world) -> dict:
    """The CSV template with its example row filled in."""
    content = imports.template_file(imports.CSV) + ",".join(imports.example_row()).encode()
    return {"file": SimpleUploadedFile("peserta.csv", content, content_type="text/csv")}


PAGES += [
    ManagerPage(
        "manager:participant-import",
        kwargs=lambda world: {"pk": world.program.pk},
        post_data=participants_file,
        target=lambda world: world.program,
    ),
    ManagerPage(
        "manager:participant-import-template",
        kwargs=lambda world: {"pk": world.program.pk, "file_format": "xlsx"},
        target=lambda world: world.program,
    ),
    ManagerPage(
        "manager:participant-import-status",
        kwargs=lambda world: {"pk": participant_import_job(world).pk},
        target=participant_import_job,
    ),
    ManagerPage(
        "manager:participant-import-progress",
        kwargs=lambda world: {"pk": participant_import_job(world).pk},
        target=participant_import_job,
    ),
    ManagerPage("manager:pbk-list"),
    ManagerPage(
        "manager:pbk-report-upload",
        kwargs=lambda world: {"pk": world.pbk.pk},
        post_data=lambda world: {
            "report_file": SimpleUploadedFile(
                "laporan.pdf", BLANK_PDF, content_type="application/pdf"
            ),
            "report_submitted_on": "",
        },
        target=lambda world: world.pbk,
    ),
    ManagerPage(
        "manager:pbk-report-download",
        kwargs=lambda world: {"pk": pbk_with_report(world).pk},
        target=pbk_with_report,
    ),
]
