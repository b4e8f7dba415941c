from html.parser import HTMLParser

import pytest
from django.urls import reverse

from institutions.models import District
from tests import factories
from tests.assertions import FOOTER_QUERIES
from tests.dates import days
from trainings.models import Enrollment, FundingSource, TrainingProgram

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

Status = TrainingProgram.Status
LIST_URL = reverse("trainings:program-list")
# Cold cache: the four filter choice lists, the count, the page, the status counts and the
# footer's contact. Warm: nothing. With nothing found, the two reads of suggestions instead of
# the page.
LIST_QUERIES = 7 + FOOTER_QUERIES
# The program with its BLKK, kecamatan, kejuruan and seats; then its instructors; the footer's
# contact.
DETAIL_QUERIES = 2 + FOOTER_QUERIES
# The program; the kecamatan and desa of the form's choices.
APPLY_QUERIES = 3


def program(start_in: int = 30, **fields):
    return factories.TrainingProgramFactory(
        start_date=days(start_in), registration_closes=days(start_in - 7), **fields
    )


def shown_titles(response) -> list[str]:
    return [p.title for p in response.context["results"].page]


def detail_url(made) -> str:
    return reverse("trainings:program-detail", kwargs={"slug": made.slug})


def apply_url(made) -> str:
    return reverse("trainings:enrollment-apply", kwargs={"slug": made.slug})


@pytest.fixture
def people_with_private_data():
    """A trainee and an instructor whose private details must never reach a public page."""
    made = program(title="Menjahit Busana")
    trainee = factories.TraineeFactory(phone="+6285799990000", email="rahasia@example.test")
    factories.EnrollmentFactory(trainee=trainee, program=made, status=Enrollment.Status.ACCEPTED)
    instructor = factories.InstructorFactory(
        institution=made.institution, phone="+6281377776666", email="pribadi@example.test"
    )
    made.instructors.add(instructor)
    return made, trainee, instructor


# Listing ---------------------------------------------------------------------------------


def test_listing_cards_show_blkk_kecamatan_dates_hours_seats_and_deadline(client):
    made = program(title="Teknisi AC Split", hours=200, quota=20)
    factories.EnrollmentFactory(program=made, status=Enrollment.Status.ACCEPTED)
    html = client.get(LIST_URL).content.decode()
    assert "Teknisi AC Split" in html
    assert made.institution.name in html
    assert f"Kec. {made.institution.district.name}" in html
    assert "200 JP" in html
    assert "19 dari 20" in html
    assert made.registration_closes.strftime("%Y") in html
    assert "Pendaftaran dibuka" in html
    assert "1 program ditemukan" in html


def test_listing_shows_only_public_programs(client):
    program(title="Terbuka untuk umum")
    program(title="Masih draf", status=Status.DRAFT)
    program(title="Dibatalkan", status=Status.CANCELLED)
    program(title="BLKK tersembunyi", institution=factories.InstitutionFactory(is_published=False))
    assert shown_titles(client.get(LIST_URL)) == ["Terbuka untuk umum"]


def test_public_pages_show_no_personal_data(client, people_with_private_data):
    made, trainee, instructor = people_with_private_data
    pages = [LIST_URL, detail_url(made), apply_url(made)]
    for url in pages:
        html = client.get(url).content.decode()
        for private in (
            trainee.nik,
            trainee.full_name,
            trainee.phone,
            "85799990000",
            trainee.email,
            instructor.phone,
            "81377776666",
            instructor.email,
        ):
            assert private not in html, (url, private)


@pytest.fixture
def variety():
    """Programs that differ in one filter each from ``target``."""
    district = factories.DistrictFactory(code="36.03.05")
    field = factories.VocationalFieldFactory(name="Barista Uji", slug="barista-uji")
    institution = factories.InstitutionFactory(
        district=district, primary_field=field, slug="blkk-target"
    )
    target = program(
        title="Target",
        institution=institution,
        start_in=40,
        funding_source=FundingSource.SELF_FUNDED,
    )
    # Named, not left to the factory's sequence: its kecamatan must differ from the target's
    # whichever tests ran before in this process.
    elsewhere = factories.InstitutionFactory(district=factories.DistrictFactory(code="36.03.06"))
    program(
        title="Kejuruan lain",
        institution=elsewhere,
        start_in=40,
        funding_source=FundingSource.SELF_FUNDED,
    )
    program(
        title="Sumber dana lain", institution=institution, start_in=40, funding_source="lainnya"
    )
    program(
        title="Bulan lain",
        institution=institution,
        start_in=100,
        funding_source=FundingSource.SELF_FUNDED,
    )
    factories.TrainingProgramFactory(
        title="Sudah selesai",
        institution=institution,
        start_date=days(-60),
        end_date=days(-30),
        registration_closes=days(-70),
        status=Status.COMPLETED,
    )
    return target


@pytest.mark.parametrize(
    "params",
    [
        {"kejuruan": "barista-uji", "dana": "swadana", "bulan": "{month}"},
        {"kecamatan": "36.03.05", "dana": "swadana", "bulan": "{month}"},
        {"blkk": "blkk-target", "status": "buka", "dana": "swadana", "bulan": "{month}"},
        {"q": "target"},
    ],
)
def test_filters_narrow_the_listing_to_matching_programs(client, variety, params):
    month = variety.start_date.strftime("%Y-%m")
    query = {name: value.format(month=month) for name, value in params.items()}
    response = client.get(LIST_URL, query)
    assert shown_titles(response) == ["Target"]
    assert response.context["filter"].form.errors == {}


def test_status_filter_shows_completed_programs(client, variety):
    assert shown_titles(client.get(LIST_URL, {"status": "selesai"})) == ["Sudah selesai"]


def test_invalid_filter_value_is_reported_and_ignored(client, variety):
    response = client.get(LIST_URL, {"kejuruan": "tidak-ada", "bulan": "2020-13"})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert set(errors) == {"kejuruan", "bulan"}
    assert "bukan salah satu dari pilihan yang tersedia" in errors["kejuruan"][0]
    assert len(shown_titles(response)) == 5


def test_filters_work_from_the_address_alone_and_keep_it_in_pagination(client):
    for n in range(14):
        program(title=f"Program {n:02d}", funding_source=FundingSource.PARTNER)
    response = client.get(LIST_URL, {"dana": "mitra", "urut": "terbaru"})
    html = response.content.decode()
    assert "14 program ditemukan" in html
    assert len(shown_titles(response)) == 12
    assert 'href="?dana=mitra&amp;urut=terbaru&amp;halaman=2"' in html
    second = client.get(LIST_URL, {"dana": "mitra", "urut": "terbaru", "halaman": 2})
    assert shown_titles(second) == ["Program 01", "Program 00"]


@pytest.mark.parametrize("page", ["99", "abc", "-1"])
def test_page_out_of_range_shows_a_page_not_an_error(client, page):
    program()
    response = client.get(LIST_URL, {"halaman": page})
    assert response.status_code == 200
    assert len(shown_titles(response)) == 1


def test_empty_listing_says_so_and_offers_all_programs(client):
    html = client.get(LIST_URL, {"q": "tidak ada yang cocok"}).content.decode()
    assert "0 program ditemukan" in html
    assert "Tidak ada program yang cocok" in html


PANEL = b'<div id="program-filter-panel" class="program-filter-panel collapse d-lg-block">'


def test_filter_panel_is_closed_on_phones_and_its_button_counts_the_filters_set(client):
    unfiltered = client.get(LIST_URL).content
    assert PANEL in unfiltered
    assert b"aktif</span>" not in unfiltered
    filtered = client.get(LIST_URL, {"q": "menjahit", "dana": "pbk", "status": "buka"}).content
    assert PANEL in filtered
    assert b'<span class="badge text-bg-secondary">2 aktif</span>' in filtered


class LinksIn(HTMLParser):
    """(text, href) of the links inside elements of one tag and class."""

    def __init__(self, tag: str, css_class: str):
        super().__init__()
        self.tag, self.css_class = tag, css_class
        self.depth = 0  # of ``tag`` elements, counted from the first with the class
        self.links: list[list[str]] = []
        self.in_link = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == self.tag and (self.depth or self.css_class in (attrs.get("class") or "").split()):
            self.depth += 1
        if self.depth and tag == "a":
            self.links.append(["", attrs["href"]])
            self.in_link = True

    def handle_endtag(self, tag):
        if tag == self.tag and self.depth:
            self.depth -= 1
        if tag == "a":
            self.in_link = False

    def handle_data(self, data):
        if self.in_link:
            self.links[-1][0] += data


def chips(response, selector: str) -> list[tuple[str, str]]:
    """(text, href) of the links in the elements ``selector`` ("tag.class") names."""
    parser = LinksIn(*selector.split("."))
    parser.feed(response.content.decode())
    return [(" ".join(text.split()), href) for text, href in parser.links]


def test_status_chips_count_what_the_other_filters_keep_and_toggle_the_status(client, variety):
    response = client.get(LIST_URL, {"kecamatan": "36.03.05", "status": "buka"})
    assert chips(response, "nav.program-chips") == [
        ("Pendaftaran dibuka 3 program", f"{LIST_URL}?kecamatan=36.03.05"),
        ("Segera dimulai 0 program", f"{LIST_URL}?kecamatan=36.03.05&status=segera"),
        ("Sedang berjalan 0 program", f"{LIST_URL}?kecamatan=36.03.05&status=berjalan"),
        ("Selesai 1 program", f"{LIST_URL}?kecamatan=36.03.05&status=selesai"),
    ]
    html = response.content.decode()
    assert f'href="{LIST_URL}?kecamatan=36.03.05" aria-current="true"' in html
    assert f'href="{LIST_URL}?kecamatan=36.03.05&amp;status=selesai" aria-current' not in html


def test_removable_chips_link_to_the_listing_without_each_filter(client, variety):
    response = client.get(
        LIST_URL, {"q": "target", "kecamatan": "36.03.05", "dana": "swadana", "halaman": "2"}
    )
    assert chips(response, "ul.program-chips") == [
        ("Cari: target ×", f"{LIST_URL}?kecamatan=36.03.05&dana=swadana"),
        (
            f"Kecamatan: {variety.institution.district.name} ×",
            f"{LIST_URL}?q=target&dana=swadana",
        ),
        ("Sumber dana: Swadana ×", f"{LIST_URL}?q=target&kecamatan=36.03.05"),
        ("Hapus semua saringan", LIST_URL),
    ]
    assert shown_titles(response) == ["Target"]


def test_no_removable_chips_without_filters(client, variety):
    assert chips(client.get(LIST_URL, {"urut": "terbaru"}), "ul.program-chips") == []


def test_search_finds_a_kejuruan_in_a_kecamatan(client):
    sewing = factories.VocationalFieldFactory(name="Menjahit (Garmen)", slug="menjahit")
    cikupa = District.objects.get(code="36.03.18")
    program(title="Busana", field=sewing, institution=factories.InstitutionFactory(district=cikupa))
    program(title="Seragam", field=sewing)
    program(title="Las", institution=factories.InstitutionFactory(district=cikupa))
    assert shown_titles(client.get(LIST_URL, {"q": "menjahit cikupa"})) == ["Busana"]


@pytest.fixture
def sewing_around_cikupa():
    """Sewing to join in Kronjo (far) and Panongan (near Cikupa), barista in Cikupa."""
    sewing = factories.VocationalFieldFactory(name="Menjahit (Garmen)", slug="menjahit")
    barista = factories.VocationalFieldFactory(name="Barista", slug="barista")
    for code, field in [("36.03.07", sewing), ("36.03.19", sewing), ("36.03.18", barista)]:
        institution = factories.InstitutionFactory(
            district=District.objects.get(code=code), primary_field=field
        )
        program(title=f"Pelatihan {field.slug}", field=field, institution=institution)


@pytest.mark.parametrize(
    "query",
    [
        {"kejuruan": "menjahit", "kecamatan": "36.03.18", "status": "buka"},
        {"q": "menjahit cikupa"},
    ],
)
def test_nothing_found_suggests_the_nearest_kecamatan_and_other_kejuruan(
    client, sewing_around_cikupa, query
):
    response = client.get(LIST_URL, query)
    assert shown_titles(response) == []
    assert chips(response, "ul.program-suggestions") == [
        ("Menjahit (Garmen) di Kec. Panongan", f"{LIST_URL}?kejuruan=menjahit&kecamatan=36.03.19"),
        ("Menjahit (Garmen) di Kec. Kronjo", f"{LIST_URL}?kejuruan=menjahit&kecamatan=36.03.07"),
        ("Barista di Kec. Cikupa", f"{LIST_URL}?kejuruan=barista&kecamatan=36.03.18"),
    ]


def many_programs(count: int):
    for _n in range(count):
        made = program(funding_source=FundingSource.APBD)
        factories.EnrollmentFactory(program=made, status=Enrollment.Status.ACCEPTED)
        made.instructors.add(factories.InstructorFactory(institution=made.institution))


@pytest.mark.parametrize("count", [2, 25])
def test_listing_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, count
):
    many_programs(count)
    query = {"q": "pelatihan", "dana": "apbd", "status": "buka", "urut": "kursi"}
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL, query)
    assert len(shown_titles(response)) == min(count, 12)


@pytest.mark.parametrize("count", [1, 10])
def test_listing_with_suggestions_keeps_its_query_count(
    client, django_assert_max_num_queries, count
):
    for code in ("36.03.18", "36.03.07", "36.03.19")[: 1 + count % 3]:
        for _n in range(count):
            program(
                institution=factories.InstitutionFactory(district=District.objects.get(code=code))
            )
    query = {"q": "tidak ada", "kecamatan": "36.03.18", "dana": "apbd"}
    with django_assert_max_num_queries(LIST_QUERIES + 1):
        response = client.get(LIST_URL, query)
    assert shown_titles(response) == []
    assert "Kejuruan lain di kecamatan yang sama" in response.content.decode()


def test_listing_is_served_from_the_cache_on_the_next_visit(client, django_assert_num_queries):
    many_programs(3)
    first = client.get(LIST_URL, {"dana": "apbd"})
    with django_assert_num_queries(0):
        second = client.get(LIST_URL, {"dana": "apbd"})
    assert "3 program ditemukan" in second.content.decode()
    assert "Pendaftaran dibuka" in first.content.decode()


def test_listing_pages_are_not_cached_whole(client):
    """Each page carries the visitor's CSRF token and CSP nonce."""
    first = client.get(LIST_URL)
    assert "max-age" not in first.get("Cache-Control", "")


# Program page ----------------------------------------------------------------------------


def test_program_page_shows_what_a_visitor_needs(client):
    made = program(
        title="Barista Dasar",
        description="Belajar menyeduh kopi.",
        competencies="Espresso dan latte art",
        schedule="Senin-Jumat 08.00-15.00",
        requirements="Fotokopi KTP",
        location="Aula BLKK",
        quota=10,
    )
    made.instructors.add(
        factories.InstructorFactory(institution=made.institution, full_name="Ahmad Fauzi")
    )
    factories.EnrollmentFactory(program=made, status=Enrollment.Status.ACCEPTED)
    response = client.get(detail_url(made))
    html = response.content.decode()
    for text in (
        "Barista Dasar",
        "Belajar menyeduh kopi.",
        "Espresso dan latte art",
        "Senin-Jumat 08.00-15.00",
        "Fotokopi KTP",
        "Aula BLKK",
        "Ahmad Fauzi",
        "9 dari 10",
        "Cara mendaftar",
        made.institution.name,
        apply_url(made),
    ):
        assert text in html, text


def test_program_page_offers_whatsapp_and_copy_link_sharing(client):
    made = program(slug="barista-dasar")
    html = client.get(detail_url(made)).content.decode()
    assert "https://wa.me/?text=" in html
    assert "http%3A%2F%2Ftestserver%2Fpelatihan%2Fbarista-dasar%2F" in html
    assert 'value="http://testserver/pelatihan/barista-dasar/" readonly' in html
    assert "data-copy-target" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": Status.PUBLISHED}, "tidak sedang dibuka"),
        ({"status": Status.COMPLETED}, "tidak sedang dibuka"),
        ({"quota": 1}, "Kuota program ini sudah penuh"),
    ],
)
def test_program_page_without_apply_button_says_why(client, fields, message):
    made = program(**fields)
    if fields.get("quota") == 1:
        factories.EnrollmentFactory(program=made, status=Enrollment.Status.ACCEPTED)
    html = client.get(detail_url(made)).content.decode()
    assert message in html
    assert apply_url(made) not in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.CANCELLED},
        {"institution__is_published": False},
    ],
)
def test_hidden_programs_are_not_found(client, fields):
    made = program(**fields)
    for url in (detail_url(made), apply_url(made)):
        assert client.get(url).status_code == 404


def test_program_page_shows_seats_taken_a_moment_ago(client):
    made = program(quota=5)
    client.get(detail_url(made))
    factories.EnrollmentFactory(program=made, status=Enrollment.Status.ACCEPTED)
    assert "4 dari 5" in client.get(detail_url(made)).content.decode()


@pytest.mark.parametrize("count", [2, 25])
def test_program_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, count
):
    made = program(quota=30)
    for _n in range(count):
        factories.EnrollmentFactory(program=made, status=Enrollment.Status.ACCEPTED)
        made.instructors.add(factories.InstructorFactory(institution=made.institution))
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(detail_url(made))
    assert f"{30 - count} dari 30" in response.content.decode()


# Application form page -------------------------------------------------------------------


def test_form_page_labels_every_field_and_helps_phones(client):
    html = client.get(apply_url(program())).content.decode()
    for name in (
        "nik",
        "full_name",
        "birth_date",
        "phone",
        "email",
        "address",
        "regency",
        "district",
        "village",
        "education",
        "occupation",
        "consent",
        "website",
    ):
        assert f'for="id_{name}"' in html, name
    assert 'inputmode="numeric"' in html
    assert 'type="date"' in html
    assert "UU No. 27 Tahun 2022" in html
    assert "<optgroup" in html


def test_form_page_honeypot_is_hidden_out_of_the_way(client):
    html = client.get(apply_url(program())).content.decode()
    assert 'class="application-honeypot"' in html
    assert "Biarkan kosong" in html
    field = html[html.index('name="website"') - 200 : html.index('name="website"') + 200]
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field


def test_form_offers_the_kecamatan_of_kabupaten_tangerang_until_another_is_chosen(client):
    outside = District.objects.get(code="32.01.01")
    response = client.get(apply_url(program()))
    offered = [pk for pk, _name in response.context["form"].fields["district"].choices if pk]
    districts = District.objects.filter(pk__in=offered).select_related("regency")
    assert outside.pk not in offered
    assert {district.regency.code for district in districts} == {"36.03"}
    assert len(districts) >= 29


def test_form_page_is_never_cached(client):
    response = client.get(apply_url(program()))
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_closed_program_shows_why_instead_of_the_form(client):
    made = program(start_in=-1, status=Status.RUNNING)
    response = client.get(apply_url(made))
    assert response.status_code == 200
    assert "Pendaftaran tidak dapat diterima" in response.content.decode()
    assert "form" not in response.context


@pytest.mark.parametrize("count", [2, 25])
def test_form_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, count
):
    made = program(quota=40)
    factories.EnrollmentFactory.create_batch(count, program=made, status=Enrollment.Status.ACCEPTED)
    with django_assert_max_num_queries(APPLY_QUERIES):
        response = client.get(apply_url(made))
    assert response.status_code == 200
