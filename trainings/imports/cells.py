"""Reading one cell of a participant row into the value a trainee's field takes."""

import datetime
import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.resources import DateWidget
from institutions.models import District, Gender, Village
from institutions.regions import KABUPATEN_TANGERANG_CODE
from trainings.models import Education, Occupation


class CellError(ValueError):
    """A cell that cannot be read, explained in Indonesian."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def nik(value) -> str:
    return re.sub(r"[\s.\-]", "", text(value))


def phone(value) -> str:
    written = text(value)
    # A number typed into a numeric cell loses its leading zero: 81234567890.
    if isinstance(value, int | float) and written.startswith("8"):
        return "0" + written
    return written


GENDERS = {
    "l": Gender.MALE,
    "laki-laki": Gender.MALE,
    "laki laki": Gender.MALE,
    "lk": Gender.MALE,
    "pria": Gender.MALE,
    "p": Gender.FEMALE,
    "pr": Gender.FEMALE,
    "perempuan": Gender.FEMALE,
    "wanita": Gender.FEMALE,
}


def gender(value) -> str:
    written = text(value).casefold()
    if written not in GENDERS:
        raise CellError(_("Isi jenis kelamin dengan L (laki-laki) atau P (perempuan)."))
    return GENDERS[written]


DATE_WIDGET = DateWidget()


def birth_date(value) -> datetime.date:
    if value in (None, ""):
        raise CellError(_("Kolom ini wajib diisi."))
    try:
        return DATE_WIDGET.clean(value)
    except (ValueError, TypeError):
        raise CellError(
            _(
                "Tanggal lahir tidak dapat dibaca; tulis sebagai TTTT-BB-HH (2000-05-17) "
                "atau HH-BB-TTTT."
            )
        ) from None


def _choice_names(choices) -> dict[str, str]:
    """Each choice by its value, its label and each part of its label (“SMA/SMK/sederajat”)."""
    names, parts = {}, {}
    for value, _label in choices.choices:
        names[value.casefold()] = value
        for language in ("id", "en"):
            with translation.override(language):
                label = str(choices(value).label).casefold()
            names[" ".join(label.split())] = value
            for part in re.split(r"[/()]", label):
                part = part.strip()
                if part:
                    parts.setdefault(part, set()).add(value)
    for part, values in parts.items():
        if len(values) == 1:
            names.setdefault(part, values.pop())
    return names


class Lookups:
    """What the cells name, loaded once per import: kecamatan, desa and choices."""

    def __init__(self):
        districts = list(District.objects.select_related("regency"))
        self.district_by_code = {district.code: district for district in districts}
        self.district_by_name = {}
        for district in districts:
            if district.regency.code == KABUPATEN_TANGERANG_CODE:
                self.district_by_name[district.name.casefold()] = district
        # Desa are recorded for Kabupaten Tangerang only, whose kecamatan are all loaded here.
        villages = list(Village.objects.all())
        self.village_by_code = {village.code: village for village in villages}
        self.village_by_name = {
            (village.district_id, village.name.casefold()): village for village in villages
        }
        self.education = _choice_names(Education)
        self.occupation = _choice_names(Occupation)

    def district(self, value) -> District:
        written = text(value)
        if not written:
            raise CellError(_("Kolom ini wajib diisi."))
        name = re.sub(r"^(kecamatan|kec\.?)\s+", "", written.casefold())
        district = self.district_by_code.get(written) or self.district_by_name.get(name)
        if district is None:
            raise CellError(
                _(
                    "Kecamatan “%(value)s” tidak ditemukan; tulis kode Kemendagri kecamatan mana "
                    "pun di Indonesia (36.03.01, 36.74.04) atau nama kecamatan di Kabupaten "
                    "Tangerang."
                )
                % {"value": written}
            )
        return district

    def village(self, value, district: District | None) -> Village | None:
        written = text(value)
        if not written:
            return None
        name = re.sub(r"^(desa|kelurahan|kel\.?)\s+", "", written.casefold())
        village = self.village_by_code.get(written)
        if village is None and district is not None:
            village = self.village_by_name.get((district.pk, name))
        if village is None:
            raise CellError(
                _("Desa/kelurahan “%(value)s” tidak ditemukan; tulis kode Kemendagri desanya.")
                % {"value": written}
            )
        return village

    @staticmethod
    def _choice(names, value, choices) -> str:
        written = " ".join(text(value).casefold().split())
        if written not in names:
            raise CellError(
                _("Pilihan “%(value)s” tidak dikenal; isi salah satu dari: %(choices)s.")
                % {
                    "value": text(value),
                    "choices": ", ".join(str(label) for label in choices.labels),
                }
            )
        return names[written]

    def education_value(self, value) -> str:
        return self._choice(self.education, value, Education)

    def occupation_value(self, value) -> str:
        return self._choice(self.occupation, value, Occupation)
