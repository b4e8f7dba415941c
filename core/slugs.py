"""Public addresses made from names: a slug per row, free of clashes, never changed."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify


def unique_slug(model, text: str, *, fallback: str) -> str:
    """A slug for a new row's public address from ``text``, numbered (-2, -3…) when taken."""
    # Room for the number.
    max_length = model._meta.get_field("slug").max_length - 6
    base = slugify(text)[:max_length].strip("-") or fallback
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
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
