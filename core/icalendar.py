"""A small iCalendar (RFC 5545) writer for all-day events, for "add to calendar" downloads.

Written by hand because no calendar library is installed and the part the portal needs is
small: all-day events with a summary, a place, a description and a link. Text is escaped
(backslash, semicolon, comma, newline; RFC 5545 §3.3.11), lines end in CRLF and are folded
at 75 octets without splitting a UTF-8 character (§3.1).
"""

import datetime
from dataclasses import dataclass

CRLF = "\r\n"
LINE_OCTETS = 75
PRODUCT_ID = "-//FK-BLKK Kabupaten Tangerang//Portal//ID"


@dataclass(frozen=True)
class AllDayEvent:
    """An event from ``first_day`` to ``last_day``, both included."""

    uid: str
    summary: str
    first_day: datetime.date
    last_day: datetime.date
    location: str = ""
    description: str = ""
    url: str = ""


def escape_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """The line in pieces of at most 75 octets, each continuation starting with a space."""
    pieces, current, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        # A continuation's leading space counts towards its 75 octets.
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += character
        size += octets
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar_file(events: list[AllDayEvent], *, stamp: datetime.datetime, name: str) -> str:
    """The text of a .ics file holding ``events``; ``stamp`` (aware) is their DTSTAMP."""
    utc_stamp = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc_stamp}",
            f"DTSTART;VALUE=DATE:{_date(event.first_day)}",
            # DTEND of an all-day event is the day after the last one (exclusive).
            f"DTEND;VALUE=DATE:{_date(event.last_day + datetime.timedelta(days=1))}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
