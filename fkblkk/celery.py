"""The Celery app and its beat schedule, declared in code."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fkblkk.settings")

app = Celery("fkblkk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "close-registrations-past-deadline": {
        "task": "trainings.tasks.close_registrations_past_deadline",
        "schedule": crontab(hour=0, minute=15),
    },
    # The participant counts the dashboard sums, recounted from every enrollment before the
    # dashboard's own refresh, in case a write went around the signals that keep them.
    "refresh-program-summaries": {
        "task": "trainings.tasks.refresh_program_summaries",
        "schedule": crontab(hour=0, minute=20),
    },
    # The dashboard's figures are cached per day: counted for the new day (after the nightly
    # close of registrations) so that its first reader does not wait for them.
    "refresh-dashboard-figures": {
        "task": "dashboard.tasks.refresh_dashboard_figures",
        "schedule": crontab(hour=0, minute=30),
    },
    "delete-expired-dashboard-exports": {
        "task": "dashboard.tasks.delete_expired_dashboard_exports",
        "schedule": crontab(hour=1, minute=0),
    },
    # A manager's decision is e-mailed once its undo window (ten minutes) has passed.
    "send-due-application-decisions": {
        "task": "trainings.tasks.send_due_application_decisions",
        "schedule": crontab(),
    },
    "fail-stalled-dashboard-exports": {
        "task": "dashboard.tasks.fail_stalled_dashboard_exports",
        "schedule": crontab(minute="*/15"),
    },
    "fail-stalled-participant-imports": {
        "task": "trainings.tasks.fail_stalled_participant_imports",
        "schedule": crontab(minute="*/15"),
    },
    # Mornings in Asia/Jakarta (CELERY_TIMEZONE), when the secretariat and managers read mail.
    "remind-partnerships-ending": {
        "task": "partnerships.tasks.send_partnership_ending_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "remind-pbk-reports-due": {
        "task": "trainings.tasks.send_pbk_report_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
    # What waits at each BLKK, to its managers as their week starts.
    "send-weekly-digests": {
        "task": "fkblkk.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}


def every_minute_tasks() -> list[str]:
    """The beat entries due every minute, which a development server without a broker runs
    itself after its requests (``fkblkk.middleware.BeatWithoutBrokerMiddleware``)."""
    return [
        entry["task"] for entry in app.conf.beat_schedule.values() if entry["schedule"] == crontab()
    ]
