"""Gunicorn's access log with control characters escaped (``gunicorn.conf.py``).

The path in the log is the decoded one: ``/%0d%0aforged`` would otherwise write a line break
and a forged line of the attacker's choosing into the log.
"""

import re

from gunicorn.glogging import Logger

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def escaped(text: str) -> str:
    return CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class EscapedAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return {
            name: escaped(value) if isinstance(value, str) else value
            for name, value in super().atoms(resp, req, environ, request_time).items()
        }
