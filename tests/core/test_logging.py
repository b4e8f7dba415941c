import io
import logging
import sys

import pytest

from core.logging import ExpectedRefusalsWithoutTracebackFilter, RedactPersonalDataFilter

NIK = "3603014507900001"


@pytest.fixture
def log_output():
    """A logger whose one handler carries the filter, as the configured console does."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalDataFilter())
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


@pytest.mark.parametrize(
    "phone",
    ["081234567890", "+6281234567890", "6281234567890", "0812-3456-7890", "+62 812 3456 7890"],
)
def test_phone_numbers_are_masked(log_output, phone):
    logger, stream = log_output

    logger.warning("Peserta menelepon dari %s hari ini", phone)

    assert stream.getvalue() == "Peserta menelepon dari [TELEPON] hari ini\n"


def test_nik_is_masked_in_message_and_arguments(log_output):
    logger, stream = log_output

    logger.warning(f"NIK {NIK} ditolak; pendaftar lain: %s", NIK)

    assert stream.getvalue() == "NIK [NIK] ditolak; pendaftar lain: [NIK]\n"


def test_nik_is_masked_in_a_traceback(log_output):
    logger, stream = log_output

    try:
        raise ValueError(f"duplicate key value violates unique constraint: (nik)=({NIK})")
    except ValueError:
        logger.exception("Pendaftaran gagal")

    output = stream.getvalue()
    assert "Traceback" in output
    assert NIK not in output
    assert "(nik)=([NIK])" in output


@pytest.mark.parametrize(
    "number",
    [
        "1234567890",
        "2026-08-12 10:00:00",
        "36030145079000012",
        # Celery's task durations: a fraction of 16 digits is not a NIK, nor a phone.
        "2.0160434649999956s",
        "0.0812345678901234s",
    ],
)
def test_other_numbers_are_left_alone(log_output, number):
    logger, stream = log_output

    logger.warning("nomor %s", number)

    assert stream.getvalue() == f"nomor {number}\n"


def test_arguments_that_do_not_fit_are_left_for_logging_to_report():
    record = logging.LogRecord("tests", logging.WARNING, __file__, 1, "%s dan %s", ("satu",), None)

    assert RedactPersonalDataFilter().filter(record) is True
    assert record.msg == "%s dan %s"


@pytest.mark.parametrize("name", ["", "django", "django.request", "django.server", "celery"])
def test_every_configured_handler_masks_personal_data(name):
    logger = logging.getLogger(name)
    handlers = []
    while logger:
        handlers += logger.handlers
        logger = logger.parent if logger.propagate else None

    written = [
        handler
        for handler in handlers
        # pytest's own capture handlers sit on the root logger during tests.
        if not isinstance(handler, logging.NullHandler)
        and not type(handler).__module__.startswith("_pytest")
    ]
    assert written
    for handler in written:
        assert any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters), handler


def test_axes_announces_nothing_below_warning():
    assert logging.getLogger("axes").getEffectiveLevel() == logging.WARNING


@pytest.fixture
def console(client):
    """What the configured console handler writes while the test runs."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_bad_host_header_is_one_line_without_a_traceback(client, console, db):
    response = client.get("/", HTTP_HOST="penyerang.example")

    assert response.status_code == 400
    output = console.getvalue()
    assert "Invalid HTTP_HOST header: 'penyerang.example'" in output
    assert "Traceback" not in output


def test_a_refused_page_is_one_line_without_a_traceback(client, console, disnaker):
    client.force_login(disnaker)

    assert client.get("/pengelola/").status_code == 403
    output = console.getvalue()
    assert "Forbidden (Permission denied): /pengelola/" in output
    assert "Traceback" not in output


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("rusak")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error",
            (),
            sys.exc_info(),
        )
    record.status_code = 500

    ExpectedRefusalsWithoutTracebackFilter().filter(record)

    assert record.exc_info is not None
