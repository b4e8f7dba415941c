"""The fixed scopes of cooperation named in the forum's agreements."""

from django.db import migrations

SCOPES = [
    ("kurikulum", "Pembaruan kurikulum dan keterampilan"),
    ("peralatan", "Bantuan peralatan"),
    ("branding-kewirausahaan", "Branding kewirausahaan"),
    ("pemberdayaan-instruktur", "Pemberdayaan instruktur"),
    ("pelatihan-berbasis-kompetensi", "Pelatihan berbasis kompetensi"),
    ("pemagangan-penempatan", "Pemagangan dan penempatan kerja"),
    ("akses-pembiayaan", "Akses pembiayaan"),
]


def load_scopes(apps, schema_editor):
    PartnershipScope = apps.get_model("partnerships", "PartnershipScope")
    for order, (code, name) in enumerate(SCOPES, start=1):
        PartnershipScope.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(load_scopes, migrations.RunPython.noop)]
