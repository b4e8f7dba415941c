"""factory_boy factories for every model, shared by all tests."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from alumni.models import CommunityGroup, Enterprise, Outcome
from core import roles
from institutions.models import (
    District,
    ForumOfficer,
    Gender,
    Institution,
    InstitutionManager,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    KemnakerAssistance,
    Regency,
    SecretariatContact,
    Village,
    VocationalField,
)
from partnerships.models import Contribution, Partner, Partnership, PartnershipScope
from trainings.models import (
    Education,
    Enrollment,
    FundingSource,
    Occupation,
    PBKAssistance,
    ProgramAlert,
    Trainee,
    TrainingProgram,
)
from trainings.validators import compose_nik

from .dates import today


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        """``UserFactory(role=roles.DISNAKER)`` puts the user in that role's group."""
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))


class SecretariatUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=extracted or roles.SECRETARIAT))


class RegencyFactory(DjangoModelFactory):
    class Meta:
        model = Regency
        django_get_or_create = ("code",)

    code = "36.03"
    name = "Kabupaten Tangerang"
    province_name = "Banten"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    regency = factory.SubFactory(RegencyFactory)
    code = factory.Sequence(lambda n: f"36.03.{n % 29 + 1:02d}")
    name = factory.Sequence(lambda n: f"Kecamatan {n}")


class VillageFactory(DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"{n % 9000 + 1000:04d}")
    name = factory.Sequence(lambda n: f"Desa {n}")
    kind = Village.Kind.DESA

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["code"] = f"{kwargs['district'].code}.{kwargs['code']}"
        return kwargs


class VocationalFieldFactory(DjangoModelFactory):
    class Meta:
        model = VocationalField
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kejuruan {n}")
    slug = factory.Sequence(lambda n: f"kejuruan-{n}")


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"BLKK Pesantren Contoh {n}")
    slug = factory.Sequence(lambda n: f"blkk-contoh-{n}")
    host_type = Institution.HostType.PESANTREN
    host_name = factory.Sequence(lambda n: f"Pondok Pesantren Contoh {n}")
    year_built = 2019
    primary_field = factory.SubFactory(VocationalFieldFactory)
    district = factory.SubFactory(DistrictFactory)
    address = "Jl. Raya Contoh No. 1"
    public_phone = "+6281200000001"

    @factory.post_generation
    def managers(institution, create, extracted, **kwargs):
        for user in extracted or ():
            InstitutionManager.objects.create(user=user, institution=institution)


class InstitutionManagerFactory(DjangoModelFactory):
    class Meta:
        model = InstitutionManager

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)


class InstructorFactory(DjangoModelFactory):
    class Meta:
        model = Instructor

    institution = factory.SubFactory(InstitutionFactory)
    full_name = factory.Sequence(lambda n: f"Instruktur {n}")
    gender = Gender.MALE
    field = factory.SelfAttribute("institution.primary_field")
    phone = "+6281311112222"
    email = factory.Sequence(lambda n: f"instruktur{n}@example.test")


class InstructorCertificateFactory(DjangoModelFactory):
    class Meta:
        model = InstructorCertificate

    instructor = factory.SubFactory(InstructorFactory)
    scheme = "Instruktur Kompetensi"
    issuer = "BNSP"
    number = factory.Sequence(lambda n: f"CERT-{n:05d}")
    issued_on = datetime.date(2022, 3, 1)
    valid_until = datetime.date(2025, 3, 1)


class InstructorTrainingFactory(DjangoModelFactory):
    class Meta:
        model = InstructorTraining

    instructor = factory.SubFactory(InstructorFactory)
    title = "Pelatihan Metodologi Pelatihan (TM)"
    organiser = "BBPVP Serang"
    start_date = datetime.date(2023, 5, 1)
    end_date = datetime.date(2023, 5, 10)
    hours = 80


class ForumOfficerFactory(DjangoModelFactory):
    class Meta:
        model = ForumOfficer

    full_name = factory.Sequence(lambda n: f"Pengurus {n}")
    position = ForumOfficer.Position.CHAIR
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2027, 12, 31)


class SecretariatContactFactory(DjangoModelFactory):
    """The secretariat's one row made anew: the blank row of the migration gives way to it."""

    class Meta:
        model = SecretariatContact

    id = 1
    address = "Jl. Aria Jaya Santika No. 17"
    email = "sekretariat@fkblkk.test"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        model_class.objects.all().delete()
        return super()._create(model_class, *args, **kwargs)


class PBKAssistanceFactory(DjangoModelFactory):
    class Meta:
        model = PBKAssistance

    institution = factory.SubFactory(InstitutionFactory)
    year = factory.LazyFunction(lambda: today().year)
    field = factory.SelfAttribute("institution.primary_field")
    packages = 2
    target_participants = 32
    amount = Decimal("250000000")
    report_due_date = factory.LazyAttribute(lambda pbk: datetime.date(pbk.year, 12, 15))


class TrainingProgramFactory(DjangoModelFactory):
    class Meta:
        model = TrainingProgram
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    field = factory.SelfAttribute("institution.primary_field")
    title = factory.Sequence(lambda n: f"Pelatihan Menjahit Angkatan {n}")
    slug = factory.Sequence(lambda n: f"pelatihan-{n}")
    description = "Pelatihan berbasis kompetensi."
    start_date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda p: p.start_date + datetime.timedelta(days=20))
    registration_closes = factory.LazyAttribute(lambda p: p.start_date - datetime.timedelta(days=7))
    hours = 160
    quota = 16
    funding_source = FundingSource.APBD
    status = TrainingProgram.Status.OPEN


class TraineeFactory(DjangoModelFactory):
    class Meta:
        model = Trainee

    full_name = factory.Sequence(lambda n: f"Peserta {n}")
    gender = Gender.FEMALE
    birth_date = datetime.date(2000, 5, 17)
    nik = factory.LazyAttributeSequence(
        lambda t, n: compose_nik("360301", t.birth_date, t.gender, n % 9999 + 1)
    )
    phone = "+6281234567890"
    email = factory.Sequence(lambda n: f"peserta{n}@example.test")
    address = "Kp. Contoh RT 01/02"
    district = factory.SubFactory(DistrictFactory)
    education = Education.SENIOR
    occupation = Occupation.UNEMPLOYED


class ProgramAlertFactory(DjangoModelFactory):
    class Meta:
        model = ProgramAlert

    email = factory.Sequence(lambda n: f"kabar{n}@example.test")
    field = factory.SubFactory(VocationalFieldFactory)
    district = factory.SubFactory(DistrictFactory)
    consent_text = "Saya setuju."
    consented_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class EnrollmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrollment

    trainee = factory.SubFactory(TraineeFactory)
    program = factory.SubFactory(TrainingProgramFactory)
    status = Enrollment.Status.APPLIED


class GraduateFactory(EnrollmentFactory):
    # A program that ended on the day its graduates graduated, 120 days ago.
    program = factory.SubFactory(
        TrainingProgramFactory,
        start_date=factory.LazyFunction(lambda: today() - datetime.timedelta(days=140)),
        status=TrainingProgram.Status.COMPLETED,
    )
    status = Enrollment.Status.GRADUATED
    competency_result = Enrollment.CompetencyResult.COMPETENT
    training_certificate_number = factory.Sequence(lambda n: f"SERT-{n:05d}")
    completed_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=120))

    class Params:
        # The LSP's competency certificate, issued some weeks after the graduation.
        certified = factory.Trait(
            competency_scheme="Penjahit Pakaian Wanita",
            competency_certificate_issuer="LSP Garmen Indonesia",
            competency_certificate_number=factory.Sequence(lambda n: f"LSP-GI/{n:05d}/2026"),
            competency_certificate_date=factory.LazyFunction(
                lambda: today() - datetime.timedelta(days=100)
            ),
        )


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    enrollment = factory.SubFactory(GraduateFactory)
    months_after = Outcome.MonthsAfter.THREE
    surveyed_on = factory.LazyFunction(lambda: today())
    status = Outcome.Status.WAGE_JOB
    employer_or_business = "PT Contoh Makmur"


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    owner = factory.SubFactory(GraduateFactory)
    name = factory.Sequence(lambda n: f"Usaha Alumni {n}")
    slug = factory.Sequence(lambda n: f"usaha-alumni-{n}")
    sector = Enterprise.Sector.FOOD
    description = "Kue kering dan katering rumahan."
    district = factory.SubFactory(DistrictFactory)
    started_on = datetime.date(2023, 2, 1)
    workers = 3
    business_phone = "+6285700001111"
    owner_consents_to_publish = True
    consent_recorded_on = datetime.date(2023, 3, 1)
    is_published = True


class CommunityGroupFactory(DjangoModelFactory):
    class Meta:
        model = CommunityGroup

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Kelompok Usaha Bersama {n}")
    kind = CommunityGroup.Kind.BUSINESS
    district = factory.SelfAttribute("institution.district")
    members = 12


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"PT Mitra Sejahtera {n}")
    slug = factory.Sequence(lambda n: f"mitra-{n}")
    kind = Partner.Kind.COMPANY
    contact_name = "Budi Santoso"
    contact_phone = "+6281399998888"
    contact_email = factory.Sequence(lambda n: f"kontak{n}@mitra.test")


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Kerja sama pelatihan {n}")
    agreement_type = Partnership.AgreementType.PKS
    covers_whole_forum = True
    start_date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=100))
    end_date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=265))

    @factory.post_generation
    def scopes(partnership, create, extracted, **kwargs):
        if create:
            partnership.scopes.set(extracted or PartnershipScope.objects.all()[:1])

    @factory.post_generation
    def institutions(partnership, create, extracted, **kwargs):
        if create and extracted:
            partnership.institutions.set(extracted)


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = Contribution

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SubFactory(InstitutionFactory)
    kind = Contribution.Kind.EQUIPMENT
    description = "Mesin jahit industri 5 unit"
    delivered_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    quantity = 5
    value = Decimal("25000000")


class InstitutionPhotoFactory(DjangoModelFactory):
    class Meta:
        model = InstitutionPhoto

    institution = factory.SubFactory(InstitutionFactory)
    image = factory.django.ImageField(width=640, height=480, format="PNG", filename="foto.png")
    caption = factory.Sequence(lambda n: f"Bengkel praktik {n}")
    position = factory.Sequence(lambda n: n)


class KemnakerAssistanceFactory(DjangoModelFactory):
    class Meta:
        model = KemnakerAssistance

    institution = factory.SubFactory(InstitutionFactory)
    kind = KemnakerAssistance.Kind.EQUIPMENT
    year = 2021
    value = Decimal("450000000")
    items = "16 mesin jahit, 2 mesin obras, 1 mesin bordir"


class ParticipantImportFactory(DjangoModelFactory):
    """A finished participant import (its file already deleted, as after a run)."""

    class Meta:
        model = "trainings.ParticipantImport"

    program = factory.SubFactory(TrainingProgramFactory)
    uploaded_by = factory.SubFactory(UserFactory, role=roles.MANAGER)
    original_name = "peserta.xlsx"
    status = "selesai"
    total_rows = 3
    processed_rows = 3
    created_trainees = 2
    matched_trainees = 1
    enrollments_created = 3
    finished_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
