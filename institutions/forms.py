"""Forms of the manager portal that every app's manager pages build on."""

import io

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.forms import side_by_side

from . import regions
from .models import (
    District,
    Gender,
    Institution,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    Regency,
    Village,
    VocationalField,
    check_district_in_regency,
)
from .selectors import home_regency_districts, home_regency_villages


def villages_by_district(villages) -> list:
    """Desa grouped under their kecamatan, so the list is usable without JavaScript."""
    groups: dict[str, list] = {}
    for village in villages:
        groups.setdefault(village.district.name, []).append((village.pk, village.name))
    return [("", _("Pilih desa/kelurahan")), *groups.items()]


def located_in_home_regency(form) -> None:
    """Kecamatan of Kabupaten Tangerang, and their desa grouped under them (static/js narrows
    the desa to the kecamatan chosen); a place stored from elsewhere stays a valid choice."""
    instance = form.instance
    form.fields["district"].queryset = home_regency_districts() | District.objects.filter(
        pk=instance.district_id
    )
    form.fields["district"].empty_label = _("Pilih kecamatan")
    village = form.fields["village"]
    village.queryset = home_regency_villages() | Village.objects.filter(pk=instance.village_id)
    village.choices = villages_by_district(
        village.queryset.select_related("district").order_by("district__name", "name")
    )


# The button that lists the kecamatan and desa of a new choice without JavaScript.
REGION_REFRESH = "tampilkan_wilayah"


class DomicileFormMixin:
    """Where a person lives, anywhere in Indonesia: kabupaten/kota, its kecamatan, and in
    Kabupaten Tangerang (the only regency whose desa are recorded) the desa/kelurahan.

    The page offers the kecamatan of the kabupaten/kota chosen and the desa of the kecamatan
    chosen, never the whole country. Without JavaScript, the "show" button posts the form back
    to list them (``region_refresh``: nothing is checked or saved); ``static/js/domicile.js``
    fetches them from ``regions:regency-districts`` instead. The kecamatan must lie in the
    kabupaten/kota and the desa in the kecamatan; outside Kabupaten Tangerang no desa is kept.
    The form's model has ``district`` and ``village``; ``regency`` is the form's own.
    """

    # Whether a desa is asked of people in Kabupaten Tangerang.
    village_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_refresh = self.is_bound and REGION_REFRESH in self.data
        districts = self._districts_offered()
        self.fields["regency"] = forms.ModelChoiceField(
            label=_("Kabupaten/kota"),
            queryset=Regency.objects.all(),
            to_field_name="code",
            initial=self.regency_code,
        )
        self.fields["regency"].choices = [
            ("", _("Pilih kabupaten/kota")),
            *regions.regencies_by_province(),
        ]
        district = self.fields["district"]
        district.queryset = District.objects.select_related("regency")
        district.choices = [("", _("Pilih kecamatan")), *((d.pk, d.name) for d in districts)]
        chosen = self.data.get(self.add_prefix("district")) if self.is_bound else None
        chosen = chosen or self.instance.district_id
        chosen_district = next((d for d in districts if str(d.pk) == str(chosen)), None)
        self.village_asked = self.regency_code == regions.KABUPATEN_TANGERANG_CODE
        village = self.fields["village"]
        village.queryset = Village.objects.all()
        village.required = self.village_required and self.village_asked
        if chosen_district is None or not self.village_asked:
            village.choices = [("", _("Pilih kecamatan dahulu"))]
        else:
            village.choices = [
                ("", _("Pilih desa/kelurahan")),
                *chosen_district.villages.order_by("name").values_list("pk", "name"),
            ]

    def _districts_offered(self) -> list[District]:
        """The kecamatan of the kabupaten/kota posted; before that, of the person's own, else
        of Kabupaten Tangerang. Sets ``regency_code`` to that kabupaten/kota's.

        A post without a kabupaten/kota (from a page opened before it was asked) takes the
        kecamatan's.
        """
        code = self.data.get(self.add_prefix("regency")) if self.is_bound else None
        district = (
            self.data.get(self.add_prefix("district")) if self.is_bound else None
        ) or self.instance.district_id
        districts = District.objects.order_by("name")
        if code:
            found = list(districts.filter(regency__code=code))
        elif str(district or "").isdigit():
            found = list(districts.filter(regency__districts=district).select_related("regency"))
            code = found[0].regency.code if found else None
            if self.is_bound and code:
                self.data = self.data.copy()
                self.data[self.add_prefix("regency")] = code
        else:
            code = regions.KABUPATEN_TANGERANG_CODE
            found = list(districts.filter(regency__code=code))
        self.regency_code = code
        return found

    def domicile_layout(self) -> Div:
        """The three selects and the no-JavaScript button, for the form's crispy layout."""
        return Div(
            side_by_side("regency", "district"),
            Field("village", wrapper_class="" if self.village_asked else "d-none"),
            StrictButton(
                _("Tampilkan kecamatan dan desa"),
                type="submit",
                name=REGION_REFRESH,
                value="1",
                css_class="btn-outline-secondary btn-sm mb-3",
                data_region_refresh="",
            ),
            css_class="domicile-fields",
            data_districts_url=reverse("regions:regency-districts"),
            data_village_placeholder=_("Pilih desa/kelurahan"),
            data_district_first=_("Pilih kecamatan dahulu"),
        )

    def full_clean(self):
        if self.region_refresh:
            # Only listing the choices of a new kabupaten/kota or kecamatan: no errors yet.
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self):
        return not self.region_refresh and super().is_valid()

    def clean(self):
        cleaned = super().clean()
        district = cleaned.get("district")
        try:
            check_district_in_regency(district, cleaned.get("regency"))
        except ValidationError as error:
            self.add_error(None, error)
        if district is not None and not district.regency.is_home:
            cleaned["village"] = None
        return cleaned


IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"
# Re-encoding loads every pixel: larger images are left to the dimension check to refuse.
REENCODE_MAX_PIXELS = 6000 * 6000
REENCODE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}


def without_metadata(upload):
    """A newly uploaded image re-encoded upright and without its metadata.

    Phones write where a photo was taken (GPS) and often whose phone took it into the file;
    none of that should reach the public profile. A file that the model's validators will
    refuse (not an image, another format, too many pixels) is returned as it came, so that
    they say why.
    """
    if not isinstance(upload, UploadedFile):
        return upload
    try:
        with Image.open(upload) as image:
            if image.format not in REENCODE_OPTIONS or (
                image.width * image.height > REENCODE_MAX_PIXELS
            ):
                return upload
            kind, icc_profile = image.format, image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
            buffer = io.BytesIO()
            upright.save(buffer, format=kind, icc_profile=icc_profile, **REENCODE_OPTIONS[kind])
    except (OSError, SyntaxError, Image.DecompressionBombError):
        return upload
    finally:
        upload.seek(0)
    return SimpleUploadedFile(upload.name, buffer.getvalue(), upload.content_type)


class ManagerModelForm(forms.ModelForm):
    """A manager's form: every choice is narrowed to the BLKK being worked on.

    Any choice field over an institution-owned model (one whose queryset has
    ``for_manager``) is narrowed through it, so no field can point at another BLKK's rows.
    The owner itself (``institution``) is never a field: the view sets it on the instance.
    Constraints that name the owner (a community group's name is unique per BLKK) are
    checked too, which Django would skip for a field that is not on the form.
    """

    owner_field = "institution"

    def __init__(self, *args, user, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.institution = institution
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_manager"):
                field.queryset = queryset.for_manager(user).of_institution(institution)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def validate_unique(self):
        super().validate_unique()
        exclude = self._get_validation_exclusions() - {self.owner_field}
        for constraint in self.instance._meta.constraints:
            if self.owner_field in getattr(constraint, "fields", ()):
                try:
                    constraint.validate(type(self.instance), self.instance, exclude=exclude)
                except forms.ValidationError as error:
                    self._update_errors(error)


# The BLKK's own pages -------------------------------------------------------------------


class InstitutionProfileForm(ManagerModelForm):
    """What a manager keeps of their BLKK's profile; its identity is the secretariat's.

    The name, host, Kemnaker class, year built, primary kejuruan, kecamatan and whether it
    is active or published are not fields here at all, so posting them changes nothing.
    """

    # People type "blkk-contoh.id": read as https, as the admin does.
    website = Institution._meta.get_field("website").formfield(assume_scheme="https")

    class Meta:
        model = Institution
        fields = [
            "address",
            "village",
            "latitude",
            "longitude",
            "public_phone",
            "public_email",
            "website",
            "description",
            "facilities",
            "fields",
            "logo",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "facilities": forms.Textarea(attrs={"rows": 4}),
            "fields": forms.CheckboxSelectMultiple,
            "logo": forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        }
        help_texts = {
            "latitude": _("Contoh: -6.195432. Salin dari Google Maps (klik kanan pada lokasi)."),
            "longitude": _("Contoh: 106.512345."),
            "fields": _("Kejuruan yang juga diajarkan selain kejuruan utama."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        institution = self.instance
        self.fields["village"].queryset = Village.objects.filter(district=institution.district_id)
        self.fields["fields"].queryset = VocationalField.objects.exclude(
            pk=institution.primary_field_id
        )
        self.helper.layout = Layout(
            # What the secretariat decides, read-only, from the page's ``saved`` BLKK.
            HTML('{% include "institutions/manager/includes/_institution_facts.html" %}'),
            Fieldset(
                _("Lokasi"),
                "address",
                "village",
                Row(Column("latitude"), Column("longitude")),
            ),
            Fieldset(_("Kontak publik"), "public_phone", "public_email", "website"),
            Fieldset(_("Profil"), "description", "facilities", "fields", "logo"),
        )

    def clean_logo(self):
        return without_metadata(self.cleaned_data["logo"])


class InstitutionPhotoForm(ManagerModelForm):
    """A photo of the BLKK; the limit per BLKK is the model's rule (``InstitutionPhoto.clean``)."""

    class Meta:
        model = InstitutionPhoto
        fields = ["image", "caption", "position"]
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            last = (
                InstitutionPhoto.objects.filter(institution=self.institution)
                .order_by("-position")
                .values_list("position", flat=True)
                .first()
            )
            self.initial["position"] = 0 if last is None else last + 1

    def clean_image(self):
        return without_metadata(self.cleaned_data["image"])


# Instructors ----------------------------------------------------------------------------


class InstructorForm(ManagerModelForm):
    """An instructor of the BLKK; their kejuruan is one the BLKK teaches."""

    class Meta:
        model = Instructor
        fields = ["full_name", "gender", "field", "phone", "email", "is_active"]
        widgets = {"gender": forms.RadioSelect}
        help_texts = {
            "phone": _("Kontak pribadi: hanya terlihat oleh pengelola dan sekretariat."),
            "is_active": _("Hapus centang bila instruktur tidak lagi mengajar di BLKK ini."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taught = Q(pk=self.institution.primary_field_id) | Q(
            pk__in=self.institution.fields.values("pk")
        )
        if self.instance.field_id is not None:
            # A kejuruan the BLKK no longer teaches stays possible for who already has it.
            taught |= Q(pk=self.instance.field_id)
        self.fields["field"].queryset = VocationalField.objects.filter(taught)
        # Two radio buttons, without the empty "---------" one.
        self.fields["gender"].choices = Gender.choices
        self.helper.layout = Layout(
            "full_name",
            "gender",
            "field",
            Row(Column("phone"), Column("email")),
            "is_active",
        )


class InstructorRowForm(forms.ModelForm):
    """One row of an instructor's certificates or trainings, laid out for a phone."""

    layout: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # The formset adds the row's id and its delete box after the form is built.
        self.helper.render_unmentioned_fields = True
        self.helper.layout = Layout(*self.layout)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InstructorCertificateForm(InstructorRowForm):
    layout = (
        "scheme",
        Row(Column("issuer"), Column("number")),
        Row(Column("issued_on"), Column("valid_until")),
    )

    class Meta:
        model = InstructorCertificate
        fields = ["scheme", "issuer", "number", "issued_on", "valid_until"]
        widgets = {"issued_on": DATE_INPUT, "valid_until": DATE_INPUT}
        help_texts = {"valid_until": _("Kosongkan bila berlaku seumur hidup.")}


class InstructorTrainingForm(InstructorRowForm):
    layout = (
        "title",
        "organiser",
        Row(Column("start_date"), Column("end_date"), Column("hours")),
    )

    class Meta:
        model = InstructorTraining
        fields = ["title", "organiser", "start_date", "end_date", "hours"]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}


def instructor_rows_formset(form, max_num):
    """Rows of one instructor: one empty row to add, a delete box on the saved ones.

    The parent is the instructor the view fetched within the BLKK (or a new one of it), and
    the formset reads and writes only that instructor's rows.
    """
    return forms.inlineformset_factory(
        Instructor,
        form._meta.model,
        form=form,
        extra=1,
        can_delete=True,
        can_delete_extra=False,
        max_num=max_num,
        validate_max=True,
    )


InstructorCertificateFormSet = instructor_rows_formset(InstructorCertificateForm, max_num=30)
InstructorTrainingFormSet = instructor_rows_formset(InstructorTrainingForm, max_num=50)
