"""Text that is safe in a spreadsheet cell, for every file the portal writes (XLSX and CSV)."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A text starting with one of these is read as a formula (or a DDE call) by spreadsheets:
# OWASP's "CSV injection".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` safe in a spreadsheet cell: an apostrophe in front of what would be read as a
    formula or a DDE call (OWASP's CSV injection), so it stays text and shows as written,
    and without the control characters a workbook may not hold."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text
