"""Model pieces that every app shares."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .validators import normalize_mobile_number


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


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


class InvalidTransition(ValidationError):
    """A status change that the current status does not allow."""


class StatusMachine(models.Model):
    """A ``status`` field that moves only along the declared transitions.

    Subclasses declare ``TRANSITIONS = {"name": (label, {source statuses}, target)}`` and
    expose one method per transition that calls ``_transition``; pages offer
    ``available_transitions()`` so that only valid moves are ever shown.
    """

    TRANSITIONS: dict[str, tuple[str, frozenset[str], str]] = {}

    class Meta:
        abstract = True

    def can(self, transition: str) -> bool:
        return self.status in self.TRANSITIONS[transition][1]

    def available_transitions(self) -> list[tuple[str, str]]:
        return [(name, spec[0]) for name, spec in self.TRANSITIONS.items() if self.can(name)]

    def _ensure_can(self, transition: str) -> None:
        """Raise InvalidTransition unless the current status allows ``transition``.

        Transitions with their own guards call this first, so that a move the status forbids
        is always reported as such, whatever else is wrong.
        """
        if not self.can(transition):
            label = self.TRANSITIONS[transition][0]
            raise InvalidTransition(
                _("Tidak bisa %(action)s: statusnya sekarang %(status)s.")
                % {"action": str(label).lower(), "status": self.get_status_display().lower()},
                code="invalid_transition",
            )

    def _transition(self, transition: str, **changes) -> None:
        self._ensure_can(transition)
        self.status = self.TRANSITIONS[transition][2]
        for field, value in changes.items():
            setattr(self, field, value)
        self.save(update_fields=["status", "updated_at", *changes])


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
