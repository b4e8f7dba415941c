"""The portal's own settings for `make bench`, with the static files collected into a folder
of the bench's own (``BENCH_STATIC_ROOT``), so that the checkout's ``staticfiles/`` is left
alone. Everything else comes from the environment, as in production."""

import os

from fkblkk.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
