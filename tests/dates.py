"""Dates as the portal reads them: in Asia/Jakarta, taken when a test runs.

Never at import time: pytest imports every module before the first test runs, so a date
taken then belongs to a run's start, and a run that crosses midnight would mix two days.
"""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    """The day ``n`` days from today (before it when negative)."""
    return today() + datetime.timedelta(days=n)
