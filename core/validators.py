"""Validators shared by several apps: names and addresses, Indonesian phone numbers and
uploaded files."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from .spreadsheets import FORMULA_TRIGGERS


def validate_plain_text(value: str) -> None:
    """A person's name or an address: no text a spreadsheet would run as a formula (in the
    secretariat's exports, or a file a manager opens) and no markup. A sign inside is fine
    ("Siti Nur-Aini", "RT 01/02 No. 3+4"); only the first character counts, after any spaces,
    tabs or line breaks a spreadsheet would skip."""
    if value.lstrip().startswith(FORMULA_TRIGGERS):
        raise ValidationError(
            _("Isian ini tidak boleh diawali tanda =, +, -, atau @."), code="formula"
        )
    if "<" in value or ">" in value:
        raise ValidationError(_("Isian ini tidak boleh memuat tanda < atau >."), code="markup")


# 10 to 13 digits when written with the leading 0 (0811-234-567 up to 0812-3456-78901).
MOBILE_PATTERN = re.compile(r"^(?:\+?62|0)(8\d{8,11})$")


def normalize_mobile_number(value: str) -> str:
    """Return an Indonesian mobile number as +62…, or raise ValidationError.

    Accepts the forms people write: 0812-3456-7890, 62812…, +62 812 …, (0812) 3456 7890.
    """
    match = MOBILE_PATTERN.match(compact_phone_number(value))
    if not match:
        raise ValidationError(
            _("Nomor HP tidak valid. Tulis nomor seluler Indonesia, misalnya 0812-3456-7890."),
            code="invalid_mobile",
        )
    return f"+62{match.group(1)}"


# An office line with its area code (021 5991234) or a mobile number, as people write them.
PHONE_PATTERN = re.compile(r"^(?:\+?62|0)[1-9]\d{6,11}$")


def compact_phone_number(value: str) -> str:
    """The digits of a phone number, and a leading +, without the spaces and signs between."""
    return re.sub(r"[\s\-().]", "", value or "")


def validate_phone_number(value: str) -> None:
    """An Indonesian phone number, landline or mobile, in whatever form it is written; it is
    kept as written, since an office line reads best grouped as its owner groups it."""
    if not PHONE_PATTERN.match(compact_phone_number(value)):
        raise ValidationError(
            _(
                "Nomor telepon tidak valid. Tulis nomor Indonesia dengan kode wilayah, misalnya "
                "(021) 5991234 atau 0812-3456-7890."
            ),
            code="invalid_phone",
        )


@deconstructible
class MaxFileSizeValidator:
    def __init__(self, setting_name: str):
        self.setting_name = setting_name

    def __call__(self, file):
        limit = getattr(settings, self.setting_name)
        if file.size > limit:
            raise ValidationError(
                _("Berkas terlalu besar (%(size)s). Batasnya %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSizeValidator) and other.setting_name == self.setting_name


def validate_image_content(file) -> None:
    """Refuse files that only pretend to be images (checked by decoding the header)."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with Image.open(file) as image:
            image.verify()
            if image.format not in {"JPEG", "PNG", "WEBP"}:
                raise ValidationError(
                    _("Gambar harus berformat JPEG, PNG, atau WebP."), code="image_format"
                )
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(_("Berkas ini bukan gambar yang sah."), code="not_image") from error
    finally:
        file.seek(position)


# What makes a PDF act when it is opened or clicked: scripts, programs launched, files carried
# inside, forms sent elsewhere. A report to read needs none of them.
PDF_ACTIVE_NAMES = frozenset(
    {
        "/JS",
        "/JavaScript",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/SubmitForm",
        "/ImportData",
        "/RichMedia",
        "/XFA",
    }
)


def _pdf_acts(root) -> bool:
    """Whether anything reachable from ``root`` (the document catalog) names an action."""
    pending, seen = [root], set()
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES:
            return True
        if isinstance(item, DictionaryObject):
            if PDF_ACTIVE_NAMES & set(item.keys()):
                return True
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


def validate_pdf_content(file) -> None:
    """Refuse files that are no PDF whatever their name says, PDFs that do not parse, and PDFs
    that carry scripts or actions."""
    position = file.tell() if hasattr(file, "tell") else 0
    header = file.read(5)
    file.seek(position)
    if header != b"%PDF-":
        raise ValidationError(_("Berkas harus berupa dokumen PDF."), code="not_pdf")
    try:
        acts = _pdf_acts(PdfReader(file, strict=False).trailer["/Root"])
    except Exception as error:  # noqa: BLE001 (a parser of a stranger's file fails in many ways)
        raise ValidationError(
            _(
                "Berkas PDF ini rusak atau tidak dapat dibaca. Simpan ulang sebagai PDF lalu "
                "unggah lagi."
            ),
            code="pdf_unreadable",
        ) from error
    finally:
        file.seek(position)
    if acts:
        raise ValidationError(
            _(
                "PDF ini memuat skrip, lampiran, atau tindakan otomatis. Cetak ulang sebagai PDF "
                "biasa lalu unggah."
            ),
            code="pdf_active_content",
        )


@deconstructible
class ImageDimensionsValidator:
    """Refuse images smaller or larger (in pixels) than the page that shows them needs.

    Reads only the image's header. A file that is no image passes here: the content
    validator reports it, so the user reads one message, not two.
    """

    def __init__(self, min_width: int, min_height: int, max_width: int, max_height: int):
        self.min_width = min_width
        self.min_height = min_height
        self.max_width = max_width
        self.max_height = max_height

    def __call__(self, file):
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            with Image.open(file) as image:
                width, height = image.size
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
            return
        finally:
            file.seek(position)
        too_small = width < self.min_width or height < self.min_height
        too_large = width > self.max_width or height > self.max_height
        if too_small or too_large:
            raise ValidationError(
                _(
                    "Ukuran gambar %(width)s×%(height)s piksel. Ukuran yang diterima paling "
                    "kecil %(min_width)s×%(min_height)s dan paling besar "
                    "%(max_width)s×%(max_height)s piksel."
                ),
                code="image_too_small" if too_small else "image_too_large",
                params={
                    "width": width,
                    "height": height,
                    "min_width": self.min_width,
                    "min_height": self.min_height,
                    "max_width": self.max_width,
                    "max_height": self.max_height,
                },
            )

    def __eq__(self, other):
        return isinstance(other, ImageDimensionsValidator) and (
            (other.min_width, other.min_height, other.max_width, other.max_height)
            == (self.min_width, self.min_height, self.max_width, self.max_height)
        )


IMAGE_UPLOAD_VALIDATORS = [
    FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
    MaxFileSizeValidator("MAX_IMAGE_UPLOAD_BYTES"),
    validate_image_content,
]
PDF_UPLOAD_VALIDATORS = [
    FileExtensionValidator(["pdf"]),
    MaxFileSizeValidator("MAX_DOCUMENT_UPLOAD_BYTES"),
    validate_pdf_content,
]
# Images whose size in pixels matters to the page that shows them: a BLKK's logo and its photos.
LOGO_UPLOAD_VALIDATORS = [*IMAGE_UPLOAD_VALIDATORS, ImageDimensionsValidator(120, 120, 4000, 4000)]
PHOTO_UPLOAD_VALIDATORS = [*IMAGE_UPLOAD_VALIDATORS, ImageDimensionsValidator(640, 480, 6000, 6000)]
