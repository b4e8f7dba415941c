import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from core.fields import MobileNumberField
from core.validators import (
    IMAGE_UPLOAD_VALIDATORS,
    LOGO_UPLOAD_VALIDATORS,
    PDF_UPLOAD_VALIDATORS,
    PHOTO_UPLOAD_VALIDATORS,
    ImageDimensionsValidator,
    MaxFileSizeValidator,
    normalize_mobile_number,
    validate_image_content,
    validate_pdf_content,
    validate_plain_text,
)
from tests.pdfs import BLANK_PDF, blank_pdf


@pytest.mark.parametrize(
    "text",
    ["Siti Nur-Aini", "Kp. Melati RT 01/02 No. 3+4", "Andi @ Cikupa", "O'Neil", "'=1+1"],
)
def test_names_and_addresses_with_signs_inside_are_plain_text(text):
    validate_plain_text(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('=HYPERLINK("http://evil.example/","Klik")', "formula"),
        ("+62 812", "formula"),
        ("-1+1", "formula"),
        ("@SUM(A1)", "formula"),
        ("\t=1+1", "formula"),
        ("\r+1", "formula"),
        ("  =1+1", "formula"),
        ("Siti <script>", "markup"),
        ("Jl. Raya > 5", "markup"),
    ],
)
def test_formulas_and_markup_are_refused(text, code):
    with pytest.raises(ValidationError) as caught:
        validate_plain_text(text)
    assert caught.value.code == code


INVALID_MOBILE = "Nomor HP tidak valid. Tulis nomor seluler Indonesia, misalnya 0812-3456-7890."


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "(0812) 3456 7890",
        "0812.3456.7890",
        "6281234567890",
        "+6281234567890",
        "+62 812-3456-7890",
    ],
)
def test_mobile_number_is_normalised_to_plus_62(typed):
    assert normalize_mobile_number(typed) == "+6281234567890"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0811234567", "+62811234567"), ("0812-3456-78901", "+62812345678901")],
)
def test_shortest_and_longest_mobile_numbers_are_accepted(typed, stored):
    assert normalize_mobile_number(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "081234567",  # nine digits
        "08123456789012",  # fourteen digits
        "021-5551234",  # a landline
        "+1 812 3456 7890",
        "+62 0812 3456 7890",
        "0712-3456-7890",
        "0812-3456-789a",
        "nomor saya 081234567890",
    ],
)
def test_mobile_number_refuses_other_forms(typed):
    with pytest.raises(ValidationError) as caught:
        normalize_mobile_number(typed)
    assert caught.value.messages == [INVALID_MOBILE]
    assert caught.value.code == "invalid_mobile"


def test_mobile_number_field_normalises_when_cleaned():
    field = MobileNumberField(blank=True)
    assert field.clean("0857 0000 1111", None) == "+6285700001111"
    with pytest.raises(ValidationError):
        field.clean("12345", None)


def test_mobile_number_field_leaves_lookups_alone():
    # Admin search on part of a number must not be refused as an invalid number.
    assert MobileNumberField().get_prep_value("0812") == "0812"


# Uploads --------------------------------------------------------------------------------


def image_upload(name: str, image_format: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def run_all(validators, upload) -> list[str]:
    messages = []
    for validator in validators:
        try:
            validator(upload)
        except ValidationError as error:
            messages.extend(error.messages)
    return messages


@pytest.mark.parametrize(
    ("name", "image_format"), [("logo.png", "PNG"), ("foto.jpg", "JPEG"), ("foto.webp", "WEBP")]
)
def test_real_images_pass_every_image_validator(name, image_format):
    assert run_all(IMAGE_UPLOAD_VALIDATORS, image_upload(name, image_format)) == []


def test_text_file_named_as_an_image_is_refused():
    upload = SimpleUploadedFile("logo.png", b"<?php echo 'bukan gambar'; ?>")
    assert run_all(IMAGE_UPLOAD_VALIDATORS, upload) == ["Berkas ini bukan gambar yang sah."]


def test_image_in_another_format_is_refused():
    upload = image_upload("animasi.png", "GIF")
    assert run_all(IMAGE_UPLOAD_VALIDATORS, upload) == [
        "Gambar harus berformat JPEG, PNG, atau WebP."
    ]


def test_image_with_another_extension_is_refused():
    messages = run_all(IMAGE_UPLOAD_VALIDATORS, image_upload("logo.svg", "PNG"))
    assert len(messages) == 1
    assert "svg" in messages[0]


def png_header_claiming(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def test_image_claiming_enormous_dimensions_is_refused_not_crashing():
    upload = SimpleUploadedFile("bom.png", png_header_claiming(50_000, 50_000))
    with pytest.raises(ValidationError) as caught:
        validate_image_content(upload)
    assert caught.value.messages == ["Berkas ini bukan gambar yang sah."]


def test_image_validation_rewinds_the_file():
    upload = image_upload("logo.png", "PNG")
    validate_image_content(upload)
    assert upload.tell() == 0


def test_too_large_file_is_refused_by_the_setting(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    upload = SimpleUploadedFile("logo.png", b"x" * 101)
    with pytest.raises(ValidationError) as caught:
        MaxFileSizeValidator("MAX_IMAGE_UPLOAD_BYTES")(upload)
    assert caught.value.code == "file_too_large"
    assert caught.value.messages == ["Berkas terlalu besar (101\xa0bita). Batasnya 100\xa0bita."]


def test_file_at_the_limit_is_accepted(settings):
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 100
    MaxFileSizeValidator("MAX_DOCUMENT_UPLOAD_BYTES")(SimpleUploadedFile("a.pdf", b"x" * 100))


def test_a_plain_pdf_is_accepted():
    upload = SimpleUploadedFile("laporan.pdf", BLANK_PDF)
    assert run_all(PDF_UPLOAD_VALIDATORS, upload) == []
    assert upload.tell() == 0


def pdf_code(content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_pdf_content(SimpleUploadedFile("laporan.pdf", content))
    return caught.value.error_list[0].code


def test_a_pdf_that_runs_a_script_when_opened_is_refused():
    assert pdf_code(blank_pdf(script="app.launchURL('http://evil.example/');")) == (
        "pdf_active_content"
    )


def test_a_pdf_carrying_a_file_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("program.exe", b"MZ")
    written = io.BytesIO()
    writer.write(written)
    assert pdf_code(written.getvalue()) == "pdf_active_content"


def test_a_file_with_the_signature_that_does_not_parse_is_refused():
    assert pdf_code(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") == "pdf_unreadable"


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 a zip called pdf", b"<html>%PDF-</html>", b"%PDF"]
)
def test_file_without_the_pdf_signature_is_refused(content):
    with pytest.raises(ValidationError) as caught:
        validate_pdf_content(SimpleUploadedFile("laporan.pdf", content))
    assert caught.value.messages == ["Berkas harus berupa dokumen PDF."]


def test_pdf_with_another_extension_is_refused():
    upload = SimpleUploadedFile("laporan.docx", BLANK_PDF)
    messages = run_all(PDF_UPLOAD_VALIDATORS, upload)
    assert len(messages) == 1
    assert "docx" in messages[0]


# Image dimensions -----------------------------------------------------------------------


def sized_image(width: int, height: int, name: str = "foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(("width", "height"), [(120, 120), (640, 480), (4000, 4000)])
def test_image_within_the_dimensions_passes(width, height):
    validator = ImageDimensionsValidator(120, 120, 4000, 4000)
    upload = sized_image(width, height)
    validator(upload)
    assert upload.tell() == 0


@pytest.mark.parametrize(
    ("width", "height", "code", "shown"),
    [
        (119, 500, "image_too_small", "119×500"),
        (500, 100, "image_too_small", "500×100"),
        (4001, 300, "image_too_large", "4001×300"),
        (300, 4100, "image_too_large", "300×4100"),
    ],
)
def test_image_outside_the_dimensions_is_refused_with_both_sizes(width, height, code, shown):
    with pytest.raises(ValidationError) as caught:
        ImageDimensionsValidator(120, 120, 4000, 4000)(sized_image(width, height))
    assert caught.value.code == code
    assert caught.value.messages == [
        f"Ukuran gambar {shown} piksel. Ukuran yang diterima paling kecil 120×120 dan paling "
        "besar 4000×4000 piksel."
    ]


def test_dimension_check_leaves_a_non_image_to_the_content_check():
    upload = SimpleUploadedFile("foto.png", b"bukan gambar")
    ImageDimensionsValidator(1, 1, 10, 10)(upload)
    assert run_all(LOGO_UPLOAD_VALIDATORS, upload) == ["Berkas ini bukan gambar yang sah."]


def test_photo_validators_check_type_size_and_dimensions():
    assert run_all(PHOTO_UPLOAD_VALIDATORS, sized_image(640, 480, "bengkel.png")) == []
    assert run_all(PHOTO_UPLOAD_VALIDATORS, sized_image(639, 480, "bengkel.png")) == [
        "Ukuran gambar 639×480 piksel. Ukuran yang diterima paling kecil 640×480 dan paling "
        "besar 6000×6000 piksel."
    ]
    assert len(run_all(PHOTO_UPLOAD_VALIDATORS, sized_image(640, 480, "bengkel.gif"))) == 1


def test_dimension_validator_deconstructs_for_migrations():
    validator = ImageDimensionsValidator(640, 480, 6000, 6000)
    path, args, kwargs = validator.deconstruct()
    assert path == "core.validators.ImageDimensionsValidator"
    assert ImageDimensionsValidator(*args, **kwargs) == validator
    assert validator != ImageDimensionsValidator(640, 480, 6000, 5999)
