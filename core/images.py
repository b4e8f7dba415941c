"""Uploaded images are stored as Pillow writes them again, never as they came.

Only the pixels survive: EXIF (a phone photo's GPS position), comments and anything hidden
after the image data (a file that is an image and a script at once) are left behind.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# What each accepted format is written with.
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}


def reencoded(upload) -> ContentFile:
    """``upload`` (an image of a format the validators accept) written again by Pillow, under
    the same name, turned upright as its EXIF said."""
    upload.seek(0)
    with Image.open(upload) as image:
        image_format = image.format
        upright = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        written = BytesIO()
        upright.save(written, format=image_format, **SAVE_OPTIONS[image_format])
    return ContentFile(written.getvalue(), name=upload.name)
