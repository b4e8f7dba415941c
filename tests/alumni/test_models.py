import datetime

import pytest

from alumni.models import CommunityGroup, Enterprise, Outcome
from tests import factories
from tests.assertions import (
    assert_database_refuses,
    clean_errors,
    constraint_tests,
    scoping_tests,
)
from tests.dates import days
from trainings.models import Enrollment

pytestmark = pytest.mark.django_db


def duplicate_outcome():
    outcome = factories.OutcomeFactory()
    return {"enrollment": outcome.enrollment, "months_after": outcome.months_after}


def duplicate_group_name():
    group = factories.CommunityGroupFactory()
    return {"institution": group.institution, "name": group.name}


VIOLATIONS = [
    pytest.param(
        factories.OutcomeFactory,
        duplicate_outcome,
        "Tracer untuk lulusan dan periode ini sudah ada.",
        id="outcome_once_per_graduate_and_period",
    ),
    pytest.param(
        factories.OutcomeFactory,
        lambda: {"monthly_income": -1},
        "Penghasilan tidak boleh negatif.",
        id="outcome_income_not_negative",
    ),
    pytest.param(
        factories.EnterpriseFactory,
        lambda: {"owner_consents_to_publish": False},
        "Usaha hanya boleh ditampilkan jika pemilik sudah menyetujui (dengan tanggalnya).",
        id="enterprise_published_only_with_consent",
    ),
    pytest.param(
        factories.EnterpriseFactory,
        lambda: {"monthly_revenue": -1},
        "Omzet tidak boleh negatif.",
        id="enterprise_revenue_not_negative",
    ),
    pytest.param(
        factories.CommunityGroupFactory,
        lambda: {"members": 0},
        "Jumlah anggota harus lebih dari nol.",
        id="community_group_has_members",
    ),
    pytest.param(
        factories.CommunityGroupFactory,
        duplicate_group_name,
        None,
        id="community_group_name_unique_per_institution",
    ),
]


(
    test_every_constraint_of_the_app_has_a_violation_case,
    test_database_refuses_a_violating_row,
    test_validate_constraints_reports_the_violation,
) = constraint_tests("alumni", VIOLATIONS)


def test_database_refuses_a_published_enterprise_without_the_consent_date():
    assert_database_refuses(
        lambda: factories.EnterpriseFactory(consent_recorded_on=None),
        "enterprise_published_only_with_consent",
    )


def test_unpublished_enterprise_needs_no_consent():
    factories.EnterpriseFactory(
        is_published=False, owner_consents_to_publish=False, consent_recorded_on=None
    ).full_clean()


def test_published_lists_only_enterprises_shown_with_consent():
    shown = factories.EnterpriseFactory()
    factories.EnterpriseFactory(is_published=False)
    assert list(Enterprise.objects.published()) == [shown]


# Only graduates -------------------------------------------------------------------------

NOT_GRADUATED = [s for s in Enrollment.Status.values if s != Enrollment.Status.GRADUATED]
ONLY_GRADUATES = "Hanya lulusan yang dapat dicatat di sini."


@pytest.mark.parametrize("status", NOT_GRADUATED)
def test_outcome_is_only_for_graduates(status):
    outcome = factories.OutcomeFactory.build(enrollment=factories.EnrollmentFactory(status=status))
    assert clean_errors(outcome) == {"enrollment": [ONLY_GRADUATES]}


@pytest.mark.parametrize("status", NOT_GRADUATED)
def test_enterprise_owner_must_be_a_graduate(status):
    enterprise = factories.EnterpriseFactory.build(
        owner=factories.EnrollmentFactory(status=status), district=factories.DistrictFactory()
    )
    assert clean_errors(enterprise) == {"owner": [ONLY_GRADUATES]}


@pytest.mark.parametrize(
    ("months", "days_after_graduation", "refused"),
    [
        (3, 0, True),
        (3, 77, True),
        (3, 78, False),
        (6, 120, True),
        (12, 352, False),
    ],
    ids=["3-on-graduation-day", "3-too-early", "3-two-weeks-early", "6-at-4", "12-on-time"],
)
def test_a_tracer_period_counts_from_the_graduation_day(months, days_after_graduation, refused):
    # Graduated on 1 March 2025: three months on is 1 June (92 days), twelve 1 March 2026.
    graduated_on = datetime.date(2025, 3, 1)
    graduate = factories.GraduateFactory(completed_on=graduated_on)
    outcome = factories.OutcomeFactory.build(
        enrollment=graduate,
        months_after=months,
        surveyed_on=graduated_on + datetime.timedelta(days=days_after_graduation),
    )

    if refused:
        [message] = clean_errors(outcome)["surveyed_on"]
        assert "(lulus 1 Maret 2025) baru bisa dicatat sejak" in message
    else:
        outcome.full_clean()


def test_a_tracer_survey_is_not_dated_in_the_future():
    outcome = factories.OutcomeFactory.build(
        enrollment=factories.GraduateFactory(), surveyed_on=days(1)
    )
    assert clean_errors(outcome) == {
        "surveyed_on": ["Tanggal pendataan tidak boleh di masa depan."]
    }


def test_graduate_outcome_and_enterprise_are_accepted():
    factories.OutcomeFactory().full_clean()
    factories.EnterpriseFactory().full_clean()


@pytest.mark.parametrize(
    ("status", "placed"),
    [
        (Outcome.Status.WAGE_JOB, True),
        (Outcome.Status.OWN_BUSINESS, True),
        (Outcome.Status.FURTHER_STUDY, False),
        (Outcome.Status.NOT_WORKING, False),
    ],
)
def test_placed_outcomes_are_wage_jobs_and_own_businesses(status, placed):
    assert Outcome(status=status).is_placed is placed


# Places and PBK -----------------------------------------------------------------------


@pytest.mark.parametrize("factory", [factories.EnterpriseFactory, factories.CommunityGroupFactory])
def test_village_must_lie_in_the_district(factory, village_outside_district):
    village, district = village_outside_district
    row = factory.build(district=district, village=village)
    assert clean_errors(row)["village"] == [
        "Desa/kelurahan Cangkudu tidak berada di Kecamatan Tigaraksa."
    ]


def test_community_group_pbk_grant_must_be_its_institutions(institution_a, institution_b):
    group = factories.CommunityGroupFactory.build(
        institution=institution_a,
        pbk_assistance=factories.PBKAssistanceFactory(institution=institution_b),
    )
    assert clean_errors(group) == {"pbk_assistance": ["Bantuan PBK ini milik BLKK lain."]}


def test_community_group_through_its_institutions_pbk_grant_is_accepted(institution_a):
    factories.CommunityGroupFactory(
        institution=institution_a,
        pbk_assistance=factories.PBKAssistanceFactory(institution=institution_a),
    ).full_clean()


def test_enterprise_belongs_to_the_institution_of_its_owners_program(institution_a):
    enterprise = factories.EnterpriseFactory(owner__program__institution=institution_a)
    assert enterprise.institution == institution_a


def test_enterprise_business_phone_is_stored_as_plus_62():
    enterprise = factories.EnterpriseFactory(business_phone="0857-0000-1111")
    enterprise.full_clean()
    assert enterprise.business_phone == "+6285700001111"


# Scoping --------------------------------------------------------------------------------

SCOPED = [
    pytest.param(
        Outcome,
        lambda institution: factories.OutcomeFactory(enrollment__program__institution=institution),
        id="Outcome",
    ),
    pytest.param(
        Enterprise,
        lambda institution: factories.EnterpriseFactory(owner__program__institution=institution),
        id="Enterprise",
    ),
    pytest.param(
        CommunityGroup,
        lambda institution: factories.CommunityGroupFactory(institution=institution),
        id="CommunityGroup",
    ),
]


(
    test_every_model_with_for_manager_has_a_scoping_case,
    test_for_manager_shows_a_manager_only_their_rows,
) = scoping_tests("alumni", SCOPED)
