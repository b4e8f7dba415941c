"""File storage for uploads that hold personal or confidential data: never served by URL."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, with no public URL.

    Views hand such files out one by one after checking who asks (a ``FileResponse``), so
    ``url()`` refuses rather than pointing at an address nothing serves. The folder follows
    the setting while the process runs, as the default storage follows ``MEDIA_ROOT``
    (tests point both at a temporary folder).
    """

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage():
    """Storage of files that hold personal or confidential data (``STORAGES["private"]``).

    A callable, so that migrations name it rather than the storage's settings.
    """
    return storages["private"]


def private_file_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A private file handed out as a download, once the caller checked who asks: never sniffed
    into another type, never kept by a shared cache. A file missing on disk is a 404."""
    if not field_file:
        raise Http404
    try:
        file = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
