import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core import roles

pytestmark = pytest.mark.django_db


def domain_permissions():
    return Permission.objects.filter(content_type__app_label__in=roles.DOMAIN_APPS)


def codenames(group_name: str) -> set[str]:
    return set(
        Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def test_the_three_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Sekretariat",
        "Pengelola BLKK",
        "Disnaker",
    }


def test_secretariat_has_every_permission_of_the_four_apps_and_no_other():
    expected = set(domain_permissions().values_list("content_type__app_label", "codename"))
    assert codenames(roles.SECRETARIAT) == expected
    for model in apps.get_app_config("trainings").get_models():
        for action in ("add", "change", "delete", "view"):
            assert ("trainings", f"{action}_{model._meta.model_name}") in expected


def test_disnaker_has_only_the_view_permissions_of_the_four_apps():
    granted = codenames(roles.DISNAKER)
    assert granted == set(
        domain_permissions()
        .filter(codename__startswith="view_")
        .values_list("content_type__app_label", "codename")
    )
    assert ("trainings", "view_trainee") in granted
    assert not any(codename.startswith(("add_", "change_", "delete_")) for _, codename in granted)


def test_manager_group_has_no_permissions():
    assert codenames(roles.MANAGER) == set()


def test_syncing_again_changes_nothing():
    before = {name: codenames(name) for name in roles.ROLE_GROUPS}
    roles.sync_role_permissions(apps)
    assert Group.objects.filter(name__in=roles.ROLE_GROUPS).count() == 3
    assert {name: codenames(name) for name in roles.ROLE_GROUPS} == before


def test_sync_gives_the_secretariat_a_permission_it_lost():
    secretariat = Group.objects.get(name=roles.SECRETARIAT)
    permission = Permission.objects.get(codename="change_trainingprogram")
    secretariat.permissions.remove(permission)
    roles.sync_role_permissions(apps)
    assert secretariat.permissions.filter(pk=permission.pk).exists()


def test_roles_migration_creates_permissions_and_groups_on_a_fresh_database():
    """The migration runs on historical models, before Django has created any permission."""
    historical_apps = (
        MigrationExecutor(connection).loader.project_state(("fkblkk", "0001_roles")).apps
    )
    Group.objects.filter(name__in=roles.ROLE_GROUPS).delete()
    domain_permissions().delete()

    roles.sync_role_permissions(historical_apps)

    assert domain_permissions().filter(codename="add_enrollment").exists()
    assert codenames(roles.SECRETARIAT) == set(
        domain_permissions().values_list("content_type__app_label", "codename")
    )
    assert codenames(roles.DISNAKER) == {
        pair for pair in codenames(roles.SECRETARIAT) if pair[1].startswith("view_")
    }
    assert codenames(roles.MANAGER) == set()
