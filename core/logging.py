"""Logging filter that keeps personal data out of log lines (UU 27/2022)."""

import logging
import re

# A NIK is 16 digits, not the fraction of a number ("succeeded in 2.0160434649999956s", as
# Celery times a task). An Indonesian mobile number starts with 0, 62 or +62, then 8 and 7-11
# more digits, often grouped with spaces or dashes ("0812-3456-7890", "+62 812 3456 7890").
NIK_PATTERN = re.compile(r"(?<![\d.])\d{16}(?!\d)(?!\.\d)")
PHONE_PATTERN = re.compile(r"(?<![\d+.])(?:\+62|62|0)[ -]?8(?:[ -]?\d){7,11}(?!\d)")

_exception_formatter = logging.Formatter()


def redact(text: str) -> str:
    text = NIK_PATTERN.sub("[NIK]", text)
    return PHONE_PATTERN.sub("[TELEPON]", text)


class RedactPersonalDataFilter(logging.Filter):
    """Masks NIKs and phone numbers before any handler writes the record.

    The traceback is masked too: database errors quote the offending values
    ("Key (nik)=(3603...) already exists").
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # Arguments that do not fit the format: leave the record for the handler to
            # report as a logging error rather than failing the caller's request here.
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            # Formatters reuse exc_text once it is set, so they print the masked traceback.
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class ExpectedRefusalsWithoutTracebackFilter(logging.Filter):
    """Drops the traceback of a refusal the portal means to give: a 4xx that Django logs with
    its exception (403 Permission denied) and every ``django.security`` record (a bad Host
    header). The line says what was refused; tracebacks are kept for server errors, where a
    bug hides, and do not drown them."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        refused = record.name.startswith("django.security") or (status is not None and status < 500)
        if refused:
            record.exc_info = record.exc_text = None
        return True
