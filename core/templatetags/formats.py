"""Formats the pages share: Rupiah amounts, grouped numbers and WhatsApp links."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

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
def whatsapp_url(mobile_number: str) -> str:
    """The wa.me chat link of a number stored as +62…: WhatsApp wants the digits alone."""
    return f"https://wa.me/{mobile_number.removeprefix('+')}" if mobile_number else ""
