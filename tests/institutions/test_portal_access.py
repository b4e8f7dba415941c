"""Who may enter the manager portal, and which BLKK a manager works on."""

import pytest
from django.urls import reverse

from institutions.portal import INSTITUTION_SESSION_KEY, institution_link
from tests import factories

HOME = "/pengelola/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('manager:login')}?next={HOME}"


@pytest.mark.parametrize("role", ["disnaker", "secretariat"])
def test_other_roles_are_refused(client, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(HOME).status_code == 403


def test_a_manager_of_one_blkk_works_on_it_without_choosing(client, manager_a, institution_a):
    client.force_login(manager_a)
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["institution"] == institution_a


def test_a_manager_linked_to_no_blkk_is_told_to_ask_the_secretariat(client, manager_a):
    client.force_login(manager_a)
    response = client.get(HOME)
    assert response.status_code == 403
    assert "sekretariat" in response.content.decode()


def test_a_manager_of_several_blkk_chooses_one(client, manager_a, institution_a):
    second = factories.InstitutionFactory(name="BLKK Nurul Iman", managers=[manager_a])
    client.force_login(manager_a)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("manager:institution-choose"))
    page = client.get(response["Location"])
    assert [choice.pk for choice in page.context["choices"]] == sorted(
        [institution_a.pk, second.pk],
        key=lambda pk: [institution_a, second][[institution_a.pk, second.pk].index(pk)].name,
    )
    chosen = client.post(
        reverse("manager:institution-choose"), {"institution": second.pk, "next": HOME}
    )
    assert chosen["Location"] == HOME
    assert client.get(HOME).context["institution"] == second


def test_a_manager_cannot_choose_another_managers_blkk(
    client, manager_a, institution_a, institution_b
):
    factories.InstitutionFactory(managers=[manager_a])
    client.force_login(manager_a)
    response = client.post(reverse("manager:institution-choose"), {"institution": institution_b.pk})
    assert response.status_code == 404
    assert INSTITUTION_SESSION_KEY not in client.session


def test_a_link_made_for_one_blkk_opens_there_whatever_the_session_chose(
    client, manager_a, institution_a
):
    second = factories.InstitutionFactory(name="BLKK Nurul Iman", managers=[manager_a])
    program = factories.TrainingProgramFactory(institution=second)
    client.force_login(manager_a)
    client.post(reverse("manager:institution-choose"), {"institution": institution_a.pk})
    page = reverse("manager:program-detail", args=[program.pk])
    assert client.get(page).status_code == 404  # another BLKK's program, as the session stands

    response = client.get(institution_link(page, second))

    assert response.status_code == 200
    assert response.context["institution"] == second
    assert client.session[INSTITUTION_SESSION_KEY] == second.pk


def test_a_link_naming_a_blkk_the_user_does_not_manage_changes_nothing(
    client, manager_a, institution_a, institution_b
):
    program = factories.TrainingProgramFactory(institution=institution_b)
    client.force_login(manager_a)
    page = reverse("manager:program-detail", args=[program.pk])

    response = client.get(institution_link(page, institution_b))

    assert response.status_code == 404
    assert INSTITUTION_SESSION_KEY not in client.session
    assert client.get(f"{HOME}?blkk=bukan-angka").context["institution"] == institution_a


def test_a_choice_stops_counting_once_the_link_is_removed(
    client, manager_a, institution_a, institution_b
):
    client.force_login(manager_a)
    session = client.session
    session[INSTITUTION_SESSION_KEY] = institution_b.pk
    session.save()
    assert client.get(HOME).context["institution"] == institution_a


def test_login_takes_a_manager_to_the_manager_home(client, manager_a, institution_a):
    manager_a.set_password("rahasia-pengelola-1")
    manager_a.save()
    response = client.post(
        reverse("manager:login"),
        {"username": manager_a.username, "password": "rahasia-pengelola-1"},
    )
    assert response["Location"] == HOME


def test_the_login_page_speaks_indonesian(client):
    content = client.get(reverse("manager:login")).content.decode()
    assert "Masuk ke portal pengelola" in content
    assert "Lupa kata sandi?" in content
