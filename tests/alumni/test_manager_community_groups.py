"""Community groups in the manager portal: name unique per BLKK, PBK of the BLKK only."""

import pytest
from django.urls import reverse

from alumni.models import CommunityGroup
from tests import factories

from .manager_pages import community_group_data

LIST_QUERY_BUDGET = 7


@pytest.fixture
def client_a(client, manager_world):
    client.force_login(manager_world.manager)
    return client


def create(client, world, **changes):
    return client.post(
        reverse("manager:community-group-create"), community_group_data(world, **changes)
    )


def test_a_group_is_created_for_the_blkk_being_worked_on(client_a, manager_world):
    assert create(client_a, manager_world).status_code == 302
    group = CommunityGroup.objects.get(name="Kelompok Tani Maju Bersama")
    assert group.institution == manager_world.institution
    assert group.pbk_assistance == manager_world.pbk


@pytest.mark.parametrize("spelling", ["same", "other case"])
def test_a_name_the_blkk_already_uses_is_refused_with_a_message(client_a, manager_world, spelling):
    name = manager_world.community_group.name
    response = create(client_a, manager_world, name=name if spelling == "same" else name.upper())
    assert response.status_code == 200
    assert "sudah membina kelompok bernama" in response.context["form"].errors["name"][0]
    assert CommunityGroup.objects.filter(institution=manager_world.institution).count() == 1


def test_a_name_another_blkk_uses_is_fine(client_a, manager_world):
    response = create(client_a, manager_world, name=manager_world.other.community_group.name)
    assert response.status_code == 302


def test_renaming_to_its_own_name_is_fine(client_a, manager_world):
    group = manager_world.community_group
    response = client_a.post(
        reverse("manager:community-group-update", args=[group.pk]),
        community_group_data(manager_world, name=group.name),
    )
    assert response.status_code == 302


def test_the_pbk_choice_offers_only_this_blkk_assistance(client_a, manager_world):
    response = client_a.get(reverse("manager:community-group-create"))
    assert list(response.context["form"].fields["pbk_assistance"].queryset) == [manager_world.pbk]
    refused = create(client_a, manager_world, pbk_assistance=manager_world.other.pbk.pk)
    assert "pbk_assistance" in refused.context["form"].errors


def test_deleting_a_group(client_a, manager_world):
    group = manager_world.community_group
    response = client_a.post(reverse("manager:community-group-delete", args=[group.pk]))
    assert response["Location"] == reverse("manager:community-group-list")
    assert not CommunityGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize("extra", [2, 29])
def test_the_list_costs_the_same_queries_for_3_or_30_groups(
    client_a, manager_world, django_assert_max_num_queries, extra
):
    factories.CommunityGroupFactory.create_batch(
        extra, institution=manager_world.institution, pbk_assistance=manager_world.pbk
    )
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client_a.get(reverse("manager:community-group-list"))
    assert response.context["paginator"].count == extra + 1
    assert manager_world.other.community_group not in response.context["groups"]
