"""The roles Sekretariat, Pengelola BLKK and Disnaker as groups with their permissions."""

from django.db import migrations

from core.roles import sync_role_permissions


def create_roles(apps, schema_editor):
    sync_role_permissions(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("institutions", "0002_load_kabupaten_tangerang"),
        ("trainings", "0001_initial"),
        ("partnerships", "0002_partnership_scopes"),
        ("alumni", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
