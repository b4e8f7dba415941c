"""The columns of the participant file: their titles, hints and every name they are known by."""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from trainings.models import Trainee


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    hint: str
    required: bool = True
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("nik", _("NIK"), _("16 angka, ditulis sebagai teks."), aliases=("no ktp",)),
    Column("full_name", _("Nama lengkap"), _("sesuai KTP."), aliases=("nama",)),
    Column(
        "gender",
        _("Jenis kelamin (L/P)"),
        _("L untuk laki-laki, P untuk perempuan."),
        aliases=("jenis kelamin", "jk", "l p"),
    ),
    Column(
        "birth_date",
        _("Tanggal lahir (TTTT-BB-HH)"),
        _("TTTT-BB-HH (2000-05-17) atau HH-BB-TTTT (17-05-2000)."),
        aliases=("tgl lahir",),
    ),
    Column(
        "phone",
        _("Nomor HP"),
        _("nomor seluler Indonesia, mis. 0812-3456-7890."),
        aliases=("no hp", "nomor telepon", "telepon", "hp"),
    ),
    Column("email", _("E-mail"), _("boleh kosong."), required=False, aliases=("email",)),
    Column("address", _("Alamat"), _("alamat tinggal (kampung, RT/RW)."), aliases=()),
    Column(
        "district",
        _("Kecamatan (kode atau nama)"),
        _(
            "kode Kemendagri kecamatan mana pun di Indonesia (36.03.01, 36.74.04) atau nama "
            "kecamatan di Kabupaten Tangerang."
        ),
        aliases=("kecamatan", "kode kecamatan"),
    ),
    Column(
        "village",
        _("Kode desa"),
        _("boleh kosong; kode Kemendagri (36.03.01.2003) atau nama desa/kelurahan."),
        required=False,
        aliases=("desa", "desa kelurahan", "kelurahan"),
    ),
    Column(
        "education",
        _("Pendidikan"),
        _("SD, SMP, SMA atau SMK, Diploma, S1, S2 (atau kode pilihannya)."),
        aliases=("pendidikan terakhir",),
    ),
    Column(
        "occupation",
        _("Pekerjaan"),
        _("Tidak bekerja, Pelajar, Karyawan, Wirausaha, Lainnya (atau kode pilihannya)."),
        aliases=("pekerjaan saat ini",),
    ),
)
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
COLUMN_ORDER = [column.field for column in COLUMNS]


def column_title(field: str) -> str:
    column = COLUMN_BY_FIELD.get(field)
    return str(column.title) if column else ""


def normalize_header(text) -> str:
    text = re.sub(r"\(.*?\)", " ", str(text or ""))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def header_names() -> dict[str, str]:
    """Every way a column may be titled (normalised), to its field name."""
    names = {}
    for column in COLUMNS:
        names[normalize_header(column.field)] = column.field
        for alias in column.aliases:
            names[normalize_header(alias)] = column.field
        for language in ("id", "en"):
            with translation.override(language):
                field_name = Trainee._meta.get_field(column.field).verbose_name
                for title in (column.title, field_name):
                    names[normalize_header(str(title))] = column.field
    return names
