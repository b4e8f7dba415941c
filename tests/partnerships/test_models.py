import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from partnerships.models import Contribution, Partnership
from tests import factories
from tests.assertions import (
    assert_database_refuses,
    clean_errors,
    constraint_tests,
    scoping_tests,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)

VIOLATIONS = [
    pytest.param(
        factories.PartnershipFactory,
        lambda: {"start_date": START, "end_date": START - datetime.timedelta(days=1)},
        "Tanggal berakhir tidak boleh sebelum tanggal mulai.",
        id="partnership_dates_ordered",
    ),
    pytest.param(
        factories.PartnershipFactory,
        lambda: {
            "start_date": START,
            "end_date": END,
            "terminated_on": START - datetime.timedelta(days=1),
        },
        "Tanggal pengakhiran harus di antara tanggal mulai dan berakhir.",
        id="partnership_termination_within_term",
    ),
    pytest.param(
        factories.ContributionFactory,
        lambda: {"value": -1},
        "Nilai realisasi tidak boleh negatif.",
        id="contribution_value_not_negative",
    ),
]


(
    test_every_constraint_of_the_app_has_a_violation_case,
    test_database_refuses_a_violating_row,
    test_validate_constraints_reports_the_violation,
) = constraint_tests("partnerships", VIOLATIONS)


def test_database_refuses_a_termination_after_the_end():
    assert_database_refuses(
        lambda: factories.PartnershipFactory(
            start_date=START, end_date=END, terminated_on=END + datetime.timedelta(days=1)
        ),
        "partnership_termination_within_term",
    )


@pytest.mark.parametrize("terminated_on", [START, END])
def test_termination_on_the_first_or_last_day_is_accepted(terminated_on):
    factories.PartnershipFactory(
        start_date=START, end_date=END, terminated_on=terminated_on
    ).full_clean()


# Status ---------------------------------------------------------------------------------


def term(**fields):
    return factories.PartnershipFactory(start_date=START, end_date=END, **fields)


@pytest.mark.parametrize(
    ("today", "terminated_on", "expected"),
    [
        (START - datetime.timedelta(days=1), None, Partnership.Status.UPCOMING),
        (START, None, Partnership.Status.ACTIVE),
        (END, None, Partnership.Status.ACTIVE),
        (END + datetime.timedelta(days=1), None, Partnership.Status.EXPIRED),
        (datetime.date(2026, 6, 30), datetime.date(2026, 7, 1), Partnership.Status.ACTIVE),
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 1), Partnership.Status.TERMINATED),
        (END + datetime.timedelta(days=1), END, Partnership.Status.TERMINATED),
    ],
)
def test_partnership_status_on_a_day(today, terminated_on, expected):
    assert term(terminated_on=terminated_on).status(today=today) == expected


def test_active_lists_agreements_in_force_on_the_day():
    in_force = term()
    terminated_later = term(terminated_on=datetime.date(2026, 9, 1))
    term(terminated_on=datetime.date(2026, 6, 1))
    factories.PartnershipFactory(start_date=datetime.date(2026, 7, 1), end_date=END)
    factories.PartnershipFactory(start_date=datetime.date(2025, 1, 1), end_date=START)
    assert set(Partnership.objects.active(on=datetime.date(2026, 6, 15))) == {
        in_force,
        terminated_later,
    }


def test_active_agrees_with_status_for_every_agreement():
    day = datetime.date(2026, 6, 15)
    term(), term(terminated_on=day), factories.PartnershipFactory(start_date=day, end_date=day)
    for partnership in Partnership.objects.all():
        in_active = Partnership.objects.active(on=day).filter(pk=partnership.pk).exists()
        assert in_active == (partnership.status(today=day) == Partnership.Status.ACTIVE)


def test_ending_within_lists_active_agreements_ending_in_the_window():
    today = datetime.date(2026, 10, 2)
    ends_in_90 = factories.PartnershipFactory(
        start_date=START, end_date=today + datetime.timedelta(days=90)
    )
    ends_today = factories.PartnershipFactory(start_date=START, end_date=today)
    factories.PartnershipFactory(start_date=START, end_date=today + datetime.timedelta(days=91))
    factories.PartnershipFactory(start_date=START, end_date=today - datetime.timedelta(days=1))
    factories.PartnershipFactory(
        start_date=START,
        end_date=today + datetime.timedelta(days=30),
        terminated_on=today,
    )
    assert set(Partnership.objects.ending_within(90, today=today)) == {ends_in_90, ends_today}


# Contributions ----------------------------------------------------------------------------


def test_contribution_to_an_institution_outside_the_agreement_is_refused(
    institution_a, institution_b
):
    partnership = factories.PartnershipFactory(
        covers_whole_forum=False, institutions=[institution_a]
    )
    contribution = factories.ContributionFactory.build(
        partnership=partnership, institution=institution_b
    )
    assert clean_errors(contribution) == {
        "institution": ["BLKK ini tidak dicakup oleh kemitraan tersebut."]
    }


def test_contribution_to_a_named_or_forum_wide_institution_is_accepted(institution_a):
    named = factories.PartnershipFactory(covers_whole_forum=False, institutions=[institution_a])
    factories.ContributionFactory(partnership=named, institution=institution_a).full_clean()
    factories.ContributionFactory(institution=institution_a).full_clean()


def test_contribution_before_the_agreement_started_is_refused():
    partnership = factories.PartnershipFactory(start_date=START, end_date=END)
    contribution = factories.ContributionFactory.build(
        partnership=partnership,
        institution=factories.InstitutionFactory(),
        delivered_on=START - datetime.timedelta(days=1),
    )
    assert clean_errors(contribution) == {
        "delivered_on": ["Realisasi tidak boleh sebelum kemitraan dimulai."]
    }


def test_partner_contact_phone_is_stored_as_plus_62():
    partner = factories.PartnerFactory(contact_phone="0813-9999-8888")
    partner.full_clean()
    assert partner.contact_phone == "+6281399998888"


# Scoping --------------------------------------------------------------------------------

SCOPED = [
    pytest.param(
        Partnership,
        lambda institution: factories.PartnershipFactory(
            covers_whole_forum=False, institutions=[institution]
        ),
        id="Partnership",
    ),
    pytest.param(
        Contribution,
        lambda institution: factories.ContributionFactory(institution=institution),
        id="Contribution",
    ),
]


(
    test_every_model_with_for_manager_has_a_scoping_case,
    test_for_manager_shows_a_manager_only_their_rows,
) = scoping_tests("partnerships", SCOPED)


def test_forum_wide_agreement_is_seen_by_every_manager_but_nobody_else(
    institution_a, institution_b, manager_a, manager_b, secretariat
):
    forum_wide = factories.PartnershipFactory(covers_whole_forum=True)
    assert list(Partnership.objects.for_manager(manager_a)) == [forum_wide]
    assert list(Partnership.objects.for_manager(manager_b)) == [forum_wide]
    assert list(Partnership.objects.for_manager(AnonymousUser())) == []
    assert list(Partnership.objects.for_manager(secretariat)) == []


def test_agreement_naming_both_institutions_is_listed_once(institution_a, institution_b, manager_a):
    factories.InstitutionManagerFactory(user=manager_a, institution=institution_b)
    both = factories.PartnershipFactory(
        covers_whole_forum=False, institutions=[institution_a, institution_b]
    )
    assert list(Partnership.objects.for_manager(manager_a)) == [both]
