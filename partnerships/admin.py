from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, ReferenceAdmin, TabularInline, year_filter

from .models import Contribution, Partner, Partnership, PartnershipScope


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    list_display = ["name", "kind", "contact_name", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "slug", "contact_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PartnershipScope)
class PartnershipScopeAdmin(ReferenceAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class PartnershipStatusFilter(admin.SimpleListFilter):
    """Status is computed from the dates, so filter by the dates as Partnership.status() reads."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Partnership.Status.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        terminated = Q(terminated_on__lte=today)
        conditions = {
            Partnership.Status.TERMINATED: terminated,
            Partnership.Status.UPCOMING: Q(start_date__gt=today) & ~terminated,
            Partnership.Status.EXPIRED: Q(end_date__lt=today) & ~terminated,
        }
        if self.value() == Partnership.Status.ACTIVE:
            return queryset.active(today)
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


class ContributionInline(TabularInline):
    model = Contribution
    fields = ["institution", "kind", "description", "delivered_on", "quantity", "value"]
    autocomplete_fields = ["institution"]
    formfield_overrides = {
        # A one-line description keeps the table readable; the full text is on its own page.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
    }


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = [
        "title",
        "partner",
        "agreement_type",
        "start_date",
        "end_date",
        "status_label",
        "covers_whole_forum",
    ]
    list_select_related = ["partner"]
    list_filter = [
        PartnershipStatusFilter,
        "agreement_type",
        ("scopes", admin.RelatedOnlyFieldListFilter),
        ("institutions__district", admin.RelatedOnlyFieldListFilter),
        year_filter("start_date"),
        "covers_whole_forum",
    ]
    search_fields = ["title", "agreement_number", "partner__name"]
    autocomplete_fields = ["partner", "institutions"]
    date_hierarchy = "start_date"
    inlines = [ContributionInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "scopes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("status"))
    def status_label(self, partnership):
        return Partnership.Status(partnership.status()).label


@admin.register(Contribution)
class ContributionAdmin(HistoryAdmin):
    list_display = ["partnership", "institution", "kind", "delivered_on", "quantity", "value"]
    list_select_related = ["partnership__partner", "institution"]
    list_filter = [
        "kind",
        ("institution__district", admin.RelatedOnlyFieldListFilter),
        year_filter("delivered_on"),
        ("partnership__partner", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "description",
        "institution__name",
        "partnership__title",
        "partnership__partner__name",
    ]
    autocomplete_fields = ["partnership", "institution"]
    date_hierarchy = "delivered_on"
