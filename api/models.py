"""The open data API's tokens: hashed, expiring and revocable keys made in the admin."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from core import roles
from institutions.models import Institution


class ApiTokenManager(BaseAPIKeyManager):
    def get_usable_keys(self):
        """Tokens that open the API now: not revoked, not expired, of an active owner."""
        return (
            super()
            .get_usable_keys()
            .filter(expiry_date__gt=timezone.now(), owner__is_active=True)
            .select_related("owner")
        )


class ApiToken(AbstractAPIKey):
    """A key to the API's restricted data, made and revoked by the secretariat in the admin.

    Only a hash is stored (djangorestframework-api-key's SHA-512 of a 40-character random key);
    the key itself is shown once, when the token is made. ``access`` says what it opens on top
    of the public data, and the owner must still hold that role when the token is used.
    """

    # Longest a token may live: a forgotten token stops working within a year.
    MAX_LIFETIME = datetime.timedelta(days=366)
    # ``last_used_at`` is written at most this often, not on every request.
    LAST_USED_PRECISION = datetime.timedelta(minutes=5)

    class Access(models.TextChoices):
        DISNAKER = "disnaker", _("Disnaker")
        MANAGER = "pengelola", _("Pengelola BLKK")

    name = models.CharField(
        _("nama"),
        max_length=50,
        help_text=_("Untuk apa token ini dipakai, misalnya “Laporan bulanan Disnaker”."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("pemilik"),
    )
    access = models.CharField(
        _("akses"),
        max_length=10,
        choices=Access.choices,
        help_text=_(
            "Selain data publik, token Disnaker membuka rincian agregat dan pendaftaran (NIK "
            "disamarkan); token pengelola membuka pendaftaran dan peserta BLKK-nya sendiri."
        ),
    )
    prefix = models.CharField(_("awalan kunci"), max_length=8, unique=True, editable=False)
    created = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    expiry_date = models.DateTimeField(
        _("berlaku sampai"), help_text=_("Paling lama satu tahun sejak dibuat.")
    )
    revoked = models.BooleanField(
        _("dicabut"),
        default=False,
        help_text=_("Token yang dicabut tidak dapat dipakai lagi, dan tidak dapat dipulihkan."),
    )
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, editable=False)

    objects = ApiTokenManager()

    class Meta(AbstractAPIKey.Meta):
        # The table it had when the model lived in the fkblkk app: moved without a copy.
        db_table = "fkblkk_apitoken"
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def clean(self):
        """The rules for making a token. A token already made keeps its owner, access and
        expiry (the admin shows them read-only): it may still be renamed or revoked after it
        expired or its owner left the role, which then stops it working."""
        super().clean()
        if not self._state.adding:
            return
        errors = {}
        if self.expiry_date:
            if self.expiry_date > timezone.now() + self.MAX_LIFETIME:
                errors["expiry_date"] = _("Token berlaku paling lama satu tahun.")
            elif self.expiry_date <= timezone.now():
                errors["expiry_date"] = _("Tanggal berlaku harus di masa depan.")
        if self.owner_id and self.access and not self.owner_holds_access():
            errors["owner"] = {
                self.Access.DISNAKER: _("Pemilik token Disnaker harus anggota grup Disnaker."),
                self.Access.MANAGER: _("Pemilik token pengelola harus mengelola sebuah BLKK."),
            }[self.access]
        if errors:
            raise ValidationError(errors)

    def owner_holds_access(self) -> bool:
        """Whether the owner still holds the role the token's access stands for."""
        if self.access == self.Access.DISNAKER:
            return roles.has_role(self.owner, roles.DISNAKER)
        return Institution.objects.managed_by(self.owner).exists()

    def record_use(self) -> None:
        """Note when the token was last used, at most every ``LAST_USED_PRECISION``: most
        requests write nothing."""
        now = timezone.now()
        if self.last_used_at and self.last_used_at > now - self.LAST_USED_PRECISION:
            return
        type(self).objects.filter(pk=self.pk).update(last_used_at=now)
