import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from fkblkk import selectors
from institutions.models import District
from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests.assertions import FOOTER_QUERIES
from tests.dates import days as days_from_today
from tests.dates import today
from trainings.models import Enrollment, TrainingProgram

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def program(tangerang_district):
    """One open program at a published, active BLKK in the first kecamatan."""
    institution = factories.InstitutionFactory(district=tangerang_district("Balaraja"))
    return factories.TrainingProgramFactory(institution=institution)


def enroll(program, status, trainee=None):
    trainee = trainee or factories.TraineeFactory()
    return factories.EnrollmentFactory(program=program, trainee=trainee, status=status)


@pytest.fixture
def forum(program, tangerang_district):
    """Rows that count, and rows beside them that must not.

    Counted: 4 active BLKK (one not published yet) in 3 Tangerang kecamatan (one more outside
    the regency is not the forum's), 3 people trained, 3 graduations, 2 enterprises (one not
    shown on the site), 1 active partnership.
    """
    factories.InstitutionFactory(district=tangerang_district("Jayanti"))
    factories.InstitutionFactory(district=tangerang_district("Jayanti"))
    elsewhere = factories.DistrictFactory(
        regency=factories.RegencyFactory(code="36.01", name="Kabupaten Pandeglang"),
        code="36.01.01",
    )
    factories.InstitutionFactory(district=elsewhere)
    factories.InstitutionFactory(district=tangerang_district("Tigaraksa"), is_active=False)
    factories.InstitutionFactory(district=tangerang_district("Jambe"), is_published=False)

    twice_trained = factories.TraineeFactory()
    graduate = enroll(program, Enrollment.Status.GRADUATED, twice_trained)
    enroll(
        factories.TrainingProgramFactory(institution=program.institution),
        Enrollment.Status.GRADUATED,
        twice_trained,
    )
    enroll(program, Enrollment.Status.GRADUATED)
    enroll(program, Enrollment.Status.IN_TRAINING)
    enroll(program, Enrollment.Status.ACCEPTED)
    enroll(program, Enrollment.Status.APPLIED)
    enroll(program, Enrollment.Status.REJECTED)

    factories.EnterpriseFactory(owner=graduate)
    factories.EnterpriseFactory(owner=graduate, is_published=False, owner_consents_to_publish=False)

    factories.PartnershipFactory()
    factories.PartnershipFactory(
        start_date=today() - datetime.timedelta(days=400),
        end_date=today() - datetime.timedelta(days=1),
    )
    factories.PartnershipFactory(terminated_on=today())


def test_key_figures_count_what_their_definitions_say(forum):
    figures = selectors.public_key_figures()

    assert figures == selectors.KeyFigures(
        active_institutions=4,
        districts_covered=3,
        # The factories may add made-up kecamatan to the regency; they count too.
        districts_total=District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE).count(),
        people_trained=3,
        graduates=3,
        alumni_enterprises=2,
        active_partnerships=1,
    )


def test_kecamatan_are_counted_from_the_regions_loaded(tangerang_district):
    assert selectors.public_key_figures().districts_total == 29


def test_home_shows_the_key_figures(client, forum):
    html = client.get("/").content.decode()

    figures = html[html.index('id="figures-title"') : html.index('id="programs-title"')]
    values = [part.split("</span>")[0] for part in figures.split('class="key-figure-value">')[1:]]
    assert values == ["4", "3", "3", "3", "2", "1"]
    total = District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE).count()
    assert f"dari {total} kecamatan terjangkau" in figures


def test_key_figures_are_counted_once_then_read_from_the_cache(forum, django_assert_num_queries):
    selectors.public_key_figures()

    with django_assert_num_queries(0):
        assert selectors.public_key_figures().graduates == 3


def test_a_new_graduate_shows_on_the_next_request(client, program):
    TrainingProgram.objects.filter(pk=program.pk).update(
        registration_closes=days_from_today(-27),
        start_date=days_from_today(-20),
        end_date=days_from_today(-1),
    )
    program.refresh_from_db()
    enrollment = enroll(program, Enrollment.Status.IN_TRAINING)
    assert client.get("/").context["key_figures"].graduates == 0

    enrollment.graduate(result=Enrollment.CompetencyResult.COMPETENT)

    assert client.get("/").context["key_figures"].graduates == 1


ROWS_BEHIND_THE_FIGURES = {
    "institution": factories.InstitutionFactory,
    "enrollment": factories.EnrollmentFactory,
    "enterprise": factories.EnterpriseFactory,
    "partnership": factories.PartnershipFactory,
    "kecamatan": lambda: factories.DistrictFactory(code=f"{KABUPATEN_TANGERANG_CODE}.99"),
}


@pytest.mark.parametrize("change", ["save", "delete"])
@pytest.mark.parametrize(
    "make_row", ROWS_BEHIND_THE_FIGURES.values(), ids=ROWS_BEHIND_THE_FIGURES.keys()
)
def test_saving_or_deleting_a_row_behind_the_figures_recounts_them(
    make_row, change, django_assert_num_queries
):
    row = make_row()
    selectors.public_key_figures()

    getattr(row, change)()

    with django_assert_num_queries(6):
        selectors.public_key_figures()


def test_a_partnership_that_ends_today_no_longer_counts_tomorrow(monkeypatch):
    factories.PartnershipFactory(end_date=today())
    assert selectors.public_key_figures().active_partnerships == 1

    tomorrow = today() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    assert selectors.public_key_figures().active_partnerships == 0


def test_home_lists_only_programs_taking_applications_today(client, program):
    institution = program.institution
    factories.TrainingProgramFactory(
        institution=institution, title="Program draf", status=TrainingProgram.Status.DRAFT
    )
    factories.TrainingProgramFactory(
        institution=institution,
        title="Program ditutup",
        status=TrainingProgram.Status.CLOSED,
    )
    factories.TrainingProgramFactory(
        institution=institution,
        title="Program lewat batas",
        registration_closes=today() - datetime.timedelta(days=1),
    )
    factories.TrainingProgramFactory(
        institution=factories.InstitutionFactory(is_published=False), title="Program tersembunyi"
    )

    response = client.get("/")

    assert list(response.context["open_programs"]) == [program]
    html = response.content.decode()
    for hidden in ("Program draf", "Program ditutup", "Program lewat batas", "Program tersembunyi"):
        assert hidden not in html


def test_an_open_program_card_links_to_its_page_with_blkk_kecamatan_deadline_and_seats(
    client, program
):
    enroll(program, Enrollment.Status.ACCEPTED)
    enroll(program, Enrollment.Status.APPLIED)

    html = client.get("/").content.decode()

    assert f'href="/pelatihan/{program.slug}/">{program.title}</a>' in html
    assert program.institution.name in html
    assert f"Kec. {program.institution.district.name}" in html
    with translation.override("id"):
        assert date_format(program.registration_closes, "j M Y") in html
    assert f"{program.quota - 1} dari {program.quota}" in html
    assert 'href="/pelatihan/?status=buka"' in html


def test_open_programs_come_closest_deadline_first_six_at_most(client, program):
    for days in range(7):
        factories.TrainingProgramFactory(
            institution=program.institution,
            registration_closes=today() + datetime.timedelta(days=days),
        )

    open_programs = list(client.get("/").context["open_programs"])

    assert len(open_programs) == 6
    deadlines = [listed.registration_closes for listed in open_programs]
    assert deadlines == sorted(deadlines)
    assert deadlines[0] == today()


def test_home_shows_the_newest_published_enterprises_only(client):
    # Named so that alphabetical order would list them the other way round.
    older = factories.EnterpriseFactory(name="Bengkel Las Maju")
    newer = factories.EnterpriseFactory(name="Keripik Bu Sari")
    factories.EnterpriseFactory(
        name="Usaha Tanpa Izin", is_published=False, owner_consents_to_publish=False
    )

    response = client.get("/")

    assert list(response.context["newest_enterprises"]) == [newer, older]
    html = response.content.decode()
    assert f'href="/usaha-alumni/{newer.slug}/">Keripik Bu Sari</a>' in html
    assert "Usaha Tanpa Izin" not in html


def test_partner_logos_carry_the_partner_name_as_alt_text(client):
    partner = factories.PartnerFactory(name="PT Logo Ada", logo="partners/logos/logo-ada.png")
    factories.PartnerFactory(name="PT Tanpa Logo")
    factories.PartnerFactory(
        name="PT Disembunyikan", logo="partners/logos/hidden.png", is_published=False
    )

    html = client.get("/").content.decode()

    assert (
        f'<a href="/mitra/#{partner.anchor}"><img src="/media/partners/logos/logo-ada.png" '
        'alt="PT Logo Ada"'
    ) in html
    assert "PT Tanpa Logo" not in html
    assert "PT Disembunyikan" not in html


def test_home_shows_no_personal_data(client, forum):
    trainee = Enrollment.objects.graduates().first().trainee
    enterprise = factories.EnterpriseFactory(owner=Enrollment.objects.graduates().first())
    partner = factories.PartnerFactory(logo="partners/logos/mitra.png")

    html = client.get("/").content.decode()

    assert enterprise.name in html
    for private in (
        trainee.nik,
        trainee.phone,
        trainee.email,
        trainee.address,
        trainee.full_name,
        enterprise.business_phone,
        partner.contact_phone,
        partner.contact_email,
        partner.contact_name,
    ):
        assert private not in html


def populate_home(size: int) -> None:
    for _ in range(size):
        program = factories.TrainingProgramFactory()
        enroll(program, Enrollment.Status.ACCEPTED)
        factories.EnterpriseFactory(owner=enroll(program, Enrollment.Status.GRADUATED))
        factories.PartnershipFactory(partner=factories.PartnerFactory(logo="partners/logos/x.png"))


@pytest.mark.parametrize("size", [1, 20], ids=["small", "large"])
def test_home_query_count_does_not_grow_with_the_data(client, size, django_assert_max_num_queries):
    populate_home(size)

    # Cold cache: 6 for the key figures, then open programs, enterprises and partner logos, and
    # the footer's contact.
    with django_assert_max_num_queries(9 + FOOTER_QUERIES):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/").status_code == 200
