"""The public application form, and the forms of the manager portal's program pages."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import side_by_side
from core.validators import normalize_mobile_number
from institutions.forms import DomicileFormMixin, ManagerModelForm
from institutions.models import Gender, VocationalField
from institutions.selectors import home_regency_districts

from . import services
from .models import Education, Enrollment, Occupation, PBKAssistance, Trainee, TrainingProgram

NIK_SEPARATORS = re.compile(r"[\s.\-]")


class ApplicationForm(DomicileFormMixin, forms.ModelForm):
    """A person's data for an application; the service decides whether it is accepted.

    The model's ``clean()`` checks the NIK against the birth date and gender and the desa
    against the kecamatan; ``DomicileFormMixin`` the kecamatan against the kabupaten/kota
    (anywhere in Indonesia: the NIK's region need not be where the person lives). Whether the
    NIK is already known is not a form error: the service compares the stored person (see
    ``services.enrollment_apply``).
    """

    HONEYPOT_FIELD = "website"
    error_summary_labels = {"consent": _("Persetujuan data pribadi")}

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
        self.helper = self._build_helper()

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
                self.domicile_layout(),
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


class StatusCheckForm(forms.Form):
    """The reference code and the birth date, which together open the applicant's page."""

    reference_code = forms.CharField(
        label=_("Kode pendaftaran"),
        max_length=20,
        help_text=_(
            "Tertulis di halaman Pendaftaran terkirim dan di e-mail bukti pendaftaran, misalnya "
            "FKB-7KQ2M9XA."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        help_text=_("Seperti yang Anda isi di formulir pendaftaran."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "status-check-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", _("Cek status"), css_class="btn-brand"))

    def clean_reference_code(self):
        """As printed (FKB-7KQ2M9XA), in any case and spacing, with or without its prefix."""
        code = re.sub(r"[\s\-]", "", self.cleaned_data["reference_code"]).upper()
        return "FKB-" + code.removeprefix("FKB")


class ProgramAlertForm(forms.Form):
    """ "Kabari saya": an address to tell when a kejuruan opens registration in a kecamatan."""

    email = forms.EmailField(label=_("Alamat e-mail"))
    kejuruan = forms.ModelChoiceField(
        label=_("Kejuruan"),
        queryset=VocationalField.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Pilih kejuruan"),
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=home_regency_districts(),
        to_field_name="code",
        empty_label=_("Pilih kecamatan"),
    )
    consent = forms.BooleanField(
        label=_(
            "Saya setuju FK-BLKK menyimpan alamat e-mail ini hanya untuk mengabari saya bila "
            "ada program kejuruan ini di kecamatan ini yang membuka pendaftaran. Saya dapat "
            "berhenti kapan saja lewat tautan di setiap e-mail."
        ),
        error_messages={"required": _("Centang persetujuan ini agar kami dapat mengabari Anda.")},
    )

    def consent_text(self) -> str:
        """The consent as the visitor read it, in the language of the page."""
        return str(self.fields["consent"].label)


# Manager portal -------------------------------------------------------------------------


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgramForm(ManagerModelForm):
    """A program of the manager's BLKK. The slug and the status are never fields.

    The kejuruan are those the BLKK teaches; the PBK assistance and the instructors are the
    BLKK's own (``ManagerModelForm`` narrows them). The model's ``clean()`` and constraints
    check the dates, ages, quota and PBK funding.
    """

    class Meta:
        model = TrainingProgram
        fields = [
            "field",
            "title",
            "description",
            "competencies",
            "requirements",
            "schedule",
            "location",
            "start_date",
            "end_date",
            "registration_closes",
            "hours",
            "quota",
            "min_age",
            "max_age",
            "funding_source",
            "pbk_assistance",
            "instructors",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "registration_closes": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "competencies": forms.Textarea(attrs={"rows": 3}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "schedule": forms.Textarea(attrs={"rows": 3}),
            "instructors": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "hours": _("Jam pelajaran (JP) seluruh pelatihan."),
            "pbk_assistance": _("Hanya untuk program berdana PBK Kemnaker."),
            "registration_closes": _("Paling lambat tanggal mulai pelatihan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = VocationalField.objects.filter(
            Q(pk=self.institution.primary_field_id) | Q(institutions=self.institution)
        ).distinct()
        self.fields["instructors"].queryset = self.fields["instructors"].queryset.order_by(
            "full_name"
        )
        self.helper.layout = Layout(
            Fieldset(_("Program"), "field", "title", "description", "competencies"),
            Fieldset(
                _("Waktu dan tempat"),
                side_by_side("start_date", "end_date", "registration_closes"),
                "schedule",
                "location",
            ),
            Fieldset(
                _("Peserta"),
                side_by_side("quota", "hours"),
                side_by_side("min_age", "max_age"),
                "requirements",
            ),
            Fieldset(
                _("Pendanaan dan instruktur"), "funding_source", "pbk_assistance", "instructors"
            ),
        )

    def clean_quota(self):
        quota = self.cleaned_data["quota"]
        if self.instance.pk and quota is not None:
            seated = self.instance.enrollments.filter(status__in=Enrollment.SEATED_STATUSES).count()
            if quota < seated:
                raise forms.ValidationError(
                    _("Kuota tidak boleh di bawah jumlah peserta yang sudah diterima (%(count)s).")
                    % {"count": seated}
                )
        return quota


class ProgramFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *TrainingProgram.Status.choices],
    )
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun")), *((y, y) for y in years)]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["status"]:
            queryset = queryset.filter(status=self.cleaned_data["status"])
        if self.cleaned_data["tahun"]:
            queryset = queryset.filter(start_date__year=self.cleaned_data["tahun"])
        return queryset


class IdListField(forms.Field):
    """Ids of rows picked with checkboxes (``name=enrollments`` once per row)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Pilih minimal satu pendaftar."),
        "invalid": _("Pilihan tidak dikenal."),
    }

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            return sorted({int(item) for item in values})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class ApplicationDecisionForm(forms.Form):
    """The applications picked on the list, the decision and a message to the applicants.

    A rejection, and any decision on several applications, is first shown for confirmation
    (``confirm`` unset); a rejection is confirmed with its reason.
    """

    MAX_BATCH = 200

    enrollments = IdListField()
    decision = forms.ChoiceField(label=_("Keputusan"), choices=services.Decision.choices)
    rejection_reason = forms.ChoiceField(
        label=_("Alasan penolakan"),
        required=False,
        choices=Enrollment.RejectionReason.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    message = forms.CharField(
        label=_("Pesan untuk pendaftar (tidak wajib)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dikirim lewat e-mail kepada setiap pendaftar yang dipilih."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confirm") and cleaned.get("decision") == services.Decision.REJECT:
            errors = Enrollment.rejection_errors(
                cleaned.get("rejection_reason", ""), cleaned.get("message", "")
            )
            for field, messages in errors.items():
                self.add_error("message" if field == "decision_message" else field, messages)
        return cleaned

    def needs_confirmation(self) -> bool:
        return not self.cleaned_data["confirm"] and (
            self.cleaned_data["decision"] == services.Decision.REJECT
            or len(self.cleaned_data["enrollments"]) > 1
        )

    def clean_enrollments(self):
        ids = self.cleaned_data["enrollments"]
        if len(ids) > self.MAX_BATCH:
            raise forms.ValidationError(
                _("Paling banyak %(count)s pendaftar sekaligus.") % {"count": self.MAX_BATCH}
            )
        return ids


def certificate_field(name: str) -> forms.Field:
    """The model's own form field: its label, length and blankness."""
    field = Enrollment._meta.get_field(name).formfield()
    if isinstance(field, forms.DateField):
        field.widget = DATE_WIDGET
    return field


class EnrollmentMoveForm(forms.Form):
    """A participant's next step; the result and the certificates count when graduating."""

    move = forms.ChoiceField(choices=())
    competency_result = forms.ChoiceField(
        label=_("Hasil uji kompetensi"),
        required=False,
        choices=Enrollment.CompetencyResult.choices,
    )
    training_certificate_number = certificate_field("training_certificate_number")
    competency_scheme = certificate_field("competency_scheme")
    competency_certificate_issuer = certificate_field("competency_certificate_issuer")
    competency_certificate_number = certificate_field("competency_certificate_number")
    competency_certificate_date = certificate_field("competency_certificate_date")

    def __init__(self, *args, enrollment: Enrollment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move"].choices = [
            (name, label)
            for name, label in enrollment.available_transitions()
            if name in services.ENROLLMENT_MOVES
        ]
        self.fields["move"].error_messages["invalid_choice"] = _(
            "Langkah ini tidak bisa dilakukan pada status %(status)s."
        ) % {"status": enrollment.get_status_display().lower()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("move") != "graduate" and any(self.certificates().values()):
            self.add_error(None, _("Sertifikat hanya dicatat saat meluluskan peserta."))
        return cleaned

    def certificates(self) -> dict:
        """The certificates entered, as ``Enrollment.graduate`` takes them."""
        return {name: self.cleaned_data.get(name) for name in Enrollment.CERTIFICATE_FIELDS}


class EnrollmentResultForm(ManagerModelForm):
    """Corrections to a finished participation: result, certificates, note."""

    # The rules name the status, which is not a field; each error goes to the field it concerns.
    # The competency certificate's rules name fields of the form only: Django checks them.
    CONSTRAINT_FIELDS = {
        "enrollment_training_certificate_only_for_graduates": "training_certificate_number",
        "enrollment_result_after_training": "competency_result",
    }

    class Meta:
        model = Enrollment
        fields = ["competency_result", *Enrollment.CERTIFICATE_FIELDS, "note"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "competency_certificate_date": DATE_WIDGET,
        }
        help_texts = {
            "training_certificate_number": _(
                "Sertifikat pelatihan dari BLKK, hanya untuk peserta yang lulus; satu nomor untuk "
                "satu peserta di BLKK ini."
            ),
            "competency_scheme": _(
                "Sertifikat kompetensi dari LSP berlisensi BNSP, hanya bila hasil ujinya kompeten."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "competency_result",
            Fieldset(_("Sertifikat pelatihan"), "training_certificate_number"),
            Fieldset(
                _("Sertifikat kompetensi (BNSP/LSP)"),
                "competency_scheme",
                "competency_certificate_issuer",
                side_by_side("competency_certificate_number", "competency_certificate_date"),
            ),
            "note",
        )

    def validate_unique(self):
        super().validate_unique()
        for constraint in self.instance._meta.constraints:
            field = self.CONSTRAINT_FIELDS.get(constraint.name)
            if field is None:
                continue
            try:
                constraint.validate(type(self.instance), self.instance)
            except forms.ValidationError as error:
                self.add_error(field, error.messages)


class TraineeContactForm(DomicileFormMixin, ManagerModelForm):
    """A trainee's contact data; who the person is (NIK, name, ...) only the secretariat fixes.

    The desa may stay empty, as an import may have left it.
    """

    village_required = False

    class Meta:
        model = Trainee
        fields = list(Trainee.CONTACT_FIELDS)
        widgets = {"address": forms.TextInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            side_by_side("phone", "email"),
            "address",
            self.domicile_layout(),
            side_by_side("education", "occupation"),
        )

    def clean_phone(self):
        return normalize_mobile_number(self.cleaned_data["phone"])


class ParticipantsMoveForm(forms.Form):
    """The same next step for the participants picked on a program's page; by default none,
    which records the competency result of graduates."""

    enrollments = IdListField(error_messages={"required": _("Pilih minimal satu peserta.")})
    move = forms.ChoiceField(
        label=_("Langkah"),
        required=False,
        choices=[
            (services.KEEP_STATUS, _("Tanpa perubahan status")),
            *(
                (name, Enrollment.TRANSITIONS[name][0])
                for name in ("start_training", "graduate", "drop_out", "withdraw")
            ),
        ],
    )
    # The steps that record a competency result.
    RESULT_MOVES = (services.KEEP_STATUS, "graduate", "drop_out")

    competency_result = forms.ChoiceField(
        label=_("Hasil uji kompetensi (untuk yang lulus/tidak selesai)"),
        required=False,
        choices=[("", _("Pilih hasil")), *Enrollment.CompetencyResult.choices],
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("move") in self.RESULT_MOVES and not cleaned.get("competency_result"):
            self.add_error(
                "competency_result",
                _("Pilih hasil uji kompetensi untuk peserta yang lulus atau tidak selesai."),
            )
        return cleaned

    def step_label(self) -> str:
        """The step chosen, with its result when it records one."""
        fields = self.fields
        step = dict(fields["move"].choices)[self.cleaned_data["move"]]
        result = self.cleaned_data["competency_result"]
        if not result or self.cleaned_data["move"] not in self.RESULT_MOVES:
            return str(step)
        return f"{step} ({dict(fields['competency_result'].choices)[result]})"


class ParticipantResultForm(forms.ModelForm):
    """One row of a program's results table: how a participant ends, the competency result
    and the certificates. Graduates keep their status; their results may still change."""

    outcome = forms.ChoiceField(label=_("Status akhir"), required=False)
    field_order = ["outcome"]

    class Meta:
        model = Enrollment
        fields = list(Enrollment.RESULT_FIELDS)
        widgets = {"competency_certificate_date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        Status = Enrollment.Status
        if self.instance.status == Status.GRADUATED:
            self.fields["outcome"].choices = [(Status.GRADUATED, Status.GRADUATED.label)]
            self.fields["outcome"].initial = Status.GRADUATED
        else:
            self.fields["outcome"].choices = [
                ("", _("Masih mengikuti")),
                (Status.GRADUATED, Status.GRADUATED.label),
                (Status.DROPPED_OUT, Status.DROPPED_OUT.label),
            ]
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )

    def _post_clean(self):
        # The model's rules depend on the status a row moves to, which is not a field: the
        # service checks them through graduate(), drop_out() and record_results() instead.
        pass

    # What every row shows; the competency certificate's fields fold away until needed.
    MAIN_FIELDS = ("outcome", "competency_result", "training_certificate_number")

    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    def certificate_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.MAIN_FIELDS]

    def certificate_errors(self) -> bool:
        return any(field.errors for field in self.certificate_fields())

    def row(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("outcome", *Enrollment.RESULT_FIELDS)}


class ParticipantResultBaseFormSet(forms.BaseModelFormSet):
    @classmethod
    def get_default_prefix(cls):
        # Its own prefix: the monthly page shows it beside the cohort tracer rows.
        return "hasil"


ParticipantResultFormSet = forms.modelformset_factory(
    Enrollment,
    form=ParticipantResultForm,
    formset=ParticipantResultBaseFormSet,
    extra=0,
    edit_only=True,
)


class PBKReportForm(ManagerModelForm):
    class Meta:
        model = PBKAssistance
        fields = ["report_file", "report_submitted_on"]
        widgets = {
            "report_submitted_on": DATE_WIDGET,
        }
        help_texts = {
            "report_file": _(
                "Hanya PDF. Laporan baru menggantikan yang lama; yang lama tetap di riwayat."
            ),
            "report_submitted_on": _("Kosongkan untuk hari ini."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_file"].required = True
        # A file already there may stay; a new one replaces it, never a clear checkbox.
        self.fields["report_file"].widget = forms.FileInput(
            attrs={"accept": ".pdf,application/pdf"}
        )

    def clean_report_submitted_on(self):
        day = self.cleaned_data.get("report_submitted_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal penyerahan tidak boleh di masa depan."))
        return day or timezone.localdate()
