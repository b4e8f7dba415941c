"""CSV, the API's second format: one row per item of a list, nested fields as dotted columns."""

from rest_framework import serializers
from rest_framework_csv.renderers import PaginatedCSVRenderer

from core.spreadsheets import neutralise


class CsvRenderer(PaginatedCSVRenderer):
    """The rows of a list page (``?format=csv`` or ``Accept: text/csv``).

    Columns come in the serializer's order rather than sorted, and every text cell is
    neutralised like the dashboard's spreadsheets, so a value that starts with ``=`` cannot run
    as a formula when the file is opened in a spreadsheet.
    """

    media_type = "text/csv"
    format = "csv"

    def render(self, data, media_type=None, renderer_context=None, writer_opts=None):
        # An item (not a page of a list) is a table of one row; a list without rows still has
        # its header row, read off the view's serializer (an empty body would have no
        # Content-Type, and a reader could not tell an empty list from a broken answer).
        renderer_context = renderer_context or {}
        if isinstance(data, dict) and self.results_field not in data:
            data = [data]
        rows = data if isinstance(data, list) else data.get(self.results_field, [])
        view = renderer_context.get("view")
        if not rows and "header" not in renderer_context and hasattr(view, "get_serializer"):
            renderer_context = {**renderer_context, "header": columns(view.get_serializer())}
        return super().render(data, media_type, renderer_context, writer_opts)

    def tablize(self, data, header=None, labels=None):
        if not header and data:
            data = list(self.flatten_data(data))
            header = list(dict.fromkeys(column for item in data for column in item))
            data = [_Flat(item) for item in data]
        for row in super().tablize(data, header=header, labels=labels):
            yield [neutralise(cell) if isinstance(cell, str) else cell for cell in row]

    def flatten_item(self, item):
        if isinstance(item, _Flat):
            return item
        return super().flatten_item(item)


def columns(serializer, prefix: str = "") -> list[str]:
    """The CSV columns of ``serializer``'s rows: nested objects as dotted columns."""
    names = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            names.extend(columns(field, f"{prefix}{name}."))
        else:
            names.append(f"{prefix}{name}")
    return names


class _Flat(dict):
    """An item already flattened (so that the header could be read off it)."""
