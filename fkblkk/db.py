"""Model pieces that every app shares."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


def rupiah_field(verbose_name, **kwargs):
    """Money in whole Rupiah: a decimal with no fraction, never a float."""
    return models.DecimalField(verbose_name, max_digits=15, decimal_places=0, **kwargs)


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

    def _transition(self, transition: str, **changes) -> None:
        label, _sources, target = self.TRANSITIONS[transition]
        if not self.can(transition):
            raise InvalidTransition(
                _("Tidak bisa %(action)s: statusnya sekarang %(status)s.")
                % {"action": str(label).lower(), "status": self.get_status_display().lower()},
                code="invalid_transition",
            )
        self.status = target
        for field, value in changes.items():
            setattr(self, field, value)
        self.save(update_fields=["status", "updated_at", *changes])
