"""Importing trainees, programs and enrollments: every bad row reported, nothing saved."""

import datetime
import io

import openpyxl
import pytest
import tablib
from django.db import IntegrityError

from core.admin import import_problems
from institutions.models import Gender
from tests import factories
from tests.imports import (
    CSV,
    XLSX,
    assert_reports,
    check_file,
    confirm_file,
    field_names,
    headers,
    reported_lines,
)
from trainings.models import Enrollment, Trainee, TrainingProgram
from trainings.resources import EnrollmentResource, TraineeResource, TrainingProgramResource
from trainings.validators import compose_nik

TRAINEE_HEADER = field_names(TraineeResource)
BIRTH = datetime.date(2000, 5, 17)


def trainee_row(serial, **changes):
    row = {
        "nik": compose_nik("360301", BIRTH, Gender.FEMALE, serial),
        "full_name": f"Peserta Impor {serial}",
        "gender": "P",
        "birth_date": "2000-05-17",
        "phone": "0812-3456-7890",
        "email": "",
        "address": "Kp. Contoh RT 01/02",
        "district": "36.03.01",
        "village": "36.03.01.2003",
        "education": "sma",
        "occupation": "tidak_bekerja",
        **changes,
    }
    return [row[column] for column in TRAINEE_HEADER]


# Line 1 of the file is the header, so the first trainee is on line 2.
TRAINEE_ROWS = [
    trainee_row(1),
    trainee_row(2, nik="36030157050000"),
    trainee_row(3, birth_date="2001-05-17"),
    trainee_row(4, district="36.03.99", village=""),
    trainee_row(5),
    trainee_row(6, village="36.03.02.2001"),
    trainee_row(7, birth_date="31-02-2000"),
    trainee_row(8, phone="12345", gender="X"),
    # A name starting with "=" would be a formula cell in the XLSX variant, read back as empty.
    trainee_row(9, full_name='+HYPERLINK("http://evil.example/","Klik")', address="Jl. <b>"),
]
EXPECTED_TRAINEE_PROBLEMS = {
    3: "NIK harus terdiri dari 16 angka.",
    4: "Tanggal lahir: Tanggal lahir tidak sesuai dengan NIK.",
    5: "Kecamatan: Kecamatan dengan kode Kemendagri “36.03.99” tidak ditemukan.",
    7: "Desa/kelurahan: Desa/kelurahan Pangkat tidak berada di Kecamatan Balaraja.",
    8: "Tanggal lahir: Nilai “31-02-2000” tidak dapat dibaca; tulis tanggal",
    9: "Nomor HP: Nomor HP tidak valid.",
    10: "Nama lengkap: Isian ini tidak boleh diawali tanda =, +, -, atau @. "
    "Alamat: Isian ini tidak boleh memuat tanda < atau >.",
}


@pytest.fixture
def admin_client(client, secretariat):
    client.force_login(secretariat)
    return client


def test_resource_reports_every_bad_trainee_row_and_saves_none(db):
    dataset = tablib.Dataset(*TRAINEE_ROWS, headers=TRAINEE_HEADER)

    result = TraineeResource().import_data(dataset, dry_run=False)

    assert [row.number for row in result.invalid_rows] == [2, 3, 4, 6, 7, 8, 9]
    assert "Nilai “X” bukan salah satu pilihan: Laki-laki, Perempuan." in str(
        result.invalid_rows[-2].error_dict
    )
    assert Trainee.objects.count() == 0


@pytest.mark.parametrize("file_format", ["0", XLSX], ids=["csv", "xlsx"])
def test_dry_run_lists_every_bad_row_with_its_line_and_reason(admin_client, file_format):
    response = check_file(admin_client, Trainee, TRAINEE_HEADER, TRAINEE_ROWS, file_format)

    assert_reports(reported_lines(response), EXPECTED_TRAINEE_PROBLEMS)
    assert "confirm_form" not in response.context
    assert Trainee.objects.count() == 0


def test_confirm_step_with_bad_rows_lists_them_all_and_saves_nothing(admin_client):
    response = confirm_file(admin_client, Trainee, TRAINEE_HEADER, TRAINEE_ROWS)

    assert_reports(reported_lines(response), EXPECTED_TRAINEE_PROBLEMS)
    assert "tidak ada data yang disimpan" in response.content.decode()
    assert Trainee.objects.count() == 0


def test_clean_file_is_checked_then_saved_with_the_secretariat_as_author(admin_client, secretariat):
    rows = [trainee_row(1), trainee_row(2)]

    checked = check_file(admin_client, Trainee, TRAINEE_HEADER, rows)
    assert "confirm_form" in checked.context
    assert Trainee.objects.count() == 0
    saved = confirm_file(admin_client, Trainee, TRAINEE_HEADER, rows)

    assert saved.status_code == 302
    trainee = Trainee.objects.get(nik=rows[0][0])
    assert trainee.phone == "+6281234567890"
    assert trainee.history.get().history_user == secretariat


def test_secretariat_imports_a_trainee_living_outside_kabupaten_tangerang(db):
    rows = [trainee_row(1, district="36.74.04", village=""), trainee_row(2, district="33.29.01")]
    dataset = tablib.Dataset(*rows, headers=TRAINEE_HEADER)

    result = TraineeResource().import_data(dataset, dry_run=False)

    # A desa of Kabupaten Tangerang does not lie in Salem (Brebes).
    assert [row.number for row in result.invalid_rows] == [2]
    assert "tidak berada di Kecamatan Salem" in str(result.invalid_rows[0].error_dict)
    assert Trainee.objects.count() == 0
    result = TraineeResource().import_data(tablib.Dataset(rows[0], headers=TRAINEE_HEADER))
    trainee = Trainee.objects.get()
    assert (trainee.district.name, trainee.village) == ("Ciputat", None)


def test_failure_to_save_one_row_rolls_back_the_rows_before_it(db, monkeypatch):
    original_save = Trainee.save

    def save_failing_on_third(trainee, *args, **kwargs):
        if trainee.full_name == "Peserta Impor 3":
            raise IntegrityError("duplicate key value violates unique constraint")
        return original_save(trainee, *args, **kwargs)

    monkeypatch.setattr(Trainee, "save", save_failing_on_third)
    dataset = tablib.Dataset(*[trainee_row(n) for n in (1, 2, 3, 4)], headers=TRAINEE_HEADER)

    result = TraineeResource().import_data(dataset, dry_run=False)

    assert [row.number for row in result.error_rows] == [3]
    assert import_problems(result, Trainee)[0].line == 4
    assert "Gagal disimpan: duplicate key" in import_problems(result, Trainee)[0].reasons[0]
    assert Trainee.objects.count() == 0


def test_export_imports_back_unchanged(admin_client):
    factories.TraineeFactory.create_batch(3, district=factories.DistrictFactory(code="36.03.01"))
    exported = admin_client.post(
        "/admin/trainings/trainee/export/", {"format": "0", "resource": "0"}
    )
    dataset = tablib.Dataset().load(exported.content.decode("utf-8-sig"), format="csv")

    result = TraineeResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip"] * 3


def exported_trainees(client, file_format):
    return client.post("/admin/trainings/trainee/export/", {"format": file_format, "resource": "0"})


def test_exported_trainees_hold_formulas_as_text_in_xlsx(admin_client):
    # Stored before names and addresses were checked, or straight into the database.
    factories.TraineeFactory(full_name="=1+1", address='=HYPERLINK("http://evil.example/","x")')

    response = exported_trainees(admin_client, XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    name, address, phone = (
        sheet.cell(row=2, column=header.index(title) + 1)
        for title in ("Nama lengkap", "Alamat", "Nomor HP")
    )

    assert (name.data_type, name.value) == ("s", "'=1+1")
    assert (address.data_type, address.value) == ("s", '\'=HYPERLINK("http://evil.example/","x")')
    assert phone.value.startswith("'+62")
    assert not [
        cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    ]


def test_exported_trainees_hold_formulas_as_text_in_csv(admin_client):
    factories.TraineeFactory(full_name="@SUM(A1)", address="-1+1")

    response = exported_trainees(admin_client, CSV)
    dataset = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")

    assert dataset["Nama lengkap"] == ["'@SUM(A1)"]
    assert dataset["Alamat"] == ["'-1+1"]


# Enrollments: unknown trainees or programs are hard errors, the rest validation errors.

ENROLLMENT_HEADER = [
    "trainee",
    "program",
    "status",
    "competency_result",
    "training_certificate_number",
]


def test_enrollment_file_with_hard_and_validation_errors_reports_all_and_saves_none(
    admin_client,
):
    program = factories.TrainingProgramFactory(slug="menjahit-2025", min_age=18, max_age=40)
    adult, child = (
        factories.TraineeFactory(),
        factories.TraineeFactory(birth_date=datetime.date(2015, 1, 1)),
    )
    rows = [
        [adult.nik, "menjahit-2025", "mendaftar", "belum_diuji", ""],
        ["3603015705009999", "menjahit-2025", "mendaftar", "belum_diuji", ""],
        [adult.nik, "program-tak-ada", "mendaftar", "belum_diuji", ""],
        [child.nik, "menjahit-2025", "mendaftar", "belum_diuji", ""],
        [factories.TraineeFactory().nik, "menjahit-2025", "diterima", "belum_diuji", "S-1"],
    ]

    response = check_file(admin_client, Enrollment, ENROLLMENT_HEADER, rows)

    assert_reports(
        reported_lines(response),
        {
            3: "Peserta dengan NIK “3603015705009999” tidak ditemukan.",
            4: "Program pelatihan dengan slug “program-tak-ada” tidak ditemukan.",
            5: "Usia minimal peserta program ini 18 tahun.",
            6: "Nomor sertifikat pelatihan hanya untuk peserta yang lulus.",
        },
    )
    assert not program.enrollments.exists()
    resource_result = EnrollmentResource().import_data(
        tablib.Dataset(*rows, headers=ENROLLMENT_HEADER), dry_run=False
    )
    assert resource_result.has_errors() and resource_result.has_validation_errors()
    assert not Enrollment.objects.exists()


# Enrollments: a training certificate number once per BLKK; the competency certificate's rules.

GRADUATE_HEADER = ["trainee", "program", "status", "competency_result", "completed_on"]
COMPETENCY_HEADER = [
    "competency_scheme",
    "competency_certificate_issuer",
    "competency_certificate_number",
    "competency_certificate_date",
]


def finished_program(institution=None):
    """A program of ``institution`` that ran in July 2025."""
    return factories.TrainingProgramFactory(
        institution=institution or factories.InstitutionFactory(),
        status=TrainingProgram.Status.COMPLETED,
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 7, 31),
        registration_closes=datetime.date(2025, 6, 25),
    )


def graduate_row(program, result="kompeten", *certificates):
    trainee = factories.TraineeFactory()
    return [trainee.nik, program.slug, "lulus", result, "2025-07-31", *certificates]


def test_a_file_giving_one_training_certificate_number_twice_in_a_blkk_saves_none(
    admin_client,
):
    program = finished_program()
    same_blkk = finished_program(program.institution)
    factories.GraduateFactory(
        program=finished_program(program.institution), training_certificate_number="SP-003"
    )
    header = [*GRADUATE_HEADER, "training_certificate_number"]
    rows = [
        graduate_row(program, "kompeten", "SP-001"),
        graduate_row(same_blkk, "kompeten", "SP-001"),
        graduate_row(program, "kompeten", "SP-002"),
        graduate_row(same_blkk, "kompeten", "SP-003"),
    ]

    response = check_file(admin_client, Enrollment, header, rows)

    assert_reports(
        reported_lines(response),
        {
            3: "Nomor sertifikat pelatihan SP-001 sudah dipakai peserta lain di BLKK ini.",
            5: "Nomor sertifikat pelatihan SP-003 sudah dipakai peserta lain di BLKK ini.",
        },
    )
    assert not Enrollment.objects.filter(training_certificate_number="SP-001").exists()


def test_a_file_may_give_one_training_certificate_number_at_two_blkk(db):
    header = [*GRADUATE_HEADER, "training_certificate_number"]
    rows = [
        graduate_row(finished_program(), "kompeten", "SP-001"),
        graduate_row(finished_program(), "kompeten", "SP-001"),
    ]

    result = EnrollmentResource().import_data(tablib.Dataset(*rows, headers=header), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert Enrollment.objects.filter(training_certificate_number="SP-001").count() == 2


def test_competency_certificates_in_a_file_are_checked_by_the_models_rules(admin_client):
    program = finished_program()
    certificate = ["Penjahit Pakaian Wanita", "LSP Garmen Indonesia", "LSP/001"]
    rows = [
        graduate_row(program, "kompeten", *certificate, "2025-08-20"),
        graduate_row(program, "belum_kompeten", *certificate, "2025-08-20"),
        graduate_row(program, "kompeten", *certificate, ""),
        graduate_row(program, "kompeten", *certificate, "2025-06-30"),
    ]

    response = check_file(admin_client, Enrollment, [*GRADUATE_HEADER, *COMPETENCY_HEADER], rows)

    assert_reports(
        reported_lines(response),
        {
            3: "Sertifikat kompetensi hanya untuk peserta yang hasil ujinya kompeten.",
            4: "Isi nomor dan tanggal sertifikat kompetensi bersama-sama, atau kosongkan keduanya.",
            5: "Tanggal sertifikat kompetensi tidak boleh sebelum program dimulai, 1 Juli 2025.",
        },
    )
    assert not program.enrollments.exists()


# Programs: a PBK-funded program is tied to its BLKK's grant by year and kejuruan.

PROGRAM_HEADER = [
    "slug",
    "title",
    "institution",
    "field",
    "description",
    "start_date",
    "end_date",
    "registration_closes",
    "hours",
    "quota",
    "funding_source",
]


def program_row(slug, institution, funding_source="pbk", start="2025-08-01"):
    return [
        slug,
        f"Pelatihan {slug}",
        institution.slug,
        institution.primary_field.slug,
        "Pelatihan berbasis kompetensi.",
        start,
        "2025-08-20",
        "2025-07-25",
        160,
        16,
        funding_source,
    ]


def test_pbk_program_draws_on_the_grant_of_its_year_or_is_refused(db):
    with_grant, without_grant = factories.InstitutionFactory(), factories.InstitutionFactory()
    grant = factories.PBKAssistanceFactory(institution=with_grant, year=2025)
    rows = [
        program_row("pbk-ada-bantuan", with_grant),
        program_row("pbk-tanpa-bantuan", without_grant),
        program_row("apbd-biasa", without_grant, funding_source="apbd"),
        program_row("tanggal-terbalik", with_grant, start="2025-09-01"),
    ]

    resource = TrainingProgramResource()

    result = resource.import_data(tablib.Dataset(*rows, headers=PROGRAM_HEADER), dry_run=False)
    invalid = {row.number: str(row.error_dict) for row in result.invalid_rows}
    assert set(invalid) == {2, 4}
    assert "Program berdana PBK harus menunjuk bantuan PBK-nya" in invalid[2]
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in invalid[4]
    assert not TrainingProgram.objects.exists()

    good_rows = [rows[0], rows[2]]
    resource.import_data(tablib.Dataset(*good_rows, headers=PROGRAM_HEADER), dry_run=False)
    assert TrainingProgram.objects.get(slug="pbk-ada-bantuan").pbk_assistance == grant
    assert TrainingProgram.objects.get(slug="apbd-biasa").pbk_assistance is None


def test_clean_xlsx_file_reaches_the_confirm_step(admin_client):
    response = check_file(admin_client, Trainee, TRAINEE_HEADER, [trainee_row(1)], XLSX)
    assert "confirm_form" in response.context


# Programs in a file as the secretariat reads it: Indonesian headers, labels, real dates.


def exported_programs(client, file_format):
    return client.post("/admin/trainings/trainingprogram/export/", {"format": file_format})


def test_exported_programs_are_headed_in_indonesian_with_labels_and_plain_dates(admin_client):
    factories.TrainingProgramFactory(
        status=TrainingProgram.Status.RUNNING, start_date=datetime.date(2027, 1, 7)
    )

    response = exported_programs(admin_client, "0")
    dataset = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")

    assert {"Judul", "Kejuruan", "Tanggal mulai", "Sumber dana", "Status"} <= set(dataset.headers)
    assert dataset["Status"] == ["Sedang berjalan"]
    assert dataset["Tanggal mulai"] == ["2027-01-07"]


def test_exported_program_dates_are_date_cells_without_a_time_in_xlsx(admin_client):
    factories.TrainingProgramFactory(
        status=TrainingProgram.Status.DRAFT, start_date=datetime.date(2027, 1, 7)
    )

    response = exported_programs(admin_client, XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Tanggal mulai") + 1)

    assert cell.is_date
    assert cell.value == datetime.datetime(2027, 1, 7)
    assert not any(part in cell.number_format.lower() for part in ("h", "s"))
    assert sheet.cell(row=2, column=header.index("Status") + 1).value == "Draf"


def labelled_program_row(slug, institution, status="Sedang berjalan"):
    *row, funding_source = program_row(slug, institution, funding_source="APBD Kabupaten")
    row[PROGRAM_HEADER.index("start_date")] = "01/08/2025"
    return [*row, funding_source, status]


LABELLED_PROGRAM_HEADER = [*headers(TrainingProgramResource, PROGRAM_HEADER), "Status"]


def test_a_program_file_headed_in_indonesian_with_labels_is_saved(admin_client):
    institution = factories.InstitutionFactory()
    rows = [labelled_program_row("menjahit-2025", institution)]

    checked = check_file(admin_client, TrainingProgram, LABELLED_PROGRAM_HEADER, rows)
    assert "confirm_form" in checked.context
    saved = confirm_file(admin_client, TrainingProgram, LABELLED_PROGRAM_HEADER, rows)

    assert saved.status_code == 302
    program = TrainingProgram.objects.get(slug="menjahit-2025")
    assert (program.funding_source, program.status) == ("apbd", "berjalan")
    assert program.start_date == datetime.date(2025, 8, 1)


def test_a_program_file_with_old_field_names_and_codes_is_still_saved(db):
    institution = factories.InstitutionFactory()
    rows = [[*program_row("menjahit-2025", institution, "apbd"), "berjalan"]]

    result = TrainingProgramResource().import_data(
        tablib.Dataset(*rows, headers=[*PROGRAM_HEADER, "status"]), dry_run=False
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert TrainingProgram.objects.get(slug="menjahit-2025").status == "berjalan"


def test_a_program_file_with_an_unknown_status_is_refused_by_line_and_saves_none(admin_client):
    institution = factories.InstitutionFactory()
    rows = [
        labelled_program_row("menjahit-2025", institution),
        labelled_program_row("las-2025", institution, status="Hampir selesai"),
    ]

    for step in (check_file, confirm_file):
        assert_reports(
            reported_lines(step(admin_client, TrainingProgram, LABELLED_PROGRAM_HEADER, rows)),
            {3: "Status: Nilai “Hampir selesai” bukan salah satu pilihan: Draf, Diumumkan,"},
        )
    assert not TrainingProgram.objects.exists()
