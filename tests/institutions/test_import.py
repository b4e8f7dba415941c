"""Importing BLKK: natural keys for kecamatan, desa and kejuruan; all or nothing."""

import tablib

from institutions.models import Institution
from institutions.resources import InstitutionResource
from tests import factories
from tests.imports import assert_reports, check_file, confirm_file, reported_lines

HEADER = [
    "slug",
    "name",
    "host_type",
    "host_name",
    "year_built",
    "primary_field",
    "fields",
    "district",
    "village",
    "address",
    "is_published",
]


def institution_row(slug, **changes):
    row = {
        "slug": slug,
        "name": f"BLKK {slug}",
        "host_type": "pesantren",
        "host_name": f"Pondok Pesantren {slug}",
        "year_built": 2019,
        "primary_field": "teknik-las",
        "fields": "teknik-las|teknik-otomotif",
        "district": "36.03.01",
        "village": "36.03.01.2003",
        "address": "Jl. Raya Balaraja No. 1",
        "is_published": "ya",
        **changes,
    }
    return [row[column] for column in HEADER]


ROWS = [
    institution_row("al-ikhlas"),
    institution_row("nurul-huda", fields="teknik-las|kejuruan-karangan"),
    institution_row("darul-falah", village="36.03.02.2001"),
    institution_row("al-amin", year_built=1995, is_published="mungkin"),
    institution_row("baitul-hikmah", primary_field=""),
]
EXPECTED = {
    3: "fields: Kejuruan tidak ditemukan: kejuruan-karangan.",
    4: "village: Desa/kelurahan Pangkat tidak berada di Kecamatan Balaraja.",
    5: "is_published: Nilai “mungkin” tidak dapat dibaca; isi dengan ya/tidak atau 1/0.",
    6: "primary_field: Kolom ini wajib diisi.",
}


def test_bad_rows_are_all_reported_on_the_dry_run_and_the_confirm_step(client, secretariat):
    client.force_login(secretariat)

    for step in (check_file, confirm_file):
        assert_reports(reported_lines(step(client, Institution, HEADER, ROWS)), EXPECTED)
    assert not Institution.objects.exists()


def test_year_built_out_of_range_is_reported_with_the_other_errors_of_its_row(db):
    result = InstitutionResource().import_data(
        tablib.Dataset(ROWS[3], headers=HEADER), dry_run=False
    )

    errors = result.invalid_rows[0].error_dict
    assert set(errors) == {"is_published", "year_built"}
    assert not Institution.objects.exists()


def test_existing_institution_is_updated_by_slug_with_its_kejuruan(db):
    institution = factories.InstitutionFactory(slug="al-ikhlas", name="Nama lama")

    result = InstitutionResource().import_data(
        tablib.Dataset(institution_row("al-ikhlas"), headers=HEADER), dry_run=False
    )

    assert [row.import_type for row in result.rows] == ["update"]
    institution.refresh_from_db()
    assert institution.name == "BLKK al-ikhlas"
    assert institution.district.code == "36.03.01"
    assert sorted(institution.fields.values_list("slug", flat=True)) == [
        "teknik-las",
        "teknik-otomotif",
    ]
