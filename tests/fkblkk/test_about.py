import datetime

import pytest

from institutions.models import ForumOfficer
from tests.assertions import FOOTER_QUERIES
from tests.dates import today

from .. import factories

pytestmark = pytest.mark.django_db

Position = ForumOfficer.Position


def officer(name, position, *, start_days_ago=365, end_days_ahead=365, **fields):
    return factories.ForumOfficerFactory(
        full_name=name,
        position=position,
        period_start=today() - datetime.timedelta(days=start_days_ago),
        period_end=today() + datetime.timedelta(days=end_days_ahead),
        **fields,
    )


def test_about_states_the_aims_of_the_forum(client):
    html = client.get("/tentang/").content.decode()

    assert "Tujuan forum" in html
    assert "mandiri" in html


def test_about_lists_current_officers_chair_first(client):
    officer("Siti Sekretaris", Position.SECRETARY)
    officer("Bambang Bendahara", Position.TREASURER)
    officer("Ahmad Ketua", Position.CHAIR)
    officer("Dewi Wakil", Position.VICE_CHAIR)
    officer("Lama Sekali", Position.CHAIR, start_days_ago=2000, end_days_ahead=-1)
    officer("Belum Menjabat", Position.CHAIR, start_days_ago=-1, end_days_ahead=1000)

    response = client.get("/tentang/")

    assert [o.full_name for o in response.context["officers"]] == [
        "Ahmad Ketua",
        "Dewi Wakil",
        "Siti Sekretaris",
        "Bambang Bendahara",
    ]
    html = response.content.decode()
    assert html.index("Ahmad Ketua") < html.index("Bambang Bendahara")
    assert "Lama Sekali" not in html
    assert "Belum Menjabat" not in html


def test_an_officer_serving_its_last_day_is_still_listed(client):
    officer("Hari Terakhir", Position.CHAIR, end_days_ahead=0)

    assert "Hari Terakhir" in client.get("/tentang/").content.decode()


def test_an_officer_names_their_blkk_only_when_it_is_published(client):
    officer("Pak Terbit", Position.CHAIR, institution=factories.InstitutionFactory(name="BLKK A"))
    officer(
        "Pak Tersembunyi",
        Position.MEMBER,
        institution=factories.InstitutionFactory(name="BLKK Rahasia", is_published=False),
    )

    html = client.get("/tentang/").content.decode()

    officers = html[html.index('id="officers-title"') : html.index('id="districts-title"')]
    assert "BLKK A" in officers
    assert "Pak Tersembunyi" in officers
    assert "BLKK Rahasia" not in html


def test_about_lists_every_kecamatan_and_says_where_there_is_no_blkk_yet(
    client, tangerang_district
):
    first = factories.InstitutionFactory(
        name="BLKK Balaraja Satu", district=tangerang_district("Balaraja")
    )
    factories.InstitutionFactory(name="BLKK Balaraja Dua", district=tangerang_district("Balaraja"))
    factories.InstitutionFactory(name="BLKK Tigaraksa", district=tangerang_district("Tigaraksa"))

    response = client.get("/tentang/")

    names = [district.name for district in response.context["districts"]]
    assert len(names) == 29
    assert names == sorted(names)
    html = response.content.decode()
    assert html.count("Belum ada BLKK") == 27
    assert f'<a href="/lembaga/{first.slug}/">BLKK Balaraja Satu</a>' in html
    balaraja = html[html.index("Kecamatan Balaraja") :]
    assert balaraja.index("BLKK Balaraja Dua") < balaraja.index("BLKK Balaraja Satu")
    assert balaraja.index("BLKK Balaraja Satu") < balaraja.index("Kecamatan", 20)


def test_about_hides_unpublished_inactive_and_other_regencies_blkk(client, tangerang_district):
    factories.InstitutionFactory(
        name="BLKK Belum Terbit", district=tangerang_district("Balaraja"), is_published=False
    )
    factories.InstitutionFactory(
        name="BLKK Tidak Aktif", district=tangerang_district("Balaraja"), is_active=False
    )
    elsewhere = factories.DistrictFactory(
        regency=factories.RegencyFactory(code="36.01", name="Kabupaten Pandeglang"),
        code="36.01.01",
        name="Kecamatan Luar",
    )
    factories.InstitutionFactory(name="BLKK Luar Daerah", district=elsewhere)

    html = client.get("/tentang/").content.decode()

    assert "BLKK Belum Terbit" not in html
    assert "BLKK Tidak Aktif" not in html
    assert "BLKK Luar Daerah" not in html
    assert "Kecamatan Luar" not in html


def test_about_shows_no_private_contact(client, tangerang_district):
    institution = factories.InstitutionFactory(district=tangerang_district("Balaraja"))
    factories.InstructorFactory(institution=institution)

    html = client.get("/tentang/").content.decode()

    assert institution.name in html
    assert "+6281311112222" not in html
    assert "@example.test" not in html


@pytest.mark.parametrize("size", [1, 40], ids=["small", "large"])
def test_about_query_count_does_not_grow_with_the_data(
    client, size, tangerang_district, django_assert_max_num_queries
):
    balaraja = tangerang_district("Balaraja")
    for number in range(size):
        officer(f"Pengurus {number}", Position.MEMBER, institution=factories.InstitutionFactory())
        factories.InstitutionFactory(district=balaraja)

    # The key figures (6, cold cache), officers, kecamatan, their BLKK; the footer's contact.
    with django_assert_max_num_queries(9 + FOOTER_QUERIES):
        assert client.get("/tentang/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/tentang/").status_code == 200
