"""What every real-browser test shares: Debian's Chromium, started the way this machine allows."""

import pytest

# Playwright cannot download its own browser here; Debian's chromium needs these flags to run
# headless as root in a container, and the rest keep it from calling home during a test.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_FLAGS,
    }
