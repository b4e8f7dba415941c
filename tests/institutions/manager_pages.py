"""This app's pages of the manager portal, for the role matrix (see tests/manager_portal.py)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from institutions.models import InstitutionPhoto
from tests import factories
from tests.manager_portal import ManagerPage


def png_upload(width: int = 800, height: int = 600, name: str = "foto.png") -> SimpleUploadedFile:
    """A real PNG of that size, as a browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "seagreen").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def photo(world):
    """BLKK A's photo (the shared world has none), made the first time a page asks for it.
    Read from the database: a world may outlive the test that made the photo."""
    return InstitutionPhoto.objects.filter(institution=world.institution).first() or (
        factories.InstitutionPhotoFactory(institution=world.institution)
    )


def formset_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def instructor_data(world, **changes) -> dict:
    """A valid POST of the instructor page with no certificate or training rows."""
    return {
        "full_name": "Siti Aminah",
        "gender": "P",
        "field": world.institution.primary_field_id,
        "phone": "0812-3456-7890",
        "email": "siti@example.test",
        "is_active": "on",
        **formset_management("certificates"),
        **formset_management("trainings"),
        **changes,
    }


PAGES: list[ManagerPage] = [
    ManagerPage(
        "manager:institution-update",
        post_data=lambda world: {"address": "Jl. Pesantren No. 5"},
    ),
    ManagerPage(
        "manager:institution-photo-create",
        post_data=lambda world: {"image": png_upload(), "caption": "Bengkel", "position": 1},
    ),
    ManagerPage(
        "manager:institution-photo-update",
        kwargs=lambda world: {"pk": photo(world).pk},
        post_data=lambda world: {"caption": "Ruang praktik", "position": 2},
        target=photo,
    ),
    ManagerPage(
        "manager:institution-photo-delete",
        kwargs=lambda world: {"pk": photo(world).pk},
        post_data=lambda world: {},
        target=photo,
    ),
    ManagerPage("manager:instructor-list"),
    ManagerPage("manager:instructor-create", post_data=instructor_data),
    ManagerPage(
        "manager:instructor-update",
        kwargs=lambda world: {"pk": world.instructor.pk},
        post_data=instructor_data,
        target=lambda world: world.instructor,
    ),
    ManagerPage(
        "manager:instructor-delete",
        kwargs=lambda world: {"pk": world.instructor.pk},
        # The world's instructor teaches a program: they are deactivated, not deleted.
        post_data=lambda world: {"nonaktifkan": "1"},
        target=lambda world: world.instructor,
    ),
]
