import datetime
import random
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from institutions import boundaries
from institutions.models import (
    District,
    Institution,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    KemnakerAssistance,
    Regency,
    check_district_in_regency,
)
from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests import factories
from tests.assertions import (
    clean_errors,
    constraint_tests,
    scoping_tests,
)

pytestmark = pytest.mark.django_db


def duplicate_manager_link():
    link = factories.InstitutionFactory(managers=[factories.UserFactory()]).manager_links.get()
    return {"user": link.user, "institution": link.institution}


def duplicate_certificate():
    certificate = factories.InstructorCertificateFactory()
    return {"issuer": certificate.issuer, "number": certificate.number}


# (factory, violating fields, Indonesian message or None when Django's own message is used)
VIOLATIONS = [
    pytest.param(
        factories.InstitutionFactory,
        lambda: {"year_built": 1999},
        "Tahun dibangun harus antara 2000 dan 2100.",
        id="institution_year_built_plausible",
    ),
    pytest.param(
        factories.InstitutionFactory,
        lambda: {"latitude": Decimal("90.5")},
        "Lintang harus antara -90 dan 90.",
        id="institution_latitude_range",
    ),
    pytest.param(
        factories.InstitutionFactory,
        lambda: {"longitude": Decimal("-180.5")},
        "Bujur harus antara -180 dan 180.",
        id="institution_longitude_range",
    ),
    pytest.param(
        factories.InstitutionManagerFactory,
        duplicate_manager_link,
        None,
        id="institution_manager_unique",
    ),
    pytest.param(
        factories.InstructorCertificateFactory,
        lambda: {"issued_on": datetime.date(2024, 1, 2), "valid_until": datetime.date(2024, 1, 1)},
        "Tanggal berlaku tidak boleh sebelum tanggal terbit.",
        id="certificate_validity_after_issue",
    ),
    pytest.param(
        factories.InstructorCertificateFactory,
        duplicate_certificate,
        None,
        id="certificate_number_unique",
    ),
    pytest.param(
        factories.InstructorTrainingFactory,
        lambda: {"start_date": datetime.date(2024, 1, 2), "end_date": datetime.date(2024, 1, 1)},
        "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        id="instructor_training_dates_ordered",
    ),
    pytest.param(
        factories.InstructorTrainingFactory,
        lambda: {"hours": 0},
        "Jumlah JP harus lebih dari nol.",
        id="instructor_training_hours_positive",
    ),
    pytest.param(
        factories.ForumOfficerFactory,
        lambda: {
            "period_start": datetime.date(2024, 1, 1),
            "period_end": datetime.date(2024, 1, 1),
        },
        "Akhir masa bakti harus setelah awal masa bakti.",
        id="officer_period_ordered",
    ),
    pytest.param(
        factories.KemnakerAssistanceFactory,
        lambda: {"value": Decimal("-1")},
        "Nilai bantuan tidak boleh negatif.",
        id="kemnaker_assistance_value_not_negative",
    ),
    pytest.param(
        factories.SecretariatContactFactory,
        lambda: {"id": 2},
        "Kontak sekretariat hanya ada satu.",
        id="secretariat_contact_single_row",
    ),
    pytest.param(
        factories.SecretariatContactFactory,
        lambda: {"latitude": Decimal("-90.5"), "longitude": Decimal("106.5")},
        "Lintang harus antara -90 dan 90.",
        id="secretariat_contact_latitude_range",
    ),
    pytest.param(
        factories.SecretariatContactFactory,
        lambda: {"latitude": Decimal("-6.2"), "longitude": Decimal("180.5")},
        "Bujur harus antara -180 dan 180.",
        id="secretariat_contact_longitude_range",
    ),
    pytest.param(
        factories.SecretariatContactFactory,
        lambda: {"latitude": Decimal("-6.2")},
        "Isi lintang dan bujur bersama, atau kosongkan keduanya.",
        id="secretariat_contact_coordinates_together",
    ),
]


(
    test_every_constraint_of_the_app_has_a_violation_case,
    test_database_refuses_a_violating_row,
    test_validate_constraints_reports_the_violation,
) = constraint_tests("institutions", VIOLATIONS)


def test_validity_may_end_on_the_issue_day():
    day = datetime.date(2024, 1, 1)
    factories.InstructorCertificateFactory(issued_on=day, valid_until=day).full_clean()


def test_institution_village_must_lie_in_its_district(village_outside_district):
    village, district = village_outside_district
    institution = factories.InstitutionFactory.build(district=district, village=village)
    assert clean_errors(institution)["village"] == [
        "Desa/kelurahan Cangkudu tidak berada di Kecamatan Tigaraksa."
    ]


def test_kecamatan_must_lie_in_the_kabupaten_kota():
    balaraja = District.objects.get(code="36.03.01")
    with pytest.raises(ValidationError) as refused:
        check_district_in_regency(balaraja, Regency.objects.get(code="36.74"))
    assert refused.value.message_dict == {
        "district": ["Kecamatan Balaraja tidak berada di Kota Tangerang Selatan."]
    }
    check_district_in_regency(balaraja, balaraja.regency)


def test_only_kabupaten_tangerang_is_the_home_regency():
    assert Regency.objects.get(code="36.03").is_home
    assert not Regency.objects.get(code="36.71").is_home


def test_institution_village_in_its_district_is_accepted():
    village = factories.VillageFactory()
    factories.InstitutionFactory(district=village.district, village=village).full_clean()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0812-3456-7890", "+6281234567890"), ("62 857 0000 1111", "+6285700001111")],
)
def test_full_clean_stores_the_public_phone_as_plus_62(typed, stored):
    institution = factories.InstitutionFactory(public_phone=typed)
    institution.full_clean()
    assert institution.public_phone == stored


def test_full_clean_refuses_a_landline_as_mobile_number():
    instructor = factories.InstructorFactory(phone="021-5551234")
    assert clean_errors(instructor)["phone"] == [
        "Nomor HP tidak valid. Tulis nomor seluler Indonesia, misalnya 0812-3456-7890."
    ]


def test_logo_that_is_a_text_file_is_refused():
    institution = factories.InstitutionFactory()
    institution.logo.save("logo.png", ContentFile(b"bukan gambar"), save=False)
    assert "Berkas ini bukan gambar yang sah." in clean_errors(institution)["logo"]


def test_institution_teaches_its_primary_and_added_fields():
    institution = factories.InstitutionFactory()
    added, other = factories.VocationalFieldFactory(), factories.VocationalFieldFactory()
    institution.fields.add(added)
    assert institution.teaches(institution.primary_field)
    assert institution.teaches(added)
    assert not institution.teaches(other)


# Scoping ------------------------------------------------------------------------------


def test_managed_by_answers_the_institutions_of_the_manager(
    institution_a, institution_b, manager_a, manager_b
):
    assert list(Institution.objects.managed_by(manager_a)) == [institution_a]
    assert list(Institution.objects.managed_by(manager_b)) == [institution_b]


def test_managed_by_lists_every_institution_of_a_manager_of_two(institution_a, manager_a):
    second = factories.InstitutionFactory(managers=[manager_a])
    assert set(Institution.objects.managed_by(manager_a)) == {institution_a, second}


def test_managed_by_gives_nothing_to_anonymous_inactive_and_unlinked_users(
    institution_a, manager_a, secretariat
):
    assert not Institution.objects.managed_by(AnonymousUser()).exists()
    assert not Institution.objects.managed_by(secretariat).exists()
    manager_a.is_active = False
    manager_a.save()
    assert not Institution.objects.managed_by(manager_a).exists()


SCOPED = [
    pytest.param(
        Instructor,
        lambda institution: factories.InstructorFactory(institution=institution),
        id="Instructor",
    ),
    pytest.param(
        InstructorCertificate,
        lambda institution: factories.InstructorCertificateFactory(
            instructor__institution=institution
        ),
        id="InstructorCertificate",
    ),
    pytest.param(
        InstructorTraining,
        lambda institution: factories.InstructorTrainingFactory(
            instructor__institution=institution
        ),
        id="InstructorTraining",
    ),
    pytest.param(
        InstitutionPhoto,
        lambda institution: factories.InstitutionPhotoFactory(institution=institution),
        id="InstitutionPhoto",
    ),
    pytest.param(
        KemnakerAssistance,
        lambda institution: factories.KemnakerAssistanceFactory(institution=institution),
        id="KemnakerAssistance",
    ),
]


(
    test_every_model_with_for_manager_has_a_scoping_case,
    test_for_manager_shows_a_manager_only_their_rows,
) = scoping_tests("institutions", SCOPED)


# Coordinates inside the kecamatan --------------------------------------------------------

BALARAJA = "36.03.01"


@pytest.mark.parametrize(
    ("latitude", "longitude", "inside"),
    [
        ("-6.195432", "106.450000", True),
        # Lintang and bujur swapped.
        ("106.450000", "-6.195432", False),
        # In Kosambi, on the coast far east of Balaraja.
        ("-6.080000", "106.690000", False),
    ],
)
def test_a_blkk_is_placed_inside_its_kecamatan(latitude, longitude, inside):
    institution = factories.InstitutionFactory.build(
        district=factories.DistrictFactory(code=BALARAJA),
        primary_field=factories.VocationalFieldFactory(),
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
    )

    if inside:
        institution.full_clean()
    else:
        with pytest.raises(ValidationError, match="berada di luar Kecamatan"):
            institution.full_clean()


def test_every_kecamatan_of_the_regency_has_a_boundary_holding_points_drawn_in_it():
    rng = random.Random("boundaries")
    districts = District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE)
    assert districts.count() == 29
    for district in districts:
        assert boundaries.has_boundary(district.code), district
        latitude, longitude = boundaries.point_inside(district.code, rng)
        assert boundaries.lies_in(district.code, latitude, longitude)


def test_a_kecamatan_without_a_known_boundary_is_not_checked():
    elsewhere = factories.DistrictFactory(
        code="32.01.01", regency=factories.RegencyFactory(code="32.01", name="Kabupaten Bogor")
    )
    institution = factories.InstitutionFactory.build(
        district=elsewhere,
        primary_field=factories.VocationalFieldFactory(),
        latitude=Decimal("-6.595"),
        longitude=Decimal("106.816"),
    )

    institution.full_clean()
