"""The portal's colours are readable: WCAG 2.1 AA asks 4.5:1 for body text. The footer's own
colours, and the theme the public site and the back office share (links, primary buttons).

The colours are read from static/css/portal.css, custom properties resolved from ``:root``,
so that a colour changed there is checked here."""

import re

import pytest
from django.conf import settings

PORTAL_CSS = settings.BASE_DIR / "static" / "css" / "portal.css"
AA_BODY_TEXT = 4.5


def css_rules(css: str) -> dict[str, dict[str, str]]:
    """Each selector's declarations, comments dropped and rules inside media queries flattened
    (the footer has none)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {
            name.strip(): value.strip()
            for name, value in (part.split(":", 1) for part in body.split(";") if ":" in part)
        }
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(declarations)
    return rules


def colour(rules, selector: str, prop: str) -> tuple[int, int, int]:
    value = rules[selector][prop]
    custom = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if custom:
        value = rules[":root"][custom.group(1)]
    hex_digits = re.fullmatch(r"#([0-9a-fA-F]{6})", value)
    assert hex_digits, f"{selector} {prop}: {value} is not a #rrggbb colour"
    return tuple(int(hex_digits.group(1)[i : i + 2], 16) for i in (0, 2, 4))


def relative_luminance(rgb) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_known_pairs():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    # Bootstrap's link blue on its bg-light: the footer's colours before this check.
    assert contrast_ratio((0x0D, 0x6E, 0xFD), (0xF8, 0xF9, 0xFA)) == pytest.approx(4.26, abs=0.01)


@pytest.mark.parametrize(
    ("selector", "prop"),
    [(".site-footer", "color"), (".site-footer a:not(.btn)", "color")],
    ids=["text", "links"],
)
def test_footer_colours_reach_aa_contrast_on_its_background(selector, prop):
    rules = css_rules(PORTAL_CSS.read_text())
    background = colour(rules, ".site-footer", "background-color")

    assert contrast_ratio(colour(rules, selector, prop), background) >= AA_BODY_TEXT


def test_the_footer_uses_its_own_colours():
    with open(settings.BASE_DIR / "templates" / "public" / "base.html") as template:
        footer = re.search(r"<footer[^>]*>", template.read()).group()

    assert "site-footer" in footer
    assert "bg-light" not in footer and "text-body-secondary" not in footer


WHITE, LIGHT_GREY = (255, 255, 255), (0xF8, 0xF9, 0xFA)  # pages, and Bootstrap's bg-light bars


def root_colour(rules, name: str) -> tuple[int, int, int]:
    return colour({":root": rules[":root"], "x": {"c": rules[":root"][name]}}, "x", "c")


@pytest.mark.parametrize("background", [WHITE, LIGHT_GREY], ids=["white", "light-grey"])
def test_links_read_at_aa_on_pages_and_bars(background):
    rules = css_rules(PORTAL_CSS.read_text())

    for name in ("--bs-link-color", "--bs-link-hover-color"):
        assert contrast_ratio(root_colour(rules, name), background) >= AA_BODY_TEXT, name


def test_primary_buttons_are_the_brand_green_and_readable():
    rules = css_rules(PORTAL_CSS.read_text())
    brand = root_colour(rules, "--brand")

    assert colour(rules, ".btn-primary", "--bs-btn-bg") == brand
    assert root_colour(rules, "--bs-primary") == brand
    assert contrast_ratio(WHITE, colour(rules, ".btn-primary", "--bs-btn-bg")) >= AA_BODY_TEXT
    assert contrast_ratio(colour(rules, ".btn-outline-primary", "--bs-btn-color"), WHITE) >= (
        AA_BODY_TEXT
    )


@pytest.mark.parametrize("button", [".btn-outline-danger", ".btn-outline-secondary"])
def test_outline_buttons_read_at_aa_on_light_grey_card_footers(button):
    rules = css_rules(PORTAL_CSS.read_text())

    assert contrast_ratio(colour(rules, button, "--bs-btn-color"), LIGHT_GREY) >= AA_BODY_TEXT
