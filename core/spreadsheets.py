"""Text that is safe in a spreadsheet cell, for every file the portal writes (XLSX and CSV),
and read back as it was when such a file is imported."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A text starting with one of these is read as a formula (or a DDE call) by spreadsheets:
# OWASP's "CSV injection".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_MARK = "'"


def neutralise(text: str) -> str:
    """``text`` safe in a spreadsheet cell: an apostrophe in front of what would be read as a
    formula or a DDE call (OWASP's CSV injection), so it stays text and shows as written,
    and without the control characters a workbook may not hold."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return NEUTRALISING_MARK + text if text.startswith(FORMULA_TRIGGERS) else text


def restore(text: str) -> str:
    """``text`` as it was before ``neutralise``: a file the portal wrote (a phone number
    "+62…" written "'+62…") imports back unchanged."""
    if text.startswith(NEUTRALISING_MARK) and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
