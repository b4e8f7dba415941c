"""Demo rows for one BLKK and all that hangs on it.

Its profile, kejuruan, instructors and their certificates, PBK grants, four years of programs and
the coming months', trainees and their enrollments in every status, graduates' tracer outcomes and
enterprises, and the community groups it nurtures. The rows are only built here; ``writer``
inserts them. Everything follows the model rules (``clean()`` and the constraints).
"""

import datetime
import math
import random
from collections import Counter
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from alumni.models import CommunityGroup, Enterprise, Outcome
from institutions.models import (
    Institution,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    KemnakerAssistance,
)
from trainings.models import (
    Education,
    Enrollment,
    FundingSource,
    Occupation,
    PBKAssistance,
    Trainee,
    TrainingProgram,
)

from . import people, vocabulary
from .documents import PBK_REPORT_FILE, PHOTO_FILE
from .world import InstitutionPlan, World

YEARS_OF_HISTORY = 4
# Share of BLKK-years with a PBK grant from Kemnaker.
PBK_SHARE = 0.65
PBK_PARTICIPANTS_PER_PACKAGE = 16

# Programs around today, one kind per BLKK in turn, so that every status is always present.
CURRENT_KINDS = (
    TrainingProgram.Status.RUNNING,
    TrainingProgram.Status.CLOSED,
    TrainingProgram.Status.OPEN,
    TrainingProgram.Status.PUBLISHED,
    TrainingProgram.Status.DRAFT,
)
OTHER_FUNDING = (
    FundingSource.APBD,
    FundingSource.PARTNER,
    FundingSource.SELF_FUNDED,
    FundingSource.OTHER,
)
OTHER_FUNDING_WEIGHTS = (5, 2, 2, 1)
# Share of women among applicants, by kejuruan; 0.5 for the rest.
FEMALE_SHARE = {
    "menjahit": 0.85,
    "tata-boga": 0.8,
    "barista": 0.55,
    "pengolahan-hasil-pertanian": 0.7,
    "pengolahan-hasil-perikanan": 0.65,
    "teknik-otomotif": 0.08,
    "teknik-las": 0.05,
    "teknik-listrik": 0.1,
    "teknik-pendingin": 0.08,
}
EDUCATION_WEIGHTS = {
    Education.NONE: 1,
    Education.PRIMARY: 6,
    Education.JUNIOR: 20,
    Education.SENIOR: 56,
    Education.DIPLOMA: 6,
    Education.BACHELOR: 10,
    Education.POSTGRADUATE: 1,
}
OCCUPATION_WEIGHTS = {
    Occupation.UNEMPLOYED: 55,
    Occupation.STUDENT: 18,
    Occupation.EMPLOYEE: 12,
    Occupation.SELF_EMPLOYED: 9,
    Occupation.OTHER: 6,
}
# Tracer study: share of graduates reached, and what they answer, by months after graduating.
TRACER_RESPONSE = {3: 0.8, 6: 0.6, 12: 0.45}
TRACER_STATUS_WEIGHTS = {
    3: (30, 18, 7, 45),
    6: (38, 22, 6, 34),
    12: (44, 26, 5, 25),
}
REPEAT_APPLICANT_SHARE = 0.08
# Of graduates who say they run a business, the share whose business is on record.
ENTERPRISE_SHARE = 0.35
# The alphabet of trainings.models.generate_reference_code: no 0/O or 1/I to misread.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_SPACE = len(REFERENCE_ALPHABET) ** 8
REFERENCE_SCRAMBLE = 0x5DEECE66D  # odd, so multiplying by it permutes the code space


def reference_code(institution_number: int, sequence: int) -> str:
    """A registration code unique to one enrollment of one BLKK, scrambled to look issued."""
    value = (institution_number * 100_000 + sequence) * REFERENCE_SCRAMBLE % REFERENCE_SPACE
    characters = []
    for _position in range(8):
        value, digit = divmod(value, len(REFERENCE_ALPHABET))
        characters.append(REFERENCE_ALPHABET[digit])
    return "FKB-" + "".join(characters)


def training_days(hours: int) -> int:
    """Calendar days a course of ``hours`` JP takes, at 8 JP a day, five days a week."""
    return math.ceil(hours / 8 * 7 / 5)


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def rupiah(amount: float, step: int = 50_000) -> Decimal:
    return Decimal(int(amount // step * step))


class InstitutionUnit:
    """Builds one demo BLKK into ``rows``; ``build()`` returns the unsaved institution."""

    def __init__(self, plan: InstitutionPlan, world: World, rows):
        self.plan = plan
        self.world = world
        self.rows = rows
        self.today = world.today
        self.now = timezone.now()
        self.timezone = timezone.get_current_timezone()
        self.rng = plan.rng("unit")
        # Its own stream, so that the certificates leave the rest of the demo as it was.
        self.certificate_rng = plan.rng("certificates")
        self.enrollment_sequence = 0
        self.program_sequence = 0
        self.batches = Counter()  # (course, year) -> programs so far: "Angkatan 2"
        self.trainees: list[Trainee] = []
        self.grants: list[PBKAssistance] = []

    def build(self) -> Institution:
        self.institution = self.add_institution()
        self.instructors = self.add_instructors()
        for program in self.add_programs():
            self.add_enrollments(program)
        self.add_community_groups()
        return self.institution

    # Helpers -----------------------------------------------------------------------------

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def days(self, low: int, high: int) -> datetime.timedelta:
        return datetime.timedelta(days=self.rng.randint(low, high))

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A working-hours moment on ``day``, never later than now."""
        hour = datetime.time(self.rng.randint(8, 16), self.rng.randrange(60))
        moment = datetime.datetime.combine(day, hour, tzinfo=self.timezone)
        return min(moment, self.now)

    def village_of(self, place) -> int | None:
        return self.rng.choice(place.villages)[0] if place.villages else None

    def village_at_home(self, place, home) -> int | None:
        """A desa of ``place``, drawn even for a trainee who lives elsewhere (``home``) so that
        the stream stays the same; kept only for who lives there."""
        village_id = self.village_of(place)
        return village_id if home is place else None

    # The institution ---------------------------------------------------------------------

    def add_institution(self) -> Institution:
        plan, rng = self.plan, self.rng
        primary = self.world.fields[plan.primary_field_slug]
        year_built = rng.choices(range(2017, 2024), weights=(2, 4, 5, 5, 4, 3, 2))[0]
        if year_built <= 2018 and rng.random() < 0.5:
            kemnaker_class = Institution.KemnakerClass.INDEPENDENT
        elif year_built <= 2020 and rng.random() < 0.6:
            kemnaker_class = Institution.KemnakerClass.DEVELOPING
        else:
            kemnaker_class = Institution.KemnakerClass.GROWING
        village_id = self.village_of(plan.place)
        village_name = dict(plan.place.villages).get(village_id)
        street = f"Jl. {rng.choice(vocabulary.STREET_WORDS)} No. {rng.randint(1, 120)}"
        latitude, longitude = plan.coordinates or (None, None)
        # The last two of each 33: one whose public profile is not ready, one no longer active.
        self.is_active = plan.position != 32
        institution = Institution(
            name=plan.name,
            slug=plan.slug,
            host_type=plan.host_type,
            host_name=plan.host_name,
            host_legal_form=vocabulary.HOST_LEGAL_FORMS.get(
                plan.host_type, Institution.LegalForm.YAYASAN
            ),
            kemnaker_class=kemnaker_class,
            year_built=year_built,
            primary_field=primary,
            district_id=plan.place.district_id,
            village_id=village_id,
            address=", ".join(filter(None, [street, village_name, f"Kec. {plan.place.name}"])),
            latitude=latitude,
            longitude=longitude,
            public_phone=people.mobile_number(rng),
            public_email=f"{slugify(plan.host_name)[:48].strip('-')}@{people.DEMO_EMAIL_DOMAIN}",
            description=(
                f"{vocabulary.DEMO_NOTE}: profil fiktif untuk peragaan portal. {plan.name} "
                f"dibangun Kemnaker pada {year_built} di lingkungan {plan.host_name}, "
                f"Kecamatan {plan.place.name}, dengan bengkel kejuruan {primary.name}."
            ),
            facilities=f"Bengkel {primary.name}, ruang teori, ruang komputer, musala, asrama",
            is_active=self.is_active,
            is_published=plan.position < 31,
        )
        self.rows.add(institution)
        others = [field for slug, field in sorted(self.world.fields.items()) if field != primary]
        self.fields = [primary, *rng.sample(others, rng.choice((0, 1, 1, 2)))]
        for field in self.fields:
            self.rows.add(
                Institution.fields.through(institution=institution, vocationalfield=field)
            )
        captions = [f"Bengkel {primary.name}", "Ruang teori", "Peserta praktik di bengkel"]
        for position, caption in enumerate(captions[: rng.randint(1, len(captions))]):
            self.rows.add(
                InstitutionPhoto(
                    institution=institution,
                    image=PHOTO_FILE,
                    caption=f"{caption} ({vocabulary.DEMO_NOTE.lower()})",
                    position=position,
                )
            )
        self.add_kemnaker_assistance(institution, primary)
        return institution

    def add_kemnaker_assistance(self, institution: Institution, primary) -> None:
        """The workshop and its equipment Kemnaker gave in the year it built the BLKK. A
        random stream of its own keeps the rest of the demo as it was."""
        rng = random.Random(f"fkblkk-demo:kemnaker:{self.plan.number}")
        Kind = KemnakerAssistance.Kind
        for kind, low, high, items in (
            (Kind.WORKSHOP, 450, 550, f"Gedung workshop {primary.name} dan ruang teori"),
            (Kind.EQUIPMENT, 300, 500, f"Peralatan praktik {primary.name}"),
        ):
            self.rows.add(
                KemnakerAssistance(
                    institution=institution,
                    kind=kind,
                    year=institution.year_built,
                    value=Decimal(rng.randint(low, high) * 1_000_000),
                    items=f"{items} ({vocabulary.DEMO_NOTE.lower()})",
                )
            )

    def add_instructors(self) -> list[Instructor]:
        instructors = []
        for index in range(self.rng.randint(2, 5)):
            gender = people.random_gender(self.rng, 0.3)
            name = people.full_name(self.rng, gender)
            instructor = self.rows.add(
                Instructor(
                    institution=self.institution,
                    full_name=name,
                    gender=gender,
                    field=self.fields[0] if index == 0 else self.rng.choice(self.fields),
                    phone=people.mobile_number(self.rng),
                    email=people.email_address(name, self.rng),
                    is_active=self.rng.random() < 0.9,
                )
            )
            instructors.append(instructor)
            for number in range(self.rng.randint(1, 2)):
                issued_on = self.day_between(
                    datetime.date(2018, 1, 1), self.today - self.days(30, 60)
                )
                self.rows.add(
                    InstructorCertificate(
                        instructor=instructor,
                        scheme=f"Instruktur {instructor.field.name}"
                        if number == 0
                        else "Asesor Kompetensi",
                        issuer=self.rng.choice(vocabulary.INSTRUCTOR_CERTIFIERS),
                        number=f"DEMO/{self.plan.number:05d}/{index + 1}{number + 1}",
                        issued_on=issued_on,
                        valid_until=issued_on + datetime.timedelta(days=3 * 365)
                        if self.rng.random() < 0.8
                        else None,
                    )
                )
            for _training in range(self.rng.randint(0, 2)):
                start = self.day_between(datetime.date(2018, 1, 1), self.today - self.days(14, 40))
                end = start + self.days(4, 11)
                self.rows.add(
                    InstructorTraining(
                        instructor=instructor,
                        title=self.rng.choice(vocabulary.INSTRUCTOR_TRAINING_TITLES),
                        organiser=self.rng.choice(vocabulary.INSTRUCTOR_TRAINING_ORGANISERS),
                        start_date=start,
                        end_date=end,
                        hours=((end - start).days + 1) * 8,
                    )
                )
        return instructors

    def add_grant(self, year: int, packages: int) -> PBKAssistance:
        """A PBK grant, its report submitted on time, late or not yet, as grants go."""
        disbursed_on = datetime.date(year, self.rng.randint(3, 6), self.rng.randint(1, 28))
        due = datetime.date(year + 1, 1, 15)
        submitted_on = None
        if due < self.today:
            roll = self.rng.random()
            if roll < 0.7:
                submitted_on = due - self.days(1, 25)
            elif roll < 0.85:
                submitted_on = min(due + self.days(5, 60), self.today)
        grant = self.rows.add(
            PBKAssistance(
                institution=self.institution,
                year=year,
                field=self.fields[0],
                decree_number=f"{self.plan.number:05d}/DEMO-PBK/{year}",
                packages=packages,
                target_participants=packages * PBK_PARTICIPANTS_PER_PACKAGE,
                amount=Decimal(packages * self.rng.randint(105, 135) * 1_000_000),
                disbursed_on=disbursed_on if disbursed_on <= self.today else None,
                report_due_date=due,
                report_submitted_on=submitted_on,
                report_file=PBK_REPORT_FILE if submitted_on else "",
            )
        )
        self.grants.append(grant)
        return grant

    # Programs ----------------------------------------------------------------------------

    def add_programs(self) -> list[TrainingProgram]:
        """Programs of the last four years (PBK packages among them) and of the coming months."""
        window_start = people.years_before(self.today, YEARS_OF_HISTORY)
        last_year = self.today.year if self.is_active else self.today.year - 1
        programs = []
        for year in range(max(window_start.year, self.institution.year_built), last_year + 1):
            if self.rng.random() < PBK_SHARE:
                packages = self.rng.choices((1, 2, 3), weights=(5, 4, 1))[0]
                package_starts = self.start_dates(packages, year, (4, 1), (11, 1), window_start)
                if package_starts:
                    grant = self.add_grant(year, len(package_starts))
                    programs += [self.add_program(day, grant=grant) for day in package_starts]
            count = self.rng.randint(2, 4)
            other_starts = self.start_dates(count, year, (2, 1), (11, 30), window_start)
            programs += [self.add_program(day) for day in other_starts]
        if self.is_active:
            position = self.plan.position
            for kind in (CURRENT_KINDS[position % 5], CURRENT_KINDS[(position + 2) % 5]):
                programs.append(self.add_current_program(kind))
        return programs

    def start_dates(self, count, year, first, last, not_before) -> list[datetime.date]:
        """``count`` start days in ``year`` between (month, day) ``first`` and ``last``."""
        days = [
            self.day_between(datetime.date(year, *first), datetime.date(year, *last))
            for _program in range(count)
        ]
        return [day for day in days if day >= not_before]

    def add_current_program(self, kind: str) -> TrainingProgram:
        """A program whose dates put it in status ``kind`` today."""
        hours = self.rng.choice((160, 200, 240))
        if kind == TrainingProgram.Status.RUNNING:
            start = self.today - datetime.timedelta(days=self.rng.randrange(training_days(hours)))
            closes = start - self.days(3, 10)
        elif kind == TrainingProgram.Status.CLOSED:
            closes = self.today - self.days(1, 3)
            start = self.today + self.days(1, 7)
        elif kind == TrainingProgram.Status.OPEN:
            closes = self.today + self.days(3, 25)
            start = closes + self.days(3, 10)
        else:  # announced, or still a draft: registration opens later
            closes = self.today + self.days(35, 80)
            start = closes + self.days(7, 14)
        return self.add_program(start, hours=hours, closes=closes, status=kind)

    def status_on_dates(self, start, closes, end) -> str:
        Status = TrainingProgram.Status
        if end < self.today:
            return Status.CANCELLED if self.rng.random() < 0.06 else Status.COMPLETED
        if start <= self.today:
            return Status.RUNNING
        if closes < self.today:
            return Status.CLOSED
        if (closes - self.today).days <= 30:
            return Status.OPEN
        return Status.PUBLISHED if self.rng.random() < 0.6 else Status.DRAFT

    def add_program(self, start, *, grant=None, hours=None, closes=None, status=None):
        rng = self.rng
        hours = hours or rng.choice((160, 200, 240, 280))
        closes = closes or start - self.days(3, 10)
        end = start + datetime.timedelta(days=training_days(hours) - 1)
        field = grant.field if grant else rng.choice(self.fields)
        course = rng.choice(vocabulary.COURSES[field.slug])
        min_age = rng.choice((17, 17, 18))
        max_age = rng.choice((None, 35, 40, 45))
        self.program_sequence += 1
        self.batches[course, start.year] += 1
        program = self.rows.add(
            TrainingProgram(
                institution=self.institution,
                field=field,
                title=f"{course} Angkatan {self.batches[course, start.year]} Tahun {start.year}",
                slug=f"{slugify(course)}-{start.year}-{self.plan.number}-{self.program_sequence}",
                description=(
                    f"{vocabulary.DEMO_NOTE}. Pelatihan berbasis kompetensi {course.lower()} "
                    f"selama {hours} JP di {self.plan.name}, dengan praktik di bengkel "
                    f"{field.name.lower()} dan uji kompetensi di akhir pelatihan."
                ),
                competencies=(
                    f"Keselamatan dan kesehatan kerja; dasar-dasar {field.name.lower()}; "
                    f"praktik {course.lower()}; persiapan uji kompetensi"
                ),
                requirements=(
                    f"Usia {min_age}{f'-{max_age}' if max_age else ''} tahun; fotokopi KTP dan "
                    "KK; pas foto 3x4; sehat jasmani dan rohani"
                ),
                schedule="Senin-Jumat, 08.00-16.00 WIB",
                location=self.institution.address,
                start_date=start,
                end_date=end,
                registration_closes=closes,
                hours=hours,
                quota=PBK_PARTICIPANTS_PER_PACKAGE if grant else rng.choice((16, 16, 20, 24)),
                min_age=min_age,
                max_age=max_age,
                funding_source=FundingSource.PBK
                if grant
                else rng.choices(OTHER_FUNDING, weights=OTHER_FUNDING_WEIGHTS)[0],
                pbk_assistance=grant,
                status=status or self.status_on_dates(start, closes, end),
                created_at=self.moment(closes - datetime.timedelta(days=45)),
            )
        )
        teachers = [i for i in self.instructors if i.field == field] or self.instructors
        for instructor in rng.sample(teachers, min(len(teachers), rng.randint(1, 2))):
            self.rows.add(
                TrainingProgram.instructors.through(trainingprogram=program, instructor=instructor)
            )
        return program

    # Trainees and enrollments ------------------------------------------------------------

    def add_enrollments(self, program: TrainingProgram) -> None:
        taken = set()
        for status in self.applicant_statuses(program):
            applied_on = min(program.registration_closes - self.days(0, 30), self.today)
            trainee = self.trainee_for(program, taken, applied_on)
            taken.add(id(trainee))
            self.add_enrollment(program, trainee, status, applied_on)

    def applicant_statuses(self, program: TrainingProgram) -> list[str]:
        """What the applicants' statuses can be at this stage of the program, seats within quota.

        Drafts and announced programs take no applications yet; a cancelled one keeps none.
        """
        Status, Stage, rng, quota = (
            Enrollment.Status,
            TrainingProgram.Status,
            self.rng,
            program.quota,
        )

        def some(status, low, high):
            return [status] * rng.randint(low, high)

        if program.status == Stage.COMPLETED:
            seated = quota - rng.randint(0, 2)
            dropouts = sum(rng.random() < 0.06 for _seat in range(seated))
            finished = [Status.DROPPED_OUT] * dropouts + [Status.GRADUATED] * (seated - dropouts)
            return finished + some(Status.REJECTED, 0, 4) + some(Status.WITHDRAWN, 0, 2)
        if program.status == Stage.RUNNING:
            seated = quota - rng.randint(0, 2)
            dropouts = rng.choice((0, 0, 1))
            training = [Status.DROPPED_OUT] * dropouts + [Status.IN_TRAINING] * (seated - dropouts)
            return training + some(Status.REJECTED, 0, 3) + some(Status.WITHDRAWN, 0, 1)
        if program.status == Stage.CLOSED:
            accepted = [Status.ACCEPTED] * (quota - rng.randint(0, 3))
            return (
                accepted
                + some(Status.REJECTED, 0, 3)
                + some(Status.APPLIED, 1, 2)
                + some(Status.WITHDRAWN, 0, 1)
            )
        if program.status == Stage.OPEN:
            return (
                some(Status.ACCEPTED, 0, quota // 3)
                + some(Status.APPLIED, 3, quota)
                + some(Status.WITHDRAWN, 1, 1)
            )
        return []

    def trainee_for(self, program: TrainingProgram, taken: set, applied_on) -> Trainee:
        """Mostly a new person; sometimes one who trained here before and fits the age limits."""
        if self.trainees and self.rng.random() < REPEAT_APPLICANT_SHARE:
            candidate = self.rng.choice(self.trainees)
            if id(candidate) not in taken and program.age_refusal(candidate.birth_date) is None:
                return candidate
        return self.add_trainee(program, applied_on)

    def add_trainee(self, program: TrainingProgram, applied_on: datetime.date) -> Trainee:
        rng = self.rng
        gender = people.random_gender(rng, FEMALE_SHARE.get(program.field.slug, 0.5))
        age = rng.randint(program.min_age or 17, min(program.max_age or 45, 45))
        birth_date = people.birth_date_for_age(rng, age, program.start_date)
        place = self.plan.place
        neighbours = self.world.neighbours.get(place.regency_id)
        if neighbours and rng.random() < 0.25:
            place = rng.choice(neighbours)
        # Only the forum's own BLKK (those with neighbours) train people from further away.
        home = (self.world.domicile_elsewhere() if neighbours else None) or place
        name = people.full_name(rng, gender)
        trainee = self.rows.add(
            Trainee(
                nik=people.fictional_nik(home.code, birth_date, gender, rng),
                full_name=name,
                gender=gender,
                birth_date=birth_date,
                phone=people.mobile_number(rng),
                email=people.email_address(name, rng) if rng.random() < 0.6 else "",
                address=(
                    f"Kp. {rng.choice(vocabulary.KAMPUNG_WORDS)} RT {rng.randint(1, 12):03d}/"
                    f"RW {rng.randint(1, 8):03d}"
                ),
                district_id=home.district_id,
                village_id=self.village_at_home(place, home),
                education=weighted(rng, EDUCATION_WEIGHTS),
                occupation=weighted(rng, OCCUPATION_WEIGHTS),
                created_at=self.moment(applied_on),
            )
        )
        self.trainees.append(trainee)
        return trainee

    def add_enrollment(self, program, trainee, status, applied_on) -> None:
        Status, Result, rng = Enrollment.Status, Enrollment.CompetencyResult, self.rng
        self.enrollment_sequence += 1
        decided_on = None
        if status != Status.APPLIED and status != Status.WITHDRAWN:
            decided_on = min(applied_on + self.days(1, 10), program.start_date, self.today)
        completed_on = None
        result = Result.NOT_ASSESSED
        certificates = {}
        if status == Status.GRADUATED:
            completed_on = program.end_date
            if (self.today - completed_on).days > 21:
                result = weighted(
                    rng,
                    {Result.COMPETENT: 85, Result.NOT_YET_COMPETENT: 10, Result.NOT_ASSESSED: 5},
                )
            elif rng.random() < 0.4:
                result = Result.COMPETENT
            certificates = self.certificates(program, result)
        elif status == Status.DROPPED_OUT:
            completed_on = min(self.day_between(program.start_date, program.end_date), self.today)
        enrollment = self.rows.add(
            Enrollment(
                trainee=trainee,
                program=program,
                reference_code=reference_code(self.plan.number, self.enrollment_sequence),
                status=status,
                competency_result=result,
                decided_on=decided_on,
                completed_on=completed_on,
                created_at=self.moment(applied_on),
                **certificates,
            )
        )
        if status == Status.GRADUATED:
            self.trace(enrollment)

    def certificates(self, program: TrainingProgram, result: str) -> dict:
        """A graduate's training certificate, numbered within this BLKK, and for the competent
        the LSP's certificate, issued some weeks after the program, unless still awaited."""
        rng = self.certificate_rng
        end = program.end_date
        serial = f"{self.plan.number:03d}/{self.enrollment_sequence:05d}"
        certificates = {"training_certificate_number": f"DEMO/SP/{end.year}/{serial}"}
        issued_on = end + datetime.timedelta(days=rng.randint(7, 45))
        if result != Enrollment.CompetencyResult.COMPETENT or issued_on > self.today:
            return certificates
        slug = program.field.slug
        issuer = vocabulary.TRADE_COMPETENCY_ISSUERS.get(slug)
        if issuer is None or rng.random() < 0.3:
            issuer = rng.choice(vocabulary.COMPETENCY_ISSUERS)
        return {
            **certificates,
            "competency_scheme": vocabulary.COMPETENCY_SCHEMES[slug],
            "competency_certificate_issuer": issuer,
            "competency_certificate_number": f"DEMO/LSP/{issued_on.year}/{serial}",
            "competency_certificate_date": issued_on,
        }

    # Graduates ---------------------------------------------------------------------------

    def trace(self, graduate: Enrollment) -> None:
        """Tracer answers 3, 6 and 12 months on, and an enterprise for some who run one."""
        rng = self.rng
        previous = None
        business_outcomes = []
        for months, response in TRACER_RESPONSE.items():
            surveyed_on = graduate.completed_on + datetime.timedelta(days=round(30.4 * months))
            surveyed_on += self.days(0, 20)
            if surveyed_on > self.today or rng.random() > response:
                continue
            if previous in Outcome.PLACED_STATUSES and rng.random() < 0.75:
                status = previous
            else:
                status = rng.choices(list(Outcome.Status), weights=TRACER_STATUS_WEIGHTS[months])[0]
            previous = status
            placed = status in Outcome.PLACED_STATUSES
            outcome = self.rows.add(
                Outcome(
                    enrollment=graduate,
                    months_after=months,
                    surveyed_on=surveyed_on,
                    status=status,
                    employer_or_business=rng.choice(vocabulary.EMPLOYERS)
                    if status == Outcome.Status.WAGE_JOB
                    else "",
                    job_matches_training=rng.random() < 0.7 if placed else None,
                    monthly_income=rupiah(rng.uniform(1_800_000, 5_500_000)) if placed else None,
                    note=vocabulary.DEMO_NOTE,
                )
            )
            if status == Outcome.Status.OWN_BUSINESS:
                business_outcomes.append(outcome)
        if business_outcomes and rng.random() < ENTERPRISE_SHARE:
            enterprise = self.add_enterprise(graduate)
            for outcome in business_outcomes:
                outcome.employer_or_business = enterprise.name

    def add_enterprise(self, graduate: Enrollment) -> Enterprise:
        rng, trainee = self.rng, graduate.trainee
        sector = vocabulary.ENTERPRISE_SECTORS[graduate.program.field.slug]
        prefix, offer = vocabulary.ENTERPRISE_STYLES[sector]
        first_name = trainee.full_name.split()[0]
        name = f"{prefix} {first_name} {rng.choice(vocabulary.NAME_WORDS)}"
        started_on = min(graduate.completed_on + self.days(7, 90), self.today)
        consents = rng.random() < 0.65
        return self.rows.add(
            Enterprise(
                owner=graduate,
                name=name,
                slug=f"{slugify(name)}-{self.plan.number}-{self.enrollment_sequence}",
                sector=sector,
                description=f"{offer}. {vocabulary.DEMO_NOTE}: usaha fiktif.",
                district_id=trainee.district_id,
                village_id=trainee.village_id,
                business_address=trainee.address,
                started_on=started_on,
                workers=rng.choice((1, 1, 2, 2, 3, 4, 6)),
                monthly_revenue=rupiah(rng.uniform(2_000_000, 25_000_000), 100_000),
                business_phone=people.mobile_number(rng),
                order_info=rng.choice(vocabulary.ORDER_CHANNELS),
                owner_consents_to_publish=consents,
                consent_recorded_on=min(started_on + self.days(10, 60), self.today)
                if consents
                else None,
                is_published=consents and rng.random() < 0.85,
            )
        )

    # Community groups --------------------------------------------------------------------

    def add_community_groups(self) -> None:
        rng, place = self.rng, self.plan.place
        names = set()
        for _group in range(rng.choice((0, 1, 1, 2, 3))):
            kind = rng.choice(list(CommunityGroup.Kind))
            village_id = self.village_of(place)
            area = dict(place.villages).get(village_id, place.name)
            name = (
                f"{vocabulary.COMMUNITY_GROUP_NAMES[kind]} "
                f"{rng.choice(vocabulary.NAME_WORDS)} {area}"
            )
            if name in names:
                continue
            names.add(name)
            self.rows.add(
                CommunityGroup(
                    institution=self.institution,
                    name=name,
                    kind=kind,
                    district_id=place.district_id,
                    village_id=village_id,
                    members=rng.randint(10, 40),
                    leader_name=people.full_name(rng, people.random_gender(rng)),
                    activities=f"{vocabulary.DEMO_NOTE}. Pertemuan bulanan, pelatihan singkat "
                    "dan pemasaran bersama produk anggota.",
                    founded_year=rng.randint(self.institution.year_built, self.today.year),
                    pbk_assistance=rng.choice(self.grants)
                    if self.grants and rng.random() < 0.5
                    else None,
                )
            )
