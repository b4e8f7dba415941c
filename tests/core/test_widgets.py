"""QuickSelect writes the same HTML as Django's Select, only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from core.templatetags.portal import select_options
from core.widgets import QuickSelect

CHOICES = [
    ("", "Semua BLKK"),
    ("al-hidayah", 'BLKK "Al-Hidayah" & <Putra>'),
    ("nurul-huda", "BLKK Nurul Huda"),
    ("Kecamatan Cikupa", [("a", "Satu"), ("b", "Dua")]),
]


@pytest.mark.parametrize("value", ["", "nurul-huda", "b", None])
@pytest.mark.parametrize("attrs", [{}, {"class": "form-select", "id": "id_blkk", "required": True}])
def test_quick_select_writes_what_djangos_select_writes(value, attrs):
    quick = QuickSelect(choices=CHOICES).render("blkk", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("blkk", value, attrs=attrs)

    assert parse_html(quick) == parse_html(django)
    assert "&quot;Al-Hidayah&quot; &amp; &lt;Putra&gt;" in quick


def test_quick_select_marks_every_selected_option_of_a_multiple_choice():
    widget = QuickSelect(choices=CHOICES)
    widget.allow_multiple_selected = True

    html = widget.render("blkk", ["al-hidayah", "a"], attrs={"multiple": True})

    assert html.count(" selected") == 2


def test_the_select_options_filter_writes_the_options_of_a_bound_field():
    class Form(forms.Form):
        blkk = forms.ChoiceField(choices=CHOICES, required=False)

    field = Form({"blkk": "nurul-huda"})["blkk"]
    options = select_options(field)

    django = forms.Select(choices=CHOICES).render("blkk", "nurul-huda")
    assert parse_html(f'<select name="blkk">{options}</select>') == parse_html(django)
    assert '<option value="nurul-huda" selected>' in options
