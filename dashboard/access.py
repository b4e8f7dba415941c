"""Who may read the dashboard, and the filters every page of it reads from the URL."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import roles
from core.views import NeverStoredMixin
from core.widgets import QuickSelect
from institutions.models import District, Institution, VocationalField
from institutions.regions import KABUPATEN_TANGERANG_CODE
from trainings.models import FundingSource

from .indicators import IndicatorFilters

# The dashboard's menu: (URL name, label). Its links keep the filters in use.
DASHBOARD_MENU = (
    ("dashboard:home", gettext_lazy("Indikator")),
    ("dashboard:program-list", gettext_lazy("Program")),
    ("dashboard:enrollment-list", gettext_lazy("Peserta")),
    ("dashboard:enterprise-list", gettext_lazy("Usaha alumni")),
    ("dashboard:partnership-list", gettext_lazy("Kemitraan")),
    ("dashboard:export-list", gettext_lazy("Ekspor")),
)


class DashboardAccessMixin(NeverStoredMixin, LoginRequiredMixin):
    """Lets in Disnaker and the secretariat (and superusers); others get a 403 that says why."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not (
            user.is_superuser
            or roles.has_role(user, roles.DISNAKER)
            or roles.has_role(user, roles.SECRETARIAT)
        ):
            raise PermissionDenied(_("Dasbor ini hanya untuk Disnaker dan sekretariat forum."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            dashboard_nav=True, backoffice_menu=DASHBOARD_MENU, **kwargs
        )


# Filters ------------------------------------------------------------------------------------


class DashboardFilterForm(forms.Form):
    """The filters, read from the query string; an invalid value is reported and ignored."""

    tahun_dari = forms.IntegerField(
        label=gettext_lazy("Dari tahun"), required=False, min_value=2000, max_value=2100
    )
    tahun_sampai = forms.IntegerField(
        label=gettext_lazy("Sampai tahun"), required=False, min_value=2000, max_value=2100
    )
    kecamatan = forms.ModelChoiceField(
        label=gettext_lazy("Kecamatan"),
        queryset=District.objects.filter(regency__code=KABUPATEN_TANGERANG_CODE).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("Semua kecamatan"),
        widget=QuickSelect,
    )
    kejuruan = forms.ModelChoiceField(
        label=gettext_lazy("Kejuruan"),
        queryset=VocationalField.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Semua kejuruan"),
        widget=QuickSelect,
    )
    blkk = forms.ModelChoiceField(
        label=gettext_lazy("BLKK"),
        # Thousands at national scale: the choices read only what they show.
        queryset=Institution.objects.only("slug", "name").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Semua BLKK"),
        widget=QuickSelect,
    )
    sumber_dana = forms.ChoiceField(
        label=gettext_lazy("Sumber dana"),
        choices=[("", gettext_lazy("Semua sumber dana")), *FundingSource.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("tahun_dari"), cleaned.get("tahun_sampai")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("tahun_sampai", _("Tahun akhir tidak boleh sebelum tahun awal."))
            cleaned.pop("tahun_dari", None)
        return cleaned

    def indicator_filters(self) -> IndicatorFilters:
        """The valid filters as ``IndicatorFilters`` (primary keys); invalid ones are left out."""
        self.is_valid()
        data = self.cleaned_data

        def pk(name):
            value = data.get(name)
            return value.pk if value is not None else None

        return IndicatorFilters(
            year_from=data.get("tahun_dari"),
            year_to=data.get("tahun_sampai"),
            district=pk("kecamatan"),
            field=pk("kejuruan"),
            institution=pk("blkk"),
            funding_source=data.get("sumber_dana") or None,
        )


class FilteredMixin(DashboardAccessMixin):
    """Reads the filters once per request and reports the values it had to ignore."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.filter_form = DashboardFilterForm(request.GET or None)
        self.filters = (
            self.filter_form.indicator_filters()
            if self.filter_form.is_bound
            else IndicatorFilters()
        )

    def get(self, request, *args, **kwargs):
        if self.filter_form.is_bound and self.filter_form.errors:
            messages.warning(
                request, _("Sebagian filter tidak valid dan diabaikan; lihat keterangan di form.")
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("halaman", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            filters=self.filters,
            query=query.urlencode(),
            # The menu's links keep the filters in use.
            backoffice_menu_query=query.urlencode(),
            **kwargs,
        )
