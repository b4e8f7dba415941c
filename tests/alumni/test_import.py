"""Importing alumni enterprises: the owner must be a graduate, named by NIK and program."""

import tablib

from alumni.models import Enterprise
from alumni.resources import EnterpriseResource
from tests import factories
from tests.imports import assert_reports, check_file, confirm_file, field_names, reported_lines

HEADER = field_names(EnterpriseResource)


def enterprise_row(slug, owner, **changes):
    row = {
        "slug": slug,
        "name": f"Usaha {slug}",
        "owner_nik": owner.trainee.nik,
        "owner_program": owner.program.slug,
        "sector": "kuliner",
        "description": "Kue kering",
        "district": "36.03.01",
        "started_on": "01-02-2024",
        "workers": 2,
        "owner_consents_to_publish": "ya",
        "consent_recorded_on": "2024-02-10",
        "is_published": "ya",
        **changes,
    }
    return [row.get(column, "") for column in HEADER]


def test_every_bad_enterprise_row_is_reported_and_none_is_saved(client, secretariat):
    client.force_login(secretariat)
    graduate, applicant = factories.GraduateFactory(), factories.EnrollmentFactory()
    rows = [
        enterprise_row("kue-bu-sri", graduate),
        enterprise_row("jahit-rapi", applicant),
        enterprise_row("las-jaya", graduate, owner_program="program-lain"),
        enterprise_row("servis-ac", graduate, owner_consents_to_publish="tidak"),
        enterprise_row("kriya-kayu", graduate, workers="dua"),
    ]
    expected = {
        3: "Pemilik (lulusan): Hanya lulusan yang dapat dicatat di sini.",
        4: f"Pemilik (lulusan): Peserta dengan NIK “{graduate.trainee.nik}” tidak terdaftar",
        5: "Usaha hanya boleh ditampilkan jika pemilik sudah menyetujui",
        6: "Jumlah pekerja: Nilai “dua” tidak dapat dibaca; isi dengan bilangan bulat.",
    }

    for step in (check_file, confirm_file):
        assert_reports(reported_lines(step(client, Enterprise, HEADER, rows)), expected)
    assert not Enterprise.objects.exists()


def test_exported_enterprises_name_their_owner_by_nik_and_program(client, secretariat):
    client.force_login(secretariat)
    enterprise = factories.EnterpriseFactory()

    response = client.post("/admin/alumni/enterprise/export/", {"format": "0", "resource": "0"})
    dataset = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")

    assert dataset["NIK pemilik"] == [enterprise.owner.trainee.nik]
    assert dataset["Slug program pemilik"] == [enterprise.owner.program.slug]
    assert dataset.headers[:2] == ["Slug", "Nama usaha"]
    assert dataset["Sektor"] == [enterprise.get_sector_display()]
    result = EnterpriseResource().import_data(dataset, dry_run=False)
    assert [row.import_type for row in result.rows] == ["skip"]
