"""Logging filter that keeps personal data out of log lines (UU 27/2022)."""

import logging
import re

# A NIK is 16 digits; an Indonesian phone number starts with 0, 62 or +62 and has 8-13 more digits.
NIK_PATTERN = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE_PATTERN = re.compile(r"(?<![\d+])(?:\+62|62|0)8\d{7,11}(?!\d)")


def redact(text: str) -> str:
    text = NIK_PATTERN.sub("[NIK]", text)
    return PHONE_PATTERN.sub("[TELEPON]", text)


class RedactPersonalDataFilter(logging.Filter):
    """Masks NIKs and phone numbers in the formatted message before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
