"""Every regency and kecamatan of Indonesia: trainees may live anywhere in the country.

Residents of Kota Tangerang, Tangerang Selatan and migrant workers train at the forum's BLKK
too. Upserts by Kemendagri code, so a database that already ran ``load_regions --national``
keeps its rows and their ids.
"""

from django.db import migrations

from institutions import regions


def load_national_regions(apps, schema_editor):
    regions.load_regions(
        regions.national_rows(),
        Regency=apps.get_model("institutions", "Regency"),
        District=apps.get_model("institutions", "District"),
        Village=apps.get_model("institutions", "Village"),
    )


class Migration(migrations.Migration):
    dependencies = [("institutions", "0005_kemnaker_assistance")]

    operations = [migrations.RunPython(load_national_regions, migrations.RunPython.noop)]
