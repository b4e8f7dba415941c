"""Formats the pages share: Rupiah amounts, grouped numbers, and phone, WhatsApp and map links."""

from decimal import Decimal
from urllib.parse import quote, urlencode

from django import template
from django.utils.formats import number_format

from core.validators import compact_phone_number

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """Whole Rupiah the Indonesian way, whatever the page's language: ``Rp 25.000.000``."""
    if amount is None or amount == "":
        return ""
    return "Rp " + f"{int(amount):,}".replace(",", ".")


@register.filter
def grouped(value, decimals=None):
    """A number in the page's language, thousands grouped whatever ``USE_THOUSAND_SEPARATOR``:
    ``9.184`` and ``77,7`` in Indonesian, ``9,184`` and ``77.7`` in English; anything else
    (text already written out, such as ``Rp 25.000.000``) as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return number_format(value, decimals, force_grouping=True)


@register.filter
def whatsapp_url(mobile_number: str, message: str = "") -> str:
    """The wa.me chat link of a number stored as +62…: WhatsApp wants the digits alone. With a
    ``message``, the chat opens with it typed, for the visitor to finish and send."""
    if not mobile_number:
        return ""
    # Spaces as %20: some WhatsApp clients show a + from a form-encoded query as it is.
    query = f"?{urlencode({'text': message}, quote_via=quote)}" if message else ""
    return f"https://wa.me/{mobile_number.removeprefix('+')}{query}"


@register.filter
def tel_url(phone_number: str) -> str:
    """The tel: link of a number however it is written, ``(021) 599-1234`` → ``tel:+62215991234``,
    so that a phone abroad dials it too."""
    compact = compact_phone_number(phone_number)
    if not compact:
        return ""
    if compact.startswith("0"):
        compact = "+62" + compact[1:]
    elif not compact.startswith("+"):
        compact = "+" + compact
    return f"tel:{compact}"


@register.simple_tag
def map_url(latitude, longitude) -> str:
    """A link that opens the point in the visitor's map app (Google Maps, the one most
    Indonesian phones carry), for directions; empty without coordinates."""
    if latitude is None or longitude is None:
        return ""
    return "https://www.google.com/maps/search/?" + urlencode(
        {"api": 1, "query": f"{latitude},{longitude}"}
    )
