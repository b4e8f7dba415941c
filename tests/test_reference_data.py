"""The reference data loaded by migrations must outlive transactional tests' flushes."""

import pytest

from institutions.models import District


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_flushes_the_tables_when_it_ends():
    assert District.objects.count() >= 29


@pytest.mark.django_db(transaction=True)
def test_the_next_test_still_finds_the_kecamatan():
    assert District.objects.filter(regency__code="36.03").count() >= 29


@pytest.mark.django_db(transaction=True)
def test_the_next_test_still_finds_the_secretariats_contact_row():
    # Pages read it on every request; recreating it there would cost each page five queries.
    from institutions.models import SecretariatContact

    assert SecretariatContact.objects.count() == 1
