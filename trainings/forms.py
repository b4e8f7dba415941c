"""The public application form."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fkblkk.validators import normalize_mobile_number
from institutions.models import Gender

from . import selectors
from .models import Education, Occupation, Trainee

NIK_SEPARATORS = re.compile(r"[\s.\-]")


def side_by_side(*fields: str) -> Div:
    """Fields in one row from small screens up, stacked on phones."""
    return Div(*(Div(field, css_class="col-sm") for field in fields), css_class="row")


class ApplicationForm(forms.ModelForm):
    """A person's data for an application; the service decides whether it is accepted.

    The model's ``clean()`` checks the NIK against the birth date and gender and the desa
    against the kecamatan. Whether the NIK is already known is not a form error: the
    service compares the stored person (see ``services.enrollment_apply``).
    """

    HONEYPOT_FIELD = "website"

    nik = forms.CharField(
        label=_("NIK"),
        # Room for the spaces or dots people copy from their KTP; removed in clean_nik().
        max_length=24,
        help_text=_("16 angka Nomor Induk Kependudukan, seperti di KTP atau Kartu Keluarga."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Saya setuju data pribadi saya diproses oleh FK-BLKK dan BLKK penyelenggara untuk "
            "seleksi dan penyelenggaraan pelatihan ini."
        ),
        help_text=_(
            "Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi: data Anda hanya "
            "dipakai untuk pelatihan ini, tidak ditampilkan di situs publik, dan dapat Anda "
            "minta untuk diperbaiki atau dihapus melalui BLKK."
        ),
        error_messages={
            "required": _("Anda perlu menyetujui pemrosesan data pribadi untuk mendaftar.")
        },
    )
    website = forms.CharField(
        label=_("Biarkan kosong"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Trainee
        fields = [*Trainee.IDENTITY_FIELDS, *Trainee.CONTACT_FIELDS]
        labels = {"email": _("E-mail (tidak wajib)")}
        help_texts = {
            "full_name": _("Sesuai KTP."),
            "phone": _("Nomor seluler aktif (WhatsApp), misalnya 0812-3456-7890."),
            "email": _("Bukti pendaftaran dikirim ke alamat ini."),
            "address": _("Nama jalan/kampung, RT/RW."),
        }
        widgets = {
            "gender": forms.RadioSelect,
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["gender"].choices = Gender.choices
        self.fields["education"].choices = [("", _("Pilih pendidikan")), *Education.choices]
        self.fields["occupation"].choices = [("", _("Pilih pekerjaan")), *Occupation.choices]
        self.fields["district"].queryset = selectors.home_regency_districts()
        self.fields["district"].empty_label = _("Pilih kecamatan")
        village = self.fields["village"]
        village.required = True
        village.queryset = selectors.home_regency_villages()
        village.choices = self._villages_by_district(village.queryset)
        self.helper = self._build_helper()

    @staticmethod
    def _villages_by_district(villages) -> list:
        """Desa grouped under their kecamatan, so the list is usable without JavaScript."""
        groups: dict[str, list] = {}
        for village in villages:
            groups.setdefault(village.district.name, []).append((village.pk, village.name))
        return [("", _("Pilih desa/kelurahan")), *groups.items()]

    def _build_helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_id = "application-form"
        helper.attrs = {"novalidate": ""}
        helper.layout = Layout(
            Fieldset(
                _("Data diri"),
                "nik",
                "full_name",
                side_by_side("gender", "birth_date"),
            ),
            Fieldset(
                _("Kontak dan tempat tinggal"),
                "phone",
                "email",
                "address",
                side_by_side("district", "village"),
            ),
            Fieldset(
                _("Pendidikan dan pekerjaan"),
                side_by_side("education", "occupation"),
            ),
            Field("consent", wrapper_class="application-consent"),
            Div(self.HONEYPOT_FIELD, css_class="application-honeypot"),
            Submit("submit", _("Kirim pendaftaran"), css_class="btn-brand btn-lg"),
        )
        return helper

    def clean_nik(self):
        return NIK_SEPARATORS.sub("", self.cleaned_data["nik"])

    def clean_phone(self):
        return normalize_mobile_number(self.cleaned_data["phone"])

    def validate_unique(self):
        """A known NIK is the service's question, not an input error."""

    def is_spam(self) -> bool:
        """True when the hidden field, which people never see, was filled in."""
        return bool(self.data.get(self.HONEYPOT_FIELD, "").strip())

    def trainee_data(self) -> dict:
        """The cleaned person's data, as ``services.enrollment_apply`` takes it."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
