"""What the import/export resources of every app share (django-import-export).

A file is imported all or nothing: every row is checked with the model's ``full_clean()``
(so ``clean()`` and the constraints run), and one bad row rolls the whole file back. Related
objects are named by natural keys (Kemendagri codes, slugs, NIK), never by database ids.
"""

import datetime
import decimal
import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.utils import get_related_model

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
    """1/0, true/false or ya/tidak; anything else is an error, not a silent False."""

    TRUE_VALUES = [*widgets.BooleanWidget.TRUE_VALUES, "ya", "Ya", "YA"]
    FALSE_VALUES = [*widgets.BooleanWidget.FALSE_VALUES, "tidak", "Tidak", "TIDAK"]

    def clean(self, value, row=None, **kwargs):
        if value not in (*self.TRUE_VALUES, *self.FALSE_VALUES, *self.NULL_VALUES):
            raise ImportValueError(
                _("Nilai “%(value)s” tidak dapat dibaca; isi dengan ya/tidak atau 1/0.")
                % {"value": value}
            )
        return super().clean(value, row, **kwargs)


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

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
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
