"""Forms of the manager portal's alumni pages: tracer outcomes, enterprises, community groups.

``ManagerModelForm`` narrows every choice to the BLKK being worked on; the graduate choices
here are narrowed further to graduates, and labelled with the trainee and the program.
"""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import side_by_side
from core.slugs import save_with_unique_slug
from institutions.forms import ManagerModelForm, located_in_home_regency
from trainings.models import TrainingProgram

from .models import CommunityGroup, Enterprise, Outcome

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def with_prompt(field, prompt, choices) -> None:
    """A required choice opens on a prompt rather than on dashes."""
    field.choices = [("", prompt), *choices]


def graduate_label(enrollment) -> str:
    return f"{enrollment.trainee.full_name} — {enrollment.program.title}"


def narrow_to_graduates(field) -> None:
    """Graduates only (of the BLKK, as the form already narrowed), labelled in one query."""
    field.queryset = (
        field.queryset.graduates()
        .select_related("trainee", "program")
        .order_by("trainee__full_name", "-completed_on")
    )
    field.label_from_instance = graduate_label
    field.empty_label = _("Pilih lulusan")


class OutcomeForm(ManagerModelForm):
    class Meta:
        model = Outcome
        fields = [
            "enrollment",
            "months_after",
            "surveyed_on",
            "status",
            "employer_or_business",
            "job_matches_training",
            "monthly_income",
            "note",
        ]
        widgets = {"surveyed_on": DATE_INPUT}
        help_texts = {
            "months_after": _("Periode tracer: berapa bulan setelah tanggal lulus."),
            "employer_or_business": _("Nama perusahaan tempat bekerja atau nama usahanya."),
            "monthly_income": _("Perkiraan, dalam rupiah, tanpa titik. Boleh dikosongkan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow_to_graduates(self.fields["enrollment"])
        if self.instance.enrollment_id:
            # Chosen on the page before (by name), and shown above the form with their phone.
            self.fields["enrollment"].widget = forms.HiddenInput()
        with_prompt(self.fields["months_after"], _("Pilih periode"), Outcome.MonthsAfter.choices)
        with_prompt(self.fields["status"], _("Pilih status"), Outcome.Status.choices)
        self.fields["surveyed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.helper.layout = Layout(
            "enrollment",
            side_by_side("months_after", "surveyed_on"),
            "status",
            "employer_or_business",
            side_by_side("job_matches_training", "monthly_income"),
            "note",
        )

    def clean(self):
        cleaned_data = super().clean()
        enrollment = cleaned_data.get("enrollment")
        months_after = cleaned_data.get("months_after")
        if enrollment is not None and months_after is not None:
            recorded = Outcome.objects.filter(enrollment=enrollment, months_after=months_after)
            if recorded.exclude(pk=self.instance.pk).exists():
                # The database constraint says the same, but on the form as a whole.
                self.add_error(
                    "months_after",
                    _(
                        "Tracer %(period)s untuk lulusan ini sudah dicatat; ubah catatan "
                        "yang ada atau pilih periode lain."
                    )
                    % {"period": Outcome.MonthsAfter(months_after).label},
                )
        return cleaned_data


class CohortTracerRowForm(forms.Form):
    """One graduate's tracer on the cohort page: left without a status, the row is skipped."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Belum ditanya")), *Outcome.Status.choices],
        required=False,
    )
    surveyed_on = forms.DateField(label=_("Tanggal pendataan"), widget=DATE_INPUT)
    employer_or_business = forms.CharField(
        label=_("Tempat kerja/nama usaha"), max_length=200, required=False
    )
    job_matches_training = forms.NullBooleanField(
        label=_("Sesuai kejuruan"),
        widget=forms.Select(choices=[("", "—"), ("true", _("Ya")), ("false", _("Tidak"))]),
        required=False,
    )
    monthly_income = forms.IntegerField(
        label=_("Penghasilan per bulan (Rp)"), min_value=0, required=False
    )

    def outcome(self, graduate, months: int) -> Outcome | None:
        """The outcome this row records for ``graduate``, unsaved; None for a skipped row."""
        if not self.cleaned_data.get("status"):
            return None
        return Outcome(enrollment=graduate, months_after=months, **self.cleaned_data)


class CohortTracerBaseFormSet(forms.BaseFormSet):
    @classmethod
    def get_default_prefix(cls):
        # Its own prefix: the monthly page shows it beside the results table rows.
        return "tracer"


CohortTracerFormSet = forms.formset_factory(
    CohortTracerRowForm, formset=CohortTracerBaseFormSet, extra=0
)


def cohort_tracer_formset(graduates: list, data=None) -> CohortTracerBaseFormSet:
    """One row per graduate of ``graduates`` (each form's ``graduate``), surveyed today unless
    the row says otherwise."""
    today = timezone.localdate()
    formset = CohortTracerFormSet(data, initial=[{"surveyed_on": today} for _graduate in graduates])
    for form, graduate in zip(formset.forms, graduates, strict=True):
        form.graduate = graduate
    return formset


class OutcomeFilterForm(forms.Form):
    """The tracer page's filters, read from the query string."""

    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=TrainingProgram.objects.none(),
        required=False,
        empty_label=_("Semua program"),
    )
    untraced = forms.BooleanField(label=_("Hanya yang belum ditracer"), required=False)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class EnterpriseForm(ManagerModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "owner",
            "name",
            "sector",
            "description",
            "district",
            "village",
            "business_address",
            "started_on",
            "workers",
            "monthly_revenue",
            "business_phone",
            "order_info",
            "photo",
            "owner_consents_to_publish",
            "consent_recorded_on",
            "is_published",
        ]
        widgets = {
            "started_on": DATE_INPUT,
            "consent_recorded_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "business_phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "photo": forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        }
        help_texts = {
            "owner": _("Hanya lulusan BLKK ini yang dapat dipilih."),
            "business_phone": _("Nomor usaha yang boleh dihubungi pembeli, bukan nomor pribadi."),
            "monthly_revenue": _("Tidak ditampilkan di situs publik."),
            "photo": _("JPG, PNG atau WebP: foto produk atau tempat usaha."),
            "owner_consents_to_publish": _(
                "Centang hanya bila pemilik sudah menyatakan setuju usahanya ditampilkan."
            ),
            "is_published": _(
                "Halaman publik hanya menampilkan data usaha: nama, sektor, produk/jasa, "
                "kecamatan/desa dan alamat usaha, telepon/WhatsApp usaha, cara memesan, foto, "
                "jumlah pekerja, serta program dan BLKK tempat pemilik berlatih. Nama, NIK, "
                "nomor HP dan alamat pribadi pemilik tidak pernah ditampilkan."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow_to_graduates(self.fields["owner"])
        with_prompt(self.fields["sector"], _("Pilih sektor"), Enterprise.Sector.choices)
        located_in_home_regency(self)
        self.helper.layout = Layout(
            Fieldset(
                _("Usaha"),
                "owner",
                "name",
                side_by_side("sector", "started_on"),
                "description",
                side_by_side("workers", "monthly_revenue"),
            ),
            Fieldset(
                _("Lokasi dan kontak usaha"),
                side_by_side("district", "village"),
                "business_address",
                "business_phone",
                "order_info",
                "photo",
            ),
            Fieldset(
                _("Persetujuan pemilik dan tampilan publik"),
                "owner_consents_to_publish",
                "consent_recorded_on",
                "is_published",
            ),
        )

    def clean_consent_recorded_on(self):
        recorded_on = self.cleaned_data["consent_recorded_on"]
        if recorded_on and recorded_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal persetujuan tidak boleh di masa depan."))
        return recorded_on

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("is_published"):
            return cleaned_data
        # Each missing piece is named on its own field; the model's constraint, which says
        # the same for the form as a whole, is then skipped for those fields.
        if not cleaned_data.get("owner_consents_to_publish"):
            self.add_error(
                "owner_consents_to_publish",
                _(
                    "Usaha hanya boleh ditampilkan di situs publik bila pemilik sudah "
                    "menyetujuinya. Catat persetujuannya dulu, atau jangan centang "
                    "“tampil di situs publik”."
                ),
            )
        if not cleaned_data.get("consent_recorded_on") and "consent_recorded_on" not in self.errors:
            self.add_error(
                "consent_recorded_on",
                _("Isi tanggal pemilik menyatakan setuju sebelum usaha ditampilkan."),
            )
        return cleaned_data

    def save(self, commit=True):
        if self.instance.slug or not commit:
            return super().save(commit)
        save = super().save
        save_with_unique_slug(self.instance, self.instance.name, fallback="usaha", save=save)
        return self.instance


class CommunityGroupForm(ManagerModelForm):
    class Meta:
        model = CommunityGroup
        fields = [
            "name",
            "kind",
            "district",
            "village",
            "members",
            "leader_name",
            "activities",
            "founded_year",
            "pbk_assistance",
        ]
        widgets = {"activities": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "pbk_assistance": _("Isi bila kelompok ini dibina melalui bantuan PBK."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        located_in_home_regency(self)
        with_prompt(self.fields["kind"], _("Pilih jenis"), CommunityGroup.Kind.choices)
        assistance = self.fields["pbk_assistance"]
        assistance.empty_label = _("Tidak melalui bantuan PBK")
        assistance.queryset = assistance.queryset.select_related("field")
        assistance.label_from_instance = lambda pbk: f"PBK {pbk.year} — {pbk.field}"
        self.fields["founded_year"].widget.attrs.update(
            {"min": 1900, "max": timezone.localdate().year}
        )
        self.helper.layout = Layout(
            "name",
            side_by_side("kind", "members"),
            side_by_side("district", "village"),
            side_by_side("leader_name", "founded_year"),
            "activities",
            "pbk_assistance",
        )

    def clean_founded_year(self):
        year = self.cleaned_data["founded_year"]
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Isi tahun antara 1900 dan %(year)s.") % {"year": timezone.localdate().year}
            )
        return year

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = CommunityGroup.objects.of_institution(self.institution).exclude(
            pk=self.instance.pk
        )
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("BLKK ini sudah membina kelompok bernama “%(name)s”.") % {"name": name}
            )
        return name
