"""The participant import service: upload checks, every bad row reported, all or nothing."""

import datetime
import io
import re
import zipfile
from unittest import mock

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from institutions.models import Gender
from tests import factories
from trainings import imports, tasks
from trainings.models import Enrollment, ParticipantImport, Trainee, TrainingProgram
from trainings.validators import compose_nik

HEADER = [str(column.title) for column in imports.COLUMNS]
BIRTH = datetime.date(2000, 5, 17)


def nik(serial, birth=BIRTH, gender=Gender.FEMALE):
    return compose_nik("360301", birth, gender, 9000 + serial)


def row(serial, **changes) -> list:
    values = {
        "nik": nik(serial),
        "full_name": f"Peserta Impor {serial}",
        "gender": "P",
        "birth_date": "2000-05-17",
        "phone": "0812-3456-7890",
        "email": "",
        "address": "Kp. Contoh RT 01/02",
        "district": "36.03.01",
        "village": "",
        "education": "SMA",
        "occupation": "tidak bekerja",
        **changes,
    }
    return [values[column.field] for column in imports.COLUMNS]


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, header=HEADER, delimiter=",") -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(map(str, cells)) for cells in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def xlsx_file(rows, **kwargs):
    return SimpleUploadedFile("peserta.xlsx", xlsx_bytes(rows, **kwargs))


def csv_file(rows, **kwargs):
    return SimpleUploadedFile("peserta.csv", csv_bytes(rows, **kwargs))


@pytest.fixture
def program(institution_a):
    return factories.TrainingProgramFactory(
        institution=institution_a, status=TrainingProgram.Status.OPEN, quota=20
    )


@pytest.fixture
def run_import(django_capture_on_commit_callbacks, manager_a):
    """Upload ``file`` for ``program`` and run the queued task, as a request would."""

    def run(program, file) -> ParticipantImport:
        file_format = imports.check_upload(file)
        imports.check_row_count(file, file_format)
        with django_capture_on_commit_callbacks(execute=True):
            job = imports.participant_import_start(
                program=program, user=manager_a, file=file, file_format=file_format
            )
        job.refresh_from_db()
        return job

    return run


def lines_and_reasons(job) -> dict:
    reasons = {}
    for error in job.errors:
        reasons.setdefault(error["line"], []).append(f"{error['column']}: {error['message']}")
    return {line: " | ".join(messages) for line, messages in reasons.items()}


# Saving ---------------------------------------------------------------------------------


def test_good_xlsx_creates_new_trainees_matches_known_nik_and_accepts_everyone(
    run_import, program, manager_a
):
    known = factories.TraineeFactory(
        nik=nik(1), full_name="Peserta Impor 1", birth_date=BIRTH, phone="+6281111111111"
    )
    trainees_before = Trainee.objects.count()

    job = run_import(program, xlsx_file([row(1, full_name="PESERTA  impor 1"), row(2), row(3)]))

    assert job.status == ParticipantImport.Status.DONE, job.errors
    assert (job.total_rows, job.processed_rows) == (3, 3)
    assert (job.created_trainees, job.matched_trainees, job.enrollments_created) == (2, 1, 3)
    assert Trainee.objects.count() == trainees_before + 2
    known.refresh_from_db()
    assert known.phone == "+6281111111111", "a known trainee's stored data is not overwritten"
    enrollments = program.enrollments.select_related("trainee")
    assert {enrollment.trainee.nik for enrollment in enrollments} == {nik(1), nik(2), nik(3)}
    assert {enrollment.status for enrollment in enrollments} == {Enrollment.Status.ACCEPTED}
    assert {enrollment.decided_on for enrollment in enrollments} == {timezone.localdate()}
    new = Trainee.objects.get(nik=nik(2))
    assert new.phone == "+6281234567890"
    assert new.district.code == "36.03.01"
    assert new.education == "sma" and new.occupation == "tidak_bekerja"
    assert {record.history_user for record in new.history.all()} == {manager_a}
    assert {
        record.history_user
        for record in Enrollment.history.filter(program_id=program.pk, history_type="+")
    } == {manager_a}
    assert not job.file, "the file with personal data is deleted once processed"
    assert job.finished_at is not None


def test_good_csv_with_semicolons_and_labels_is_imported(run_import, program):
    rows = [
        row(1, gender="perempuan", birth_date="17-05-2000", district="Balaraja"),
        row(2, education="Sarjana (S1)", occupation="Karyawan/buruh", village="36.03.01.2003"),
        row(3, nik=nik(3, gender=Gender.MALE), gender="l", occupation="WIRAUSAHA"),
    ]

    job = run_import(program, csv_file(rows, delimiter=";"))

    assert job.status == ParticipantImport.Status.DONE, job.errors
    assert job.enrollments_created == 3
    assert Trainee.objects.get(nik=nik(2)).education == "s1"
    assert Trainee.objects.get(nik=nik(2)).village.code == "36.03.01.2003"
    assert Trainee.objects.get(nik=nik(3, gender=Gender.MALE)).gender == Gender.MALE


def test_kecamatan_outside_kabupaten_tangerang_is_imported_by_its_code(run_import, program):
    rows = [row(1, district="36.74.04"), row(2, district="33.29.01")]

    job = run_import(program, xlsx_file(rows))

    assert job.status == ParticipantImport.Status.DONE, job.errors
    assert Trainee.objects.get(nik=nik(1)).district.name == "Ciputat"
    assert Trainee.objects.get(nik=nik(2)).district.regency.name == "Kabupaten Brebes"


def test_desa_of_kabupaten_tangerang_is_refused_for_a_kecamatan_elsewhere(run_import, program):
    job = run_import(program, xlsx_file([row(1, district="36.74.04", village="36.03.01.2003")]))

    assert job.status == ParticipantImport.Status.FAILED
    assert "tidak berada di Kecamatan Ciputat" in lines_and_reasons(job)[2]


def test_bad_file_reports_every_bad_row_by_line_and_saves_nothing(run_import, program):
    rows = [
        row(1),
        row(2, nik="36030157050000"),
        row(3, birth_date="2001-05-17"),
        row(4, district="36.03.99"),
        row(5),
        row(6, village="36.03.02.2001"),
        row(7, birth_date="31-02-2000"),
        row(8, phone="12345", gender="X"),
        row(9, education="kuliah"),
        row(10, full_name=""),
    ]
    trainees_before, enrollments_before = Trainee.objects.count(), Enrollment.objects.count()

    job = run_import(program, xlsx_file(rows))

    assert job.status == ParticipantImport.Status.FAILED
    reasons = lines_and_reasons(job)
    assert set(reasons) == {3, 4, 5, 7, 8, 9, 10, 11}
    assert "NIK harus terdiri dari 16 angka." in reasons[3]
    assert "Tanggal lahir (TTTT-BB-HH): Tanggal lahir tidak sesuai dengan NIK." in reasons[4]
    assert "Kecamatan “36.03.99” tidak ditemukan" in reasons[5]
    assert "tidak berada di Kecamatan Balaraja" in reasons[7]
    assert "Tanggal lahir tidak dapat dibaca" in reasons[8]
    assert "Nomor HP tidak valid" in reasons[9] and "Isi jenis kelamin dengan L" in reasons[9]
    assert "Pilihan “kuliah” tidak dikenal" in reasons[10]
    assert reasons[11].startswith("Nama lengkap: ")
    assert Trainee.objects.count() == trainees_before
    assert Enrollment.objects.count() == enrollments_before
    assert [error["line"] for error in job.errors] == sorted(error["line"] for error in job.errors)


def test_nik_outside_kemendagri_regions_or_with_serial_0000_is_reported_by_line(
    run_import, program
):
    rows = [row(1), row(2, nik=f"360300{nik(2)[6:]}"), row(3, nik=f"{nik(3)[:12]}0000")]

    job = run_import(program, csv_file(rows))

    assert job.status == ParticipantImport.Status.FAILED
    assert lines_and_reasons(job) == {
        3: "NIK: Enam angka pertama NIK bukan kode kecamatan yang terdaftar di Kemendagri.",
        4: "NIK: Empat angka terakhir NIK tidak boleh 0000.",
    }
    assert not program.enrollments.exists()


def test_names_and_addresses_a_spreadsheet_would_run_are_refused_by_line(run_import, program):
    rows = [
        row(1),
        row(2, full_name='=HYPERLINK("http://evil.example/","Klik")'),
        row(3, address="=1+1"),
        row(4, full_name="Siti <script>"),
    ]

    job = run_import(program, csv_file(rows, delimiter=";"))

    assert job.status == ParticipantImport.Status.FAILED
    assert lines_and_reasons(job) == {
        3: "Nama lengkap: Isian ini tidak boleh diawali tanda =, +, -, atau @.",
        4: "Alamat: Isian ini tidak boleh diawali tanda =, +, -, atau @.",
        5: "Nama lengkap: Isian ini tidak boleh memuat tanda < atau >.",
    }
    assert not program.enrollments.exists()


def test_nik_twice_in_one_file_is_reported_on_the_second_line(run_import, program):
    job = run_import(program, csv_file([row(1), row(2), row(1, full_name="Orang Lain")]))

    assert job.status == ParticipantImport.Status.FAILED
    assert lines_and_reasons(job) == {4: "NIK: NIK ini sudah ada di baris 2 berkas ini."}
    assert not program.enrollments.exists()


def test_known_nik_of_another_person_and_someone_already_in_the_program_are_refused(
    run_import, program
):
    factories.TraineeFactory(nik=nik(1), full_name="Nama Tersimpan", birth_date=BIRTH)
    enrolled = factories.TraineeFactory(nik=nik(2), full_name="Peserta Impor 2", birth_date=BIRTH)
    factories.EnrollmentFactory(program=program, trainee=enrolled)

    job = run_import(program, csv_file([row(1), row(2), row(3)]))

    reasons = lines_and_reasons(job)
    assert set(reasons) == {2, 3}
    assert "sudah terdaftar atas nama, tanggal lahir, atau jenis kelamin yang berbeda" in reasons[2]
    assert "sudah terdaftar di program ini (status: mendaftar)" in reasons[3]
    assert program.enrollments.count() == 1


def test_more_participants_than_seats_left_saves_nothing(run_import, program):
    program.quota = 3
    program.save()
    factories.EnrollmentFactory(program=program, status=Enrollment.Status.ACCEPTED)

    job = run_import(program, csv_file([row(1), row(2), row(3)]))

    assert job.status == ParticipantImport.Status.FAILED
    assert len(job.errors) == 1
    assert job.errors[0]["line"] is None
    assert (
        "Kuota program tersisa 2 kursi, sedangkan berkas berisi 3 peserta"
        in (job.errors[0]["message"])
    )
    assert program.enrollments.count() == 1


def test_age_limits_of_the_program_are_checked(run_import, program):
    program.min_age = 18
    program.max_age = 20
    program.save()

    job = run_import(program, csv_file([row(1)]))

    assert lines_and_reasons(job) == {
        2: "Tanggal lahir (TTTT-BB-HH): Usia maksimal peserta program ini 20 tahun."
    }


def test_missing_columns_and_an_empty_file_are_explained(run_import, program):
    missing = run_import(program, csv_file([row(1)[1:]], header=HEADER[1:]))
    empty = run_import(program, csv_file([]))

    assert lines_and_reasons(missing) == {
        1: "NIK: Kolom “NIK” tidak ada di baris judul; pakai templat impor."
    }
    assert "tidak berisi baris peserta" in empty.errors[0]["message"]


# Refused before parsing -----------------------------------------------------------------


def refusal(file) -> str:
    with pytest.raises(ValidationError) as caught:
        imports.check_upload(file)
    return " ".join(caught.value.messages)


def test_oversized_file_is_refused_before_openpyxl_opens_it(settings):
    settings.MAX_IMPORT_UPLOAD_BYTES = 1000
    file = SimpleUploadedFile("peserta.xlsx", xlsx_bytes([row(1)]))

    with mock.patch("openpyxl.load_workbook") as load_workbook:
        assert "Berkas terlalu besar" in refusal(file)

    load_workbook.assert_not_called()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_openpyxl_opens_it():
    bomb = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024),
        }
    )
    assert len(bomb) < 100_000

    with mock.patch("openpyxl.load_workbook") as load_workbook:
        assert "tidak wajar" in refusal(SimpleUploadedFile("peserta.xlsx", bomb))

    load_workbook.assert_not_called()


def test_zip_with_too_many_members_is_refused():
    many = zip_bytes({f"xl/part{index}.xml": b"<x/>" for index in range(300)})

    assert "tidak wajar" in refusal(SimpleUploadedFile("peserta.xlsx", many))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("peserta.xlsx", b"NIK,Nama lengkap\n", "bukan berkas Excel (.xlsx) yang sah"),
        ("peserta.xlsx", zip_bytes({"word/document.xml": b"<w/>"}), "bukan berkas Excel"),
        ("peserta.csv", zip_bytes({"xl/workbook.xml": b"<w/>"}), "bukan teks CSV"),
        ("peserta.csv", "NIK;Nama\n1;Sémi".encode("cp1252"), "harus berkode UTF-8"),
        ("peserta.pdf", b"%PDF-1.4", "Unggah berkas Excel (.xlsx) atau CSV"),
    ],
)
def test_file_whose_content_is_not_its_type_is_refused(name, content, reason):
    assert reason in refusal(SimpleUploadedFile(name, content))


def test_more_than_ten_thousand_rows_are_refused(settings):
    assert settings.IMPORT_MAX_ROWS == 10_000
    file = csv_file([row(1)] * 10_001)

    with pytest.raises(ValidationError, match="lebih dari 10.000 baris"):
        imports.check_row_count(file, imports.check_upload(file))


def test_workbook_declaring_more_rows_than_the_limit_is_refused_before_its_rows_are_read(
    settings,
):
    settings.IMPORT_MAX_ROWS = 5
    file = xlsx_file([row(index) for index in range(6)])

    with (
        mock.patch.object(ReadOnlyWorksheet, "_cells_by_row") as read_cells,
        pytest.raises(ValidationError, match="lebih dari 5 baris"),
    ):
        imports.check_row_count(file, imports.check_upload(file))

    read_cells.assert_not_called()
    imports.check_row_count(xlsx_file([row(index) for index in range(5)]), imports.XLSX)


def with_first_sheet_changed(content: bytes, change) -> SimpleUploadedFile:
    """The workbook with ``change`` applied to the XML of its first sheet."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            part = source.read(name)
            target.writestr(name, change(part) if name == "xl/worksheets/sheet1.xml" else part)
    return SimpleUploadedFile("peserta.xlsx", buffer.getvalue())


def test_a_workbook_declaring_fewer_rows_than_it_holds_is_read_to_its_last_row(run_import, program):
    content = xlsx_bytes([row(index) for index in range(4)])
    file = with_first_sheet_changed(
        content, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:K2"', xml)
    )

    job = run_import(program, file)

    assert job.status == ParticipantImport.Status.DONE, job.errors
    assert job.enrollments_created == 4
    assert program.enrollments.count() == 4


def test_a_workbook_whose_sheet_breaks_off_fails_the_job_with_a_message(run_import, program):
    content = xlsx_bytes([row(index) for index in range(3)])
    file = with_first_sheet_changed(content, lambda xml: xml[: xml.index(b"</sheetData>") - 40])

    job = run_import(program, file)

    assert job.status == ParticipantImport.Status.FAILED
    assert lines_and_reasons(job) == {
        None: ": Berkas Excel ini tidak dapat dibuka; simpan ulang sebagai “Excel Workbook”."
    }
    assert not program.enrollments.exists()


def test_rows_beyond_the_limit_fail_the_job_even_when_the_sheet_hides_its_size(
    run_import, program, settings
):
    settings.IMPORT_MAX_ROWS = 3
    with mock.patch.object(imports, "check_row_count"):
        job = run_import(program, xlsx_file([row(index) for index in range(4)]))

    assert job.status == ParticipantImport.Status.FAILED
    assert "lebih dari 3 baris" in job.errors[0]["message"]
    assert not program.enrollments.exists()


# Template and task ----------------------------------------------------------------------


def test_xlsx_template_has_the_header_an_example_and_imports_once_filled(run_import, program):
    workbook = openpyxl.load_workbook(io.BytesIO(imports.template_file(imports.XLSX)))
    sheet, example = workbook["Peserta"], workbook["Contoh"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.max_row == 1
    assert [cell.value for cell in example[2]][:2] == imports.example_row()[:2]
    assert "Petunjuk" in workbook.sheetnames

    sheet.append(row(1))
    sheet.append(row(2, nik=nik(2, gender=Gender.MALE), gender="L"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run_import(program, SimpleUploadedFile("templat.xlsx", buffer.getvalue()))

    assert job.status == ParticipantImport.Status.DONE, job.errors
    assert job.enrollments_created == 2


def test_csv_template_with_its_example_row_imports(run_import, program):
    content = imports.template_file(imports.CSV) + ",".join(imports.example_row()).encode()

    job = run_import(program, SimpleUploadedFile("templat.csv", content))

    assert job.status == ParticipantImport.Status.DONE, job.errors


def test_task_runs_a_job_once(run_import, program):
    job = run_import(program, csv_file([row(1)]))
    assert job.status == ParticipantImport.Status.DONE

    assert tasks.import_participants(job.pk) is False
    assert program.enrollments.count() == 1
    assert imports.participant_import_run(import_id=job.pk) is False


def test_a_job_that_stopped_moving_is_failed_and_its_file_deleted(program, manager_a):
    with mock.patch.object(tasks.import_participants, "delay"):
        job = imports.participant_import_start(
            program=program, user=manager_a, file=csv_file([row(1)]), file_format="csv"
        )
    checking = factories.ParticipantImportFactory(program=program, status="diperiksa")
    done = factories.ParticipantImportFactory(program=program)
    stored_name = job.file.name
    later = timezone.now() + ParticipantImport.STALLED_AFTER + datetime.timedelta(minutes=1)

    assert tasks.fail_stalled_participant_imports() == 0
    assert ParticipantImport.fail_stalled(now=later) == 2

    job.refresh_from_db()
    assert job.status == ParticipantImport.Status.FAILED
    assert "unggah berkas ini sekali lagi" in job.errors[0]["message"]
    assert not job.file and not job.file.storage.exists(stored_name)
    assert program.enrollments.count() == 0
    checking.refresh_from_db()
    assert checking.status == ParticipantImport.Status.FAILED
    done.refresh_from_db()
    assert done.status == ParticipantImport.Status.DONE
