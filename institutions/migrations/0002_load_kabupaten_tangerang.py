"""Kabupaten Tangerang's 29 kecamatan and 274 desa/kelurahan, and the kejuruan list."""

import csv

from django.db import migrations

from institutions import regions


def load_kabupaten_tangerang(apps, schema_editor):
    regions.load_regions(
        regions.kabupaten_tangerang_rows(),
        Regency=apps.get_model("institutions", "Regency"),
        District=apps.get_model("institutions", "District"),
        Village=apps.get_model("institutions", "Village"),
    )


def load_vocational_fields(apps, schema_editor):
    VocationalField = apps.get_model("institutions", "VocationalField")
    with (regions.DATA_DIR / "kejuruan.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            VocationalField.objects.update_or_create(
                slug=row["slug"],
                defaults={"name": row["name"], "is_kemnaker_listed": row["is_kemnaker_listed"] == "1"},
            )


class Migration(migrations.Migration):
    dependencies = [("institutions", "0001_initial")]

    operations = [
        migrations.RunPython(load_kabupaten_tangerang, migrations.RunPython.noop),
        migrations.RunPython(load_vocational_fields, migrations.RunPython.noop),
    ]
