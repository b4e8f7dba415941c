"""Celery tasks of the trainings app; each one calls a service."""

from celery import shared_task

from . import services


@shared_task
def close_registrations_past_deadline() -> int:
    """Nightly (see ``fkblkk/celery.py``): close registrations whose deadline has passed."""
    return services.program_close_registrations_past_deadline()
