"""Tracer outcomes in the manager portal: the graduates' list, recording and editing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alumni.models import Outcome
from core.dates import add_months
from tests import factories
from trainings.models import Enrollment

from .manager_pages import outcome_data

LIST_QUERY_BUDGET = 9


@pytest.fixture
def client_a(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def test_add_months_keeps_the_day_or_takes_the_last_one():
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 3, 15), -3) == datetime.date(2024, 12, 15)
    assert add_months(datetime.date(2024, 5, 31), -3) == datetime.date(2024, 2, 29)


def test_the_list_shows_the_blkk_graduates_with_their_periods(client_a, manager_world):
    response = client_a.get(reverse("manager:outcome-list"))
    rows = response.context["rows"]
    assert [graduate for graduate, _periods in rows] == [manager_world.graduate]
    periods = {period.months: period for period in rows[0][1]}
    assert periods[3].outcome == manager_world.outcome
    # Graduated about 120 days ago: the 6 and 12-month periods are not due yet.
    assert not periods[6].is_due and periods[6].outcome is None
    assert reverse("manager:outcome-update", args=[manager_world.outcome.pk]) in (
        response.content.decode()
    )


def test_the_untraced_filter_keeps_graduates_with_a_due_period_missing(client_a, manager_world):
    today = timezone.localdate()
    untraced = factories.GraduateFactory(
        program=manager_world.completed_program, completed_on=today - datetime.timedelta(days=100)
    )
    factories.GraduateFactory(
        program=manager_world.completed_program, completed_on=today - datetime.timedelta(days=30)
    )
    response = client_a.get(reverse("manager:outcome-list"), {"untraced": "on"})
    assert [graduate for graduate, _periods in response.context["rows"]] == [untraced]
    create_link = f"{reverse('manager:outcome-create')}?lulusan={untraced.pk}&amp;bulan=3"
    assert create_link in response.content.decode()


def test_the_program_filter_offers_and_keeps_only_this_blkk_programs(client_a, manager_world):
    other_program = factories.TrainingProgramFactory(
        institution=manager_world.institution, status="selesai"
    )
    other = factories.GraduateFactory(program=other_program)
    response = client_a.get(reverse("manager:outcome-list"), {"program": other_program.pk})
    assert [graduate for graduate, _periods in response.context["rows"]] == [other]
    offered = set(response.context["filter_form"].fields["program"].queryset)
    assert offered == {manager_world.completed_program, other_program}
    refused = client_a.get(
        reverse("manager:outcome-list"), {"program": manager_world.other.completed_program.pk}
    )
    assert refused.status_code == 200
    assert refused.context["filter_form"].errors


@pytest.mark.parametrize("extra_graduates", [2, 29])
def test_the_list_costs_the_same_queries_for_3_or_30_graduates(
    client_a, manager_world, django_assert_max_num_queries, extra_graduates
):
    for graduate in factories.GraduateFactory.create_batch(
        extra_graduates, program=manager_world.completed_program
    ):
        factories.OutcomeFactory(enrollment=graduate)
        factories.OutcomeFactory(enrollment=graduate, months_after=6)
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client_a.get(reverse("manager:outcome-list"))
    assert response.context["paginator"].count == extra_graduates + 1


def test_the_graduate_choice_offers_only_this_blkk_graduates(client_a, manager_world):
    factories.EnrollmentFactory(
        program=manager_world.completed_program, status=Enrollment.Status.DROPPED_OUT
    )
    graduate = manager_world.graduate
    response = client_a.get(reverse("manager:outcome-create"), {"lulusan": graduate.pk})
    field = response.context["form"].fields["enrollment"]
    assert list(field.queryset) == [graduate]
    assert field.label_from_instance(graduate) == (
        f"{manager_world.trainee.full_name} — {manager_world.completed_program.title}"
    )


def test_without_a_graduate_the_page_searches_them_by_name(client_a, manager_world):
    other = manager_world.other.graduate
    url = reverse("manager:outcome-create")

    found = client_a.get(url, {"cari": manager_world.trainee.full_name.split()[0]})

    assert found.context["form"] is None
    assert list(found.context["graduates"]) == [manager_world.graduate]
    assert f"?lulusan={manager_world.graduate.pk}" in found.content.decode()
    elsewhere = client_a.get(url, {"cari": other.trainee.full_name})
    assert list(elsewhere.context["graduates"]) == []


def test_the_form_of_a_chosen_graduate_shows_their_phone_and_whatsapp(client_a, manager_world):
    graduate = manager_world.graduate
    response = client_a.get(reverse("manager:outcome-create"), {"lulusan": graduate.pk})

    html = response.content.decode()
    phone = graduate.trainee.phone
    assert f'href="tel:{phone}"' in html
    assert f'href="https://wa.me/{phone.removeprefix("+")}' in html
    assert f'type="hidden" name="enrollment" value="{graduate.pk}"' in html


def test_a_graduate_of_another_blkk_is_refused_and_nothing_is_recorded(client_a, manager_world):
    before = Outcome.objects.count()
    response = client_a.post(
        reverse("manager:outcome-create"),
        outcome_data(manager_world, enrollment=manager_world.other.graduate.pk),
    )
    assert response.status_code == 200
    assert "enrollment" in response.context["form"].errors
    assert Outcome.objects.count() == before


def test_recording_an_outcome(client_a, manager_world):
    response = client_a.post(reverse("manager:outcome-create"), outcome_data(manager_world))
    assert response.status_code == 302
    assert response["Location"] == reverse("manager:outcome-list")
    outcome = Outcome.objects.get(enrollment=manager_world.graduate, months_after=6)
    assert outcome.status == Outcome.Status.OWN_BUSINESS
    assert outcome.history.first().history_user == manager_world.manager


def test_the_graduate_and_period_can_be_preselected(client_a, manager_world):
    url = reverse("manager:outcome-create")
    response = client_a.get(url, {"lulusan": manager_world.graduate.pk, "bulan": "6"})
    form = response.context["form"]
    assert form["enrollment"].value() == manager_world.graduate.pk
    assert form["months_after"].value() == 6
    assert client_a.get(url, {"lulusan": manager_world.other.graduate.pk}).status_code == 404
    assert client_a.get(url, {"lulusan": manager_world.application.pk}).status_code == 404
    assert client_a.get(url, {"lulusan": "abc"}).status_code == 404


def test_a_period_recorded_twice_is_refused_on_the_period(client_a, manager_world):
    response = client_a.post(
        reverse("manager:outcome-create"),
        outcome_data(manager_world, months_after=Outcome.MonthsAfter.THREE),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["months_after"]
    assert "sudah dicatat" in errors["months_after"][0]
    assert manager_world.graduate.outcomes.count() == 1


def test_a_survey_date_in_the_future_is_refused(client_a, manager_world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_a.post(
        reverse("manager:outcome-create"),
        outcome_data(manager_world, surveyed_on=tomorrow.isoformat()),
    )
    assert "surveyed_on" in response.context["form"].errors


def test_updating_an_outcome_keeps_its_own_period(client_a, manager_world):
    outcome = manager_world.outcome
    response = client_a.post(
        reverse("manager:outcome-update", args=[outcome.pk]),
        outcome_data(manager_world, months_after=3, status=Outcome.Status.NOT_WORKING),
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.NOT_WORKING


def test_deleting_an_outcome(client_a, manager_world):
    url = reverse("manager:outcome-delete", args=[manager_world.outcome.pk])
    assert client_a.get(url).status_code == 200
    response = client_a.post(url)
    assert response["Location"] == reverse("manager:outcome-list")
    assert not Outcome.objects.filter(pk=manager_world.outcome.pk).exists()


def test_the_next_address_brings_the_manager_back(client_a, manager_world):
    response = client_a.post(
        f"{reverse('manager:outcome-create')}?next=/pengelola/",
        {**outcome_data(manager_world), "next": "/pengelola/"},
    )
    assert response["Location"] == "/pengelola/"


def test_an_outcome_cannot_be_moved_to_another_blkk_graduate(client_a, manager_world):
    outcome = manager_world.outcome
    response = client_a.post(
        reverse("manager:outcome-update", args=[outcome.pk]),
        outcome_data(manager_world, months_after=3, enrollment=manager_world.other.graduate.pk),
    )
    assert "enrollment" in response.context["form"].errors
    outcome.refresh_from_db()
    assert outcome.enrollment == manager_world.graduate
