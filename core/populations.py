"""Every population the portal counts, and every rate between them: its name and how it is
counted, in Indonesian and (through the translations) in English.

The home page, the dashboard and its lists, the exports, the API, the manager portal and the
admin show these names and these explanations, so that a figure called the same is the same
figure everywhere. The counting itself lives with the models (``Institution.objects.active``,
``Enrollment.objects.participants`` …) and in ``dashboard.indicators``, whose docstrings point
back here; tests compare the places that show the same population.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Population:
    """A set of records the portal counts: what it is called and how it is counted."""

    key: str
    name: str
    how_counted: str


ACTIVE_INSTITUTIONS = Population(
    "blkk-aktif",
    _("BLKK aktif"),
    _(
        "BLKK yang masih beroperasi (ditandai aktif oleh sekretariat), baik profilnya sudah "
        "tampil di direktori maupun belum. BLKK yang berhenti beroperasi tidak dihitung."
    ),
)
DISTRICTS_COVERED = Population(
    "kecamatan-terjangkau",
    _("Kecamatan terjangkau"),
    _(
        "Kecamatan Kabupaten Tangerang yang punya paling sedikit satu BLKK aktif, dari seluruh "
        "kecamatannya."
    ),
)
APPLICANTS = Population(
    "pendaftar",
    _("Pendaftar"),
    _(
        "Setiap pendaftaran ke program yang tidak dibatalkan, apa pun keputusannya "
        "(menunggu, diterima, ditolak, mundur). Orang yang mendaftar ke dua program dihitung "
        "dua kali."
    ),
)
PARTICIPANTS = Population(
    "peserta",
    _("Peserta"),
    _(
        "Pendaftaran yang mendapat kursi (diterima, sedang mengikuti, lulus atau tidak "
        "selesai) di program yang terlaksana (bukan draf, tidak dibatalkan), menurut tahun "
        "mulai program. Orang yang mengikuti dua program dihitung dua kali."
    ),
)
PEOPLE_TRAINED = Population(
    "orang-terlatih",
    _("Orang terlatih"),
    _(
        "Orang (menurut NIK) yang sudah mulai mengikuti paling sedikit satu pelatihan di "
        "program yang terlaksana: sedang mengikuti, lulus atau tidak selesai. Setiap orang "
        "dihitung sekali, berapa pun pelatihannya."
    ),
)
GRADUATES = Population(
    "lulusan",
    _("Lulusan"),
    _(
        "Peserta yang dinyatakan lulus dari program yang terlaksana, menurut tahun mulai "
        "program (kohort). Orang yang lulus dari dua program dihitung dua kali."
    ),
)
ASSESSED = Population(
    "diuji",
    _("Peserta diuji"),
    _(
        "Peserta yang sudah menjalani uji kompetensi: hasilnya kompeten atau belum kompeten, "
        "menurut tahun mulai program."
    ),
)
COMPETENT = Population(
    "kompeten",
    _("Peserta kompeten"),
    _("Peserta diuji yang dinyatakan kompeten, menurut tahun mulai program."),
)
GRADUATION_COHORT = Population(
    "kohort-lulusan",
    _("Kohort lulusan"),
    _(
        "Lulusan dari program yang dipilih filter (tahun mulai, kecamatan BLKK, kejuruan, "
        "BLKK, sumber dana). Tingkat penempatan dan wirausaha dihitung dari kohort ini saja."
    ),
)
TRACED_GRADUATES = Population(
    "lulusan-ditracer",
    _("Lulusan ditracer"),
    _(
        "Lulusan kohort yang punya paling sedikit satu hasil tracer (3, 6 atau 12 bulan "
        "setelah lulus), masing-masing dihitung sekali."
    ),
)
PLACED = Population(
    "terserap",
    _("Terserap kerja atau usaha"),
    _(
        "Lulusan ditracer yang pada tracer terakhirnya (12 bulan di atas 6, di atas 3) bekerja "
        "sebagai karyawan atau berwirausaha."
    ),
)
SELF_EMPLOYED = Population(
    "berwirausaha",
    _("Berwirausaha"),
    _("Lulusan ditracer yang pada tracer terakhirnya berwirausaha."),
)

ALUMNI_ENTERPRISES = Population(
    "usaha-alumni",
    _("Usaha alumni"),
    _(
        "Usaha yang dirintis lulusan dan dicatat BLKK, tampil di situs atau tidak (yang tampil "
        "hanya usaha yang pemiliknya setuju), menurut tahun mulai program pemiliknya."
    ),
)
ACTIVE_PARTNERSHIPS = Population(
    "kemitraan-aktif",
    _("Kemitraan aktif"),
    _("Perjanjian kerja sama yang berlaku hari ini: sudah dimulai dan belum berakhir."),
)


@dataclass(frozen=True)
class RateDefinition:
    """A share of one population in another, always of the same records."""

    key: str
    name: str
    numerator: Population
    denominator: Population
    how_counted: str


GRADUATION_RATE = RateDefinition(
    "kelulusan",
    _("Tingkat kelulusan"),
    GRADUATES,
    PARTICIPANTS,
    _(
        "Lulusan dibagi peserta program yang sama. Peserta yang masih mengikuti program yang "
        "berjalan ikut dihitung di penyebut."
    ),
)
COMPETENCY_RATE = RateDefinition(
    "kompetensi",
    _("Tingkat kompetensi"),
    COMPETENT,
    ASSESSED,
    _(
        "Peserta yang kompeten dibagi peserta yang sudah diuji (kompeten atau belum "
        "kompeten) dari program yang sama."
    ),
)
PLACEMENT_RATE = RateDefinition(
    "penempatan",
    _("Tingkat penempatan"),
    PLACED,
    TRACED_GRADUATES,
    _(
        "Lulusan kohort yang bekerja atau berwirausaha pada tracer terakhirnya, dibagi lulusan "
        "kohort yang sudah ditracer. Tanggal survei tidak menyaring: tracer 2027 atas lulusan "
        "program 2026 dihitung untuk 2026."
    ),
)
SELF_EMPLOYMENT_RATE = RateDefinition(
    "wirausaha",
    _("Tingkat wirausaha"),
    SELF_EMPLOYED,
    TRACED_GRADUATES,
    _(
        "Lulusan kohort yang berwirausaha pada tracer terakhirnya, dibagi lulusan kohort yang "
        "sudah ditracer."
    ),
)

POPULATIONS = (
    ACTIVE_INSTITUTIONS,
    DISTRICTS_COVERED,
    APPLICANTS,
    PARTICIPANTS,
    PEOPLE_TRAINED,
    GRADUATES,
    ASSESSED,
    COMPETENT,
    GRADUATION_COHORT,
    TRACED_GRADUATES,
    PLACED,
    SELF_EMPLOYED,
    ALUMNI_ENTERPRISES,
    ACTIVE_PARTNERSHIPS,
)
RATES = (GRADUATION_RATE, COMPETENCY_RATE, PLACEMENT_RATE, SELF_EMPLOYMENT_RATE)
