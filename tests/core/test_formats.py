from decimal import Decimal

import pytest

from core.templatetags.formats import rupiah, whatsapp_url


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (Decimal("25000000"), "Rp 25.000.000"),
        (Decimal("1500"), "Rp 1.500"),
        (Decimal("999"), "Rp 999"),
        (0, "Rp 0"),
        (None, ""),
    ],
)
def test_rupiah_writes_whole_rupiah_with_dots_between_thousands(amount, written):
    assert rupiah(amount) == written


def test_whatsapp_url_uses_the_digits_of_the_stored_number():
    assert whatsapp_url("+6281234567890") == "https://wa.me/6281234567890"
    assert whatsapp_url("") == ""
