"""Pages of API lists: numbered pages for the short lists, a cursor for the long ones.

Both also give the next and previous pages in a ``Link`` header (RFC 8288), which is where a
CSV reader finds them.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination


class LinkHeaderMixin:
    page_descriptions = {
        "count": _("Jumlah seluruh baris, di semua halaman."),
        "next": _("Alamat halaman berikutnya; null di halaman terakhir."),
        "previous": _("Alamat halaman sebelumnya; null di halaman pertama."),
        "results": _("Baris halaman ini."),
    }

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        for name, definition in paginated["properties"].items():
            definition["description"] = str(self.page_descriptions[name])
        return paginated

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response


class PagePagination(LinkHeaderMixin, pagination.PageNumberPagination):
    """``?halaman=N&per_halaman=M``, for lists of at most a few thousand rows."""

    page_query_param = "halaman"
    page_size_query_param = "per_halaman"
    page_size = 50
    max_page_size = 500
    invalid_page_message = _("Halaman tidak ada.")
    page_query_description = _("Nomor halaman, mulai dari 1.")
    page_size_query_description = _("Jumlah baris per halaman (paling banyak 500).")


class CursorPagination(LinkHeaderMixin, pagination.CursorPagination):
    """``?kursor=…``, for lists that grow without bound (programs, villages, enrollments): each
    page costs the same however deep it is, and no row is skipped or repeated when rows are
    added while a reader pages through. The view's ``ordering`` (or ``?urutan=``) orders it."""

    cursor_query_param = "kursor"
    page_size_query_param = "per_halaman"
    page_size = 100
    max_page_size = 1000
    invalid_cursor_message = _("Kursor tidak valid; mulailah dari halaman pertama.")
    cursor_query_description = _("Penanda halaman, dari tautan next/previous jawaban sebelumnya.")
    page_size_query_description = _("Jumlah baris per halaman (paling banyak 1000).")
