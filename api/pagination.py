"""Pages of API lists: numbered pages for the short lists, a cursor for the long ones.

Both also give the next and previous pages in a ``Link`` header (RFC 8288), which is where a
CSV reader finds them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound


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

    def paginate_queryset(self, queryset, request, view=None):
        self.queryset = queryset
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """DRF's cursor, refused (404) when its position is not a value of the ordering field.

        A cursor is base64 any client can forge: a position "1" on a date, or a NUL that
        PostgreSQL refuses in a string, would otherwise fail deep in the query as a 500.
        Building the filter the page will use checks the value without running a query.
        """
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        order_attr = self.ordering[0].lstrip("-")
        try:
            if "\x00" in cursor.position:
                raise ValueError("NUL in a cursor position")
            self.queryset.filter(**{f"{order_attr}__gt": cursor.position})
        except (ValidationError, ValueError, TypeError):
            raise NotFound(self.invalid_cursor_message) from None
        return cursor
