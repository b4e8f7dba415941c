"""Abstract models every app builds on: timestamps, status machines and background jobs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


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


class BackgroundJobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.exclude(status__in=self.model.FINISHED_STATUSES)

    def stalled(self, *, now: datetime.datetime | None = None):
        """Unfinished jobs not updated for ``STALLED_AFTER``: their worker died, or their task
        never reached the broker. Running jobs touch ``updated_at`` as they progress."""
        return self.unfinished().filter(
            updated_at__lt=(now or timezone.now()) - self.model.STALLED_AFTER
        )


class BackgroundJob(TimeStampedModel):
    """Work a Celery task does while someone watches a progress bar (the participant import,
    the dashboard's export): queued, running in one or more steps, then done or failed; failed
    as stalled too when nothing moved for ``STALLED_AFTER``.

    Every job shares the values of ``QUEUED``, ``DONE`` and ``FAILED``; a job's own ``Status``
    choices add its running steps between them and are passed to ``status_field``. A job says
    how far it is in ``progress_percent`` and how it ends when stalled in ``fail_as_stalled``.
    ``core.progress.job_progress_response`` answers the progress bar's polls for any job.
    """

    QUEUED = "antre"
    DONE = "selesai"
    FAILED = "gagal"
    FINISHED_STATUSES = (DONE, FAILED)
    # An unfinished job not updated for this long has lost its worker (see the beat schedule).
    STALLED_AFTER = datetime.timedelta(minutes=30)

    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        abstract = True

    @staticmethod
    def status_field(choices: type[models.TextChoices]) -> models.CharField:
        """The ``status`` field of a job whose statuses are ``choices``."""
        return models.CharField(
            _("status"), max_length=10, choices=choices.choices, default=BackgroundJob.QUEUED
        )

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED_STATUSES

    @property
    def percent(self) -> int:
        """How far the job is, from 0 to 100; 100 once it is finished."""
        return 100 if self.is_finished else min(100, self.progress_percent())

    def progress_percent(self) -> int:
        raise NotImplementedError

    def fail_as_stalled(self) -> None:
        """End the job as failed, telling its reader to start it again."""
        raise NotImplementedError

    @classmethod
    def claim(cls, pk, *, running: str, also: Q | None = None, **changes) -> bool:
        """Take the queued job ``pk`` for a task, moving it to the ``running`` status (with
        ``changes``) in one UPDATE, so that a task delivered twice runs it once. ``also``
        names the other jobs a task may take (its own, taken back after its worker died).
        True when the job was taken now."""
        claimable = cls._default_manager.filter(Q(status=cls.QUEUED) | (also or Q()), pk=pk)
        return bool(claimable.update(status=running, updated_at=timezone.now(), **changes))

    @classmethod
    def fail_stalled(cls, *, now: datetime.datetime | None = None) -> int:
        """Fail the jobs that stopped moving, so that nobody waits on a progress bar forever;
        how many. Run every quarter of an hour by the beat (``fkblkk/celery.py``)."""
        stalled = list(cls._default_manager.stalled(now=now))
        for job in stalled:
            job.fail_as_stalled()
        return len(stalled)
