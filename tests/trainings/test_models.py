import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.dates import day_label
from core.models import InvalidTransition
from institutions.models import District, Gender, Village
from tests import factories
from tests.assertions import (
    assert_database_refuses,
    clean_errors,
    constraint_tests,
    scoping_tests,
)
from tests.dates import days, today
from trainings.models import (
    Enrollment,
    FundingSource,
    ParticipantImport,
    PBKAssistance,
    Trainee,
    TrainingProgram,
)

pytestmark = pytest.mark.django_db

Status = TrainingProgram.Status
E = Enrollment.Status


def program_on(**fields):
    """A program starting a month after today(), registration closing a week before."""
    start = today() + datetime.timedelta(days=30)
    return factories.TrainingProgramFactory(
        start_date=start, registration_closes=start - datetime.timedelta(days=7), **fields
    )


def duplicate_grant():
    grant = factories.PBKAssistanceFactory()
    return {"institution": grant.institution, "year": grant.year, "field": grant.field}


def duplicate_enrollment():
    enrollment = factories.EnrollmentFactory()
    return {"trainee": enrollment.trainee, "program": enrollment.program}


def duplicate_alert():
    alert = factories.ProgramAlertFactory()
    return {"email": alert.email, "field": alert.field, "district": alert.district}


VIOLATIONS = [
    pytest.param(
        factories.ProgramAlertFactory,
        duplicate_alert,
        None,
        id="program_alert_once_per_address",
    ),
    pytest.param(
        factories.PBKAssistanceFactory,
        duplicate_grant,
        None,
        id="pbk_one_grant_per_field_and_year",
    ),
    pytest.param(
        factories.PBKAssistanceFactory,
        lambda: {"packages": 0},
        "Jumlah paket harus lebih dari nol.",
        id="pbk_packages_positive",
    ),
    pytest.param(
        factories.PBKAssistanceFactory,
        lambda: {"target_participants": 0},
        "Target peserta harus lebih dari nol.",
        id="pbk_target_positive",
    ),
    pytest.param(
        factories.PBKAssistanceFactory,
        lambda: {"amount": -1},
        "Nilai bantuan tidak boleh negatif.",
        id="pbk_amount_not_negative",
    ),
    pytest.param(
        factories.PBKAssistanceFactory,
        lambda: {"year": 2016},
        "Tahun anggaran harus antara 2017 dan 2100.",
        id="pbk_year_plausible",
    ),
    pytest.param(
        factories.PBKAssistanceFactory,
        lambda: {"report_submitted_on": datetime.date(2026, 12, 1)},
        "Laporan yang diserahkan harus disertai berkas PDF.",
        id="pbk_submitted_report_has_file",
    ),
    pytest.param(
        factories.TraineeFactory,
        lambda: {"nik": "36030157050A0001"},
        "NIK harus terdiri dari 16 angka.",
        id="trainee_nik_16_digits",
    ),
    pytest.param(
        factories.TrainingProgramFactory,
        lambda: {
            "start_date": datetime.date(2026, 7, 10),
            "end_date": datetime.date(2026, 7, 9),
            "registration_closes": datetime.date(2026, 7, 1),
        },
        "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        id="program_dates_ordered",
    ),
    pytest.param(
        factories.TrainingProgramFactory,
        lambda: {
            "start_date": datetime.date(2026, 7, 10),
            "registration_closes": datetime.date(2026, 7, 11),
        },
        "Batas pendaftaran tidak boleh setelah tanggal mulai pelatihan.",
        id="program_registration_closes_before_start",
    ),
    pytest.param(
        factories.TrainingProgramFactory,
        lambda: {"quota": 0},
        "Kuota peserta harus lebih dari nol.",
        id="program_quota_positive",
    ),
    pytest.param(
        factories.TrainingProgramFactory,
        lambda: {"hours": 0},
        "Jumlah JP harus lebih dari nol.",
        id="program_hours_positive",
    ),
    pytest.param(
        factories.TrainingProgramFactory,
        lambda: {"min_age": 30, "max_age": 29},
        "Usia maksimal tidak boleh di bawah usia minimal.",
        id="program_age_limits_ordered",
    ),
    pytest.param(
        factories.TrainingProgramFactory,
        lambda: {"funding_source": FundingSource.PBK},
        "Program berdana PBK harus menunjuk bantuan PBK-nya, dan hanya program PBK.",
        id="program_pbk_funding_has_assistance",
    ),
    pytest.param(
        factories.EnrollmentFactory,
        duplicate_enrollment,
        "Peserta ini sudah terdaftar di program ini.",
        id="enrollment_once_per_program",
    ),
    pytest.param(
        factories.EnrollmentFactory,
        lambda: {"status": Enrollment.Status.IN_TRAINING, "training_certificate_number": "SERT-1"},
        "Nomor sertifikat pelatihan hanya untuk peserta yang lulus.",
        id="enrollment_training_certificate_only_for_graduates",
    ),
    pytest.param(
        factories.GraduateFactory,
        lambda: {
            "competency_result": Enrollment.CompetencyResult.NOT_YET_COMPETENT,
            "competency_scheme": "Penjahit Pakaian Wanita",
        },
        "Sertifikat kompetensi hanya untuk peserta yang hasil ujinya kompeten.",
        id="enrollment_competency_certificate_only_if_competent",
    ),
    pytest.param(
        factories.GraduateFactory,
        lambda: {"competency_certificate_number": "LSP-GI/00001/2026"},
        "Isi nomor dan tanggal sertifikat kompetensi bersama-sama, atau kosongkan keduanya.",
        id="enrollment_competency_certificate_number_with_date",
    ),
    pytest.param(
        factories.EnrollmentFactory,
        lambda: {
            "status": Enrollment.Status.ACCEPTED,
            "competency_result": Enrollment.CompetencyResult.COMPETENT,
        },
        "Hasil uji kompetensi hanya untuk peserta yang lulus atau tidak selesai.",
        id="enrollment_result_after_training",
    ),
    pytest.param(
        factories.EnrollmentFactory,
        lambda: {
            "status": Enrollment.Status.ACCEPTED,
            "rejection_reason": Enrollment.RejectionReason.QUOTA_FULL,
        },
        "Alasan penolakan hanya untuk pendaftar yang ditolak.",
        id="enrollment_rejection_reason_only_if_rejected",
    ),
]


(
    test_every_constraint_of_the_app_has_a_violation_case,
    test_database_refuses_a_violating_row,
    test_validate_constraints_reports_the_violation,
) = constraint_tests("trainings", VIOLATIONS)


def test_database_refuses_a_non_pbk_program_pointing_to_a_pbk_grant():
    grant = factories.PBKAssistanceFactory()
    assert_database_refuses(
        lambda: factories.TrainingProgramFactory(
            institution=grant.institution, funding_source=FundingSource.APBD, pbk_assistance=grant
        ),
        "program_pbk_funding_has_assistance",
    )


def test_nik_is_unique():
    trainee = factories.TraineeFactory()
    with pytest.raises(ValidationError) as caught:
        factories.TraineeFactory.build(nik=trainee.nik).validate_unique()
    assert "nik" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TraineeFactory(nik=trainee.nik)


def test_a_graduate_may_hold_both_certificates_and_a_result():
    factories.GraduateFactory(certified=True).full_clean()


# clean() rules --------------------------------------------------------------------------


def test_program_field_must_be_taught_by_the_institution():
    other = factories.VocationalFieldFactory(slug="barista")
    program = factories.TrainingProgramFactory.build(
        institution=factories.InstitutionFactory(), field=other
    )
    assert clean_errors(program)["field"] == [
        "BLKK ini belum mengajarkan kejuruan Barista; tambahkan dulu di profil BLKK."
    ]


def test_program_may_teach_a_field_the_institution_added():
    institution = factories.InstitutionFactory()
    added = factories.VocationalFieldFactory()
    institution.fields.add(added)
    factories.TrainingProgramFactory(institution=institution, field=added).full_clean()


def pbk_program(grant, **fields):
    return factories.TrainingProgramFactory.build(
        institution=grant.institution,
        funding_source=FundingSource.PBK,
        pbk_assistance=grant,
        start_date=datetime.date(grant.year, 8, 1),
        end_date=datetime.date(grant.year, 8, 30),
        registration_closes=datetime.date(grant.year, 7, 20),
        **fields,
    )


def test_pbk_program_of_the_grants_institution_year_and_field_is_accepted():
    program = pbk_program(factories.PBKAssistanceFactory(year=2026))
    program.full_clean()


def test_pbk_grant_of_another_institution_is_refused():
    grant = factories.PBKAssistanceFactory(year=2026)
    program = pbk_program(grant)
    program.institution = factories.InstitutionFactory(primary_field=grant.field)
    assert clean_errors(program)["pbk_assistance"] == ["Bantuan PBK ini milik BLKK lain."]


def test_pbk_grant_of_another_year_is_refused():
    grant = factories.PBKAssistanceFactory(year=2026)
    program = pbk_program(grant)
    program.start_date, program.end_date = datetime.date(2027, 1, 10), datetime.date(2027, 2, 1)
    assert clean_errors(program)["pbk_assistance"] == [
        "Bantuan PBK tahun 2026 tidak bisa mendanai program yang mulai tahun lain."
    ]


def test_pbk_grant_for_another_field_is_refused():
    grant = factories.PBKAssistanceFactory(year=2026)
    other = factories.VocationalFieldFactory(slug="menjahit")
    grant.institution.fields.add(other)
    grant.field = other
    grant.save()
    program = pbk_program(grant, field=grant.institution.primary_field)
    assert clean_errors(program)["pbk_assistance"] == [
        "Bantuan PBK ini untuk kejuruan Menjahit (Garmen)."
    ]


def test_trainee_birth_date_must_match_the_nik():
    trainee = factories.TraineeFactory()
    trainee.birth_date = datetime.date(2000, 5, 18)
    assert clean_errors(trainee) == {"birth_date": ["Tanggal lahir tidak sesuai dengan NIK."]}


def test_trainee_gender_must_match_the_nik():
    trainee = factories.TraineeFactory(gender=Gender.FEMALE)
    trainee.gender = Gender.MALE
    assert clean_errors(trainee) == {
        "gender": [
            "Jenis kelamin tidak sesuai dengan NIK (tanggal lahir pada NIK perempuan ditambah 40)."
        ]
    }


def test_trainee_village_must_lie_in_their_district(village_outside_district):
    village, district = village_outside_district
    trainee = factories.TraineeFactory.build(district=district, village=village)
    assert clean_errors(trainee)["village"] == [
        "Desa/kelurahan Cangkudu tidak berada di Kecamatan Tigaraksa."
    ]


def test_trainee_may_live_outside_kabupaten_tangerang_without_a_desa():
    """A migrant keeps the NIK of her home region (Balaraja) while living in Ciputat."""
    ciputat = District.objects.get(code="36.74.04")
    trainee = factories.TraineeFactory.build(district=ciputat, village=None)
    assert trainee.nik.startswith("360301")
    trainee.full_clean()


def test_trainee_outside_kabupaten_tangerang_has_no_desa_of_the_regency():
    trainee = factories.TraineeFactory.build(
        district=District.objects.get(code="36.74.04"),
        village=Village.objects.get(code="36.03.01.2003"),
    )
    assert clean_errors(trainee)["village"] == [
        "Desa/kelurahan Cangkudu tidak berada di Kecamatan Ciputat."
    ]


def test_trainee_phone_is_stored_as_plus_62():
    trainee = factories.TraineeFactory(phone="(0812) 3456 7890")
    trainee.full_clean()
    assert trainee.phone == "+6281234567890"


def seventeen_on_the_first_day(program):
    return factories.TraineeFactory(birth_date=datetime.date(program.start_date.year - 17, 1, 1))


def test_enrollment_refuses_a_trainee_under_the_minimum_age():
    program = program_on(min_age=18)
    trainee = seventeen_on_the_first_day(program)
    enrollment = factories.EnrollmentFactory.build(program=program, trainee=trainee)
    assert clean_errors(enrollment) == {"trainee": ["Usia minimal peserta program ini 18 tahun."]}


def test_enrollment_age_is_checked_only_when_applying():
    program = program_on(min_age=18)
    trainee = seventeen_on_the_first_day(program)
    factories.EnrollmentFactory(program=program, trainee=trainee).full_clean()


# Program transitions ------------------------------------------------------------------

# The program's life as docs/DOMAIN.md describes it, written out here rather than read from the
# model so that a wrong move in the model fails this test.
PROGRAM_MOVES = {
    "publish": {Status.DRAFT: Status.PUBLISHED},
    "open_registration": {
        Status.DRAFT: Status.OPEN,
        Status.PUBLISHED: Status.OPEN,
        Status.CLOSED: Status.OPEN,
    },
    "close_registration": {Status.OPEN: Status.CLOSED},
    "start": {Status.OPEN: Status.RUNNING, Status.CLOSED: Status.RUNNING},
    "complete": {Status.RUNNING: Status.COMPLETED},
    "cancel": dict.fromkeys(
        (Status.DRAFT, Status.PUBLISHED, Status.OPEN, Status.CLOSED, Status.RUNNING),
        Status.CANCELLED,
    ),
}


def test_program_moves_cover_every_transition():
    assert set(PROGRAM_MOVES) == set(TrainingProgram.TRANSITIONS)


@pytest.mark.parametrize("transition", list(PROGRAM_MOVES))
@pytest.mark.parametrize("status", Status.values)
def test_program_transition_moves_only_from_allowed_statuses(status, transition):
    program = program_on(status=status)
    target = PROGRAM_MOVES[transition].get(status)
    assert program.can(transition) == (target is not None)
    if target is None:
        with pytest.raises(InvalidTransition):
            getattr(program, transition)()
        program.refresh_from_db()
        assert program.status == status
    else:
        getattr(program, transition)()
        program.refresh_from_db()
        assert program.status == target


def test_invalid_program_transition_says_why_in_indonesian():
    program = program_on(status=Status.COMPLETED)
    with pytest.raises(InvalidTransition) as caught:
        program.publish()
    assert caught.value.messages == ["Tidak bisa umumkan: statusnya sekarang selesai."]


def test_available_transitions_lists_only_valid_moves():
    program = program_on(status=Status.CLOSED)
    assert [name for name, _label in program.available_transitions()] == [
        "open_registration",
        "start",
        "cancel",
    ]


def test_open_registration_refuses_a_passed_deadline():
    program = program_on(status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as caught:
        program.open_registration(today=program.registration_closes + datetime.timedelta(days=1))
    assert caught.value.code == "deadline_passed"
    assert caught.value.messages == [
        "Batas pendaftaran sudah lewat; ubah dulu batas pendaftarannya."
    ]
    program.refresh_from_db()
    assert program.status == Status.PUBLISHED


def test_open_registration_is_allowed_on_the_deadline_day():
    program = program_on(status=Status.PUBLISHED)
    program.open_registration(today=program.registration_closes)
    assert program.status == Status.OPEN


def test_open_registration_from_a_wrong_status_is_an_invalid_transition_even_past_deadline():
    program = program_on(status=Status.RUNNING)
    with pytest.raises(InvalidTransition):
        program.open_registration(today=program.start_date)


# Registration rules -------------------------------------------------------------------


def test_open_program_before_deadline_with_seats_takes_applications():
    program = program_on()
    assert program.registration_refusal(today=program.registration_closes) is None


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.OPEN])
def test_program_not_open_refuses_registration(status):
    program = program_on(status=status)
    assert program.registration_refusal(today=today()) == (
        "Pendaftaran program ini tidak sedang dibuka."
    )


@pytest.mark.parametrize(
    "hidden",
    [{"institution__is_published": False}, {"institution__is_active": False}],
    ids=["unpublished", "inactive"],
)
def test_program_of_a_hidden_institution_refuses_registration(hidden):
    program = program_on(**hidden)
    assert program.registration_refusal(today=today()) == (
        "Pendaftaran program ini tidak sedang dibuka."
    )


def test_program_past_its_deadline_refuses_registration():
    program = program_on()
    day_after = program.registration_closes + datetime.timedelta(days=1)
    assert program.registration_refusal(today=day_after) == (
        "Batas pendaftaran program ini sudah lewat."
    )


def test_full_program_refuses_registration():
    program = program_on(quota=1)
    factories.EnrollmentFactory(program=program, status=Enrollment.Status.ACCEPTED)
    assert program.registration_refusal(today=today()) == "Kuota program ini sudah penuh."


def test_seats_left_counts_only_seated_enrollments():
    program = program_on(quota=10)
    for status in Enrollment.Status.values:
        factories.EnrollmentFactory(program=program, status=status)
    assert set(Enrollment.SEATED_STATUSES) == {
        E.ACCEPTED,
        E.IN_TRAINING,
        E.GRADUATED,
        E.DROPPED_OUT,
    }
    seated = len(Enrollment.SEATED_STATUSES)
    assert program.seats_left() == 10 - seated
    annotated = TrainingProgram.objects.with_seats_taken().get(pk=program.pk)
    assert annotated.seats_taken == seated
    assert annotated.seats_left() == 10 - seated


def test_seats_left_never_goes_below_zero():
    program = program_on(quota=2)
    factories.EnrollmentFactory.create_batch(2, program=program, status=Enrollment.Status.ACCEPTED)
    TrainingProgram.objects.filter(pk=program.pk).update(quota=1)
    program.refresh_from_db()
    assert program.seats_left() == 0


@pytest.mark.parametrize(
    ("birth_date", "refusal"),
    [
        (datetime.date(2008, 7, 11), "Usia minimal peserta program ini 18 tahun."),
        (datetime.date(2008, 7, 10), None),  # 18 on the first day
        (datetime.date(1991, 7, 11), None),  # still 34 on the first day
        (datetime.date(1991, 7, 10), "Usia maksimal peserta program ini 34 tahun."),
    ],
)
def test_age_refusal_compares_the_age_on_the_first_day(birth_date, refusal):
    program = factories.TrainingProgramFactory.build(
        start_date=datetime.date(2026, 7, 10), min_age=18, max_age=34
    )
    assert program.age_refusal(birth_date) == refusal


def test_program_without_age_limits_refuses_no_age():
    program = factories.TrainingProgramFactory.build()
    assert program.age_refusal(datetime.date(1950, 1, 1)) is None


# Enrollment transitions ---------------------------------------------------------------

ENROLLMENT_MOVES = {
    "accept": {E.APPLIED: E.ACCEPTED},
    "reject": {E.APPLIED: E.REJECTED},
    "withdraw": {E.APPLIED: E.WITHDRAWN, E.ACCEPTED: E.WITHDRAWN},
    "start_training": {E.ACCEPTED: E.IN_TRAINING},
    "graduate": {E.IN_TRAINING: E.GRADUATED},
    "drop_out": {E.IN_TRAINING: E.DROPPED_OUT},
    "reopen": {E.ACCEPTED: E.APPLIED, E.REJECTED: E.APPLIED},
}
ENROLLMENT_ARGUMENTS = {
    "graduate": {"result": Enrollment.CompetencyResult.COMPETENT},
    "reject": {"reason": Enrollment.RejectionReason.QUOTA_FULL},
}


def running_program():
    """A program that started ten days ago and ends in ten days: results can be recorded."""
    return factories.TrainingProgramFactory(
        status=TrainingProgram.Status.RUNNING,
        start_date=days(-10),
        end_date=days(10),
        registration_closes=days(-17),
    )


def in_training(program=None):
    return factories.EnrollmentFactory(program=program or running_program(), status=E.IN_TRAINING)


def test_enrollment_moves_cover_every_transition():
    assert set(ENROLLMENT_MOVES) == set(Enrollment.TRANSITIONS)


@pytest.mark.parametrize("transition", list(ENROLLMENT_MOVES))
@pytest.mark.parametrize("status", E.values)
def test_enrollment_transition_moves_only_from_allowed_statuses(status, transition):
    enrollment = factories.EnrollmentFactory(program=running_program(), status=status)
    target = ENROLLMENT_MOVES[transition].get(status)
    move = getattr(enrollment, transition)
    if target is None:
        with pytest.raises(InvalidTransition):
            move(**ENROLLMENT_ARGUMENTS.get(transition, {}))
        enrollment.refresh_from_db()
        assert enrollment.status == status
    else:
        move(**ENROLLMENT_ARGUMENTS.get(transition, {}))
        enrollment.refresh_from_db()
        assert enrollment.status == target


def test_accept_and_reject_record_the_decision_day():
    accepted, rejected = factories.EnrollmentFactory.create_batch(2)
    accepted.accept()
    rejected.reject(reason=Enrollment.RejectionReason.DOCUMENTS)
    assert Enrollment.objects.get(pk=accepted.pk).decided_on == today()
    assert Enrollment.objects.get(pk=rejected.pk).decided_on == today()


def test_record_results_changes_a_graduates_result_and_keeps_the_status():
    graduate = factories.GraduateFactory(competency_result=Enrollment.CompetencyResult.NOT_ASSESSED)

    graduate.record_results(
        competency_result=Enrollment.CompetencyResult.COMPETENT,
        competency_scheme="Penjahit Pakaian Wanita",
    )

    stored = Enrollment.objects.get(pk=graduate.pk)
    assert (stored.status, stored.competency_result, stored.competency_scheme) == (
        E.GRADUATED,
        Enrollment.CompetencyResult.COMPETENT,
        "Penjahit Pakaian Wanita",
    )


def test_record_results_refuses_others_and_broken_rules_saving_nothing():
    participant = in_training()
    graduate = factories.GraduateFactory(competency_result=Enrollment.CompetencyResult.NOT_ASSESSED)

    with pytest.raises(ValidationError, match="untuk peserta yang lulus"):
        participant.record_results(competency_result=Enrollment.CompetencyResult.COMPETENT)
    with pytest.raises(ValidationError, match="hasil ujinya kompeten"):
        graduate.record_results(competency_scheme="Penjahit Pakaian Wanita")
    assert Enrollment.objects.get(pk=graduate.pk).competency_scheme == ""


def test_rejection_needs_a_reason_and_other_needs_words():
    assert Enrollment.rejection_errors("", "") == {"rejection_reason": ["Pilih alasan penolakan."]}
    assert "decision_message" in Enrollment.rejection_errors("lainnya", " ")
    assert Enrollment.rejection_errors("lainnya", "Jadwal bentrok.") == {}
    applicant = factories.EnrollmentFactory()
    with pytest.raises(ValidationError):
        applicant.reject(reason="lainnya")
    assert Enrollment.objects.get(pk=applicant.pk).status == E.APPLIED


def test_graduate_records_result_certificates_and_day():
    enrollment = in_training()
    enrollment.graduate(
        result=Enrollment.CompetencyResult.COMPETENT,
        training_certificate_number="012/SP/BLKK/2026",
        competency_scheme="Penjahit Pakaian Wanita",
        competency_certificate_issuer="LSP Garmen Indonesia",
        competency_certificate_number="BNSP-77",
        competency_certificate_date=today(),
        on=today(),
    )
    enrollment.refresh_from_db()
    assert (
        enrollment.competency_result,
        enrollment.training_certificate_number,
        enrollment.competency_scheme,
        enrollment.competency_certificate_issuer,
        enrollment.competency_certificate_number,
        enrollment.competency_certificate_date,
    ) == (
        "kompeten",
        "012/SP/BLKK/2026",
        "Penjahit Pakaian Wanita",
        "LSP Garmen Indonesia",
        "BNSP-77",
        today(),
    )
    assert enrollment.completed_on == today()
    enrollment.full_clean()


def test_drop_out_records_the_day():
    enrollment = in_training()
    enrollment.drop_out(on=today())
    enrollment.refresh_from_db()
    assert enrollment.completed_on == today()


def test_no_result_before_the_program_starts():
    enrollment = in_training(program_on())

    with pytest.raises(ValidationError) as caught:
        enrollment.graduate(
            result=Enrollment.CompetencyResult.COMPETENT, training_certificate_number="X-1"
        )

    assert "baru dimulai" in caught.value.messages[0]
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.training_certificate_number) == (E.IN_TRAINING, "")
    with pytest.raises(ValidationError, match="baru dimulai"):
        enrollment.drop_out()


@pytest.mark.parametrize(
    ("on", "reason"),
    [(-11, "dalam masa program"), (1, "melewati hari ini")],
    ids=["before-the-start", "tomorrow"],
)
def test_a_result_is_dated_within_the_program_and_not_after_today(on, reason):
    enrollment = in_training()

    with pytest.raises(ValidationError, match=reason):
        enrollment.graduate(result=Enrollment.CompetencyResult.COMPETENT, on=days(on))


def test_graduating_after_the_program_ended_dates_it_on_the_last_day():
    ended = factories.TrainingProgramFactory(
        status=TrainingProgram.Status.RUNNING,
        start_date=days(-30),
        end_date=days(-3),
        registration_closes=days(-37),
    )
    enrollment = in_training(ended)

    enrollment.graduate(result=Enrollment.CompetencyResult.COMPETENT)

    assert enrollment.completed_on == days(-3)


def test_a_graduate_of_a_program_not_yet_started_is_refused_by_validation():
    graduate = factories.GraduateFactory.build(program=program_on(), completed_on=today())

    with pytest.raises(ValidationError, match="baru dimulai"):
        graduate.full_clean()


def test_accept_refuses_when_the_quota_is_full():
    program = program_on(quota=1)
    factories.EnrollmentFactory(program=program, status=E.IN_TRAINING)
    applicant = factories.EnrollmentFactory(program=program)
    with pytest.raises(ValidationError) as caught:
        applicant.accept()
    assert caught.value.code == "quota_full"
    assert caught.value.messages == ["Kuota program ini sudah penuh."]
    applicant.refresh_from_db()
    assert applicant.status == E.APPLIED


def test_accept_from_a_wrong_status_is_an_invalid_transition_even_when_full():
    program = program_on(quota=1)
    factories.EnrollmentFactory(program=program, status=E.ACCEPTED)
    rejected = factories.EnrollmentFactory(program=program, status=E.REJECTED)
    with pytest.raises(InvalidTransition):
        rejected.accept()


def test_accept_takes_the_last_seat():
    program = program_on(quota=2)
    factories.EnrollmentFactory(program=program, status=E.ACCEPTED)
    factories.EnrollmentFactory(program=program, status=E.WITHDRAWN)
    applicant = factories.EnrollmentFactory(program=program)
    applicant.accept()
    assert program.seats_left() == 0


# Certificates ---------------------------------------------------------------------------

TAKEN = "Nomor sertifikat pelatihan SERT-001 sudah dipakai peserta lain di BLKK ini."


def graduate_of(institution, **fields):
    """A graduate of a new program of ``institution``."""
    program = factories.TrainingProgramFactory(
        institution=institution,
        status=TrainingProgram.Status.COMPLETED,
        start_date=days(-140),
        end_date=days(-120),
        registration_closes=days(-147),
    )
    return factories.GraduateFactory.build(
        trainee=factories.TraineeFactory(), program=program, completed_on=days(-120), **fields
    )


def test_a_training_certificate_number_is_used_once_within_a_blkk():
    first = factories.GraduateFactory(training_certificate_number="SERT-001")
    # Another program of the same BLKK, and the number written in other letters.
    second = graduate_of(first.program.institution, training_certificate_number="sert-001")

    errors = clean_errors(second)

    assert errors["training_certificate_number"] == [
        "Nomor sertifikat pelatihan sert-001 sudah dipakai peserta lain di BLKK ini."
    ]


def test_the_same_training_certificate_number_may_serve_two_blkk():
    factories.GraduateFactory(training_certificate_number="SERT-001")
    elsewhere = graduate_of(factories.InstitutionFactory(), training_certificate_number="SERT-001")

    elsewhere.full_clean()


def test_graduate_refuses_a_training_certificate_number_taken_in_the_blkk():
    taken = factories.GraduateFactory(training_certificate_number="SERT-001")
    enrollment = in_training(running_program())
    enrollment.program.institution = taken.program.institution
    enrollment.program.save()

    with pytest.raises(ValidationError) as caught:
        enrollment.graduate(
            result=Enrollment.CompetencyResult.COMPETENT, training_certificate_number="SERT-001"
        )

    assert caught.value.message_dict == {"training_certificate_number": [TAKEN]}
    assert (enrollment.status, enrollment.training_certificate_number) == (E.IN_TRAINING, "")
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.training_certificate_number) == (E.IN_TRAINING, "")


COMPETENCY_CERTIFICATE = {
    "competency_scheme": "Penjahit Pakaian Wanita",
    "competency_certificate_issuer": "LSP Garmen Indonesia",
    "competency_certificate_number": "LSP-GI/00001/2026",
}


@pytest.mark.parametrize(
    "result",
    [Enrollment.CompetencyResult.NOT_YET_COMPETENT, Enrollment.CompetencyResult.NOT_ASSESSED],
)
def test_graduate_gives_a_competency_certificate_only_to_the_competent(result):
    enrollment = in_training()

    with pytest.raises(ValidationError) as caught:
        enrollment.graduate(
            result=result, competency_certificate_date=today(), **COMPETENCY_CERTIFICATE
        )

    assert caught.value.messages == [
        "Sertifikat kompetensi hanya untuk peserta yang hasil ujinya kompeten."
    ]
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.competency_scheme) == (E.IN_TRAINING, "")


@pytest.mark.parametrize(
    "certificate",
    [
        {"competency_certificate_number": "LSP-GI/00001/2026"},
        {"competency_certificate_date": "today"},
    ],
    ids=["number-without-date", "date-without-number"],
)
def test_graduate_takes_a_competency_certificate_number_with_its_date(certificate):
    certificate = {
        field: today() if value == "today" else value for field, value in certificate.items()
    }
    enrollment = in_training()

    with pytest.raises(ValidationError) as caught:
        enrollment.graduate(result=Enrollment.CompetencyResult.COMPETENT, **certificate)

    assert caught.value.messages == [
        "Isi nomor dan tanggal sertifikat kompetensi bersama-sama, atau kosongkan keduanya."
    ]
    enrollment.refresh_from_db()
    assert enrollment.status == E.IN_TRAINING


def test_a_competency_scheme_alone_may_wait_for_the_certificate():
    enrollment = in_training()

    enrollment.graduate(
        result=Enrollment.CompetencyResult.COMPETENT, competency_scheme="Penjahit Pakaian Wanita"
    )

    enrollment.full_clean()


@pytest.mark.parametrize(
    ("issued_on", "message"),
    [
        (-11, "Tanggal sertifikat kompetensi tidak boleh sebelum program dimulai, {start}."),
        (1, "Tanggal sertifikat kompetensi tidak boleh melewati hari ini."),
    ],
    ids=["before-the-start", "tomorrow"],
)
def test_a_competency_certificate_is_dated_from_the_program_start_to_today(issued_on, message):
    enrollment = in_training()
    message = message.format(start=day_label(enrollment.program.start_date))

    with pytest.raises(ValidationError) as caught:
        enrollment.graduate(
            result=Enrollment.CompetencyResult.COMPETENT,
            competency_certificate_date=days(issued_on),
            **COMPETENCY_CERTIFICATE,
        )
    assert caught.value.message_dict == {"competency_certificate_date": [message]}

    graduate = factories.GraduateFactory.build(
        program=enrollment.program,
        completed_on=today(),
        competency_certificate_date=days(issued_on),
        **COMPETENCY_CERTIFICATE,
    )
    assert clean_errors(graduate)["competency_certificate_date"] == [message]


def test_a_competency_certificate_may_be_dated_on_the_program_start_and_today():
    enrollment = in_training()
    for issued_on in (enrollment.program.start_date, today()):
        factories.GraduateFactory.build(
            trainee=factories.TraineeFactory(),
            program=enrollment.program,
            completed_on=today(),
            competency_certificate_date=issued_on,
            **COMPETENCY_CERTIFICATE,
        ).full_clean()


# PBK report status --------------------------------------------------------------------

DUE = datetime.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("submitted_on", "today", "expected"),
    [
        (DUE, DUE + datetime.timedelta(days=60), PBKAssistance.ReportStatus.ON_TIME),
        (DUE + datetime.timedelta(days=1), DUE, PBKAssistance.ReportStatus.SUBMITTED_LATE),
        (None, DUE + datetime.timedelta(days=1), PBKAssistance.ReportStatus.LATE),
        (None, DUE, PBKAssistance.ReportStatus.DUE_SOON),
        (None, DUE - datetime.timedelta(days=30), PBKAssistance.ReportStatus.DUE_SOON),
        (None, DUE - datetime.timedelta(days=31), PBKAssistance.ReportStatus.NOT_DUE),
    ],
)
def test_pbk_report_status(submitted_on, today, expected):
    grant = factories.PBKAssistanceFactory.build(
        report_due_date=DUE, report_submitted_on=submitted_on
    )
    assert grant.report_status(today=today) == expected


# Trainee --------------------------------------------------------------------------------


def test_masked_nik_shows_only_the_region_part():
    trainee = factories.TraineeFactory.build(nik="3603015705000001")
    assert trainee.masked_nik == "360301••••••••••"
    assert "5705000001" not in trainee.masked_nik


def test_reference_codes_are_distinct_and_unambiguous():
    codes = {factories.EnrollmentFactory().reference_code for _index in range(20)}
    assert len(codes) == 20
    assert all(code.startswith("FKB-") and not set(code[4:]) & set("01IO") for code in codes)


# Scoping --------------------------------------------------------------------------------

SCOPED = [
    pytest.param(
        PBKAssistance,
        lambda institution: factories.PBKAssistanceFactory(institution=institution),
        id="PBKAssistance",
    ),
    pytest.param(
        TrainingProgram,
        lambda institution: factories.TrainingProgramFactory(institution=institution),
        id="TrainingProgram",
    ),
    pytest.param(
        Enrollment,
        lambda institution: factories.EnrollmentFactory(program__institution=institution),
        id="Enrollment",
    ),
    pytest.param(
        Trainee,
        lambda institution: factories.EnrollmentFactory(program__institution=institution).trainee,
        id="Trainee",
    ),
    pytest.param(
        ParticipantImport,
        lambda institution: factories.ParticipantImportFactory(program__institution=institution),
        id="ParticipantImport",
    ),
]


(
    test_every_model_with_for_manager_has_a_scoping_case,
    test_for_manager_shows_a_manager_only_their_rows,
) = scoping_tests("trainings", SCOPED)


def test_trainee_enrolled_at_two_institutions_is_seen_once_by_each_manager(
    institution_a, institution_b, manager_a, manager_b
):
    trainee = factories.TraineeFactory()
    for institution in (institution_a, institution_a, institution_b):
        factories.EnrollmentFactory(trainee=trainee, program__institution=institution)
    assert list(Trainee.objects.for_manager(manager_a)) == [trainee]
    assert list(Trainee.objects.for_manager(manager_b)) == [trainee]


def test_public_programs_exclude_drafts_cancelled_and_unpublished_institutions():
    visible = {status: program_on(status=status) for status in Status.values}
    program_on(status=Status.OPEN, institution__is_published=False)
    assert set(TrainingProgram.objects.public()) == {
        visible[status] for status in TrainingProgram.PUBLIC_STATUSES
    }
    assert Status.DRAFT not in TrainingProgram.PUBLIC_STATUSES
    assert Status.CANCELLED not in TrainingProgram.PUBLIC_STATUSES


def test_public_programs_exclude_those_of_an_inactive_institution():
    shown = program_on()
    program_on(institution__is_active=False)
    assert list(TrainingProgram.objects.public()) == [shown]


def test_registration_past_deadline_finds_open_programs_whose_day_has_passed():
    past = program_on()
    program_on(status=Status.CLOSED)
    later = factories.TrainingProgramFactory(
        start_date=today() + datetime.timedelta(days=90),
        registration_closes=today() + datetime.timedelta(days=60),
    )
    day_after = past.registration_closes + datetime.timedelta(days=1)
    assert list(TrainingProgram.objects.registration_past_deadline(today=day_after)) == [past]
    assert later not in TrainingProgram.objects.registration_past_deadline(today=day_after)
