"""The public program listing's search, filters and sort, all carried in the URL."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.widgets import QuickSelect

from . import selectors
from .models import FundingSource


@dataclass(frozen=True)
class Chip:
    """A link above the results that sets or removes one filter."""

    label: str
    url: str
    count: int | None = None
    active: bool = False


class SortFilter(django_filters.ChoiceFilter):
    """Orders the results; with no choice it still sorts, by the default order."""

    def filter(self, qs, value):
        return selectors.program_sort(qs, order=value or selectors.SortOrder.ACTION)


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
                "placeholder": _("Judul, kejuruan, BLKK, atau kecamatan"),
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

    @property
    def cleaned(self) -> dict:
        """The valid values; an invalid one is reported on its field and left out."""
        self.errors  # noqa: B018 - validates the form once
        return getattr(self.form, "cleaned_data", {})

    def panel_filters_in_use(self) -> int:
        """How many panel filters are set: on a phone the panel stays closed, so that the
        results come first, and its button says how many it holds."""
        return sum(1 for name in self.PANEL_FIELDS if self.data.get(name))

    def url_with(self, **changes) -> str:
        """This listing's query string with ``changes`` (None removes a parameter), from the
        first page."""
        query = self.data.copy()
        query.pop("halaman", None)
        for name, value in changes.items():
            query.pop(name, None)
            if value is not None:
                query[name] = value
        listing = reverse("trainings:program-list")
        return f"{listing}?{query.urlencode()}" if query else listing

    def removable_chips(self) -> list[Chip]:
        """One chip per filter in use ("Kecamatan: Cikupa"), each a link without it."""
        chips = []
        for name in ("q", *self.PANEL_FIELDS):
            value = self.cleaned.get(name)
            if not value:
                continue
            field = self.form.fields[name]
            shown = dict(field.choices).get(value, value) if name != "q" else value
            chips.append(Chip(label=f"{field.label}: {shown}", url=self.url_with(**{name: None})))
        return chips

    def status_chips(self) -> list[Chip]:
        """One chip per public status with how many programs the other filters keep (one
        query); the chosen status's chip removes it, another's chooses it."""
        others = self.data.copy()
        others.pop("status", None)
        counts = selectors.public_status_counts(type(self)(others, queryset=self.queryset).qs)
        chosen = self.cleaned.get("status")
        return [
            Chip(
                label=status.label,
                url=self.url_with(status=None if status == chosen else status.value),
                count=counts[status],
                active=status == chosen,
            )
            for status in selectors.PublicStatus
        ]

    def suggestions(self) -> selectors.Suggestions:
        """Where else to look when nothing matches: the chosen kejuruan and kecamatan, or
        those the search words name."""
        cleaned = self.cleaned
        field_slug, district_code = cleaned.get("kejuruan"), cleaned.get("kecamatan")
        words = [
            word for meanings in selectors.search_words(cleaned.get("q") or "") for word in meanings
        ]
        field_slug = field_slug or _named_by(words, selectors.vocational_field_choices())
        district_code = district_code or _named_by(words, selectors.district_choices())
        return selectors.program_suggestions(field_slug=field_slug, district_code=district_code)


def _named_by(words: list[str], choices: list[tuple[str, str]]) -> str | None:
    """The one choice whose name has a word that one of ``words`` begins, if only one has."""
    named = {
        value
        for value, name in choices
        for part in selectors.SEARCH_WORD.findall(name.lower())
        if any(part.startswith(word) for word in words)
    }
    return named.pop() if len(named) == 1 else None
