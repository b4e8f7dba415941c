"""The files demo rows point to: a PBK realisation report (a small valid PDF) and a BLKK photo."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from PIL import Image, ImageDraw

PBK_REPORT_FILE = "pbk/reports/demo/laporan-realisasi-pbk-demo.pdf"
PHOTO_FILE = "institutions/photos/demo/foto-blkk-demo.png"


def report_pdf(text: str) -> bytes:
    """A one-page A4 PDF showing ``text`` (plain ASCII), built by hand to need no library."""
    stream = b"BT /F1 14 Tf 72 760 Td (%s) Tj ET" % text.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(pdf)


def ensure_pbk_report_file() -> None:
    """Store the demo report once; every demo PBK grant with a submitted report points to it.

    PBK reports live in the private storage, where only the download views reach them.
    """
    private = storages["private"]
    if not private.exists(PBK_REPORT_FILE):
        private.save(
            PBK_REPORT_FILE,
            ContentFile(report_pdf("Laporan realisasi bantuan PBK - Data demo (fiktif)")),
        )


def ensure_photo_file() -> None:
    """Store the demo photo once (as large as a BLKK photo must be); demo photos point to it."""
    if default_storage.exists(PHOTO_FILE):
        return
    image = Image.new("RGB", (800, 600), "#dfe9e3")
    ImageDraw.Draw(image).text((40, 40), "Foto demo BLKK (fiktif)", fill="#0b5d3b")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    default_storage.save(PHOTO_FILE, ContentFile(buffer.getvalue()))
