"""The pieces every app's admin shares.

- Changelists stay fast on big tables: no exact ``COUNT(*)`` of an unfiltered big table, no
  second count of the whole table, no facet counts.
- Inlines render with the same number of queries for one row or a hundred.
- Status transitions run through the model methods, and a refused one is a message, never a 500.
- A crafted key (an action's selection "abc", a junk value in an autocomplete field) or
  filter (a year no date holds) is a message, a form error or a 4xx, never a 500.
- Import and export (CSV, XLSX) are all or nothing: a file with one bad row saves nothing, and
  every bad row is reported with its line in the file and its reasons.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import Max, Min
from django.forms import BaseInlineFormSet, ModelChoiceField, Select
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import forms as import_export_forms
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import roles
from .resources import ImportValueError, field_header

# Changelists ----------------------------------------------------------------------------


def estimated_row_count(queryset) -> int | None:
    """PostgreSQL's own estimate of an unfiltered table's rows, or None when there is none.

    ``COUNT(*)`` reads the whole table; the planner statistics (``pg_class.reltuples``,
    refreshed by autovacuum) answer at once. A filtered queryset has no such estimate.
    """
    query = queryset.query
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or query.has_filters() or query.distinct:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    # reltuples is -1 for a table never analysed.
    return int(row[0]) if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """Counts big unfiltered tables from the planner's estimate; small or filtered ones exactly."""

    EXACT_COUNT_LIMIT = 20_000

    @cached_property
    def count(self):
        estimate = estimated_row_count(self.object_list)
        if estimate is not None and estimate > self.EXACT_COUNT_LIMIT:
            return estimate
        return super().count


def could_be_key(field, value) -> bool:
    """Whether ``value`` converts to a value of the model field ``field`` within its range:
    what a lookup on the field needs so as not to fail in the database."""
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


class CheckedAutocompleteMixin:
    """An autocomplete widget that shows a submitted value again only when it could be a key.

    Django's widget looks the submitted keys up to label them when a form with errors is shown
    again, and a crafted "abc" for a number key fails in that query; dropped here, the field
    keeps its own error ("pilih yang valid").
    """

    def optgroups(self, name, value, attr=None):
        remote_opts = self.field.remote_field.model._meta
        key_field = remote_opts.get_field(
            getattr(self.field.remote_field, "field_name", remote_opts.pk.attname)
        )
        keys = [item for item in value if could_be_key(key_field, item)]
        return super().optgroups(name, keys, attr)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteFieldsMixin:
    """Admin forms (of a model admin or an inline) whose autocomplete fields check their keys."""

    autocomplete_select = CheckedAutocompleteSelect

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                self.autocomplete_select(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                CheckedAutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CheckedChangeList(ChangeList):
    """Django's changelist, taking a date-hierarchy year too big for a date (``?x__year=9999``,
    ``?x__year=999…``) as the bad filter it is (its "?e=1" page) rather than failing as a 500."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class CheckedChangelistMixin:
    """A model admin's changelist refuses crafted input: a bad date-hierarchy year, and an
    action on a selection that holds something other than keys (Django filters the rows by the
    posted keys as they are, and "abc" for a number key fails in that query as a 500)."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(could_be_key(self.opts.pk, key) for key in selected):
            self.message_user(
                request,
                _("Pilihan baris tidak valid; tidak ada yang diubah."),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)


class FastChangelistMixin(CheckedChangelistMixin, CheckedAutocompleteFieldsMixin):
    """Changelist settings for tables that grow to hundreds of thousands of rows; every model
    admin of the portal stands on it, so it also brings the checks of crafted keys."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    # A web address typed without a scheme is taken as https, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReferenceAdmin(FastChangelistMixin, admin.ModelAdmin):
    """Admin for reference data that keeps no change history (regions, partnership scopes)."""


# What a change was from or to when there was nothing: not Python's "None".
NO_VALUE = "—"


class ReadableHistoryChanges(HistoricalRecordContextHelper):
    """A history page's changes as the secretariat reads the record: a choice by its label
    ("Mendaftar → Diterima", not "mendaftar → diterima"), yes or no, a dash for nothing."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return NO_VALUE
        if isinstance(value, bool):
            return _("Ya") if value else _("Tidak")
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return value


class HistoryAdmin(FastChangelistMixin, SimpleHistoryAdmin):
    """Admin for a model with ``HistoricalRecords``: the secretariat sees who changed what."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryChanges(self.model, historical_record)


class YearListFilter(admin.SimpleListFilter):
    """The year of a date; subclasses made by ``year_filter`` name the date's path."""

    title = _("tahun")
    parameter_name = "tahun"
    field_path = ""

    def lookups(self, request, model_admin):
        # The first and last dates bound the years: one MIN/MAX query on the table that holds
        # the date, instead of a DISTINCT over every row (and join) of a big table.
        *_path, date_field = get_fields_from_path(model_admin.model, self.field_path)
        bounds = date_field.model._default_manager.aggregate(
            first=Min(date_field.name), last=Max(date_field.name)
        )
        if bounds["first"] is None:
            return []
        first, last = (year_of(bounds[end]) for end in ("first", "last"))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value() or ""
        # Only years whose first and last moments a date holds in any time zone.
        if value.isdigit() and datetime.MINYEAR < int(value) < datetime.MAXYEAR:
            return queryset.filter(**{f"{self.field_path}__year": int(value)})
        return queryset


def year_of(value: datetime.date) -> int:
    """The year of a date, or of a datetime in the portal's time zone as ``__year`` reads it."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.year


def year_filter(field_path: str, title=None) -> type[YearListFilter]:
    """A list filter by the year of ``field_path`` (``start_date``, ``program__start_date``)."""
    name = "".join(part.title() for part in field_path.split("_")) + "YearFilter"
    attributes = {"field_path": field_path, "title": title or YearListFilter.title}
    return type(name, (YearListFilter,), attributes)


# Status transitions ---------------------------------------------------------------------


def transition_action(name: str, label):
    """An admin action that applies the ``StatusMachine`` transition ``name`` to each object.

    Each refusal (a ``ValidationError`` from the model method) becomes an error message naming
    the object and the reason; the other objects still move.
    """

    @admin.action(description=label, permissions=["change"])
    def action(modeladmin, request, queryset):
        moved = 0
        for obj in queryset:
            try:
                getattr(obj, name)()
            except ValidationError as refusal:
                modeladmin.message_user(
                    request, f"{obj}: {' '.join(refusal.messages)}", messages.ERROR
                )
            else:
                moved += 1
        if moved:
            modeladmin.message_user(
                request,
                _("%(action)s: %(count)d %(objects)s berhasil.")
                % {
                    "action": label,
                    "count": moved,
                    "objects": modeladmin.model._meta.verbose_name_plural,
                },
                messages.SUCCESS,
            )

    action.__name__ = name
    return action


def transition_actions(model, names=None) -> list:
    """Actions for the transitions ``names`` of ``model`` (all of them by default)."""
    return [
        transition_action(name, model.TRANSITIONS[name][0]) for name in names or model.TRANSITIONS
    ]


# Inlines --------------------------------------------------------------------------------


class PreloadedAutocompleteSelect(CheckedAutocompleteSelect):
    """An autocomplete that labels its selected option from an object already loaded.

    Django's widget looks the selected object up again for every inline row; the formset
    below hands it the row's related object instead (``preloaded``: {pk: label}).
    """

    preloaded: dict[str, str] | None = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not selected or not self.preloaded or not set(selected) <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in selected:
            options.append(self.create_option(name, pk, self.preloaded[pk], True, len(options)))
        return [(None, options, 0)]


class BoundedInlineFormSet(BaseInlineFormSet):
    """An inline formset whose rows cost no query each.

    Autocomplete fields take their label from the related object the row was loaded with
    (the inline's ``get_queryset`` selects it); plain selects evaluate their choices once for
    all rows instead of once per row.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        shared_choices = self.__dict__.setdefault("_shared_choices", {})
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect):
                model_field = form.instance._meta.get_field(name)
                if model_field.is_cached(form.instance):
                    related = model_field.get_cached_value(form.instance)
                    if related is not None:
                        widget.preloaded = {str(related.pk): field.label_from_instance(related)}
            elif isinstance(field, ModelChoiceField) and isinstance(widget, Select):
                if name not in shared_choices:
                    shared_choices[name] = list(field.choices)
                field.choices = shared_choices[name]


class BoundedInlineMixin(CheckedAutocompleteFieldsMixin):
    """Inline settings: no empty extra rows, and no query per row (see BoundedInlineFormSet)."""

    formset = BoundedInlineFormSet
    extra = 0
    show_change_link = True
    autocomplete_select = PreloadedAutocompleteSelect

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.get_autocomplete_fields(request))


class TabularInline(BoundedInlineMixin, admin.TabularInline):
    """The tabular inline every app uses."""


# Import and export ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    line: int | None  # the line in the file, the header being line 1; None for the whole file
    reasons: list[str]


def import_problems(result, model) -> list[ImportProblem]:
    """Every bad row of an import result, validation errors and hard errors alike, in order;
    a field's errors under the field's column header, as the file names it."""
    problems = [ImportProblem(None, [str(error.error)]) for error in result.base_errors]
    reasons_by_row = defaultdict(list)
    for row in result.invalid_rows:
        for field, field_messages in row.error_dict.items():
            header = capfirst(field_header(model, field) or field)
            prefix = "" if field == NON_FIELD_ERRORS else f"{header}: "
            reasons_by_row[row.number] += [prefix + message for message in field_messages]
    for row in result.error_rows:
        reasons_by_row[row.number] += [
            str(error.error)
            if isinstance(error.error, ImportValueError)
            else _("Gagal disimpan: %(error)s") % {"error": error.error}
            for error in row.errors
        ]
    # The dataset's first row is the file's second line, below the column names.
    problems += [ImportProblem(row + 1, reasons) for row, reasons in sorted(reasons_by_row.items())]
    return problems


class IndonesianLabelsMixin:
    labels = {
        "resource": _("Jenis data"),
        "format": _("Format berkas"),
        "import_file": _("Berkas yang diimpor"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label


class ImportForm(IndonesianLabelsMixin, import_export_forms.ImportForm):
    pass


class ExportForm(IndonesianLabelsMixin, import_export_forms.ExportForm):
    """Without django-import-export's field checkboxes, whose template needs inline scripts."""


class ImportExportHistoryAdmin(ImportExportMixin, HistoryAdmin):
    """History admin with CSV/XLSX import and export through the app's ``resources.py``."""

    formats = [CSV, XLSX]
    import_form_class = ImportForm
    export_form_class = ExportForm

    def has_import_permission(self, request):
        # An import adds and changes rows, so it needs both permissions, not just a staff login.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        return self._import_page(response)

    def process_result(self, result, request):
        """The confirm step: on any bad row nothing was saved; say so and list every row."""
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "form": self.get_import_form_class(request)(
                    self.get_import_formats(), self.get_import_resource_classes(request)
                ),
                "result": result,
            }
            return self._import_page(
                TemplateResponse(request, [self.import_template_name], context)
            )
        return super().process_result(result, request)

    def _import_page(self, response):
        context = response.context_data
        context["title"] = _("Impor %(objects)s") % {
            "objects": self.model._meta.verbose_name_plural
        }
        if context.get("result") is not None:
            context["import_problems"] = import_problems(context["result"], self.model)
        return response

    def get_export_queryset(self, request):
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters:
            # The changelist shows such a filter (a lookup on no field, a bad value) as its
            # "?e=1" page; the export has no page of its own to show it on.
            # Not the error's own text: it may quote the value, and a value may be a NIK.
            raise BadRequest("The export's filters name no field or hold a bad value.") from None

    def export_action(self, request):
        response = super().export_action(request)
        if isinstance(response, TemplateResponse):
            response.context_data["title"] = _("Ekspor %(objects)s") % {
                "objects": self.model._meta.verbose_name_plural
            }
        return response

    def add_success_message(self, result, request):
        messages.success(
            request,
            _("Impor selesai: %(new)d baru, %(updated)d diperbarui, %(skipped)d tidak berubah.")
            % {
                "new": result.totals[RowResult.IMPORT_TYPE_NEW],
                "updated": result.totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": result.totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )


class SecretariatOnlyMixin:
    """For the portal's own models, outside the domain apps whose permissions the roles carry:
    the secretariat (and superusers) may see them, nobody else."""

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_staff and (user.is_superuser or roles.has_role(user, roles.SECRETARIAT))

    def has_module_permission(self, request):
        return self.has_view_permission(request)
