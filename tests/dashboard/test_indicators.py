"""The Disnaker indicators, each on small hand-made data whose right answer is written here."""

import datetime
from decimal import Decimal

import pytest

from alumni.models import Enterprise, Outcome
from dashboard import indicators
from dashboard.indicators import (
    AgeBand,
    IndicatorFilters,
    ParticipantBreakdown,
    ProgramBreakdown,
    Rate,
)
from institutions.models import District, KemnakerAssistance
from partnerships.models import Contribution, PartnershipScope
from tests import factories
from trainings.models import (
    Domicile,
    Education,
    Enrollment,
    FundingSource,
    PBKAssistance,
    TrainingProgram,
)

Status = Enrollment.Status
Result = Enrollment.CompetencyResult
ProgramStatus = TrainingProgram.Status
ALL = IndicatorFilters()
JT = Decimal("1000000")  # one juta Rupiah


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def cast(db, tangerang_district):
    """Two kejuruan and four BLKK: A and B in Balaraja, C (inactive) in Tigaraksa, D in Cikupa.

    A is built for Las; B for Jahit and teaches Las besides; C for Boga; D for Jahit.
    """
    balaraja, tigaraksa, cikupa = (
        tangerang_district(name) for name in ("Balaraja", "Tigaraksa", "Cikupa")
    )
    jahit = factories.VocationalFieldFactory(name="Kejuruan Uji Jahit", slug="uji-jahit")
    las = factories.VocationalFieldFactory(name="Kejuruan Uji Las", slug="uji-las")
    boga = factories.VocationalFieldFactory(name="Kejuruan Uji Boga", slug="uji-boga")
    a = factories.InstitutionFactory(name="BLKK A", district=balaraja, primary_field=las)
    b = factories.InstitutionFactory(name="BLKK B", district=balaraja, primary_field=jahit)
    b.fields.add(las)
    c = factories.InstitutionFactory(
        name="BLKK C", district=tigaraksa, primary_field=boga, is_active=False
    )
    d = factories.InstitutionFactory(name="BLKK D", district=cikupa, primary_field=jahit)
    return {
        "balaraja": balaraja,
        "tigaraksa": tigaraksa,
        "cikupa": cikupa,
        "jahit": jahit,
        "las": las,
        "boga": boga,
        "a": a,
        "b": b,
        "c": c,
        "d": d,
    }


def program(institution, start: str, *, field=None, status=ProgramStatus.COMPLETED, **extra):
    start_date = day(start)
    return factories.TrainingProgramFactory(
        institution=institution,
        field=field or institution.primary_field,
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=30),
        registration_closes=start_date - datetime.timedelta(days=7),
        status=status,
        **extra,
    )


def enroll(program, status, *, gender="P", born="2000-01-01", education=Education.SENIOR, **extra):
    return factories.EnrollmentFactory(
        program=program,
        status=status,
        trainee__gender=gender,
        trainee__birth_date=day(born),
        trainee__education=education,
        **extra,
    )


def graduate(program, result=Result.COMPETENT, **extra):
    return enroll(
        program,
        Status.GRADUATED,
        competency_result=result,
        completed_on=program.end_date,
        **extra,
    )


def values(rows, name):
    return [(row.key, row[name]) for row in rows]


# Rate ---------------------------------------------------------------------------------


def test_a_rate_of_nothing_has_no_percent():
    assert Rate(0, 0).percent is None
    assert Rate(1, 3).percent == Decimal("33.3")
    assert Rate(2, 3).percent == Decimal("66.7")
    assert Rate(0, 4).percent == Decimal("0.0")


# Institutions and coverage ------------------------------------------------------------


def test_active_institutions_by_district_and_districts_covered(cast):
    coverage = indicators.institution_coverage(ALL)
    counts = {row.label: row["institutions"] for row in coverage.by_district}
    assert (coverage.districts_covered, coverage.districts_total) == (2, 29)
    assert (counts["Balaraja"], counts["Cikupa"], counts["Tigaraksa"]) == (2, 1, 0)
    assert sum(counts.values()) == 3
    without = [row.label for row in coverage.districts_without_institution]
    assert len(without) == 27 and "Tigaraksa" in without and "Balaraja" not in without


def test_institution_coverage_filters_narrow(cast):
    def covered(**filters):
        coverage = indicators.institution_coverage(IndicatorFilters(**filters))
        return (
            coverage.districts_covered,
            coverage.districts_total,
            {row.label: row["institutions"] for row in coverage.by_district if row["institutions"]},
        )

    assert covered(district=cast["cikupa"]) == (1, 1, {"Cikupa": 1})
    # A is built for Las, B teaches it besides.
    assert covered(field=cast["las"]) == (1, 29, {"Balaraja": 2})
    assert covered(institution=cast["d"].pk) == (1, 29, {"Cikupa": 1})


def test_fields_missing_by_district(cast):
    missing = {
        row.district.label: row.missing for row in indicators.fields_missing_by_district(ALL)
    }
    assert len(missing) == 29
    # Boga is taught only by the inactive C: the forum does not teach it, so none misses it.
    assert missing["Balaraja"] == []
    assert missing["Cikupa"] == ["Kejuruan Uji Las"]
    assert missing["Tigaraksa"] == ["Kejuruan Uji Jahit", "Kejuruan Uji Las"]


def test_fields_missing_filters_narrow(cast):
    only_las = indicators.fields_missing_by_district(IndicatorFilters(field=cast["las"]))
    missing = {row.district.label: row.missing for row in only_las}
    assert (missing["Balaraja"], missing["Cikupa"]) == ([], ["Kejuruan Uji Las"])
    in_cikupa = indicators.fields_missing_by_district(IndicatorFilters(district=cast["cikupa"]))
    assert [(row.district.label, row.missing) for row in in_cikupa] == [
        ("Cikupa", ["Kejuruan Uji Las"])
    ]


# Programs and participants ------------------------------------------------------------


@pytest.fixture
def trained(cast):
    """Held programs P1 (A, Las, 2023, APBD) and P2 (D, Jahit, 2024, PBK), P5 (D, Jahit, 2024,
    partner, no one yet); draft and cancelled programs whose enrollments never count.

    Participants (seated): P1 three, P2 three. Their genders, ages on the start date and
    education are chosen at the band edges.
    """
    a, d = cast["a"], cast["d"]
    p1 = program(a, "2023-03-10", funding_source=FundingSource.APBD)
    graduate(p1, gender="P", born="2003-03-11", education=Education.SENIOR)  # 19
    graduate(p1, Result.NOT_YET_COMPETENT, gender="L", born="2003-03-10", education="s1")  # 20
    enroll(p1, Status.DROPPED_OUT, completed_on=day("2023-03-20"), born="1998-01-01")  # 25
    for status in (Status.APPLIED, Status.REJECTED, Status.WITHDRAWN):
        enroll(p1, status, gender="L", born="1970-01-01")
    grant = factories.PBKAssistanceFactory(institution=d, year=2024, field=cast["jahit"])
    p2 = program(
        d,
        "2024-06-01",
        status=ProgramStatus.RUNNING,
        funding_source=FundingSource.PBK,
        pbk_assistance=grant,
    )
    enroll(p2, Status.IN_TRAINING, gender="L", born="1994-06-01", education="sd")  # 30
    enroll(p2, Status.IN_TRAINING, born="1984-05-31")  # 40
    enroll(p2, Status.ACCEPTED, born="1999-06-02", education="smp")  # 24
    enroll(p2, Status.APPLIED, gender="L", born="1970-01-01")
    program(d, "2024-07-01", status=ProgramStatus.PUBLISHED, funding_source=FundingSource.PARTNER)
    for status in (ProgramStatus.DRAFT, ProgramStatus.CANCELLED):
        enroll(program(a, "2024-02-01", status=status), Status.ACCEPTED, gender="L")
    return cast


def program_rows(by, **filters):
    rows = indicators.programs_and_participants(IndicatorFilters(**filters), by)
    return [(row.key, row.label, row["programs"], row["participants"]) for row in rows]


def test_programs_and_participants_by_year_field_district_and_funding(trained):
    assert program_rows(ProgramBreakdown.YEAR) == [(2023, "2023", 1, 3), (2024, "2024", 2, 3)]
    assert program_rows(ProgramBreakdown.FIELD) == [
        ("uji-jahit", "Kejuruan Uji Jahit", 2, 3),
        ("uji-las", "Kejuruan Uji Las", 1, 3),
    ]
    assert program_rows(ProgramBreakdown.DISTRICT) == [
        ("36.03.01", "Balaraja", 1, 3),
        ("36.03.18", "Cikupa", 2, 3),
    ]
    assert [row[::2] + row[3:] for row in program_rows(ProgramBreakdown.FUNDING_SOURCE)] == [
        ("pbk", 1, 3),
        ("apbd", 1, 3),
        ("mitra", 1, 0),
        ("swadana", 0, 0),
        ("lainnya", 0, 0),
    ]


def test_programs_and_participants_filters_narrow(trained):
    year = ProgramBreakdown.YEAR
    assert program_rows(year, year_from=2024) == [(2024, "2024", 2, 3)]
    assert program_rows(year, year_to=2023) == [(2023, "2023", 1, 3)]
    assert program_rows(year, district=trained["balaraja"]) == [(2023, "2023", 1, 3)]
    assert program_rows(year, field=trained["jahit"]) == [(2024, "2024", 2, 3)]
    assert program_rows(year, institution=trained["a"]) == [(2023, "2023", 1, 3)]
    assert program_rows(year, funding_source=FundingSource.PBK) == [(2024, "2024", 1, 3)]
    assert program_rows(year, year_from=2025) == []


def participant_counts(by, **filters):
    rows = indicators.participants_by(IndicatorFilters(**filters), by)
    return values(rows, "participants")


def test_participants_by_gender_age_band_and_education(trained):
    assert participant_counts(ParticipantBreakdown.GENDER) == [("L", 2), ("P", 4)]
    assert participant_counts(ParticipantBreakdown.AGE_BAND) == [
        (AgeBand.UNDER_20, 1),
        (AgeBand.FROM_20_TO_24, 2),
        (AgeBand.FROM_25_TO_29, 1),
        (AgeBand.FROM_30_TO_39, 1),
        (AgeBand.FROM_40, 1),
    ]
    assert participant_counts(ParticipantBreakdown.EDUCATION) == [
        ("tidak_sekolah", 0),
        ("sd", 1),
        ("smp", 1),
        ("sma", 3),
        ("diploma", 0),
        ("s1", 1),
        ("s2", 0),
    ]


def move_to(enrollment, code):
    """The trainee now lives in kecamatan ``code``, saved as a form would (summaries follow)."""
    trainee = enrollment.trainee
    trainee.district, trainee.village = District.objects.get(code=code), None
    trainee.save()


def plain_domicile_counts(**filters) -> list:
    """Seated enrollments of held programs, counted straight from the enrollments."""
    seated = Enrollment.objects.filter(
        indicators.program_is_held("program__"),
        IndicatorFilters(**filters).programs("program__"),
        IndicatorFilters(**filters).years("program__start_date__year"),
        status__in=Enrollment.SEATED_STATUSES,
    )
    home = seated.filter(trainee__district__regency__code="36.03").count()
    return [
        (Domicile.HOME_REGENCY, home),
        (Domicile.ELSEWHERE, seated.count() - home),
    ]


def test_participants_by_domicile_split_kabupaten_tangerang_from_elsewhere(trained):
    p1, p2 = (
        TrainingProgram.objects.filter(start_date=day(start)).get()
        for start in ("2023-03-10", "2024-06-01")
    )
    move_to(p1.enrollments.filter(status=Status.GRADUATED).first(), "36.74.04")  # Ciputat
    move_to(p2.enrollments.filter(status=Status.ACCEPTED).get(), "33.29.01")  # Brebes
    # An applicant is not a participant, wherever she lives.
    move_to(p2.enrollments.filter(status=Status.APPLIED).get(), "36.71.01")

    domicile = ParticipantBreakdown.DOMICILE
    assert participant_counts(domicile) == plain_domicile_counts()
    assert participant_counts(domicile) == [
        ("kabupaten_tangerang", 4),
        ("luar_kabupaten_tangerang", 2),
    ]
    assert participant_counts(domicile, year_to=2023) == plain_domicile_counts(year_to=2023)
    assert participant_counts(domicile, district=trained["cikupa"]) == plain_domicile_counts(
        district=trained["cikupa"]
    )
    assert participant_counts(domicile, year_to=2023) == [
        ("kabupaten_tangerang", 2),
        ("luar_kabupaten_tangerang", 1),
    ]


def test_participants_filters_narrow(trained):
    gender = ParticipantBreakdown.GENDER
    assert participant_counts(gender, year_from=2024) == [("L", 1), ("P", 2)]
    assert participant_counts(gender, year_to=2023) == [("L", 1), ("P", 2)]
    assert participant_counts(gender, district=trained["cikupa"]) == [("L", 1), ("P", 2)]
    assert participant_counts(gender, field=trained["las"]) == [("L", 1), ("P", 2)]
    assert participant_counts(gender, institution=trained["d"], year_to=2023) == [
        ("L", 0),
        ("P", 0),
    ]
    assert participant_counts(gender, funding_source=FundingSource.APBD) == [("L", 1), ("P", 2)]


def test_graduation_rate_is_graduated_out_of_seated(trained):
    # Seated: 3 in P1 (2 graduated, 1 dropped out) and 3 in P2 (still training or accepted).
    assert indicators.graduation_rate(ALL) == Rate(2, 6)
    assert indicators.graduation_rate(IndicatorFilters(year_to=2023)) == Rate(2, 3)
    assert indicators.graduation_rate(IndicatorFilters(district=trained["cikupa"])) == Rate(0, 3)
    assert indicators.graduation_rate(IndicatorFilters(field=trained["las"])) == Rate(2, 3)
    assert indicators.graduation_rate(IndicatorFilters(institution=trained["b"])).percent is None
    pbk_only = IndicatorFilters(funding_source=FundingSource.PBK)
    assert indicators.graduation_rate(pbk_only) == Rate(0, 3)


def test_people_are_every_application_and_each_person_trained_once(trained):
    # Applications: P1 six, P2 four; the draft's and the cancelled program's never count.
    # Trained: P1's two graduates and drop-out, P2's two in training; not the accepted one.
    assert indicators.people(ALL) == indicators.People(applicants=10, people_trained=5)
    assert indicators.people(IndicatorFilters(year_from=2024)) == indicators.People(4, 2)
    p2 = TrainingProgram.objects.get(start_date=day("2024-06-01"))
    trained_twice = Enrollment.objects.get(
        program__start_date=day("2023-03-10"), status=Status.DROPPED_OUT
    ).trainee
    factories.EnrollmentFactory(program=p2, trainee=trained_twice, status=Status.IN_TRAINING)
    assert indicators.people(ALL) == indicators.People(applicants=11, people_trained=5)
    assert indicators.people(IndicatorFilters(year_from=2024)).people_trained == 3


def test_program_totals_are_the_totals_of_the_breakdowns_and_rates(trained):
    for filters in (ALL, IndicatorFilters(year_from=2024), IndicatorFilters(field=trained["las"])):
        totals = indicators.program_totals(filters)
        by_year = indicators.programs_and_participants(filters, ProgramBreakdown.YEAR)
        assert totals.programs == sum(row["programs"] for row in by_year)
        assert totals.participants == sum(row["participants"] for row in by_year)
        assert totals.graduation == indicators.graduation_rate(filters)
        assert totals.competency == indicators.competency_rate(filters)
    assert indicators.program_totals(ALL) == indicators.ProgramTotals(3, 6, 2, 2, 1)


def test_competency_rate_is_competent_out_of_assessed(trained):
    # The drop-out of P1 was not assessed; of the two graduates one is competent.
    assert indicators.competency_rate(ALL) == Rate(1, 2)
    p1 = TrainingProgram.objects.get(start_date=day("2023-03-10"))
    enroll(p1, Status.DROPPED_OUT, competency_result=Result.NOT_YET_COMPETENT)
    assert indicators.competency_rate(ALL) == Rate(1, 3)
    assert indicators.competency_rate(IndicatorFilters(year_from=2024)) == Rate(0, 0)
    assert indicators.competency_rate(IndicatorFilters(district=trained["cikupa"])) == Rate(0, 0)
    assert indicators.competency_rate(IndicatorFilters(institution=trained["a"])) == Rate(1, 3)


# Tracer outcomes ----------------------------------------------------------------------


@pytest.fixture
def traced(cast):
    """Graduates of X (A, Las, APBD, started 2023) and Y (D, Jahit, partner, started 2024),
    with their tracer outcomes.

    g1 (X): not working at 3 months (surveyed 2023), wage job at 6 months (surveyed 2024):
        placed, in the 2023 cohort.
    g2 (X): own business at 3 months (2023): placed, self-employed.
    g5 (X): never surveyed.
    g3 (Y): wage job at 3 months, not working at 6 months (both 2024): not placed.
    g4 (Y): further study at 12 months (2025): not placed.
    """
    x = program(cast["a"], "2023-06-05", funding_source=FundingSource.APBD)
    y = program(cast["d"], "2024-01-08", funding_source=FundingSource.PARTNER)
    g1, g2 = graduate(x), graduate(x)
    graduate(x)  # g5, never surveyed
    g3, g4 = graduate(y), graduate(y)

    def outcome(graduate, months, surveyed, status):
        factories.OutcomeFactory(
            enrollment=graduate, months_after=months, surveyed_on=day(surveyed), status=status
        )

    Tracer = Outcome.Status
    outcome(g1, 3, "2023-10-10", Tracer.NOT_WORKING)
    outcome(g1, 6, "2024-01-15", Tracer.WAGE_JOB)
    outcome(g2, 3, "2023-10-10", Tracer.OWN_BUSINESS)
    outcome(g3, 3, "2024-05-10", Tracer.WAGE_JOB)
    outcome(g3, 6, "2024-08-10", Tracer.NOT_WORKING)
    outcome(g4, 12, "2025-02-10", Tracer.FURTHER_STUDY)
    return cast


def rates(**filters):
    found = indicators.placement(IndicatorFilters(**filters))
    return found.placement_rate, found.self_employment_rate


def test_placement_counts_each_graduate_once_by_latest_outcome(traced):
    assert rates() == (Rate(2, 4), Rate(1, 4))
    assert rates()[0].percent == Decimal("50.0")


def test_placement_is_of_one_cohort_whenever_its_tracers_were_surveyed(traced):
    # g1's 6-month tracer was surveyed in 2024 yet counts for the 2023 cohort; the 2024
    # tracers of Y's graduates do not count for 2023.
    cohort_2023 = indicators.placement(IndicatorFilters(year_from=2023, year_to=2023))
    assert cohort_2023.graduates == 3
    assert cohort_2023.traced == Rate(2, 3)
    assert (cohort_2023.placement_rate, cohort_2023.self_employment_rate) == (
        Rate(2, 2),
        Rate(1, 2),
    )
    cohort_2024 = indicators.placement(IndicatorFilters(year_from=2024, year_to=2024))
    assert (cohort_2024.graduates, cohort_2024.traced) == (2, Rate(2, 2))
    assert cohort_2024.placement_rate == Rate(0, 2)


def test_placement_never_counts_more_graduates_than_the_cohort_has(traced):
    for year in (2023, 2024, 2025):
        found = indicators.placement(IndicatorFilters(year_from=year, year_to=year))
        assert found.traced.numerator <= found.graduates
        assert found.placement_rate.denominator == found.traced.numerator


def test_placement_filters_narrow(traced):
    assert rates(district=traced["cikupa"]) == (Rate(0, 2), Rate(0, 2))
    assert rates(field=traced["las"]) == (Rate(2, 2), Rate(1, 2))
    assert rates(institution=traced["a"]) == (Rate(2, 2), Rate(1, 2))
    assert rates(institution=traced["a"], year_from=2024) == (Rate(0, 0), Rate(0, 0))
    assert rates(funding_source=FundingSource.PARTNER) == (Rate(0, 2), Rate(0, 2))
    assert rates(year_from=2025)[0].percent is None


# Enterprises --------------------------------------------------------------------------


@pytest.fixture
def enterprising(cast):
    """E1 (kuliner, Balaraja, 3 workers) and E2 (fesyen, Tigaraksa, 5, unpublished) of
    graduates of X (A, Las, APBD, graduated 2023); E3 (kuliner, Balaraja, 2) of a graduate of
    Y (D, Jahit, partner, graduated 2024)."""
    x = program(cast["a"], "2023-03-01", funding_source=FundingSource.APBD)
    y = program(cast["d"], "2024-03-01", funding_source=FundingSource.PARTNER)
    Sector = Enterprise.Sector
    factories.EnterpriseFactory(
        owner=graduate(x), sector=Sector.FOOD, district=cast["balaraja"], workers=3
    )
    factories.EnterpriseFactory(
        owner=graduate(x),
        sector=Sector.FASHION,
        district=cast["tigaraksa"],
        workers=5,
        is_published=False,
        owner_consents_to_publish=False,
    )
    factories.EnterpriseFactory(
        owner=graduate(y), sector=Sector.FOOD, district=cast["balaraja"], workers=2
    )
    return cast


def enterprise_figures(**filters):
    found = indicators.enterprises(IndicatorFilters(**filters))
    return (
        found.enterprises,
        found.workers,
        [
            (row.key, row["enterprises"], row["workers"])
            for row in found.by_sector
            if row.values["enterprises"]
        ],
        [(row.label, row["enterprises"], row["workers"]) for row in found.by_district],
    )


def test_enterprises_and_workers_by_sector_and_district(enterprising):
    found = indicators.enterprises(ALL)
    assert len(found.by_sector) == len(Enterprise.Sector.choices)
    assert enterprise_figures() == (
        3,
        10,
        [("kuliner", 2, 5), ("fesyen", 1, 5)],
        [("Balaraja", 2, 5), ("Tigaraksa", 1, 5)],
    )


def test_enterprise_filters_narrow(enterprising):
    assert enterprise_figures(district=enterprising["tigaraksa"])[:2] == (1, 5)
    assert enterprise_figures(year_from=2024)[:2] == (1, 2)
    assert enterprise_figures(year_to=2023)[:2] == (2, 8)
    assert enterprise_figures(field=enterprising["jahit"])[:2] == (1, 2)
    assert enterprise_figures(institution=enterprising["a"])[:2] == (2, 8)
    assert enterprise_figures(funding_source=FundingSource.PARTNER)[:2] == (1, 2)
    assert enterprise_figures(year_from=2025) == (0, 0, [], [])


# PBK ----------------------------------------------------------------------------------

PBK_TODAY = day("2026-01-10")


@pytest.fixture
def granted(cast):
    """Four grants, their programs and reports, seen on 10 January 2026.

    G1 A 2023 Las: 2 packages, 32 target, Rp 250 jt; report on time; 3 seated of 5.
    G2 D 2024 Jahit: 1, 16, Rp 125 jt; report submitted late; 2 seated (and 1 in a
    cancelled program, which does not count).
    G3 D 2025 Jahit: 3, 48, Rp 375 jt; due 31 January 2026: due soon.
    G4 A 2025 Las: 1, 16, Rp 100 jt; due 31 December 2025, not submitted: late.
    """
    a, d, las, jahit = cast["a"], cast["d"], cast["las"], cast["jahit"]

    def grant(institution, year, field, packages, amount, due, submitted=None):
        return factories.PBKAssistanceFactory(
            institution=institution,
            year=year,
            field=field,
            packages=packages,
            target_participants=16 * packages,
            amount=amount * JT,
            report_due_date=day(due),
            report_submitted_on=submitted and day(submitted),
            report_file="pbk/reports/laporan.pdf" if submitted else "",
        )

    g1 = grant(a, 2023, las, 2, 250, "2024-01-31", "2024-01-20")
    g2 = grant(d, 2024, jahit, 1, 125, "2025-01-31", "2025-02-10")
    grant(d, 2025, jahit, 3, 375, "2026-01-31")
    grant(a, 2025, las, 1, 100, "2025-12-31")
    funded = program(a, "2023-04-03", funding_source=FundingSource.PBK, pbk_assistance=g1)
    for status in (Status.ACCEPTED, Status.GRADUATED, Status.DROPPED_OUT, Status.APPLIED):
        enroll(funded, status)
    enroll(funded, Status.REJECTED)
    funded = program(d, "2024-04-01", funding_source=FundingSource.PBK, pbk_assistance=g2)
    enroll(funded, Status.IN_TRAINING)
    enroll(funded, Status.GRADUATED)
    cancelled = program(
        d,
        "2024-05-06",
        status=ProgramStatus.CANCELLED,
        funding_source=FundingSource.PBK,
        pbk_assistance=g2,
    )
    enroll(cancelled, Status.ACCEPTED)
    enroll(program(a, "2023-05-08", funding_source=FundingSource.APBD), Status.GRADUATED)
    return cast


def pbk_figures(**filters):
    return indicators.pbk(IndicatorFilters(**filters), today=PBK_TODAY)


def test_pbk_amount_packages_target_actual_and_reports(granted):
    found = pbk_figures()
    assert [
        (row.key, row["grants"], row["packages"], row["amount"], row["target"], row["actual"])
        for row in found.by_year
    ] == [
        (2023, 1, 2, 250 * JT, 32, 3),
        (2024, 1, 1, 125 * JT, 16, 2),
        (2025, 2, 4, 475 * JT, 64, 0),
    ]
    assert (found.grants, found.packages, found.amount) == (4, 7, 850 * JT)
    assert (found.target_participants, found.actual_participants) == (112, 5)
    assert found.absorption == Rate(5, 112)
    ReportStatus = PBKAssistance.ReportStatus
    assert found.reports == {
        ReportStatus.ON_TIME: 1,
        ReportStatus.SUBMITTED_LATE: 1,
        ReportStatus.LATE: 1,
        ReportStatus.DUE_SOON: 1,
        ReportStatus.NOT_DUE: 0,
    }
    # On time out of those submitted or past due (G3 is not due yet).
    assert found.reports_on_time == Rate(1, 3)


def test_pbk_filters_narrow(granted):
    def summary(**filters):
        found = pbk_figures(**filters)
        return found.grants, found.amount, found.actual_participants, found.reports_on_time

    assert summary(year_from=2024, year_to=2024) == (1, 125 * JT, 2, Rate(0, 1))
    assert summary(district=granted["balaraja"]) == (2, 350 * JT, 3, Rate(1, 2))
    assert summary(field=granted["jahit"]) == (2, 500 * JT, 2, Rate(0, 1))
    assert summary(institution=granted["d"], year_from=2025) == (1, 375 * JT, 0, Rate(0, 0))
    assert summary(year_from=2030) == (0, Decimal(0), 0, Rate(0, 0))


@pytest.mark.parametrize(
    ("due_in_days", "submitted_in_days"),
    [(0, None), (30, None), (31, None), (-1, None), (-5, -5), (-5, -4), (10, 2)],
)
def test_pbk_report_conditions_agree_with_the_model(cast, due_in_days, submitted_in_days):
    """Each grant matches exactly one condition, the status ``report_status`` gives it."""
    offset = datetime.timedelta
    grant = factories.PBKAssistanceFactory(
        institution=cast["a"],
        year=2025,
        report_due_date=PBK_TODAY + offset(days=due_in_days),
        report_submitted_on=(
            None if submitted_in_days is None else PBK_TODAY + offset(days=submitted_in_days)
        ),
        report_file="" if submitted_in_days is None else "pbk/reports/laporan.pdf",
    )
    matching = [
        status
        for status, condition in indicators.pbk_report_status_conditions(PBK_TODAY).items()
        if PBKAssistance.objects.filter(condition, pk=grant.pk).exists()
    ]
    assert matching == [grant.report_status(PBK_TODAY)]


# Partnerships -------------------------------------------------------------------------

PARTNERSHIP_TODAY = day("2026-01-10")


@pytest.fixture
def partnered(cast):
    """Seen on 10 January 2026, with the first three scopes s0, s1, s2:

    M1 whole forum, s0+s1, in force to end 2026; M2 names A, s0, ends 1 March 2026 (50 days);
    M3 names D, s1, ends 10 April 2026 (90 days); M7 whole forum, s2, ends 11 April (91 days);
    M4 terminated, M5 not started, M6 expired (all whole forum, s0).
    Contributions: C1 M1 to A equipment 2025 Rp 25 jt; C2 M2 to A funds 2026 Rp 10 jt;
    C3 M3 to D trainers 2025 no value; C4 M1 to D equipment 2025 Rp 5 jt.
    """
    s0, s1, s2 = PartnershipScope.objects.order_by("order")[:3]

    def agreement(title, scopes, start, end, **extra):
        return factories.PartnershipFactory(
            title=title, scopes=scopes, start_date=day(start), end_date=day(end), **extra
        )

    m1 = agreement("M1", [s0, s1], "2025-01-01", "2026-12-31")
    m2 = agreement(
        "M2", [s0], "2025-06-01", "2026-03-01", covers_whole_forum=False, institutions=[cast["a"]]
    )
    m3 = agreement(
        "M3", [s1], "2025-04-10", "2026-04-10", covers_whole_forum=False, institutions=[cast["d"]]
    )
    agreement("M7", [s2], "2025-04-11", "2026-04-11")
    agreement("M4", [s0], "2025-01-01", "2026-06-30", terminated_on=day("2025-12-01"))
    agreement("M5", [s0], "2026-02-01", "2027-01-31")
    agreement("M6", [s0], "2024-01-01", "2025-12-31")

    def contribution(partnership, institution, kind, delivered, value):
        factories.ContributionFactory(
            partnership=partnership,
            institution=institution,
            kind=kind,
            delivered_on=day(delivered),
            value=value and value * JT,
        )

    Kind = Contribution.Kind
    contribution(m1, cast["a"], Kind.EQUIPMENT, "2025-03-01", 25)
    contribution(m2, cast["a"], Kind.FUNDS, "2026-01-05", 10)
    contribution(m3, cast["d"], Kind.TRAINERS, "2025-05-01", None)
    contribution(m1, cast["d"], Kind.EQUIPMENT, "2025-07-01", 5)
    return {**cast, "scopes": [s0.code, s1.code, s2.code]}


def partnership_figures(**filters):
    found = indicators.partnerships(IndicatorFilters(**filters), today=PARTNERSHIP_TODAY)
    by_scope = {row.key: row["partnerships"] for row in found.by_scope if row["partnerships"]}
    return found.active, by_scope, [(item.title, item.end_date) for item in found.ending_soon]


def test_partnerships_active_by_scope_and_ending_within_90_days(partnered):
    s0, s1, s2 = partnered["scopes"]
    assert partnership_figures() == (
        4,
        {s0: 2, s1: 2, s2: 1},
        [("M2", day("2026-03-01")), ("M3", day("2026-04-10"))],
    )
    ending = indicators.partnerships(ALL, today=PARTNERSHIP_TODAY).ending_soon
    assert ending[0].partner.startswith("PT Mitra Sejahtera")
    assert len(indicators.partnerships(ALL).by_scope) == PartnershipScope.objects.count()


def test_partnership_filters_narrow(partnered):
    s0, s1, s2 = partnered["scopes"]
    assert partnership_figures(district=partnered["balaraja"]) == (
        3,
        {s0: 2, s1: 1, s2: 1},
        [("M2", day("2026-03-01"))],
    )
    assert partnership_figures(institution=partnered["d"]) == (
        3,
        {s0: 1, s1: 2, s2: 1},
        [("M3", day("2026-04-10"))],
    )


def contribution_figures(**filters):
    found = indicators.contributions(IndicatorFilters(**filters))
    by_kind = [(row.key, row["contributions"], row["value"]) for row in found.by_kind]
    return found.contributions, found.value, found.without_value, [r for r in by_kind if r[1]]


def test_contributions_delivered_and_their_value(partnered):
    assert contribution_figures() == (
        4,
        40 * JT,
        1,
        [("peralatan", 2, 30 * JT), ("dana", 1, 10 * JT), ("instruktur", 1, 0)],
    )


def test_contribution_filters_narrow(partnered):
    assert contribution_figures(year_from=2026)[:3] == (1, 10 * JT, 0)
    assert contribution_figures(year_to=2025)[:3] == (3, 30 * JT, 1)
    assert contribution_figures(district=partnered["cikupa"])[:3] == (2, 5 * JT, 1)
    assert contribution_figures(institution=partnered["a"])[:3] == (2, 35 * JT, 0)


# Query budgets ------------------------------------------------------------------------


def world(cast, size: int):
    """``size`` copies of every kind of record the indicators read, spread over the cast."""
    scope = PartnershipScope.objects.order_by("order").first()
    for number in range(size):
        institution = (cast["a"], cast["d"])[number % 2]
        grant = factories.PBKAssistanceFactory(institution=institution, year=2017 + number)
        funded = program(
            institution,
            f"{2017 + number}-03-06",
            funding_source=FundingSource.PBK,
            pbk_assistance=grant,
        )
        other = program(institution, f"{2017 + number}-04-03", status=ProgramStatus.RUNNING)
        for status in (Status.ACCEPTED, Status.IN_TRAINING, Status.APPLIED):
            enroll(other, status, born=f"{1970 + number}-02-03")
        alumnus = graduate(funded)
        factories.OutcomeFactory(enrollment=alumnus, months_after=3)
        factories.OutcomeFactory(enrollment=alumnus, months_after=6, status="wirausaha")
        factories.EnterpriseFactory(owner=alumnus, district=institution.district)
        partnership = factories.PartnershipFactory(
            scopes=[scope], covers_whole_forum=False, institutions=[institution]
        )
        factories.ContributionFactory(partnership=partnership, institution=institution)
        extra = factories.InstitutionFactory(district=cast["tigaraksa"])
        extra.fields.add(cast["boga"])


# Each indicator with the number of queries it costs, whatever the data.
BUDGETS = [
    (lambda filters: indicators.institution_coverage(filters), 1),
    (lambda filters: indicators.fields_missing_by_district(filters), 3),
    *(
        (lambda filters, by=by: indicators.programs_and_participants(filters, by), 1)
        for by in ProgramBreakdown
    ),
    *(
        (lambda filters, by=by: indicators.participants_by(filters, by), 1)
        for by in ParticipantBreakdown
    ),
    (lambda filters: indicators.graduation_rate(filters), 1),
    (lambda filters: indicators.competency_rate(filters), 1),
    (lambda filters: indicators.people(filters), 1),
    (lambda filters: indicators.program_totals(filters), 1),
    (lambda filters: indicators.placement(filters), 2),
    (lambda filters: indicators.enterprises(filters), 2),
    (lambda filters: indicators.pbk(filters), 3),
    (lambda filters: indicators.partnerships(filters), 3),
    (lambda filters: indicators.contributions(filters), 1),
]
FILTERED = IndicatorFilters(year_from=2017, year_to=2030, funding_source=FundingSource.PBK)


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize("filters", [ALL, FILTERED], ids=["all", "filtered"])
def test_query_count_does_not_grow_with_the_data(
    cast, size, filters, django_assert_num_queries, django_assert_max_num_queries
):
    world(cast, size)
    district_filters = IndicatorFilters(
        district=cast["cikupa"], field=cast["jahit"], institution=cast["d"]
    )
    for indicator, budget in BUDGETS:
        with django_assert_num_queries(budget):
            indicator(filters)
        with django_assert_max_num_queries(budget):
            indicator(district_filters)


def test_kemnaker_assistance_by_kind_with_the_filters_that_apply(cast):
    Kind = KemnakerAssistance.Kind
    factories.KemnakerAssistanceFactory(
        institution=cast["a"], kind=Kind.WORKSHOP, year=2019, value=500 * JT
    )
    factories.KemnakerAssistanceFactory(
        institution=cast["a"], kind=Kind.EQUIPMENT, year=2019, value=400 * JT
    )
    factories.KemnakerAssistanceFactory(
        institution=cast["d"], kind=Kind.EQUIPMENT, year=2022, value=300 * JT
    )

    def summary(**filters):
        found = indicators.kemnaker_assistance(IndicatorFilters(**filters))
        return found.grants, found.value

    assert summary() == (
        {Kind.WORKSHOP: 1, Kind.EQUIPMENT: 2},
        {Kind.WORKSHOP: 500 * JT, Kind.EQUIPMENT: 700 * JT},
    )
    assert summary(district=cast["cikupa"].pk) == ({Kind.EQUIPMENT: 1}, {Kind.EQUIPMENT: 300 * JT})
    assert summary(year_from=2020) == ({Kind.EQUIPMENT: 1}, {Kind.EQUIPMENT: 300 * JT})
    assert summary(institution=cast["a"].pk, year_to=2018) == ({}, {})
