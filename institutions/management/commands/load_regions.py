"""Load Kemendagri region codes from ``institutions/data`` (safe to run again)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from institutions import regions
from institutions.models import District, Regency, Village


def rows_to_load(*, national: bool) -> list[dict]:
    """Kabupaten Tangerang down to its villages; with ``national``, every regency and
    kecamatan too (the migrations load both: this restores edited names)."""
    return regions.national_rows() if national else regions.kabupaten_tangerang_rows()


class Command(BaseCommand):
    help = (
        "Memuat kode wilayah Kemendagri: Kabupaten Tangerang (kecamatan dan desa/kelurahan), "
        "atau dengan --national seluruh kabupaten/kota dan kecamatan di Indonesia."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--national",
            action="store_true",
            help="Muat juga seluruh provinsi, kabupaten/kota dan kecamatan di Indonesia.",
        )

    def handle(self, *args, national, **options):
        with transaction.atomic():
            loaded = regions.load_regions(
                rows_to_load(national=national), Regency=Regency, District=District, Village=Village
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Wilayah dimuat: {loaded['regencies']} kabupaten/kota, "
                f"{loaded['districts']} kecamatan, {loaded['villages']} desa/kelurahan."
            )
        )
        self.stdout.write(
            f"Isi basis data: {Regency.objects.count()} kabupaten/kota, "
            f"{District.objects.count()} kecamatan, {Village.objects.count()} desa/kelurahan."
        )
