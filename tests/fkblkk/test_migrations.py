"""A database migrated before the dashboard and API became apps of their own migrates forward
with every row kept: the exports and tokens, their content types and what points at them."""

import datetime

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from api.models import ApiToken
from dashboard.models import DashboardExport
from tests import factories

# The last migration of the fkblkk app while it still held both models.
BEFORE_THE_MOVE = ("fkblkk", "0004_api_token")
MOVED = {"dashboardexport": "dashboard", "apitoken": "api"}

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


@pytest.fixture
def database_before_the_move():
    """The schema, content types and rows as the portal had them before the move."""
    old_apps = migrate_to(BEFORE_THE_MOVE)
    # What Django had made for the models under their old label after that migrate.
    for model in MOVED:
        ContentType.objects.filter(model=model).update(app_label="fkblkk")
    ContentType.objects.clear_cache()
    yield old_apps
    # Leave the database as the other tests expect it: every migration applied.
    ContentType.objects.clear_cache()
    call_command("migrate", verbosity=0)


def test_exports_and_tokens_migrate_forward_with_every_row_kept(database_before_the_move):
    old_apps = database_before_the_move
    user = factories.UserFactory(username="disnaker-lama")
    OldExport = old_apps.get_model("fkblkk", "DashboardExport")
    OldToken = old_apps.get_model("fkblkk", "ApiToken")
    export = OldExport.objects.create(
        requested_by_id=user.pk,
        format="xlsx",
        filters={"tahun_dari": "2025"},
        status="selesai",
        progress=100,
        file="exports/dashboard/lama.xlsx",
        file_name="indikator-fkblkk-2026-11-30.xlsx",
        task_id="tugas-lama",
    )
    token = OldToken.objects.create(
        id="abcd1234.hash",
        prefix="abcd1234",
        hashed_key="pbkdf2$hash",
        name="Laporan bulanan",
        owner_id=user.pk,
        access="disnaker",
        expiry_date=timezone.now() + datetime.timedelta(days=30),
    )
    export_type = ContentType.objects.get(app_label="fkblkk", model="dashboardexport")
    view_exports = Permission.objects.get(content_type=export_type, codename="view_dashboardexport")
    readers = Group.objects.create(name="Pembaca ekspor")
    readers.permissions.add(view_exports)
    entry = LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get(app_label="fkblkk", model="apitoken"),
        object_id=token.pk,
        object_repr="Laporan bulanan",
        action_flag=ADDITION,
    )

    migrate_to(*MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    moved_export = DashboardExport.objects.get(pk=export.pk)
    assert (moved_export.file_name, moved_export.filters, moved_export.task_id) == (
        "indikator-fkblkk-2026-11-30.xlsx",
        {"tahun_dari": "2025"},
        "tugas-lama",
    )
    assert moved_export.requested_by == user
    assert moved_export.is_ready
    moved_token = ApiToken.objects.get(pk=token.pk)
    assert (moved_token.name, moved_token.owner, moved_token.prefix) == (
        "Laporan bulanan",
        user,
        "abcd1234",
    )
    # The content types moved with their models: the permission and the admin history that
    # point at them now name the new apps, and no copy under the old label is left.
    assert not ContentType.objects.filter(app_label="fkblkk", model__in=MOVED).exists()
    for model, app_label in MOVED.items():
        assert ContentType.objects.get_for_model(apps.get_model(app_label, model)).model == model
    assert readers.permissions.get() == Permission.objects.get(
        content_type=ContentType.objects.get_for_model(DashboardExport),
        codename="view_dashboardexport",
    )
    entry.refresh_from_db()
    assert entry.get_edited_object() == moved_token


def test_a_fresh_database_keeps_the_tables_under_their_first_names():
    assert DashboardExport._meta.db_table == "fkblkk_dashboardexport"
    assert ApiToken._meta.db_table == "fkblkk_apitoken"
    tables = connection.introspection.table_names()
    assert {"fkblkk_dashboardexport", "fkblkk_apitoken"} <= set(tables)
    assert not {"dashboard_dashboardexport", "api_apitoken"} & set(tables)
