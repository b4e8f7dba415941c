"""Uploaded images are stored as Pillow writes them again: no EXIF, nothing hidden after the
pixels, whichever page saves them."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests import factories

# After a PNG's last chunk: a browser sniffing the file could run it.
HIDDEN = b"<script>alert(1)</script>"


def upload(image_format: str, *, exif=None, trailer: bytes = b"", mode="RGB") -> SimpleUploadedFile:
    written = BytesIO()
    image = Image.new(mode, (640, 480), color=(200, 120, 40) if mode == "RGB" else 1)
    options = {"exif": exif} if exif is not None else {}
    image.save(written, format=image_format, **options)
    name = {"JPEG": "foto.jpg", "PNG": "foto.png", "WEBP": "foto.webp"}[image_format]
    return SimpleUploadedFile(name, written.getvalue() + trailer)


def stored(photo) -> bytes:
    photo.image.open("rb")
    try:
        return photo.image.read()
    finally:
        photo.image.close()


def test_a_photos_exif_with_its_gps_position_is_not_stored(db):
    exif = Image.Exif()
    exif[0x010F] = "Kamera Ponsel"  # Make
    exif[0x8825] = {2: (6.0, 11.0, 30.0)}  # GPSInfo: latitude
    photo = factories.InstitutionPhotoFactory(image=upload("JPEG", exif=exif))

    with Image.open(BytesIO(stored(photo))) as kept:
        assert kept.format == "JPEG"
        assert kept.size == (640, 480)
        assert dict(kept.getexif()) == {}


def test_nothing_hidden_after_the_image_is_stored(db):
    photo = factories.InstitutionPhotoFactory(image=upload("PNG", trailer=HIDDEN))

    assert HIDDEN not in stored(photo)
    with Image.open(BytesIO(stored(photo))) as kept:
        assert (kept.format, kept.size) == ("PNG", (640, 480))


def test_every_accepted_format_and_mode_is_written_again(db):
    for image_format, mode in (("PNG", "1"), ("WEBP", "RGB"), ("JPEG", "L")):
        photo = factories.InstitutionPhotoFactory(image=upload(image_format, mode=mode))
        with Image.open(BytesIO(stored(photo))) as kept:
            assert kept.format == image_format


def test_a_stored_image_is_left_as_it_is_when_the_row_is_saved_again(db):
    photo = factories.InstitutionPhotoFactory(image=upload("PNG"))
    before = stored(photo)

    photo.caption = "Ruang jahit"
    photo.save()

    assert stored(photo) == before
