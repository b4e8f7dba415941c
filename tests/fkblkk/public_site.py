"""A published site with one of everything the public pages show, for the tests of those pages.

Every private field (trainees' NIK, phone, e-mail, address, birth date; instructors' and
partners' contacts; revenue, income and tracer notes; graduates' certificate numbers; PBK
report files) holds a value found nowhere else, so finding one in a page is a leak and not a
coincidence. ``PUBLIC_PAGES`` is the one list of public URLs, resolved against such a site.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date

from alumni.models import Enterprise
from institutions import regions
from institutions.models import District, Gender, Institution, Village, VocationalField
from partnerships.models import PartnershipScope
from tests import factories
from tests.dates import today
from trainings import services as training_services
from trainings.models import (
    Enrollment,
    FundingSource,
    PBKAssistance,
    ProgramAlert,
    TrainingProgram,
)
from trainings.status_links import status_path
from trainings.validators import compose_nik

Status = TrainingProgram.Status

# URL namespaces and names that are not public pages: the admin, the language switch (a POST
# that redirects) and the health check (JSON for the load balancer).
# The manager portal is walked by tests/fkblkk/test_manager_role_matrix.py instead, the Disnaker
# dashboard by tests/dashboard/test_pages.py, the API (every route, anonymously and with each
# kind of token, in JSON and CSV) by tests/api/.
NOT_PUBLIC = {"admin", "manager", "dashboard", "api", "set_language", "healthz"}

# A desa of Kecamatan Balaraja, where the applicants of the site live.
APPLICANT_VILLAGE_CODE = "36.03.01.2003"
# One of the scopes the partnerships migration loads.
PARTNERSHIP_SCOPE_CODE = "pemagangan-penempatan"

SEPARATOR = r"[\s.,\-/]?"


def spaced_digits(digits: str) -> str:
    """A pattern for the digits however they are grouped: 0812-3456, 0812 3456, 0812.3456."""
    return SEPARATOR.join(re.escape(digit) for digit in digits)


@dataclass(frozen=True)
class Secret:
    """A private value and the pattern that finds it in a page in any of its usual forms."""

    what: str
    pattern: re.Pattern

    def found_in(self, text: str) -> str | None:
        match = self.pattern.search(text)
        return match.group() if match else None


def secret_text(what: str, text: str) -> Secret:
    return Secret(what, re.compile(re.escape(text), re.IGNORECASE))


def secret_number(what: str, digits: str) -> Secret:
    # Not inside a longer number, so that 8123 does not match within 981234.
    return Secret(what, re.compile(rf"(?<!\d){spaced_digits(digits)}(?!\d)"))


def secret_phone(what: str, stored: str) -> Secret:
    """+6281234567890 also as 081234567890, 0812-3456-7890 and wa.me/6281234567890."""
    return Secret(what, re.compile(spaced_digits(stored.removeprefix("+62"))))


DATE_FORMATS = ("j F Y", "d F Y", "j M Y", "F j, Y", "M j, Y", "d-m-Y", "Y-m-d", "d/m/Y", "d.m.Y")


def secret_date(what: str, day: datetime.date) -> list[Secret]:
    """A birth date as Indonesian and English pages would print it: 17 Mei 2000, 2000-05-17…"""
    shown = set()
    for language in ("id", "en"):
        with translation.override(language):
            shown.update(format_date(day, date_format) for date_format in DATE_FORMATS)
    return [secret_text(f"{what} ({text})", text) for text in sorted(shown)]


@dataclass
class PublicSite:
    """The main objects, whose pages the tests open, and every secret stored behind them."""

    institution: Institution | None = None
    program: TrainingProgram | None = None
    completed_program: TrainingProgram | None = None
    enterprise: Enterprise | None = None
    # An application whose applicant opens her own page: it shows her name, nothing else.
    own_application: Enrollment | None = None
    secrets: list[Secret] = field(default_factory=list)
    units: int = 0

    def keep(self, *secrets) -> None:
        for secret in secrets:
            if isinstance(secret, list):
                self.secrets.extend(secret)
            else:
                self.secrets.append(secret)


def tangerang_district(unit: int) -> District:
    districts = District.objects.filter(regency__code=regions.KABUPATEN_TANGERANG_CODE)
    return districts.order_by("code")[unit % districts.count()]


def private_trainee(site: PublicSite, unit: int, role: str, birth_date: datetime.date):
    """A woman whose every personal detail is distinctive; they join ``site.secrets``."""
    serial = unit * 10 + (1 if role == "pendaftar" else 2)
    phone = f"+62896{unit:03d}{serial:05d}"
    trainee = factories.TraineeFactory(
        full_name=f"Ratna Rahasia {role.title()} {unit}",
        gender=Gender.FEMALE,
        birth_date=birth_date,
        nik=compose_nik("360301", birth_date, Gender.FEMALE, serial),
        phone=phone,
        email=f"ratna.{role}.{unit}@surel-pribadi.test",
        address=f"Gang Kenanga Rahasia {role} No. {unit}",
        district=tangerang_district(0),
        village=Village.objects.get(code=APPLICANT_VILLAGE_CODE),
    )
    site.keep(
        secret_number(f"NIK of {trainee}", trainee.nik),
        secret_text(f"name of {trainee}", trainee.full_name),
        secret_phone(f"phone of {trainee}", phone),
        secret_text(f"e-mail of {trainee}", trainee.email),
        secret_text(f"e-mail user of {trainee}", trainee.email.split("@")[0]),
        secret_text(f"address of {trainee}", trainee.address),
        secret_date(f"birth date of {trainee}", birth_date),
    )
    return trainee


def own_application(site: PublicSite, program: TrainingProgram) -> Enrollment:
    """An accepted application whose personal page the tests open. Her name is on that page,
    her own; every other personal detail of hers is a secret like anyone's."""
    birth_date = date(1991, 4, 6)
    trainee = private_trainee(site, 999, "pemilik", birth_date)
    site.secrets = [secret for secret in site.secrets if secret.what != f"name of {trainee}"]
    return factories.EnrollmentFactory(
        program=program, trainee=trainee, status=Enrollment.Status.ACCEPTED
    )


def located_institution(unit: int, district: District) -> Institution:
    fields = [
        factories.VocationalFieldFactory(name="Menjahit", slug="menjahit"),
        factories.VocationalFieldFactory(name="Teknik Las", slug="teknik-las"),
    ]
    institution = factories.InstitutionFactory(
        name=f"BLKK Nurul Falah {unit}",
        slug=f"blkk-nurul-falah-{unit}",
        host_name=f"Pondok Pesantren Nurul Falah {unit}",
        primary_field=fields[0],
        district=district,
        latitude=Decimal("-6.200000") - Decimal(unit) / 100,
        longitude=Decimal("106.500000") + Decimal(unit) / 100,
        description="BLK Komunitas di lingkungan pondok pesantren.",
    )
    institution.fields.set(fields)
    return institution


def add_unit(site: PublicSite, unit: int) -> None:
    """One BLKK with its instructor, programs, applicant, graduate, enterprise, partner and PBK.

    The first unit's objects become the site's main objects; each later unit also adds rows to
    the main objects' pages (an instructor, an applicant, a program, an alumni enterprise and a
    partner of the main BLKK and program), so that those pages grow too, not only the listings.
    """
    district = tangerang_district(unit)
    institution = located_institution(unit, district)
    manager = factories.UserFactory(
        username=f"pengelola-rahasia-{unit}", email=f"pengelola.rahasia.{unit}@surel-pribadi.test"
    )
    factories.InstitutionManagerFactory(user=manager, institution=institution)
    site.keep(
        secret_text(f"e-mail of manager {unit}", manager.email),
        secret_text(f"username of manager {unit}", manager.username),
    )
    program = open_program(institution, unit)
    program.instructors.add(private_instructor(site, institution, unit))
    completed = completed_program(site, institution, unit)
    if site.institution is None:
        site.institution, site.program, site.completed_program = institution, program, completed
        site.own_application = own_application(site, program)
    else:
        site.program.instructors.add(private_instructor(site, site.institution, unit + 100))
        applicant_on_main = private_trainee(site, unit + 100, "pendaftar", date(1985, 8, 14))
        factories.EnrollmentFactory(
            program=site.program, trainee=applicant_on_main, status=Enrollment.Status.ACCEPTED
        )
        open_program(site.institution, unit + 100)
        private_partner(site, site.institution, unit + 100)
    applicant = private_trainee(site, unit, "pendaftar", date(1987, 11, 23))
    note = f"Catatan seleksi rahasia {unit}"
    factories.EnrollmentFactory(
        program=program, trainee=applicant, status=Enrollment.Status.APPLIED, note=note
    )
    site.keep(secret_text("note on an enrollment", note))
    graduate = private_trainee(site, unit, "lulusan", date(1993, 3, 29))
    # Every alumni enterprise comes from the main BLKK, whose profile lists them.
    graduation = factories.GraduateFactory(
        program=site.completed_program,
        trainee=graduate,
        certified=True,
        training_certificate_number=f"SP-RAHASIA/{unit:03d}/2026",
        competency_certificate_number=f"LSP-RAHASIA/{unit:03d}/2026",
    )
    # Not personal data, but a person's certificates are theirs to show, not the portal's.
    site.keep(
        secret_text("a training certificate number", graduation.training_certificate_number),
        secret_text("a competency certificate number", graduation.competency_certificate_number),
    )
    private_outcome(site, graduation, unit)
    enterprise = private_enterprise(site, graduation, district, unit)
    site.enterprise = site.enterprise or enterprise
    private_partner(site, institution, unit)
    factories.CommunityGroupFactory(institution=institution, name=f"KUB Nurul Falah {unit}")
    factories.ForumOfficerFactory(full_name=f"Pengurus Forum {unit}", institution=institution)
    site.units += 1


def completed_program(site: PublicSite, institution: Institution, unit: int) -> TrainingProgram:
    """A PBK-funded program that ended half a year ago; its grant's report file is private."""
    start = today() - datetime.timedelta(days=200)
    welding = institution.fields.get(slug="teknik-las")
    return factories.TrainingProgramFactory(
        institution=institution,
        field=welding,
        title=f"Teknik Las Angkatan {unit}",
        slug=f"teknik-las-angkatan-{unit}",
        status=Status.COMPLETED,
        start_date=start,
        end_date=start + datetime.timedelta(days=30),
        registration_closes=start - datetime.timedelta(days=10),
        funding_source=FundingSource.PBK,
        pbk_assistance=private_pbk_report(site, institution, welding, unit, start.year),
    )


def open_program(institution: Institution, unit: int) -> TrainingProgram:
    return factories.TrainingProgramFactory(
        institution=institution,
        field=institution.primary_field,
        title=f"Menjahit Busana Muslim Angkatan {unit}",
        slug=f"menjahit-busana-muslim-angkatan-{unit}",
        description="Membuat pola, memotong dan menjahit busana muslim.",
        competencies="Membuat pola dasar\nMenjahit busana",
        requirements="Usia 18-45 tahun, membawa fotokopi KTP.",
        quota=400,
    )


def private_instructor(site: PublicSite, institution: Institution, unit: int):
    instructor = factories.InstructorFactory(
        institution=institution,
        full_name=f"Instruktur Menjahit {unit}",
        phone=f"+62877{unit:03d}44556",
        email=f"instruktur.pribadi.{unit}@surel-pribadi.test",
    )
    site.keep(
        secret_phone(f"phone of instructor {unit}", instructor.phone),
        secret_text(f"e-mail of instructor {unit}", instructor.email),
    )
    return instructor


def private_outcome(site: PublicSite, graduation: Enrollment, unit: int) -> None:
    outcome = factories.OutcomeFactory(
        enrollment=graduation,
        employer_or_business=f"PT Tempat Kerja Rahasia {unit}",
        monthly_income=Decimal(4_567_000 + unit),
        note=f"Catatan tracer rahasia {unit}",
    )
    site.keep(
        secret_text("a graduate's employer", outcome.employer_or_business),
        secret_number("a graduate's income", str(outcome.monthly_income)),
        secret_text("a tracer note", outcome.note),
    )


def private_enterprise(site, graduation: Enrollment, district: District, unit: int) -> Enterprise:
    enterprise = factories.EnterpriseFactory(
        owner=graduation,
        name=f"Konveksi Berkah {unit}",
        slug=f"konveksi-berkah-{unit}",
        sector=Enterprise.Sector.FASHION,
        district=district,
        business_address=f"Jl. Usaha Terbuka No. {unit}",
        monthly_revenue=Decimal(73_914_000 + unit),
    )
    site.keep(secret_number("an enterprise's monthly revenue", str(enterprise.monthly_revenue)))
    return enterprise


def private_partner(site: PublicSite, institution: Institution, unit: int) -> None:
    partner = factories.PartnerFactory(
        name=f"PT Mitra Sejahtera {unit}",
        slug=f"pt-mitra-sejahtera-{unit}",
        description="Produsen garmen yang menerima pemagangan.",
        contact_name=f"Wiryo Narahubung {unit}",
        contact_phone=f"+62858{unit:03d}33221",
        contact_email=f"narahubung.{unit}@surel-pribadi.test",
    )
    partnership = factories.PartnershipFactory(
        partner=partner,
        title=f"Pemagangan garmen {unit}",
        covers_whole_forum=False,
        institutions=[institution],
        scopes=[PartnershipScope.objects.get(code=PARTNERSHIP_SCOPE_CODE)],
    )
    factories.ContributionFactory(partnership=partnership, institution=institution)
    site.keep(
        secret_text(f"contact of partner {unit}", partner.contact_name),
        secret_phone(f"contact phone of partner {unit}", partner.contact_phone),
        secret_text(f"contact e-mail of partner {unit}", partner.contact_email),
    )


def private_pbk_report(
    site: PublicSite, institution: Institution, field: VocationalField, unit: int, year: int
) -> PBKAssistance:
    pbk = factories.PBKAssistanceFactory(institution=institution, year=year, field=field)
    pbk.report_file.save(f"laporan-pbk-rahasia-{unit}.pdf", ContentFile(b"%PDF-1.4\n"))
    site.keep(
        secret_text("a PBK report's stored path", pbk.report_file.name),
        secret_text("a PBK report's file name", f"laporan-pbk-rahasia-{unit}"),
    )
    return pbk


# The secretariat's contact is public by design: every page's footer shows it, beside the
# secrets that must stay out. Its numbers are unlike any secret's (+62896…).
SECRETARIAT_PHONE = "(021) 5991234"
SECRETARIAT_WHATSAPP = "+6281036030001"


def build_public_site(units: int = 1) -> PublicSite:
    site = PublicSite()
    factories.SecretariatContactFactory(
        district=tangerang_district(0),
        phone=SECRETARIAT_PHONE,
        whatsapp=SECRETARIAT_WHATSAPP,
        office_hours="Senin–Jumat, 08.00–16.00 WIB",
        # In Kecamatan Balaraja, so that the about page draws its map.
        latitude=Decimal("-6.201000"),
        longitude=Decimal("106.454000"),
    )
    grow_public_site(site, units)
    return site


def grow_public_site(site: PublicSite, units: int) -> None:
    """Add units until the site has ``units`` of them."""
    while site.units < units:
        add_unit(site, site.units)


# The public pages ----------------------------------------------------------------------

# URL name -> the address of that page on a PublicSite. The confirmation page after an
# application needs the applicant's session; the tests that open it send an application first.
PUBLIC_PAGES: dict[str, Callable[[PublicSite], str]] = {
    "home": lambda site: reverse("home"),
    "about": lambda site: reverse("about"),
    "robots-txt": lambda site: reverse("robots-txt"),
    "sitemap": lambda site: reverse("sitemap"),
    "favicon": lambda site: reverse("favicon"),
    "trainings:program-list": lambda site: reverse("trainings:program-list"),
    "trainings:program-detail": lambda site: site.program.get_absolute_url(),
    "trainings:alert": lambda site: reverse("trainings:alert"),
    "trainings:alert-confirm": lambda site: alert_address(
        site, "trainings:alert-confirm", training_services.ALERT_CONFIRM_SALT
    ),
    "trainings:alert-unsubscribe": lambda site: alert_address(
        site, "trainings:alert-unsubscribe", training_services.ALERT_UNSUBSCRIBE_SALT
    ),
    "trainings:enrollment-apply": lambda site: reverse(
        "trainings:enrollment-apply", args=[site.program.slug]
    ),
    "trainings:enrollment-applied": lambda site: reverse(
        "trainings:enrollment-applied", args=[site.program.slug]
    ),
    "trainings:program-calendar": lambda site: reverse(
        "trainings:program-calendar", args=[site.program.slug]
    ),
    "applications:check": lambda site: reverse("applications:check"),
    "applications:status": lambda site: status_path(site.own_application),
    "institutions:institution-list": lambda site: reverse("institutions:institution-list"),
    "institutions:institution-detail": lambda site: site.institution.get_absolute_url(),
    "alumni:enterprise-list": lambda site: reverse("alumni:enterprise-list"),
    "alumni:enterprise-detail": lambda site: site.enterprise.get_absolute_url(),
    "partnerships:partner-list": lambda site: reverse("partnerships:partner-list"),
    "regions:regency-districts": lambda site: (
        f"{reverse('regions:regency-districts')}?kabupaten={regions.KABUPATEN_TANGERANG_CODE}"
    ),
}


def alert_address(site: PublicSite, url_name: str, salt: str) -> str:
    """The signed link of a "Kabari saya" alert for the main program's kejuruan and kecamatan."""
    alert, _created = ProgramAlert.objects.get_or_create(
        email="kabar.program@example.test",
        field=site.program.field,
        district=site.institution.district,
        defaults={"consent_text": "Saya setuju.", "consented_at": timezone.now()},
    )
    return reverse(url_name, args=[training_services.alert_token(alert, salt=salt)])


def public_url_names() -> set[str]:
    """Every named URL of the project outside the admin, the language switch and healthz."""

    def walk(patterns, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner not in NOT_PUBLIC:
                    yield from walk(
                        pattern.url_patterns,
                        ":".join(filter(None, [namespace, pattern.namespace])) or None,
                    )
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if pattern.name not in NOT_PUBLIC:
                    yield name

    return set(walk(get_resolver().url_patterns, None))


@dataclass(frozen=True)
class Applicant:
    """A person who applies through the public form during a test; not stored beforehand."""

    nik: str
    full_name: str
    birth_date: datetime.date
    phone: str
    email: str
    address: str

    def form_data(self, **changes) -> dict:
        """The application form's fields as a browser posts them, the phone typed locally."""
        village = Village.objects.get(code=APPLICANT_VILLAGE_CODE)
        data = {
            "nik": self.nik,
            "full_name": self.full_name,
            "gender": Gender.FEMALE,
            "birth_date": self.birth_date.isoformat(),
            "phone": "0" + self.phone.removeprefix("+62"),
            "email": self.email,
            "address": self.address,
            "regency": regions.KABUPATEN_TANGERANG_CODE,
            "district": str(village.district_id),
            "village": str(village.pk),
            "education": "sma",
            "occupation": "tidak_bekerja",
            "consent": "on",
            "website": "",
        }
        return {**data, **changes}


def new_applicant(site: PublicSite, unit: int) -> Applicant:
    """A woman who is not in the database yet; her details join ``site.secrets``."""
    birth_date = date(1996, 7, 19)
    applicant = Applicant(
        nik=compose_nik("360301", birth_date, Gender.FEMALE, 9000 + unit),
        full_name=f"Dewi Pelamar Rahasia {unit}",
        birth_date=birth_date,
        phone=f"+62819{unit:03d}667788",
        email=f"dewi.pelamar.{unit}@surel-pribadi.test",
        address=f"Kp. Cempaka Rahasia RT 0{unit % 10}/04",
    )
    site.keep(
        secret_number("the applicant's NIK", applicant.nik),
        secret_phone("the applicant's phone", applicant.phone),
        secret_text("the applicant's e-mail", applicant.email),
        secret_text("the applicant's address", applicant.address),
        secret_date("the applicant's birth date", birth_date),
    )
    return applicant
