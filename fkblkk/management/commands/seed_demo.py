"""``manage.py seed_demo``: fill the portal with fictional, clearly marked demo data."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import capfirst

from fkblkk.demo import demo_models, demo_seed


def check_options(*, scale, with_users, password, force):
    if not settings.DEBUG and not force:
        raise CommandError(
            "DEBUG mati: ini tampaknya server produksi, dan seed_demo menulis data fiktif. "
            "Tambahkan --force bila memang disengaja."
        )
    if scale < 1:
        raise CommandError("--scale harus 1 atau lebih.")
    if password is not None:
        if not with_users:
            raise CommandError("--password hanya berlaku bersama --with-users.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("Kata sandi ditolak: " + " ".join(error.messages)) from error


class Command(BaseCommand):
    help = (
        "Mengisi portal dengan data demo fiktif: 33 BLKK di Kabupaten Tangerang beserta program, "
        "peserta, alumni, mitra dan kemitraan. Aman dijalankan ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Kelipatan volume: N>1 menambah 33 BLKK per kelipatan di kecamatan lain di "
            "Indonesia. Contoh: --scale 100.",
        )
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Buat akun demo: sekretariat, disnaker dan pengelola-<slug BLKK>.",
        )
        parser.add_argument(
            "--password",
            help="Kata sandi untuk semua akun demo, termasuk yang sudah ada. Tanpa ini, akun "
            "baru mendapat kata sandi acak yang ditampilkan sekali.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Jalankan juga saat DEBUG mati (misalnya di server uji).",
        )

    def handle(self, *args, scale, with_users, password, force, **options):
        check_options(scale=scale, with_users=with_users, password=password, force=force)
        started = time.monotonic()

        def report_progress(index):
            elapsed = time.monotonic() - started
            self.stdout.write(f"Kelompok {index + 1}/{scale} selesai ({elapsed:.0f} detik).")

        result = demo_seed(
            scale=scale,
            with_users=with_users,
            password=password,
            on_cohort=report_progress if scale > 1 else None,
        )
        self.write_counts(result.created)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Data demo siap dalam {elapsed:.1f} detik."))
        if result.accounts:
            self.write_password_note(result.accounts.generated_password, password)

    def write_password_note(self, generated_password, given_password):
        if generated_password:
            self.stdout.write(
                self.style.WARNING(
                    f"Kata sandi akun demo: {generated_password}\n"
                    "Catat sekarang: kata sandi ini tidak akan ditampilkan lagi."
                )
            )
        elif given_password:
            self.stdout.write("Kata sandi semua akun demo diganti dengan nilai --password.")
        else:
            self.stdout.write("Akun demo sudah ada dan tetap memakai kata sandinya.")

    def write_counts(self, created):
        models = [get_user_model(), *demo_models()]
        width = max(len(str(model._meta.verbose_name_plural)) for model in models)
        self.stdout.write(f"{'Tabel':<{width}}  {'dibuat':>9}  {'jumlah':>9}")
        for model in models:
            name = capfirst(model._meta.verbose_name_plural)
            self.stdout.write(f"{name:<{width}}  {created[model]:>9}  {model.objects.count():>9}")
