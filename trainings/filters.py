"""The public program listing's search, filters and sort, all carried in the URL."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import QuickSelect

from . import selectors
from .models import FundingSource


class SortFilter(django_filters.ChoiceFilter):
    """Orders the results; with no choice it still sorts, by the default order."""

    def filter(self, qs, value):
        return selectors.program_sort(qs, order=value or selectors.SortOrder.SOONEST)


class ProgramFilter(django_filters.FilterSet):
    """Parameters keep short Indonesian names so that a shared link reads well.

    Always bind it (``ProgramFilter(request.GET, ...)``), even to an empty query string,
    so that the default sort applies. A value that is not a valid choice is reported on its
    field and ignored.
    """

    q = django_filters.CharFilter(
        label=_("Cari"),
        method="filter_search",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Judul, kejuruan, atau BLKK"),
                "enterkeyhint": "search",
            }
        ),
    )
    kejuruan = django_filters.ChoiceFilter(
        label=_("Kejuruan"),
        field_name="field__slug",
        choices=selectors.vocational_field_choices,
        empty_label=_("Semua kejuruan"),
        widget=QuickSelect,
    )
    kecamatan = django_filters.ChoiceFilter(
        label=_("Kecamatan"),
        field_name="institution__district__code",
        choices=selectors.district_choices,
        empty_label=_("Semua kecamatan"),
        widget=QuickSelect,
    )
    blkk = django_filters.ChoiceFilter(
        label=_("BLKK"),
        field_name="institution__slug",
        choices=selectors.institution_choices,
        empty_label=_("Semua BLKK"),
        widget=QuickSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="public_status",
        choices=selectors.PublicStatus.choices,
        empty_label=_("Semua status"),
    )
    bulan = django_filters.ChoiceFilter(
        label=_("Bulan mulai"),
        method="filter_start_month",
        choices=selectors.start_month_choices,
        empty_label=_("Semua bulan"),
    )
    dana = django_filters.ChoiceFilter(
        label=_("Sumber dana"),
        field_name="funding_source",
        choices=FundingSource.choices,
        empty_label=_("Semua sumber dana"),
    )
    urut = SortFilter(label=_("Urutkan"), choices=selectors.SortOrder.choices, empty_label=None)

    # The filters a visitor opens the panel for; the search box and sort stay in sight.
    PANEL_FIELDS = ("kejuruan", "kecamatan", "blkk", "status", "bulan", "dana")

    def filter_search(self, queryset, name, value):
        return selectors.program_search(queryset, text=value)

    def filter_start_month(self, queryset, name, value: str):
        year, month = value.split("-")
        return queryset.filter(start_date__year=int(year), start_date__month=int(month))

    def panel_fields(self) -> list:
        return [self.form[name] for name in self.PANEL_FIELDS]

    def panel_is_used(self) -> bool:
        """Whether a panel filter is set, so the panel opens on the results it produced."""
        return any(self.data.get(name) for name in self.PANEL_FIELDS)
