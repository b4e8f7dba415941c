from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.test import override_settings
from django.utils import timezone

from alumni.models import EARLY_SURVEY_TOLERANCE, Enterprise, Outcome
from core import roles
from core.dates import add_months
from fkblkk.demo import demo_models
from institutions import boundaries
from institutions.models import District, Institution, InstitutionManager, SecretariatContact
from institutions.regions import KABUPATEN_TANGERANG_CODE
from partnerships.models import Partner, Partnership
from trainings.models import (
    Enrollment,
    FundingSource,
    ProgramSummary,
    Trainee,
    TrainingProgram,
)
from trainings.validators import nik_mismatch_errors, validate_nik

PASSWORD = "Demo-Portal-2026!"
SAMPLE_PER_MODEL = 25


@dataclass
class Seeded:
    first_output: str
    second_output: str
    counts_after_first: dict
    counts_after_second: dict
    media_root: object
    private_root: object


def row_counts():
    return {model: model.objects.count() for model in [get_user_model(), *demo_models()]}


def seed(*args):
    output = StringIO()
    call_command("seed_demo", "--force", *args, stdout=output)
    return output.getvalue()


def rows_made(output):
    """The command's table: the name of each model and how many rows it made."""
    table = {}
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 3 and words[-2].isdigit() and words[-1].isdigit():
            table[" ".join(words[:-2])] = int(words[-2])
    return table


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded twice, once for the module, rolled back at its end.

    DEBUG is off, as on a test server: ``--force`` lets the command run all the same.
    """
    media_root = tmp_path_factory.mktemp("media")
    private_root = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEBUG=False,
            MEDIA_ROOT=media_root,
            PRIVATE_MEDIA_ROOT=private_root,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        first_output = seed("--with-users", "--password", PASSWORD)
        counts_after_first = row_counts()
        second_output = seed("--with-users", "--password", PASSWORD)
        yield Seeded(
            first_output, second_output, counts_after_first, row_counts(), media_root, private_root
        )
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db, settings):
    settings.MEDIA_ROOT = seeded.media_root
    settings.PRIVATE_MEDIA_ROOT = seeded.private_root
    return seeded


def test_seed_demo_refuses_to_run_with_debug_off_without_force(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())

    assert not Institution.objects.exists()


def test_seed_demo_refuses_a_weak_password(db, settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="Kata sandi ditolak"):
        call_command("seed_demo", "--with-users", "--password", "12345", stdout=StringIO())


def test_demo_forum_has_33_blkk_over_most_of_the_29_kecamatan(demo):
    tangerang = District.objects.filter(regency__code="36.03")
    covered = tangerang.filter(institutions__isnull=False).distinct().count()

    assert Institution.objects.count() == 33
    assert tangerang.count() == 29
    assert not Institution.objects.exclude(district__in=tangerang).exists()
    assert 20 <= covered < 29
    assert not Institution.objects.exclude(
        latitude__range=(-6.4, -6.0), longitude__range=(106.35, 106.75)
    ).exists()
    host_types = set(Institution.objects.values_list("host_type", flat=True))
    assert host_types == set(Institution.HostType.values)


def test_every_model_has_demo_rows(demo):
    empty = [model.__name__ for model, count in demo.counts_after_first.items() if not count]

    assert empty == []


def test_the_secretariat_sits_at_a_blkk_in_tigaraksa(demo):
    contact = SecretariatContact.load()
    host = Institution.objects.get(district=contact.district, latitude=contact.latitude)

    assert contact.district.name == "Tigaraksa"
    assert host.name in contact.address
    assert contact.email.endswith("example.org")
    assert contact.whatsapp.startswith("+62810")
    contact.full_clean()


def test_every_program_and_enrollment_status_is_present(demo):
    program_statuses = set(TrainingProgram.objects.values_list("status", flat=True))
    enrollment_statuses = set(Enrollment.objects.values_list("status", flat=True))
    results = set(Enrollment.objects.values_list("competency_result", flat=True))

    assert program_statuses == set(TrainingProgram.Status.values)
    assert enrollment_statuses == set(Enrollment.Status.values)
    assert results == set(Enrollment.CompetencyResult.values)
    assert {p.status() for p in Partnership.objects.all()} == set(Partnership.Status.values)
    assert Partnership.objects.ending_within(90).exists()
    assert set(Partner.objects.values_list("kind", flat=True)) == set(Partner.Kind.values)


def test_programs_span_four_years_and_the_coming_months(demo):
    today = timezone.localdate()
    years = set(TrainingProgram.objects.values_list("start_date__year", flat=True))

    assert {today.year - 3, today.year - 2, today.year - 1, today.year} <= years
    assert TrainingProgram.objects.filter(start_date__gt=today).exists()
    assert Enrollment.objects.count() > 5000


def test_running_seed_demo_again_adds_nothing(demo):
    made_again = rows_made(demo.second_output)

    assert demo.counts_after_second == demo.counts_after_first
    assert len(made_again) == len(demo.counts_after_first)
    assert set(made_again.values()) == {0}


def test_output_reports_rows_made_per_model(demo):
    made = rows_made(demo.first_output)

    assert made["BLK Komunitas"] == 33
    assert made["Kepesertaan"] == demo.counts_after_first[Enrollment]
    assert made["Kecamatan"] == 0


def test_program_summaries_count_the_seeded_enrollments(demo):
    seated = Enrollment.objects.filter(status__in=Enrollment.SEATED_STATUSES)
    by_program = dict(
        seated.values("program").annotate(count=Count("pk")).values_list("program", "count")
    )
    men = dict(
        seated.filter(trainee__gender="L")
        .values("program")
        .annotate(count=Count("pk"))
        .values_list("program", "count")
    )
    summaries = ProgramSummary.objects.values_list("program", "participants", "male")

    assert len(summaries) == TrainingProgram.objects.count()
    assert {program: count for program, count, _men in summaries if count} == by_program
    assert {program: count for program, _count, count in summaries if count} == men


def sample(model):
    """Rows spread over the whole table, and for models with a status a few of each status."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    chosen = set(pks[:: max(1, len(pks) // SAMPLE_PER_MODEL)])
    if model in (TrainingProgram, Enrollment):
        for status in model.Status.values:
            chosen.update(model.objects.filter(status=status).values_list("pk", flat=True)[:3])
    return model.objects.filter(pk__in=chosen)


def test_sampled_demo_rows_pass_model_validation(demo):
    for model in demo_models():
        for instance in sample(model):
            instance.full_clean()
    for enrollment in sample(Enrollment).select_related("program", "trainee"):
        assert enrollment.program.age_refusal(enrollment.trainee.birth_date) is None


def test_cross_model_rules_hold_on_every_row(demo):
    pbk = TrainingProgram.objects.filter(funding_source=FundingSource.PBK)
    seated = Count("enrollments", filter=Q(enrollments__status__in=Enrollment.SEATED_STATUSES))

    assert pbk.exists()
    assert not pbk.exclude(pbk_assistance__institution=F("institution")).exists()
    assert not pbk.exclude(pbk_assistance__year=F("start_date__year")).exists()
    assert not TrainingProgram.objects.annotate(seated=seated).filter(seated__gt=F("quota"))
    graduated = Enrollment.Status.GRADUATED
    assert not Outcome.objects.exclude(enrollment__status=graduated).exists()
    assert not Enterprise.objects.exclude(owner__status=graduated).exists()
    assert Enterprise.objects.published().exists()


def test_results_and_tracers_are_dated_as_the_rules_require(demo):
    results = Enrollment.objects.filter(status__in=Enrollment.RESULT_STATUSES)
    outside_the_program = (
        Q(completed_on__isnull=True)
        | Q(completed_on__lt=F("program__start_date"))
        | Q(completed_on__gt=F("program__end_date"))
        | Q(completed_on__gt=timezone.localdate())
    )

    assert results.exists()
    assert not results.filter(outside_the_program).exists()
    tracers = Outcome.objects.values_list("enrollment__completed_on", "months_after", "surveyed_on")
    too_early = [
        (graduated_on, months, surveyed_on)
        for graduated_on, months, surveyed_on in tracers
        if surveyed_on < add_months(graduated_on, months) - EARLY_SURVEY_TOLERANCE
    ]
    assert tracers and too_early == []


def test_graduates_hold_certificates_as_the_rules_require(demo):
    graduates = Enrollment.objects.filter(status=Enrollment.Status.GRADUATED)
    certified = graduates.exclude(competency_certificate_number="")
    numbers = graduates.values("program__institution", "training_certificate_number")
    misdated = Q(competency_certificate_date__lte=F("program__end_date")) | Q(
        competency_certificate_date__gt=timezone.localdate()
    )

    assert not graduates.filter(training_certificate_number="").exists()
    assert not numbers.annotate(uses=Count("pk")).filter(uses__gt=1).exists()
    assert certified.exists()
    assert not certified.exclude(competency_result=Enrollment.CompetencyResult.COMPETENT).exists()
    assert not certified.filter(Q(competency_scheme="") | Q(competency_certificate_issuer=""))
    assert not certified.filter(misdated).exists()


def test_every_demo_blkk_lies_inside_its_kecamatan(demo):
    located = Institution.objects.filter(
        district__regency__code=KABUPATEN_TANGERANG_CODE, latitude__isnull=False
    ).select_related("district")

    assert located.count() == 33
    outside = [
        institution.name
        for institution in located
        if not boundaries.lies_in(
            institution.district.code, institution.latitude, institution.longitude
        )
    ]
    assert outside == []


def test_about_one_trainee_in_eight_lives_outside_kabupaten_tangerang(demo):
    trainees = Trainee.objects.all()
    outside = trainees.exclude(district__regency__code=KABUPATEN_TANGERANG_CODE)

    assert 0.10 <= outside.count() / trainees.count() <= 0.15
    assert set(outside.values_list("district__regency__code", flat=True)) == {
        "36.71",
        "36.74",
        "33.28",
        "33.29",
    }
    assert not outside.filter(village__isnull=False).exists()
    seated = Enrollment.objects.filter(status__in=Enrollment.SEATED_STATUSES).exclude(
        program__status__in=(TrainingProgram.Status.DRAFT, TrainingProgram.Status.CANCELLED)
    )
    summed = ProgramSummary.objects.exclude(
        program__status__in=(TrainingProgram.Status.DRAFT, TrainingProgram.Status.CANCELLED)
    ).aggregate(home=Sum("domicile_home"), elsewhere=Sum("domicile_elsewhere"))
    assert summed == {
        "home": seated.filter(trainee__district__regency__code=KABUPATEN_TANGERANG_CODE).count(),
        "elsewhere": seated.filter(trainee__in=outside).count(),
    }


def test_niks_are_valid_fictional_and_match_birth_date_and_gender(demo):
    for nik, birth_date, gender in Trainee.objects.values_list("nik", "birth_date", "gender"):
        validate_nik(nik)
        assert nik_mismatch_errors(nik, birth_date, gender) == {}
        assert nik[12] == "9"


def test_demo_data_is_marked_as_demo(demo):
    assert not Institution.objects.exclude(description__startswith="Data demo").exists()
    assert not Partner.objects.exclude(description__startswith="Data demo").exists()
    assert not TrainingProgram.objects.exclude(description__startswith="Data demo").exists()
    emails = list(Trainee.objects.exclude(email="").values_list("email", flat=True))
    emails += list(get_user_model().objects.values_list("email", flat=True))
    assert emails
    assert all(email.endswith("@example.org") for email in emails)


def test_demo_accounts_have_their_roles_and_the_given_password(demo):
    User = get_user_model()
    secretariat = User.objects.get(username="sekretariat")
    disnaker = User.objects.get(username="disnaker")
    managers = InstitutionManager.objects.select_related("user", "institution")

    assert secretariat.is_superuser
    assert secretariat.groups.filter(name=roles.SECRETARIAT).exists()
    assert disnaker.groups.filter(name=roles.DISNAKER).exists()
    assert not disnaker.is_staff
    assert managers.count() == 33
    for link in managers:
        assert link.user.username == f"pengelola-{link.institution.slug}"
        assert link.user.groups.filter(name=roles.MANAGER).exists()
    assert all(user.check_password(PASSWORD) for user in User.objects.all())


def test_without_password_new_accounts_get_a_generated_one_shown_once(demo, settings):
    User = get_user_model()
    User.objects.filter(username="disnaker").delete()

    output = seed("--with-users")

    generated = output.split("Kata sandi akun demo: ")[1].split()[0]
    assert len(generated) >= 16
    assert User.objects.get(username="disnaker").check_password(generated)
    assert User.objects.get(username="sekretariat").check_password(PASSWORD)
    assert "Kata sandi akun demo" not in seed("--with-users")


def test_password_option_resets_existing_demo_accounts(demo):
    seed("--with-users", "--password", "Sandi-Baru-Demo-99")

    user = get_user_model().objects.get(username="pengelola-" + Institution.objects.first().slug)
    assert user.check_password("Sandi-Baru-Demo-99")


def test_scale_two_adds_33_blkk_elsewhere_in_indonesia_once(demo):
    enrollments_before = Enrollment.objects.count()

    seed("--scale", "2")
    counts = row_counts()
    seed("--scale", "2")

    national = Institution.objects.exclude(district__regency__code="36.03")
    assert national.count() == 33
    assert national.values("district").distinct().count() == 33
    assert Enrollment.objects.count() > 1.5 * enrollments_before
    assert row_counts() == counts
