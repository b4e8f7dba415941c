import datetime

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories
from tests.dates import today

DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Partnership.Status.ACTIVE, {"Berjalan"}),
        (Partnership.Status.UPCOMING, {"Akan datang"}),
        (Partnership.Status.EXPIRED, {"Sudah selesai"}),
        (Partnership.Status.TERMINATED, {"Diputus"}),
    ],
)
def test_status_filter_matches_the_status_the_list_shows(client, secretariat, status, expected):
    client.force_login(secretariat)
    factories.PartnershipFactory(title="Berjalan")
    factories.PartnershipFactory(title="Akan datang", start_date=today() + DAY)
    factories.PartnershipFactory(
        title="Sudah selesai", start_date=today() - 300 * DAY, end_date=today() - DAY
    )
    factories.PartnershipFactory(title="Diputus", terminated_on=today() - DAY)

    response = client.get(reverse("admin:partnerships_partnership_changelist"), {"status": status})

    shown = {partnership.title for partnership in response.context["cl"].result_list}
    assert shown == expected
    assert {p.status() for p in response.context["cl"].result_list} == {status}


def test_contribution_inline_refuses_a_blkk_the_partnership_does_not_cover(
    client, secretariat, institution_a, institution_b
):
    client.force_login(secretariat)
    partnership = factories.PartnershipFactory(
        covers_whole_forum=False, institutions=[institution_a]
    )
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    form = {
        "partner": partnership.partner_id,
        "title": partnership.title,
        "agreement_type": partnership.agreement_type,
        "scopes": list(partnership.scopes.values_list("pk", flat=True)),
        "institutions": [institution_a.pk],
        "start_date": partnership.start_date,
        "end_date": partnership.end_date,
        "contributions-TOTAL_FORMS": 1,
        "contributions-INITIAL_FORMS": 0,
        "contributions-0-institution": institution_b.pk,
        "contributions-0-kind": "peralatan",
        "contributions-0-description": "Mesin jahit",
        "contributions-0-delivered_on": today(),
    }

    response = client.post(url, form)

    assert response.status_code == 200
    assert "BLKK ini tidak dicakup oleh kemitraan tersebut." in response.content.decode()
    assert not partnership.contributions.exists()
