"""ApiToken, moved here from the fkblkk app with its table and rows (state only)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

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
                    name="ApiToken",
                    fields=[
                        ("id", models.CharField(editable=False, max_length=150, primary_key=True, serialize=False, unique=True)),
                        ("hashed_key", models.CharField(editable=False, max_length=150)),
                        ("name", models.CharField(help_text="Untuk apa token ini dipakai, misalnya “Laporan bulanan Disnaker”.", max_length=50, verbose_name="nama")),
                        ("access", models.CharField(choices=[("disnaker", "Disnaker"), ("pengelola", "Pengelola BLKK")], help_text="Selain data publik, token Disnaker membuka rincian agregat dan pendaftaran (NIK disamarkan); token pengelola membuka pendaftaran dan peserta BLKK-nya sendiri.", max_length=10, verbose_name="akses")),
                        ("prefix", models.CharField(editable=False, max_length=8, unique=True, verbose_name="awalan kunci")),
                        ("created", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="dibuat")),
                        ("expiry_date", models.DateTimeField(help_text="Paling lama satu tahun sejak dibuat.", verbose_name="berlaku sampai")),
                        ("revoked", models.BooleanField(default=False, help_text="Token yang dicabut tidak dapat dipakai lagi, dan tidak dapat dipulihkan.", verbose_name="dicabut")),
                        ("last_used_at", models.DateTimeField(editable=False, null=True, verbose_name="terakhir dipakai")),
                        ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="api_tokens", to=settings.AUTH_USER_MODEL, verbose_name="pemilik")),
                    ],
                    options={
                        "verbose_name": "token API",
                        "verbose_name_plural": "token API",
                        "db_table": "fkblkk_apitoken",
                        "ordering": ("-created",),
                        "abstract": False,
                    },
                ),
            ],
            database_operations=[],
        ),
        content_type_moved("apitoken", from_app="fkblkk", to_app="api"),
    ]
