from decimal import Decimal

import pytest

from core.templatetags.formats import map_url, rupiah, tel_url, whatsapp_url


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


def test_whatsapp_url_opens_the_chat_with_a_message_typed_in():
    assert whatsapp_url("+6281234567890", "Halo Sekretariat FK-BLKK, saya ingin bertanya") == (
        "https://wa.me/6281234567890?text=Halo%20Sekretariat%20FK-BLKK%2C%20saya%20ingin%20bertanya"
    )
    assert whatsapp_url("", "Halo") == ""


@pytest.mark.parametrize(
    ("written", "link"),
    [
        ("(021) 599-1234", "tel:+62215991234"),
        ("0812 3456 7890", "tel:+6281234567890"),
        ("+6281234567890", "tel:+6281234567890"),
        ("62215991234", "tel:+62215991234"),
        ("", ""),
    ],
)
def test_tel_url_dials_from_anywhere(written, link):
    assert tel_url(written) == link


def test_map_url_needs_both_coordinates():
    assert map_url(Decimal("-6.265000"), Decimal("106.470000")) == (
        "https://www.google.com/maps/search/?api=1&query=-6.265000%2C106.470000"
    )
    assert map_url(None, Decimal("106.47")) == ""
