"""The API's ordering parameter, described in the schema in the reader's language."""

from django.utils.translation import gettext_lazy as _
from rest_framework import filters


class OrderingFilter(filters.OrderingFilter):
    ordering_description = _(
        "Urutan: nama kolom (lihat enum), diawali '-' untuk urutan menurun; beberapa kolom "
        "dipisah koma."
    )
