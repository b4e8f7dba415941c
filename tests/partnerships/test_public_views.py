import datetime
import re
from decimal import Decimal

import pytest

from partnerships.models import PartnershipScope
from tests.assertions import FOOTER_QUERIES
from tests.dates import today

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PARTNERS = "/mitra/"


def scope(code: str) -> PartnershipScope:
    return PartnershipScope.objects.get(code=code)


def scope_groups(response) -> list[tuple[str, list[str]]]:
    """(scope code, titles of its partnerships) as the page groups them."""
    html = response.content.decode()
    sections = re.split(r'<h3 class="h4 scope-title" id="lingkup-', html)[1:]
    return [
        (
            section.split('"', 1)[0],
            re.findall(r'<h4 class="h5 card-title mb-1">(.*?)</h4>', section),
        )
        for section in sections
    ]


def test_partners_page_lists_published_partners_without_private_contacts(client):
    factories.PartnerFactory(
        name="PT Garmen Jaya",
        slug="pt-garmen-jaya",
        description="Produsen pakaian jadi di Cikupa.",
        website="https://garmenjaya.test/",
        contact_name="Budi Narahubung",
        contact_phone="+6281399998888",
        contact_email="budi@garmenjaya.test",
    )
    factories.PartnerFactory(name="PT Belum Tampil", is_published=False)

    response = client.get(PARTNERS)

    assert response.status_code == 200
    html = response.content.decode()
    for public in (
        "PT Garmen Jaya",
        'id="mitra-pt-garmen-jaya"',
        "Perusahaan",
        "Produsen pakaian jadi di Cikupa.",
        'href="https://garmenjaya.test/"',
    ):
        assert public in html, public
    for hidden in ("PT Belum Tampil", "Budi Narahubung", "+6281399998888", "budi@garmenjaya.test"):
        assert hidden not in html, hidden


def test_partners_page_groups_active_partnerships_by_scope(client):
    factories.PartnershipFactory(
        title="Pelatihan dan magang", scopes=[scope("pemagangan-penempatan"), scope("kurikulum")]
    )
    factories.PartnershipFactory(title="Bantuan mesin", scopes=[scope("peralatan")])
    factories.PartnershipFactory(
        title="Sudah berakhir",
        start_date=today() - datetime.timedelta(days=400),
        end_date=today() - datetime.timedelta(days=1),
    )
    factories.PartnershipFactory(
        title="Belum mulai",
        start_date=today() + datetime.timedelta(days=1),
        end_date=today() + datetime.timedelta(days=300),
    )
    factories.PartnershipFactory(title="Diakhiri", terminated_on=today())
    factories.PartnershipFactory(
        title="Mitra belum tampil", partner=factories.PartnerFactory(is_published=False)
    )

    response = client.get(PARTNERS)

    # In the scopes' own order; an agreement with two scopes stands under both.
    assert scope_groups(response) == [
        ("kurikulum", ["Pelatihan dan magang"]),
        ("peralatan", ["Bantuan mesin"]),
        ("pemagangan-penempatan", ["Pelatihan dan magang"]),
    ]


def test_partners_page_shows_what_each_partnership_delivered(client, institution_a):
    partnership = factories.PartnershipFactory(
        partner=factories.PartnerFactory(name="PT Garmen Jaya", slug="pt-garmen-jaya"),
        covers_whole_forum=False,
        institutions=[institution_a],
        start_date=datetime.date(2025, 1, 2),
        end_date=today() + datetime.timedelta(days=30),
    )
    for value in (Decimal("25000000"), Decimal("1500000")):
        factories.ContributionFactory(
            partnership=partnership,
            institution=institution_a,
            kind="peralatan",
            description=f"Mesin jahit senilai {value}",
            delivered_on=datetime.date(2025, 8, 17),
            value=value,
        )
    hidden_institution = factories.InstitutionFactory(is_published=False)
    factories.ContributionFactory(
        partnership=partnership,
        institution=hidden_institution,
        description="Untuk BLKK yang tidak tampil",
        value=Decimal("999000000"),
    )

    html = client.get(PARTNERS).content.decode()

    for fact in (
        "2 Januari 2025",
        'href="/mitra/#mitra-pt-garmen-jaya"',
        f'href="{institution_a.get_absolute_url()}"',
        "Realisasi: 2 kegiatan",
        "senilai Rp 26.500.000",
        "Mesin jahit senilai 25000000",
        "Peralatan",
        "17 Agustus 2025",
        "Rp 25.000.000",
        "Rp 1.500.000",
    ):
        assert fact in html, fact
    assert "Untuk BLKK yang tidak tampil" not in html
    assert hidden_institution.name not in html


def test_partners_page_names_the_forum_when_a_partnership_covers_it_all(client):
    factories.PartnershipFactory(covers_whole_forum=True)

    html = client.get(PARTNERS).content.decode()

    assert "Berlaku untuk seluruh BLKK anggota forum" in html
    assert "Belum ada realisasi yang dicatat." in html


def populate_partners(size: int) -> None:
    scopes = list(PartnershipScope.objects.all()[:3])
    for _ in range(size):
        partnership = factories.PartnershipFactory(
            covers_whole_forum=False,
            scopes=scopes,
            institutions=factories.InstitutionFactory.create_batch(2),
        )
        factories.ContributionFactory(
            partnership=partnership, institution=partnership.institutions.first()
        )


@pytest.mark.parametrize("size", [2, 25], ids=["small", "large"])
def test_partners_page_query_count_does_not_grow_with_the_data(
    client, size, django_assert_max_num_queries
):
    populate_partners(size)

    # Partners, then partnerships with their scopes, BLKK named and contributions; the footer's
    # contact.
    with django_assert_max_num_queries(5 + FOOTER_QUERIES):
        response = client.get(PARTNERS)
    assert len(scope_groups(response)) == 3


def test_partners_page_serves_a_repeat_visit_from_the_cache(client, django_assert_max_num_queries):
    populate_partners(2)
    client.get(PARTNERS)

    with django_assert_max_num_queries(0):
        response = client.get(PARTNERS)
    assert len(scope_groups(response)) == 3
