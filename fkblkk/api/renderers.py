"""CSV, the API's second format: one row per item of a list, nested fields as dotted columns."""

from rest_framework_csv.renderers import PaginatedCSVRenderer

from ..dashboard.exports import neutralise


class CsvRenderer(PaginatedCSVRenderer):
    """The rows of a list page (``?format=csv`` or ``Accept: text/csv``).

    Columns come in the serializer's order rather than sorted, and every text cell is
    neutralised like the dashboard's spreadsheets, so a value that starts with ``=`` cannot run
    as a formula when the file is opened in a spreadsheet.
    """

    media_type = "text/csv"
    format = "csv"

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


class _Flat(dict):
    """An item already flattened (so that the header could be read off it)."""
