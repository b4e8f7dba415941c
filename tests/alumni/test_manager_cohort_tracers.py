"""A cohort's tracers on one page: one row per graduate due, saved at once or not at all."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alumni.forms import CohortTracerFormSet
from alumni.models import Outcome
from tests import factories

COHORT = "manager:outcome-cohort"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def client_a(client, manager_world):
    client.force_login(manager_world.manager)
    return client


@pytest.fixture
def cohort(manager_world):
    """Three graduates of the completed program due for their 3-month tracer, by name."""
    graduated = timezone.localdate() - 100 * DAY
    return [
        factories.GraduateFactory(
            program=manager_world.completed_program,
            completed_on=graduated,
            trainee__full_name=name,
        )
        for name in ("Ani", "Budi", "Citra")
    ]


def url(program, months=3):
    return reverse(COHORT, args=[program.pk, months])


def rows(cohort, per_row=None):
    """The POST of the page: the management form and each row's fields (``per_row`` by the
    row's index)."""
    per_row = per_row or {}
    today = timezone.localdate().isoformat()
    prefix = CohortTracerFormSet.get_default_prefix()
    data = {f"{prefix}-TOTAL_FORMS": len(cohort), f"{prefix}-INITIAL_FORMS": len(cohort)}
    for index, _graduate in enumerate(cohort):
        values = {"status": "", "surveyed_on": today, **per_row.get(index, {})}
        data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


def test_the_page_lists_each_graduate_due_with_their_phone_and_whatsapp(
    client_a, manager_world, cohort
):
    response = client_a.get(url(manager_world.completed_program))

    assert response.status_code == 200
    listed = [graduate for _form, graduate in response.context["rows"]]
    assert set(cohort) <= set(listed)
    assert manager_world.graduate not in listed  # already traced at 3 months
    html = response.content.decode()
    phone = cohort[0].trainee.phone
    assert f'href="tel:{phone}"' in html
    assert f'href="https://wa.me/{phone.removeprefix("+")}' in html


def test_the_rows_given_a_status_are_saved_at_once_and_the_others_skipped(
    client_a, manager_world, cohort
):
    program = manager_world.completed_program
    listed = [graduate for _form, graduate in client_a.get(url(program)).context["rows"]]
    data = rows(
        listed,
        {
            listed.index(cohort[0]): {
                "status": Outcome.Status.WAGE_JOB,
                "employer_or_business": "PT Jaya",
            },
            listed.index(cohort[2]): {
                "status": Outcome.Status.OWN_BUSINESS,
                "monthly_income": "2500000",
            },
        },
    )

    response = client_a.post(url(program), data)

    assert response.status_code == 302
    saved = Outcome.objects.filter(enrollment__in=cohort, months_after=3)
    assert {(o.enrollment, o.status) for o in saved} == {
        (cohort[0], Outcome.Status.WAGE_JOB),
        (cohort[2], Outcome.Status.OWN_BUSINESS),
    }
    after = [graduate for _form, graduate in client_a.get(url(program)).context["rows"]]
    assert cohort[1] in after and cohort[0] not in after


def test_one_bad_row_saves_nothing_and_says_which_row(client_a, manager_world, cohort):
    program = manager_world.completed_program
    listed = [graduate for _form, graduate in client_a.get(url(program)).context["rows"]]
    too_early = (cohort[1].completed_on + 10 * DAY).isoformat()
    data = rows(
        listed,
        {
            listed.index(cohort[0]): {"status": Outcome.Status.WAGE_JOB},
            listed.index(cohort[1]): {"status": Outcome.Status.WAGE_JOB, "surveyed_on": too_early},
        },
    )

    response = client_a.post(url(program), data)

    assert response.status_code == 400
    assert not Outcome.objects.filter(enrollment__in=cohort).exists()
    errors = {graduate: form.errors for form, graduate in response.context["rows"]}
    assert "surveyed_on" in errors[cohort[1]] and not errors[cohort[0]]
    assert "baru bisa dicatat sejak" in response.content.decode()


def test_a_page_with_no_status_given_saves_nothing_and_says_so(client_a, manager_world, cohort):
    program = manager_world.completed_program
    listed = [graduate for _form, graduate in client_a.get(url(program)).context["rows"]]

    response = client_a.post(url(program), rows(listed))

    assert response.status_code == 400
    assert "Isi status paling sedikit satu lulusan." in response.content.decode()


def test_another_blkk_program_and_a_bad_period_are_404(client_a, manager_world):
    assert client_a.get(url(manager_world.other.completed_program)).status_code == 404
    assert client_a.get(url(manager_world.completed_program, months=4)).status_code == 404


def test_the_list_offers_the_cohort_pages_once_a_program_is_chosen(client_a, manager_world):
    program = manager_world.completed_program
    listing = reverse("manager:outcome-list")

    chosen = client_a.get(listing, {"program": program.pk}).content.decode()

    assert url(program, 6) in chosen
    assert "/tracer/angkatan/" not in client_a.get(listing).content.decode()


@pytest.mark.parametrize("graduates", [3, 20])
def test_the_page_costs_the_same_queries_for_few_or_many_graduates(
    client_a, manager_world, graduates, django_assert_max_num_queries
):
    factories.GraduateFactory.create_batch(
        graduates,
        program=manager_world.completed_program,
        completed_on=timezone.localdate() - 100 * DAY,
    )
    with django_assert_max_num_queries(9):
        assert client_a.get(url(manager_world.completed_program)).status_code == 200


def test_saving_returns_to_the_page_it_was_opened_from(client_a, manager_world, cohort):
    program = manager_world.completed_program
    listed = [graduate for _form, graduate in client_a.get(url(program)).context["rows"]]
    monthly = reverse("manager:monthly-updates")
    data = rows(listed, {0: {"status": Outcome.Status.WAGE_JOB}})

    response = client_a.post(f"{url(program)}?next={monthly}", data)

    assert response.status_code == 302 and response["Location"] == monthly
