"""Model fields every app uses: Rupiah amounts and Indonesian mobile numbers."""

from django.db import models

from .images import reencoded
from .validators import normalize_mobile_number


def rupiah_field(verbose_name, **kwargs):
    """Money in whole Rupiah: a decimal with no fraction, never a float."""
    return models.DecimalField(verbose_name, max_digits=15, decimal_places=0, **kwargs)


class MobileNumberField(models.CharField):
    """An Indonesian mobile number, stored as +62… whatever form it was typed in.

    Normalising in ``clean`` means every ``full_clean()`` (forms, admin, imports) stores one
    form, so numbers can be compared and turned into WhatsApp links. ``to_python`` is left
    alone because saving and lookups (admin search on part of a number) go through it too.
    """

    def __init__(self, *args, **kwargs):
        # Long enough for what people type ("+62 812-3456-7890"); the stored form is shorter.
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        value = super().clean(value, model_instance)
        if value in self.empty_values:
            return value
        return normalize_mobile_number(value)


class ReencodedImageField(models.ImageField):
    """An image stored as Pillow writes it again (``core.images.reencoded``), whichever page,
    admin or import saves it; the validators have checked it is an image first."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file = reencoded(file.file)
        return super().pre_save(model_instance, add)
