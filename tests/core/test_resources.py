"""What every import/export resource shares: Indonesian headers, choices by label, ya/tidak,
and files of either kind (new headers and labels, or old field names and codes) read back."""

import datetime
from collections import defaultdict

import pytest
import tablib
from django.conf import settings
from django.utils import translation

from core.resources import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    DomainResource,
    ImportValueError,
    comparable,
    in_every_language,
)
from trainings.models import TrainingProgram
from trainings.resources import TrainingProgramResource

STATUS = ChoiceWidget(TrainingProgram.Status.choices)


def every_resource():
    pending, found = [DomainResource], []
    while pending:
        for resource_class in pending.pop().__subclasses__():
            pending.append(resource_class)
            found.append(resource_class)
    return found


@pytest.mark.parametrize("resource_class", every_resource(), ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_column_has_a_header_of_its_own_that_no_other_column_answers_to(
    resource_class, language
):
    with translation.override(language):
        headers = resource_class().get_export_headers()
    assert len(headers) == len(set(headers))
    assert all(header[0].isupper() and "_" not in header for header in headers)

    answered = defaultdict(set)
    resource = resource_class()
    for name in resource.fields:
        for text in (name, *in_every_language(resource.headers[name])):
            answered[comparable(text)].add(name)
    assert {alias: names for alias, names in answered.items() if len(names) > 1} == {}


def test_a_column_made_from_a_model_field_is_headed_by_its_verbose_name():
    headers = TrainingProgramResource().get_export_headers()

    assert headers[:4] == ["Slug", "Judul", "BLKK", "Kejuruan"]
    assert {"Tanggal mulai", "Sumber dana", "Status"} <= set(headers)
    with translation.override("en"):
        assert "Start date" in TrainingProgramResource().get_export_headers()


def test_headers_are_read_in_either_language_or_as_old_field_names_in_any_case():
    dataset = tablib.Dataset(
        headers=["slug", "  TANGGAL   mulai ", "End date", "Sumber dana", "Catatan sendiri"]
    )

    TrainingProgramResource().before_import(dataset)

    assert dataset.headers == [
        "Slug",
        "Tanggal mulai",
        "Tanggal selesai",
        "Sumber dana",
        "Catatan sendiri",
    ]


def test_a_column_given_twice_under_two_names_is_refused():
    dataset = tablib.Dataset(headers=["slug", "status", "Status"])

    with pytest.raises(ImportValueError, match="Kolom “Status” ada lebih dari sekali"):
        TrainingProgramResource().before_import(dataset)


def test_a_choice_is_written_as_its_label():
    assert STATUS.render("berjalan") == "Sedang berjalan"
    assert STATUS.render("") == STATUS.render(None) == ""
    with translation.override("en"):
        assert STATUS.render("berjalan") == "In progress"


@pytest.mark.parametrize(
    "cell", ["Sedang berjalan", "  sedang BERJALAN ", "berjalan", "In progress", "in progress"]
)
def test_a_choice_is_read_from_its_label_in_either_language_or_its_code(cell):
    assert STATUS.clean(cell) == "berjalan"


def test_a_value_that_is_no_choice_is_refused_naming_the_choices():
    with pytest.raises(ImportValueError) as refusal:
        STATUS.clean("jalan")

    assert str(refusal.value).startswith("Nilai “jalan” bukan salah satu pilihan: Draf, ")
    assert "Sedang berjalan, Selesai, Dibatalkan." in str(refusal.value)


def test_every_field_with_choices_gets_the_choice_widget():
    field = TrainingProgramResource().fields["funding_source"]

    assert isinstance(field.widget, ChoiceWidget)
    assert field.widget.render("pbk") == "PBK Kemnaker"


def test_yes_or_no_is_written_ya_or_tidak_in_every_format():
    widget = BooleanWidget()

    assert [widget.render(True), widget.render(False), widget.render(None)] == ["Ya", "Tidak", ""]
    assert widget.render(True, force_native_type=True) == "Ya"


@pytest.mark.parametrize(
    ("cell", "meaning"),
    [
        ("Ya", True),
        (" YA ", True),
        ("yes", True),
        ("1", True),
        (1, True),
        (1.0, True),
        (True, True),
        ("Tidak", False),
        ("no", False),
        ("false", False),
        (0, False),
        ("", None),
        (None, None),
    ],
)
def test_yes_or_no_is_read_from_either_language_true_false_or_digits(cell, meaning):
    assert BooleanWidget().clean(cell) is meaning


def test_a_yes_or_no_that_is_neither_is_refused():
    with pytest.raises(ImportValueError, match="isi dengan ya/tidak atau 1/0"):
        BooleanWidget().clean("mungkin")


def test_a_date_is_written_iso_and_read_iso_or_day_first():
    widget = DateWidget()
    day = datetime.date(2027, 1, 7)

    assert widget.render(day) == "2027-01-07"
    assert widget.render(day, force_native_type=True) == day
    for cell in ("2027-01-07", "07/01/2027", "07-01-2027", datetime.datetime(2027, 1, 7)):
        assert widget.clean(cell) == day
