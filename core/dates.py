"""Dates as the domain counts and writes them: months after a graduation, ``7 Desember 2026``."""

import calendar
import datetime

from django.utils.formats import date_format


def day_label(value: datetime.date) -> str:
    """A date as the portal writes it in a sentence: ``7 Desember 2026``."""
    return date_format(value, "j F Y")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months later (earlier when negative), or the month's last day
    when that month is shorter: a graduate of 31 August is due for the 6-month tracer on
    28 or 29 February."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))
