"""Importing BLKK: natural keys for kecamatan, desa and kejuruan; all or nothing."""

import tablib

from institutions.models import Institution
from institutions.resources import InstitutionResource
from tests import factories
from tests.imports import assert_reports, check_file, confirm_file, headers, reported_lines

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
    3: "Kejuruan yang diajarkan: Kejuruan tidak ditemukan: kejuruan-karangan.",
    4: "Desa/kelurahan: Desa/kelurahan Pangkat tidak berada di Kecamatan Balaraja.",
    5: "Tampil di situs publik: Nilai “mungkin” tidak dapat dibaca; isi dengan ya/tidak atau 1/0.",
    6: "Kejuruan utama: Kolom ini wajib diisi.",
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


def test_exported_blkk_are_headed_in_indonesian_with_choices_and_yes_or_no_as_words(
    client, secretariat
):
    client.force_login(secretariat)
    factories.InstitutionFactory(host_type="pesantren", is_published=True)

    response = client.post("/admin/institutions/institution/export/", {"format": "0"})
    dataset = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")

    assert dataset.headers[:3] == ["Slug", "Nama BLKK", "Jenis lembaga pengelola"]
    assert {"Kejuruan utama", "Kecamatan", "Desa/kelurahan"} <= set(dataset.headers)
    assert dataset["Jenis lembaga pengelola"] == ["Pondok pesantren"]
    assert dataset["Tampil di situs publik"] == ["Ya"]


def test_a_file_headed_in_indonesian_with_choice_labels_is_saved(client, secretariat):
    client.force_login(secretariat)
    header = headers(InstitutionResource, HEADER)
    rows = [institution_row("al-ikhlas", host_type="Pondok Pesantren", is_published="Tidak")]

    assert "confirm_form" in check_file(client, Institution, header, rows).context
    assert confirm_file(client, Institution, header, rows).status_code == 302

    institution = Institution.objects.get(slug="al-ikhlas")
    assert (institution.host_type, institution.is_published) == ("pesantren", False)
