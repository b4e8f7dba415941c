"""Public addresses made from names: a slug per row, free of clashes, never changed."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


@deconstructible
class NotReserved:
    """Refuses a slug typed by hand (in the admin) that a fixed page beside the model's uses.

    Not a RegexValidator with ``inverse_match``: the API schema (drf-spectacular) would publish
    its pattern as the one every slug matches.
    """

    def __init__(self, reserved: tuple[str, ...]):
        self.reserved = tuple(reserved)

    def __call__(self, value: str) -> None:
        if value in self.reserved:
            raise ValidationError(
                _("Alamat ini dipakai halaman lain di situs; pilih yang lain."), code="reserved"
            )

    def __eq__(self, other):
        return isinstance(other, NotReserved) and other.reserved == self.reserved


def unique_slug(model, text: str, *, fallback: str) -> str:
    """A slug for a new row's public address from ``text``, numbered (-2, -3…) when taken.

    A model's ``RESERVED_SLUGS`` are the fixed pages beside its own in the same folder of
    addresses: taken from the start.
    """
    # Room for the number.
    max_length = model._meta.get_field("slug").max_length - 6
    base = slugify(text)[:max_length].strip("-") or fallback
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.update(getattr(model, "RESERVED_SLUGS", ()))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_with_unique_slug(instance, text: str, *, fallback: str, save=None) -> None:
    """Save a new ``instance`` under a free slug made from ``text`` (``save`` does the saving).

    The slug never changes afterwards, so shared links keep working. A concurrent row that
    takes the same slug first makes the insert fail; the next free number is tried then.
    """
    model = type(instance)
    for _attempt in range(3):
        instance.slug = unique_slug(model, text, fallback=fallback)
        try:
            with transaction.atomic():
                (save or instance.save)()
                return
        except IntegrityError:
            if not model._default_manager.filter(slug=instance.slug).exists():
                raise
            instance.pk = None
            instance._state.adding = True
    raise IntegrityError(f"No free slug for {model.__name__} “{text}”.")
