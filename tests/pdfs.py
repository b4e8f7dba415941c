"""PDFs for upload tests: a blank report, and one that runs a script when opened."""

from io import BytesIO

from pypdf import PdfWriter
from pypdf.actions import JavaScript


def _written(writer: PdfWriter) -> bytes:
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf(*, script: str = "") -> bytes:
    """A one-page A4 PDF; with ``script``, JavaScript that runs when it is opened."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if script:
        writer.add_open_action(JavaScript(script))
    return _written(writer)


BLANK_PDF = blank_pdf()
