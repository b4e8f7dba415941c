import io
import logging

import pytest

from core.logging import RedactPersonalDataFilter

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


@pytest.mark.parametrize("number", ["1234567890", "2026-08-12 10:00:00", "36030145079000012"])
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
