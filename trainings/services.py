"""Writes on training programs that touch several rows or run outside a request."""

import datetime

from django.db import transaction
from django.utils.translation import gettext

from .models import TrainingProgram


def program_close_registrations_past_deadline(*, today: datetime.date | None = None) -> int:
    """Close registration of every open program whose closing date has passed.

    Returns how many programs it closed. Running it again closes nothing more, so the
    nightly task may be retried safely. The history rows carry the reason, since no user
    made the change.
    """
    reason = gettext("Ditutup otomatis: batas pendaftaran sudah lewat.")
    closed = 0
    with transaction.atomic():
        programs = TrainingProgram.objects.registration_past_deadline(today).select_for_update()
        for program in programs:
            program._change_reason = reason
            program.close_registration()
            closed += 1
    return closed
