"""What the import/export resources of every app share (django-import-export).

A file is imported all or nothing: every row is checked with the model's ``full_clean()``
(so ``clean()`` and the constraints run), and one bad row rolls the whole file back. Related
objects are named by natural keys (Kemendagri codes, slugs, NIK), never by database ids.

A file is written for people: each column headed by its field's verbose name ("Tanggal mulai"),
choices by their labels ("Sedang berjalan"), yes or no as "Ya"/"Tidak". A file read back may
use those or what older files had: the fields' names ("start_date") and the codes ("berjalan").
A text a spreadsheet would run as a formula is written with an apostrophe in front
(``core.spreadsheets.neutralise``), which reading the file back takes off.
"""

import datetime
import decimal
import functools

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.utils import get_related_model

from .spreadsheets import neutralise, restore

# How each related model is named in a file: its natural key.
NATURAL_KEYS = {
    "institutions.District": "code",
    "institutions.Village": "code",
    "institutions.VocationalField": "slug",
    "institutions.Institution": "slug",
    "trainings.TrainingProgram": "slug",
    "trainings.Trainee": "nik",
}

WIDGET_HINTS = {
    widgets.DateWidget: _("tulis tanggal sebagai TTTT-BB-HH (2025-07-01) atau HH-BB-TTTT."),
    widgets.IntegerWidget: _("isi dengan bilangan bulat."),
    widgets.DecimalWidget: _("isi dengan angka tanpa titik ribuan (250000000)."),
}


class ImportValueError(ValueError):
    """A cell that cannot be read, already explained in Indonesian."""


def field_header(model, name):
    """How a file heads the column of ``model``'s field ``name``: its verbose name, or None
    for a name that is no field of the model."""
    try:
        return model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return None


def comparable(text) -> str:
    """A header or a cell as a file's reader compares it: case and spacing do not count."""
    return " ".join(str("" if text is None else text).split()).casefold()


def in_every_language(text) -> set[str]:
    """``text`` (a lazy translation) as each of the portal's languages writes it: a file made
    by a user of one language is read back by a user of another."""
    written = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            written.add(str(text))
    return written


class DateWidget(widgets.DateWidget):
    """ISO dates, or day-month-year as written in Indonesia; never month-first."""

    INPUT_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.formats = self.INPUT_FORMATS

    def clean(self, value, row=None, **kwargs):
        # XLSX cells hold datetimes; a date column wants the date only.
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        return super().clean(value, row, **kwargs)


class BooleanWidget(widgets.BooleanWidget):
    """Written "Ya"/"Tidak"; read from ya/tidak (yes/no), true/false or 1/0 in any case.
    Anything else is an error, not a silent False."""

    YES, NO = _("Ya"), _("Tidak")

    @cached_property
    def meanings(self) -> dict[str, bool | None]:
        meanings = {comparable(value): None for value in self.NULL_VALUES}
        for meaning, label, values in (
            (True, self.YES, self.TRUE_VALUES),
            (False, self.NO, self.FALSE_VALUES),
        ):
            for value in (*values, *in_every_language(label)):
                meanings[comparable(value)] = meaning
        return meanings

    def clean(self, value, row=None, **kwargs):
        # A spreadsheet may hold 1 or 0 as the number 1.0 or 0.0.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            return self.meanings[comparable(value)]
        except KeyError:
            raise ImportValueError(
                _("Nilai “%(value)s” tidak dapat dibaca; isi dengan ya/tidak atau 1/0.")
                % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        # In XLSX too: a spreadsheet would show Python's TRUE/FALSE.
        if not isinstance(value, bool):
            return ""
        return str(self.YES if value else self.NO)


class ChoiceWidget(widgets.CharWidget):
    """A field with choices, written as its label ("Sedang berjalan", not "berjalan"); read from
    the label in any of the portal's languages and any case, or from the code."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    @cached_property
    def codes(self) -> dict[str, object]:
        # Built on the first cell read, not with the class: translations need the apps loaded.
        codes = {}
        for code, label in self.choices:
            for text in in_every_language(label):
                codes[comparable(text)] = code
        # After the labels, so that an old file's code keeps its meaning.
        codes.update({comparable(code): code for code, _label in self.choices})
        return codes

    def clean(self, value, row=None, **kwargs):
        if comparable(value) == "":
            return super().clean(None, row, **kwargs)
        try:
            return self.codes[comparable(value)]
        except KeyError:
            raise ImportValueError(
                _("Nilai “%(value)s” bukan salah satu pilihan: %(choices)s.")
                % {"value": value, "choices": ", ".join(str(label) for _c, label in self.choices)}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if value is None or value == "":
            return ""
        return str(dict(self.choices).get(value, value))


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related object's natural key (``District`` by ``code``)."""

    def __init__(self, model, field, required=False, **kwargs):
        super().__init__(model, field, **kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        if self.required and value in (None, ""):
            raise ImportValueError(_("Kolom ini wajib diisi."))
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ImportValueError(
                _("%(model)s dengan %(key)s “%(value)s” tidak ditemukan.")
                % {
                    "model": str(self.model._meta.verbose_name).capitalize(),
                    "key": self.model._meta.get_field(self.field).verbose_name,
                    "value": value,
                }
            ) from None


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Many related objects by natural key, separated by ``|``; an unknown key is an error."""

    def __init__(self, model, field):
        super().__init__(model, separator="|", field=field)

    def clean(self, value, row=None, **kwargs):
        related = super().clean(value, row, **kwargs)
        wanted = {key.strip() for key in str(value or "").split(self.separator) if key.strip()}
        unknown = wanted - {str(key) for key in related.values_list(self.field, flat=True)}
        if unknown:
            raise ImportValueError(
                _("%(model)s tidak ditemukan: %(keys)s.")
                % {
                    "model": str(self.model._meta.verbose_name).capitalize(),
                    "keys": ", ".join(sorted(unknown)),
                }
            )
        return related


def rewrite_text_cells(dataset, rewrite) -> None:
    """Pass each text cell of ``dataset`` through ``rewrite``; numbers, dates and empty cells
    stay as they are."""
    for index, row in enumerate(dataset):
        dataset[index] = [rewrite(cell) if isinstance(cell, str) else cell for cell in row]


class DomainResource(resources.ModelResource):
    """Base of the secretariat's resources; see the module docstring."""

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        # Keeps foreign-key columns on the related object (not ``district_id``) so that
        # get_fk_widget below names it by its natural key.
        use_natural_foreign_keys = True

    @classmethod
    def get_fk_widget(cls, field):
        model = get_related_model(field)
        return functools.partial(
            NaturalKeyWidget, model, NATURAL_KEYS[model._meta.label], required=not field.null
        )

    @classmethod
    def get_m2m_widget(cls, field):
        model = get_related_model(field)
        return functools.partial(NaturalKeysWidget, model, NATURAL_KEYS[model._meta.label])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Headed in the active language when the resource is made (per request), not with the
        # class: translations need the apps loaded, and each user may read another language.
        self.headers = {name: self.header_of(name, field) for name, field in self.fields.items()}
        for name, field in self.fields.items():
            field.column_name = capfirst(str(self.headers[name]))

    def header_of(self, name, field):
        """A column made from a model field is headed by its verbose name; one the resource
        declares with a column name of its own, by that name."""
        if field.column_name == name:
            return field_header(self._meta.model, name) or field.column_name
        return field.column_name

    def column_aliases(self) -> dict[str, str]:
        """How a file may head each column (its header in any of the portal's languages, or
        the field's name as older files have it) → the column name the resource reads."""
        aliases = {}
        for name, field in self.fields.items():
            for text in (name, *in_every_language(self.headers[name])):
                aliases[comparable(text)] = field.column_name
        return aliases

    def before_import(self, dataset, **kwargs):
        """Rename the file's columns to the resource's, whichever way the file heads them, and
        take off the apostrophe an export put in front of a text that looks like a formula."""
        super().before_import(dataset, **kwargs)
        rewrite_text_cells(dataset, restore)
        if not dataset.headers:
            return
        aliases = self.column_aliases()
        dataset.headers = [aliases.get(comparable(header), header) for header in dataset.headers]
        repeated = sorted(
            {header for header in dataset.headers if header and dataset.headers.count(header) > 1}
        )
        if repeated:
            raise ImportValueError(
                _("Kolom %(columns)s ada lebih dari sekali di berkas; hapus salah satunya.")
                % {"columns": ", ".join(f"“{column}”" for column in repeated)}
            )

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.choices:
            return functools.partial(ChoiceWidget, f.flatchoices)
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DateWidget
        if isinstance(f, models.BooleanField):
            return BooleanWidget
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    def import_data(self, dataset, **kwargs):
        # With a transaction (IMPORT_EXPORT_USE_TRANSACTIONS) one invalid row rolls back the
        # whole file, on the admin's dry run and on its confirm step alike.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """Explain in Indonesian a cell the widget could not read."""
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except ImportValueError:
            raise
        except (ValueError, decimal.InvalidOperation) as error:
            hint = next(
                (text for kind, text in WIDGET_HINTS.items() if isinstance(field.widget, kind)), ""
            )
            raise ImportValueError(
                _("Nilai “%(value)s” tidak dapat dibaca; %(hint)s")
                % {"value": row.get(field.column_name), "hint": hint}
            ) from error

    def import_instance(self, instance, row, **kwargs):
        """Import every column, then the derived fields, and report all their errors at once."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many cells are saved after the row; check them now so their errors join
        # the row's others.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ImportValueError as error:
                    errors[field.attribute] = [str(error)]
        errors.update(self.import_derived_fields(instance, row))
        if errors:
            raise ValidationError(errors)

    def import_derived_fields(self, instance, row) -> dict[str, list[str]]:
        """Set the fields that no single column holds; return their errors by field name."""
        return {}

    def after_export(self, queryset, dataset, **kwargs):
        """No text of the file runs as a formula when the file is opened in a spreadsheet."""
        super().after_export(queryset, dataset, **kwargs)
        rewrite_text_cells(dataset, neutralise)

    def filter_export(self, queryset, **kwargs):
        """Load what the exported columns follow in the same query, not one query per row."""
        joined, prefetched = set(), set()
        for field in self.get_export_fields():
            path = field.attribute or ""
            if isinstance(field.widget, widgets.ManyToManyWidget):
                prefetched.add(path)
            elif isinstance(field.widget, widgets.ForeignKeyWidget):
                joined.add(path)
            elif "__" in path:
                joined.add(path.rsplit("__", 1)[0])
        return queryset.select_related(*joined).prefetch_related(*prefetched)
