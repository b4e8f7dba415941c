"""Gunicorn's access log: a request cannot write a line of its own choosing into it."""

import datetime
import runpy
from types import SimpleNamespace

from django.conf import settings
from gunicorn.config import Config

from core.access_log import EscapedAccessLogger


def test_the_web_server_logs_through_the_escaping_logger():
    configured = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert configured["logger_class"] == "core.access_log.EscapedAccessLogger"


def test_a_line_break_in_the_path_is_written_escaped():
    config = Config()
    config.set("accesslog", "-")
    config.set(
        "access_log_format",
        runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))["access_log_format"],
    )
    logger = EscapedAccessLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/%0d%0a127.0.0.1 GET /admin/ 200",
        "PATH_INFO": '/\r\n127.0.0.1 "GET /admin/ HTTP/1.1" 200',
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
    }
    response = SimpleNamespace(status="404 Not Found", sent=0, headers=[])
    request = SimpleNamespace(headers=[])

    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % atoms

    assert "\r" not in line and "\n" not in line
    assert '/\\x0d\\x0a127.0.0.1 "GET /admin/' in line
