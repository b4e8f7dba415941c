from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, ImportExportHistoryAdmin, year_filter

from .models import CommunityGroup, Enterprise, Outcome
from .resources import EnterpriseResource


@admin.register(Outcome)
class OutcomeAdmin(HistoryAdmin):
    list_display = [
        "graduate",
        "program",
        "months_after",
        "surveyed_on",
        "status",
        "job_matches_training",
        "monthly_income",
    ]
    list_select_related = ["enrollment__trainee", "enrollment__program"]
    list_filter = [
        "status",
        "months_after",
        ("enrollment__program__institution__district", admin.RelatedOnlyFieldListFilter),
        ("enrollment__program__field", admin.RelatedOnlyFieldListFilter),
        year_filter("surveyed_on", _("tahun pendataan")),
    ]
    search_fields = [
        "enrollment__trainee__full_name",
        "=enrollment__trainee__nik",
        "employer_or_business",
    ]
    autocomplete_fields = ["enrollment"]
    date_hierarchy = "surveyed_on"

    @admin.display(description=_("lulusan"), ordering="enrollment__trainee__full_name")
    def graduate(self, outcome):
        return outcome.enrollment.trainee.full_name

    @admin.display(description=_("program"), ordering="enrollment__program__title")
    def program(self, outcome):
        return outcome.enrollment.program


@admin.register(Enterprise)
class EnterpriseAdmin(ImportExportHistoryAdmin):
    resource_classes = [EnterpriseResource]
    list_display = [
        "name",
        "owner_name",
        "sector",
        "district",
        "workers",
        "owner_consents_to_publish",
        "is_published",
    ]
    list_select_related = ["owner__trainee", "owner__program", "district", "village"]
    list_filter = [
        "sector",
        ("district", admin.RelatedOnlyFieldListFilter),
        ("owner__program__field", admin.RelatedOnlyFieldListFilter),
        year_filter("started_on", _("tahun mulai berusaha")),
        "is_published",
        "owner_consents_to_publish",
    ]
    search_fields = ["name", "slug", "owner__trainee__full_name"]
    autocomplete_fields = ["owner", "district", "village"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "started_on"

    @admin.display(description=_("pemilik"), ordering="owner__trainee__full_name")
    def owner_name(self, enterprise):
        return enterprise.owner.trainee.full_name


@admin.register(CommunityGroup)
class CommunityGroupAdmin(HistoryAdmin):
    list_display = ["name", "institution", "kind", "district", "members", "founded_year"]
    list_select_related = ["institution", "district"]
    list_filter = [
        "kind",
        ("district", admin.RelatedOnlyFieldListFilter),
        ("institution", admin.RelatedOnlyFieldListFilter),
        "founded_year",
    ]
    search_fields = ["name", "leader_name", "institution__name"]
    autocomplete_fields = ["institution", "district", "village", "pbk_assistance"]
