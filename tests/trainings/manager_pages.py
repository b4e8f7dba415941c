"""This app's pages of the manager portal, for the role matrix (see tests/manager_portal.py)."""

from tests.manager_portal import ManagerPage

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
    ManagerPage("manager:application-list"),
    # No object in the address: B's manager posting A's application gets 404 (see the tests).
    ManagerPage(
        "manager:application-decide",
        post_data=lambda world: {"enrollments": [world.application.pk], "decision": "reject"},
        own_get=405,
    ),
    ManagerPage(
        "manager:enrollment-update",
        kwargs=lambda world: {"pk": world.graduate.pk},
        post_data=lambda world: {
            "competency_result": "kompeten",
            "certificate_number": "SERT-BARU-001",
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
