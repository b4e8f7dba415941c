from io import StringIO

import pytest
from django.core.management import call_command

from institutions.models import District, Regency, Village

pytestmark = pytest.mark.django_db

# Kepmendagri 2025, as in institutions/data/README.md.
NATIONAL_REGENCIES = 514
NATIONAL_KECAMATAN = 7285
TANGERANG_KECAMATAN = 29
TANGERANG_VILLAGES = 274


def region_counts():
    return Regency.objects.count(), District.objects.count(), Village.objects.count()


def test_migration_loads_kabupaten_tangerang_with_its_kecamatan_and_villages():
    regency = Regency.objects.get(code="36.03")

    assert (regency.name, regency.province_name) == ("Kabupaten Tangerang", "Banten")
    assert regency.districts.count() == TANGERANG_KECAMATAN
    assert Village.objects.filter(district__regency=regency).count() == TANGERANG_VILLAGES
    assert set(Village.objects.values_list("kind", flat=True)) == {"desa", "kelurahan"}


def test_migrations_load_every_regency_and_kecamatan_of_indonesia():
    """Applicants may live anywhere in the country; villages are known for Tangerang only."""
    assert region_counts() == (NATIONAL_REGENCIES, NATIONAL_KECAMATAN, TANGERANG_VILLAGES)
    ciputat = District.objects.select_related("regency").get(code="36.74.04")
    assert (ciputat.name, ciputat.regency.name) == ("Ciputat", "Kota Tangerang Selatan")


def test_load_regions_again_changes_nothing_but_restores_edited_names():
    District.objects.filter(code="36.03.01").update(name="Nama Keliru")
    before = region_counts()

    call_command("load_regions", stdout=StringIO())

    assert region_counts() == before
    assert District.objects.get(code="36.03.01").name == "Balaraja"


def test_load_regions_national_adds_every_regency_and_kecamatan_once():
    balaraja = District.objects.get(code="36.03.01")
    villages_of_balaraja = set(balaraja.villages.values_list("pk", flat=True))
    output = StringIO()

    call_command("load_regions", national=True, stdout=output)
    call_command("load_regions", national=True, stdout=output)

    assert region_counts() == (NATIONAL_REGENCIES, NATIONAL_KECAMATAN, TANGERANG_VILLAGES)
    assert District.objects.get(code="36.03.01").pk == balaraja.pk
    assert set(balaraja.villages.values_list("pk", flat=True)) == villages_of_balaraja
    assert Regency.objects.get(code="11.01").province_name == "Aceh"
    assert f"{NATIONAL_KECAMATAN} kecamatan" in output.getvalue()


def test_national_kecamatan_belong_to_the_regency_their_code_names():
    call_command("load_regions", national=True, stdout=StringIO())

    misplaced = [
        district.code
        for district in District.objects.select_related("regency")
        if not district.code.startswith(f"{district.regency.code}.")
    ]

    assert misplaced == []
    assert not Regency.objects.filter(province_name="").exists()
