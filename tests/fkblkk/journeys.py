"""Journeys measured in the browser: what a person does to get something done, counted.

What counts, the same for every journey:

- ``actions``: a tap on a link, a button, a checkbox or a radio button; a form sent with the
  Enter key; a file chosen; a link followed from outside the site (an e-mail's);
- ``fields_filled``: one field given a value, by typing or by choosing an option of a list;
  a field left as the page offers it (a date prefilled with today) is not counted;
- ``page_loads``: each document loaded in the tab (the browser's ``load`` event). A form
  answered with a redirect loads one page, the one redirected to.

Filling a row of a table is several fields but no action: the targets for the work of a month
(issue 14) count the taps and the pages, which grow with the number of pages a task is spread
over, not with the number of people on a page.

Each journey prints its numbers (visible with ``pytest -s``) and merges them into
``test-artifacts/journeys.json``; its screenshots go to ``test-artifacts/screenshots/``.
"""

import fcntl
import json
from dataclasses import asdict, dataclass, field

from django.conf import settings
from playwright.sync_api import Locator, Page

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
RECORD = ARTIFACTS / "journeys.json"
PHONE = {"width": 390, "height": 844}


@dataclass
class Counts:
    actions: int = 0
    fields_filled: int = 0
    page_loads: int = 0


@dataclass
class Journey:
    """A person's way through the site in ``page``, counted from the moment it is made."""

    name: str
    page: Page
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self):
        self.page.on("load", self._loaded)

    def _loaded(self, _page: Page) -> None:
        self.counts.page_loads += 1

    def arrive(self, address: str, *, by_tapping: bool = False) -> None:
        """Open ``address`` from outside the site: typed (no action) or tapped in an e-mail."""
        self.counts.actions += by_tapping
        self.page.goto(address)

    def tap(self, target: Locator) -> None:
        """A tap that stays on the page: a menu toggler, a checkbox, a radio button."""
        self.counts.actions += 1
        target.click()

    def go(self, target: Locator) -> None:
        """A tap that loads a page: a link, or a form's button; returns once it has loaded."""
        self.counts.actions += 1
        with self.page.expect_event("load"):
            target.click()

    def send_with_enter(self, target: Locator) -> None:
        self.counts.actions += 1
        with self.page.expect_event("load"):
            target.press("Enter")

    def fill(self, target: Locator, text: str) -> None:
        self.counts.fields_filled += 1
        target.fill(text)

    def choose(self, target: Locator, value: str | None = None, *, label: str | None = None):
        """One option chosen in a list."""
        self.counts.fields_filled += 1
        target.select_option(value=value, label=label)

    def choose_file(self, target: Locator, name: str, content: bytes, mime_type: str) -> None:
        self.counts.actions += 1
        target.set_input_files({"name": name, "mimeType": mime_type, "buffer": content})

    def screenshot(self, step: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"journey-{self.name}-{step}.png", full_page=True)

    def record(self, target: Counts | None = None) -> Counts:
        """Print the numbers and merge them into the shared record, under the journey's name,
        with the ``target`` for its actions and page loads when it has one.

        The file is locked while it is read and written: the journeys may end at the same
        moment on two pytest-xdist workers.
        """
        self.page.wait_for_load_state("load")
        counts = self.counts
        entry = asdict(counts)
        line = (
            f"JOURNEY {self.name}: actions={counts.actions} "
            f"fields_filled={counts.fields_filled} page_loads={counts.page_loads}"
        )
        if target is not None:
            entry["target"] = {"actions": target.actions, "page_loads": target.page_loads}
            entry["meets_target"] = (
                counts.actions <= target.actions and counts.page_loads <= target.page_loads
            )
            line += (
                f" (target: actions<={target.actions} page_loads<={target.page_loads}, "
                f"{'met' if entry['meets_target'] else 'NOT met'})"
            )
        print(line)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with RECORD.open("a+", encoding="utf-8") as record:
            fcntl.flock(record, fcntl.LOCK_EX)
            record.seek(0)
            recorded = json.loads(record.read() or "{}")
            recorded[self.name] = entry
            record.seek(0)
            record.truncate()
            record.write(json.dumps(recorded, indent=2, sort_keys=True) + "\n")
        return counts
