"""DashboardExport and ApiToken moved to the dashboard and api apps: state only.

Their tables (fkblkk_dashboardexport, fkblkk_apitoken) and rows stay where they are; the new
apps' first migrations take the models over under the same table names.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("fkblkk", "0004_api_token")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="DashboardExport"),
                migrations.DeleteModel(name="ApiToken"),
            ],
            database_operations=[],
        )
    ]
