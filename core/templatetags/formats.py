"""Formats the public pages share: Rupiah amounts and WhatsApp links."""

from django import template

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """Whole Rupiah the Indonesian way, whatever the page's language: ``Rp 25.000.000``."""
    if amount is None or amount == "":
        return ""
    return "Rp " + f"{int(amount):,}".replace(",", ".")


@register.filter
def whatsapp_url(mobile_number: str) -> str:
    """The wa.me chat link of a number stored as +62…: WhatsApp wants the digits alone."""
    return f"https://wa.me/{mobile_number.removeprefix('+')}" if mobile_number else ""
