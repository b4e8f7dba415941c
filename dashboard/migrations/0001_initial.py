"""DashboardExport, moved here from the fkblkk app with its table and rows (state only).

Its content type moves with it, so the permissions and admin history that point at it stay.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.storage
from core.model_moves import content_type_moved


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("fkblkk", "0005_exports_and_tokens_to_their_apps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DashboardExport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="dibuat")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="diubah")),
                        ("format", models.CharField(choices=[("xlsx", "Excel (.xlsx)"), ("pdf", "PDF")], max_length=4, verbose_name="format")),
                        ("filters", models.JSONField(blank=True, default=dict, verbose_name="filter")),
                        ("filter_labels", models.JSONField(blank=True, default=list, verbose_name="keterangan filter")),
                        ("language", models.CharField(default="id", max_length=10, verbose_name="bahasa")),
                        ("status", models.CharField(choices=[("antre", "Menunggu giliran"), ("dibuat", "Sedang dibuat"), ("selesai", "Selesai"), ("gagal", "Gagal")], default="antre", max_length=10, verbose_name="status")),
                        ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="kemajuan (%)")),
                        ("file", models.FileField(blank=True, storage=core.storage.private_storage, upload_to="exports/dashboard/", verbose_name="berkas")),
                        ("file_name", models.CharField(max_length=100, verbose_name="nama berkas")),
                        ("error", models.TextField(blank=True, verbose_name="keterangan kegagalan")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="selesai pada")),
                        ("task_id", models.CharField(blank=True, editable=False, max_length=255, verbose_name="tugas Celery")),
                        ("requested_by", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="dashboard_exports", to=settings.AUTH_USER_MODEL, verbose_name="diminta oleh")),
                    ],
                    options={
                        "verbose_name": "ekspor dasbor",
                        "verbose_name_plural": "ekspor dasbor",
                        "db_table": "fkblkk_dashboardexport",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("progress__lte", 100)), name="dashboard_export_progress_max_100")],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_type_moved("dashboardexport", from_app="fkblkk", to_app="dashboard"),
    ]
