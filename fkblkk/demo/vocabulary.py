"""Words the demo data is made of: fictional Indonesian names, courses, businesses and partners.

Every person, host organisation, company and agreement built from these lists is invented.
"""

from institutions.models import Institution
from partnerships.models import Contribution, Partner

DEMO_NOTE = "Data demo"

# fmt: off
MALE_GIVEN_NAMES = [
    "Muhammad", "Ahmad", "Rizki", "Fajar", "Dimas", "Agus", "Budi", "Dedi", "Eko", "Hendra",
    "Irfan", "Joko", "Kurniawan", "Lukman", "Maulana", "Nanda", "Oki", "Putra", "Rahmat",
    "Ridwan", "Sandi", "Taufik", "Usman", "Wahyu", "Yoga", "Zainal", "Arif", "Bayu", "Cahya",
    "Deni", "Fikri", "Gilang", "Hasan", "Ilham", "Jaka", "Rafi", "Syahrul", "Asep", "Ujang",
    "Iwan",
]
FEMALE_GIVEN_NAMES = [
    "Siti", "Dewi", "Nur", "Aisyah", "Ayu", "Fitri", "Indah", "Lestari", "Maya", "Nabila",
    "Putri", "Rina", "Sari", "Tika", "Wulan", "Yuni", "Anisa", "Citra", "Dian", "Eka",
    "Fatimah", "Hana", "Intan", "Khadijah", "Lina", "Melati", "Nisa", "Rahma", "Salsabila",
    "Tiara", "Umi", "Vina", "Yanti", "Zahra", "Ratna", "Euis", "Neng", "Iis", "Popon", "Rosita",
]
# Second names follow the person's gender, as Indonesian names do; Batak marga fit both.
MALE_SECOND_NAMES = [
    "Pratama", "Saputra", "Hidayat", "Nugraha", "Wijaya", "Santoso", "Permana", "Setiawan",
    "Ramadhan", "Firmansyah", "Hakim", "Fauzi", "Syahputra", "Kusuma", "Hermawan", "Gunawan",
    "Purnama", "Sopandi", "Mulyana", "Supriatna", "Jamaludin", "Nugroho", "Hidayatullah",
]
FEMALE_SECOND_NAMES = [
    "Lestari", "Rahayu", "Safitri", "Wulandari", "Handayani", "Sulastri", "Susanti", "Suryani",
    "Anggraini", "Nurjanah", "Rosidah", "Maulida", "Kurniasih", "Oktaviani", "Puspitasari",
    "Permatasari", "Fitriani", "Yuliani", "Amelia", "Ramadhani", "Nurhaliza", "Khoirunnisa",
]
MARGA = ["Sembiring", "Siregar", "Lubis", "Manurung", "Tanjung", "Pohan", "Daulay", "Hasibuan"]

PESANTREN_NAMES = [
    "Al-Hidayah", "Darul Ulum", "Nurul Falah", "Al-Mubarok", "Daarul Qur'an", "Riyadhul Jannah",
    "Al-Ikhlas", "Miftahul Huda", "Raudhatul Jannah", "Nurul Huda", "Al-Falah", "Baitul Hikmah",
    "Al-Amanah", "Darussalam", "Al-Muhajirin", "Al-Ittihad", "Manba'ul Ulum", "Sirojul Huda",
    "Al-Khairiyah", "Daar el-Istiqomah", "Nurul Iman", "Al-Barokah", "Bustanul Ulum",
    "Roudlotul Mutaalimin", "Al-Hikmah", "Darul Muttaqin", "Annur", "Al-Istiqomah",
    "Mathla'ul Anwar", "Nurul Hikmah", "Daarul Falah", "Al-Azhar Tangerang", "Riyadlul Huda",
    "Al-Kautsar", "Baitul Quran", "Darul Hikam", "Al-Munawwarah", "Hidayatul Mubtadiin",
    "Al-Furqon", "Tarbiyatul Akhlaq",
]
# fmt: on
HOST_NAMES = {
    Institution.HostType.PESANTREN: ("Pondok Pesantren", PESANTREN_NAMES),
    Institution.HostType.SEMINARY: ("Seminari", ["Santo Yohanes Maria", "Santo Paulus"]),
    Institution.HostType.CHURCH: ("Gereja", ["Kristen Pasundan Tigaraksa", "Santo Agustinus"]),
    Institution.HostType.PASRAMAN: ("Pasraman", ["Widya Dharma", "Saraswati Jnana"]),
    Institution.HostType.DHAMMASEKHA: ("Dhammasekha", ["Vidya Sasana", "Maitreya Bodhi"]),
    Institution.HostType.OTHER_RELIGIOUS: ("Yayasan", ["Majelis Taklim Al-Mukhlisin"]),
    Institution.HostType.TRADE_UNION: (
        "Serikat Pekerja",
        ["Logam Sejahtera Tangerang", "Tekstil dan Garmen Bersatu", "Kimia Energi Mandiri"],
    ),
}
# How 33 BLKK divide among host types: mostly pesantren, at least one of every other kind.
HOST_TYPE_MIX = (
    [Institution.HostType.PESANTREN] * 26
    + [Institution.HostType.TRADE_UNION] * 2
    + [
        Institution.HostType.SEMINARY,
        Institution.HostType.CHURCH,
        Institution.HostType.PASRAMAN,
        Institution.HostType.DHAMMASEKHA,
        Institution.HostType.OTHER_RELIGIOUS,
    ]
)

# The legal form each kind of host usually has; a trade union's is left unrecorded.
HOST_LEGAL_FORMS = {
    Institution.HostType.OTHER_RELIGIOUS: Institution.LegalForm.PERKUMPULAN,
    Institution.HostType.TRADE_UNION: "",
}

# fmt: off
STREET_WORDS = [
    "Raya", "Masjid", "Pesantren", "Pendidikan", "Kenanga", "Melati", "Mawar", "Flamboyan",
    "Cempaka", "Sawo", "Nangka", "Kelapa", "Delima", "Bambu", "Merdeka", "Pahlawan",
]
KAMPUNG_WORDS = [
    "Babakan", "Cilongok", "Pabuaran", "Kebon Kelapa", "Sukamanah", "Pasir", "Tegal",
    "Cibadak", "Kadu", "Leuwi", "Muara", "Bojong", "Rawa", "Gempol", "Kandang", "Ciater",
]
# fmt: on

# Courses by kejuruan slug (from institutions/data/kejuruan.csv).
COURSES = {
    "teknik-otomotif": [
        "Servis Sepeda Motor Injeksi",
        "Perawatan Berkala Mobil Bensin",
        "Kelistrikan Sepeda Motor",
    ],
    "teknik-pendingin": ["Servis AC Split", "Perawatan Lemari Es dan Showcase"],
    "teknik-las": ["Pengelasan SMAW Pemula", "Pengelasan Konstruksi Pagar dan Kanopi"],
    "teknik-konstruksi-furniture-dan-kriya-kayu": [
        "Pembuatan Mebel Kayu",
        "Finishing Furnitur",
        "Kriya Kayu Dekoratif",
    ],
    "elektronika": ["Servis Telepon Seluler", "Perbaikan Peralatan Elektronika Rumah Tangga"],
    "teknik-informatika": ["Operator Komputer Perkantoran", "Teknisi Jaringan Komputer"],
    "multimedia": ["Fotografi dan Videografi Produk", "Penyuntingan Video Konten Digital"],
    "desain-komunikasi-visual": ["Desain Grafis Percetakan", "Desain Kemasan Produk UMKM"],
    "pengolahan-hasil-pertanian": ["Pengolahan Keripik dan Makanan Ringan", "Olahan Jamur Tiram"],
    "pengolahan-hasil-perikanan": ["Pengolahan Bandeng Presto", "Olahan Ikan Beku dan Abon"],
    "seni-kriya": ["Kerajinan Anyaman Bambu", "Batik Tulis dan Cap"],
    "menjahit": [
        "Menjahit Pakaian Wanita",
        "Menjahit Busana Muslim",
        "Operator Mesin Jahit Garmen",
    ],
    "bahasa": ["Bahasa Jepang untuk Pemagangan", "Bahasa Inggris Perhotelan"],
    "tata-boga": ["Pembuatan Roti dan Kue", "Tata Boga Katering Rumahan"],
    "teknik-listrik": ["Instalasi Listrik Rumah Tinggal", "Pemasangan Panel Surya Atap"],
    "barista": ["Barista Kopi Nusantara", "Peracikan Minuman Kekinian"],
}

ENTERPRISE_SECTORS = {
    "teknik-otomotif": "otomotif",
    "teknik-pendingin": "elektronik",
    "teknik-las": "konstruksi",
    "teknik-konstruksi-furniture-dan-kriya-kayu": "kriya",
    "elektronika": "elektronik",
    "teknik-informatika": "digital",
    "multimedia": "digital",
    "desain-komunikasi-visual": "digital",
    "pengolahan-hasil-pertanian": "pertanian",
    "pengolahan-hasil-perikanan": "pertanian",
    "seni-kriya": "kriya",
    "menjahit": "fesyen",
    "bahasa": "jasa",
    "tata-boga": "kuliner",
    "teknik-listrik": "konstruksi",
    "barista": "kuliner",
}
# Per sector: how an alumni business calls itself, and what it sells.
ENTERPRISE_STYLES = {
    "kuliner": ("Dapur", "Kue basah, nasi kotak dan katering acara"),
    "fesyen": ("Konveksi", "Jahit seragam, gamis dan permak pakaian"),
    "otomotif": ("Bengkel Motor", "Servis berkala, ganti oli dan tune-up sepeda motor"),
    "elektronik": ("Servis Elektronik", "Servis AC, kulkas dan telepon seluler"),
    "kriya": ("Mebel dan Kriya", "Meja, kursi, lemari dan kerajinan kayu pesanan"),
    "digital": ("Studio Kreatif", "Desain grafis, foto produk dan pengelolaan media sosial UMKM"),
    "pertanian": ("Olahan", "Keripik, abon dan olahan hasil tani/ikan kemasan"),
    "konstruksi": ("Bengkel Las dan Listrik", "Pagar, kanopi, teralis dan instalasi listrik"),
    "jasa": ("Jasa", "Les bahasa dan jasa terjemahan"),
}
ORDER_CHANNELS = ["Pesan lewat WhatsApp", "Toko daring di marketplace", "Instagram usaha"]

EMPLOYERS = [
    "PT Sinar Abadi Plastindo",
    "PT Cahaya Garmen Lestari",
    "CV Maju Bersama Teknik",
    "PT Nusa Otomotif Servis",
    "PT Karya Pangan Sentosa",
    "Hotel Griya Asri",
    "PT Tirta Elektrik Mandiri",
    "CV Kayu Jati Makmur",
    "PT Logistik Cikupa Raya",
    "Toko Roti Harum Manis",
    "Bengkel Resmi Sumber Jaya Motor",
    "PT Mega Sarana Dingin",
]

# BNSP certification schemes a competent graduate is certified in, by kejuruan slug.
COMPETENCY_SCHEMES = {
    "teknik-otomotif": "Mekanik Sepeda Motor",
    "teknik-pendingin": "Teknisi Refrigerasi dan Tata Udara Domestik",
    "teknik-las": "Juru Las SMAW Posisi Bawah Tangan",
    "teknik-konstruksi-furniture-dan-kriya-kayu": "Tukang Kayu Furnitur",
    "elektronika": "Teknisi Perbaikan Telepon Seluler",
    "teknik-informatika": "Operator Komputer Muda",
    "multimedia": "Videografer Muda",
    "desain-komunikasi-visual": "Desainer Grafis Muda",
    "pengolahan-hasil-pertanian": "Pengolah Makanan Ringan",
    "pengolahan-hasil-perikanan": "Pengolah Hasil Perikanan",
    "seni-kriya": "Perajin Anyaman",
    "menjahit": "Penjahit Pakaian Wanita",
    "bahasa": "Komunikasi Bahasa Jepang Dasar",
    "tata-boga": "Pembuat Roti dan Kue",
    "teknik-listrik": "Instalatir Listrik Rumah Tinggal",
    "barista": "Barista",
}
# LSP that certify graduates of any kejuruan, and those of one trade.
COMPETENCY_ISSUERS = ["LSP P1 BLK Komunitas Banten", "LSP BBPVP Serang"]
TRADE_COMPETENCY_ISSUERS = {
    "menjahit": "LSP Garmen Indonesia",
    "teknik-otomotif": "LSP Otomotif Indonesia",
    "tata-boga": "LSP Kuliner Nusantara",
}

INSTRUCTOR_CERTIFIERS = ["BNSP", "LSP P1 BLK Komunitas", "LSP BBPVP Serang"]
INSTRUCTOR_TRAINING_ORGANISERS = ["BBPVP Serang", "BBPVP Bekasi", "BPVP Bandung Barat"]
INSTRUCTOR_TRAINING_TITLES = [
    "Pelatihan Metodologi Pelatihan (TM)",
    "Upgrading Kompetensi Teknis Instruktur",
    "Pelatihan Asesor Kompetensi",
]

COMMUNITY_GROUP_NAMES = {
    "pemuda": "Karang Taruna",
    "perempuan": "Kelompok Perempuan",
    "majelis": "Majelis Taklim",
    "usaha": "Kelompok Usaha Bersama",
    "tani": "Kelompok Tani",
    "lainnya": "Komunitas",
}
# Words that community groups and small businesses put in their names.
NAME_WORDS = ["Melati", "Mandiri", "Berkah", "Sejahtera", "Harapan", "Cahaya", "Bina"]

OFFICER_POSITIONS = [
    ("ketua", ""),
    ("wakil_ketua", ""),
    ("sekretaris", ""),
    ("bendahara", ""),
    ("koordinator", "Bidang Program dan Kurikulum"),
    ("koordinator", "Bidang Kemitraan dan Kewirausahaan"),
    ("anggota", "Bidang Humas"),
]

# The forum's partners: (name, kind). The companies are fictional, the agreements all are.
FORUM_PARTNERS = [
    ("PT Sinar Otomotif Nusantara", Partner.Kind.COMPANY),
    ("PT Karya Busana Indah", Partner.Kind.COMPANY),
    ("PT Mitra Teknik Pendingin", Partner.Kind.COMPANY),
    ("CV Kopi Nusantara Lestari", Partner.Kind.COMPANY),
    ("Dinas Tenaga Kerja Kabupaten Tangerang", Partner.Kind.GOVERNMENT),
    ("Dinas Koperasi dan UKM Kabupaten Tangerang", Partner.Kind.GOVERNMENT),
    ("Politeknik Teknologi Cikupa", Partner.Kind.UNIVERSITY),
    ("Asosiasi Bengkel Sepeda Motor Tangerang", Partner.Kind.ASSOCIATION),
    ("Himpunan Pengusaha Kuliner Banten", Partner.Kind.ASSOCIATION),
    ("Forum Pondok Pesantren Tangerang Raya", Partner.Kind.RELIGIOUS),
    ("BPR Tangerang Makmur", Partner.Kind.FINANCIAL),
    ("Koperasi Syariah Berkah Bersama", Partner.Kind.FINANCIAL),
    ("Yayasan Peduli Vokasi Nusantara", Partner.Kind.OTHER),
]
# Partners of the BLKK added by --scale, one set per 33 BLKK (their names get a branch number).
REGIONAL_PARTNERS = [
    ("PT Nusantara Karya Vokasi", Partner.Kind.COMPANY),
    ("PT Bina Industri Terampil", Partner.Kind.COMPANY),
    ("Bank Perkreditan Rakyat Usaha Rakyat", Partner.Kind.FINANCIAL),
    ("Asosiasi UMKM Binaan BLKK", Partner.Kind.ASSOCIATION),
]

# What a partnership of each scope delivers: (kind, description, unit value in Rupiah or None).
CONTRIBUTIONS_BY_SCOPE = {
    "kurikulum": (Contribution.Kind.CURRICULUM, "Penyusunan modul pelatihan sesuai SKKNI", None),
    "peralatan": (Contribution.Kind.EQUIPMENT, "Hibah peralatan praktik bengkel", 4_500_000),
    "branding-kewirausahaan": (
        Contribution.Kind.BRANDING,
        "Pendampingan merek, kemasan dan pemasaran daring produk alumni",
        1_500_000,
    ),
    "pemberdayaan-instruktur": (
        Contribution.Kind.TRAINERS,
        "Narasumber praktisi industri untuk pelatihan instruktur",
        2_000_000,
    ),
    "pelatihan-berbasis-kompetensi": (
        Contribution.Kind.TRAINERS,
        "Instruktur tamu dan uji kompetensi bersama LSP",
        2_500_000,
    ),
    "pemagangan-penempatan": (
        Contribution.Kind.PLACEMENT,
        "Penempatan magang lulusan di perusahaan mitra",
        None,
    ),
    "akses-pembiayaan": (
        Contribution.Kind.FUNDS,
        "Kredit usaha lunak untuk alumni yang berwirausaha",
        10_000_000,
    ),
}
