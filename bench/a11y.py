"""Accessibility and page speed of every public and manager page, at phone size (`make a11y`).

1. A SQLite database of its own (``var/a11y.sqlite3``) is migrated and filled with the demo
   forum and its accounts; static files are collected and compressed as in production.
2. The portal is served by gunicorn with the production settings (DEBUG off), over plain HTTP
   on 127.0.0.1:8089, as ``make bench-pages`` serves it.
   The maps are drawn without a base map: the measure runs offline.
3. Each page is checked by axe-core in Debian's Chromium (Playwright, no browser download) and
   measured by Lighthouse (mobile emulation), offline: every host name but loopback is made
   unresolvable inside Chromium. Manager pages are asked with a demo manager's session.

The table (Lighthouse's performance, accessibility, best practices and SEO; axe's violated
rules by impact) is printed and saved as ``bench/results/a11y.md``. A page under the targets
(accessibility 98, best practices 95, performance 90, no critical or serious axe violation)
makes the run exit with status 1. Lighthouse and axe-core are pinned in
``bench/a11y/package.json``, installed by the make target, not by ``make install``.
"""

import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import BIN, PORT, server_environment, start_server, stop_server  # noqa: E402

TOOLS = ROOT / "bench" / "a11y" / "node_modules"
RESULTS = ROOT / "bench" / "results" / "a11y.md"
DATABASE = ROOT / "var" / "a11y.sqlite3"
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "Aksesibel-Cepat-2026"  # noqa: S105 (the demo accounts of this database only)
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
IMPACTS = ("critical", "serious", "moderate", "minor")
TARGETS = {"accessibility": 98, "best-practices": 95, "performance": 90}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    manager: bool = False  # asked with a demo BLKK manager's session
    shown_as: str = ""  # the path in the results when ``path`` holds a secret (a signed link)


@dataclass(frozen=True)
class Measure:
    page: Page
    scores: dict  # Lighthouse category -> 0..100, or None when it could not be measured
    violations: dict  # axe impact -> rules violated, or None when axe could not run

    def failures(self) -> list[str]:
        found = [
            f"{category} {self.scores.get(category)} < {target}"
            for category, target in TARGETS.items()
            if self.scores.get(category) is None or self.scores[category] < target
        ]
        if self.violations is None:
            found.append("axe did not run")
        else:
            found += [
                f"axe {impact} {self.violations[impact]}"
                for impact in ("critical", "serious")
                if self.violations[impact]
            ]
        return found


# Pages and results (no Django, no browser: tested in tests/bench) ---------------------------


def results_table(measures: list[Measure]) -> str:
    header = ["Page", *CATEGORIES, *(f"axe {impact}" for impact in IMPACTS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for measure in measures:
        scores = [measure.scores.get(category) for category in CATEGORIES]
        violations = [
            None if measure.violations is None else measure.violations[impact] for impact in IMPACTS
        ]
        cells = [
            f"{measure.page.name} (`{measure.page.shown_as or measure.page.path}`)",
            *scores,
            *violations,
        ]
        lines.append("| " + " | ".join("–" if cell is None else str(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def lighthouse_scores(report: dict) -> dict:
    """Lighthouse's categories as whole numbers; an empty dict when the run failed."""
    if report.get("runtimeError"):
        return {}
    return {
        name: None if category.get("score") is None else round(category["score"] * 100)
        for name, category in report.get("categories", {}).items()
    }


def count_violations(violations: list[tuple[str, str]]) -> dict:
    """axe's violated rules, as (rule, impact), counted by impact."""
    counts = dict.fromkeys(IMPACTS, 0)
    for _rule, impact in violations:
        counts[impact if impact in counts else "minor"] += 1
    return counts


# The database and the pages -----------------------------------------------------------------


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def pages_to_measure(env: dict) -> list[Page]:
    """Every public page and every manager page, with real slugs from the demo."""
    os.environ.update({key: value for key, value in env.items() if key != "PATH"})
    import django

    django.setup()
    from django.urls import reverse

    from alumni.models import CommunityGroup, Enterprise, Outcome
    from alumni.selectors import tracer_cohorts_due
    from institutions.models import Institution, Instructor
    from trainings.models import Enrollment, PBKAssistance, TrainingProgram
    from trainings.selectors import PublicStatus, program_public_queryset
    from trainings.status_links import status_path

    program = program_public_queryset().filter(public_status=PublicStatus.OPEN).first()
    applied = Enrollment.objects.filter(program=program, status=Enrollment.Status.APPLIED).first()
    institution = Institution.objects.public().order_by("name").first()
    enterprise = Enterprise.objects.published().order_by("name").first()
    public = [
        ("beranda", reverse("home")),
        ("tentang", reverse("about")),
        ("pelatihan", reverse("trainings:program-list")),
        ("program", reverse("trainings:program-detail", kwargs={"slug": program.slug})),
        ("daftar", reverse("trainings:enrollment-apply", kwargs={"slug": program.slug})),
        ("direktori BLKK", reverse("institutions:institution-list")),
        (
            "profil BLKK",
            reverse("institutions:institution-detail", kwargs={"slug": institution.slug}),
        ),
        ("usaha alumni", reverse("alumni:enterprise-list")),
        ("usaha", reverse("alumni:enterprise-detail", kwargs={"slug": enterprise.slug})),
        ("mitra", reverse("partnerships:partner-list")),
        ("kabari saya", reverse("trainings:alert")),
        ("cek status", reverse("applications:check")),
        ("masuk", reverse("manager:login")),
        ("lupa kata sandi", reverse("manager:password-reset")),
    ]

    # The manager's own rows, one of each kind, for the pages that show or edit one.
    blkk = manager_institution()

    def own(model):
        return model.objects.of_institution(blkk).order_by("pk")

    program_row = own(TrainingProgram).first()
    enrollment = own(Enrollment).first()
    instructor = own(Instructor).first()
    finished = own(Enrollment).filter(status__in=Enrollment.RESULTS_TABLE_STATUSES).first()
    cohort = tracer_cohorts_due(own(Enrollment))[0]
    rows = {
        "detail program": ("manager:program-detail", program_row),
        "ubah program": ("manager:program-update", program_row),
        "hasil peserta": ("manager:program-results", finished.program),
        "impor peserta": ("manager:participant-import", program_row),
        "kepesertaan": ("manager:enrollment-update", enrollment),
        "detail peserta": ("manager:trainee-detail", enrollment.trainee),
        "ubah peserta": ("manager:trainee-update", enrollment.trainee),
        "unggah laporan PBK": ("manager:pbk-report-upload", own(PBKAssistance).first()),
        "ubah instruktur": ("manager:instructor-update", instructor),
        "hapus instruktur": ("manager:instructor-delete", instructor),
        "ubah tracer": ("manager:outcome-update", own(Outcome).first()),
        "ubah usaha alumni": ("manager:enterprise-update", own(Enterprise).first()),
        "ubah kelompok binaan": ("manager:community-group-update", own(CommunityGroup).first()),
    }
    manager = [
        ("beranda", reverse("manager:home")),
        ("pembaruan bulanan", reverse("manager:monthly-updates")),
        ("program", reverse("manager:program-list")),
        ("tambah program", reverse("manager:program-create")),
        ("pendaftar", reverse("manager:application-list")),
        ("peserta", reverse("manager:trainee-list")),
        ("PBK", reverse("manager:pbk-list")),
        ("profil BLKK", reverse("manager:institution-update")),
        ("tambah foto", reverse("manager:institution-photo-create")),
        ("instruktur", reverse("manager:instructor-list")),
        ("tambah instruktur", reverse("manager:instructor-create")),
        ("tracer", reverse("manager:outcome-list")),
        ("catat tracer", reverse("manager:outcome-create")),
        (
            "tracer satu angkatan",
            reverse(
                "manager:outcome-cohort",
                kwargs={"program": cohort.program.pk, "months": cohort.months},
            ),
        ),
        ("usaha alumni", reverse("manager:enterprise-list")),
        ("tambah usaha alumni", reverse("manager:enterprise-create")),
        ("kelompok binaan", reverse("manager:community-group-list")),
        ("tambah kelompok binaan", reverse("manager:community-group-create")),
        ("kata sandi", reverse("manager:password-change")),
        *((name, reverse(url, kwargs={"pk": row.pk})) for name, (url, row) in rows.items()),
    ]
    personal = Page(
        "status pendaftaran",
        status_path(applied),
        shown_as=reverse("applications:check") + "<token>/",
    )
    return [
        *(Page(name, path) for name, path in public),
        personal,
        *(Page(f"pengelola: {name}", path, manager=True) for name, path in manager),
    ]


def manager_username() -> str:
    from core import roles
    from institutions.models import InstitutionManager

    link = (
        InstitutionManager.objects.filter(user__groups__name=roles.MANAGER)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    return link.user.username


def manager_institution():
    from institutions.models import InstitutionManager

    return InstitutionManager.objects.get(user__username=manager_username()).institution


def session_cookie(username: str) -> str:
    """A signed-in session of ``username``, through the sign-in page as a person would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{BASE}/pengelola/masuk/"
    opener.open(login).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})  # noqa: S310
    opener.open(request).read()
    return next(cookie.value for cookie in jar if cookie.name == "sessionid")


# Measuring --------------------------------------------------------------------------------


def axe_violations(pages: list[Page], session: str) -> dict[str, dict | None]:
    from playwright.sync_api import sync_playwright

    axe_source = (TOOLS / "axe-core" / "axe.min.js").read_text()
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS)
        for page in pages:
            # axe builds frames and styles as it runs, which the portal's CSP would refuse.
            context = browser.new_context(
                bypass_csp=True, viewport={"width": 390, "height": 844}, is_mobile=True
            )
            if page.manager:
                context.add_cookies([{"name": "sessionid", "value": session, "url": BASE}])
            tab = context.new_page()
            try:
                tab.goto(BASE + page.path, wait_until="load")
                tab.evaluate(axe_source)
                violations = tab.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                    ".violations.map(v => [v.id, v.impact])"
                )
                found[page.path] = count_violations(violations)
                for rule, impact in violations:
                    print(f"  axe {page.path}: {rule} ({impact})", flush=True)
            except Exception as error:  # noqa: BLE001 (reported, and the next page is measured)
                print(f"  axe {page.path}: {error}", flush=True)
                found[page.path] = None
            context.close()
        browser.close()
    return found


def lighthouse(page: Page, session: str, folder: Path) -> dict:
    report = folder / "lighthouse.json"
    # A run that ends without a report must not leave the previous page's to be read.
    report.unlink(missing_ok=True)
    command = [
        "node",
        str(TOOLS / "lighthouse" / "cli" / "index.js"),
        BASE + page.path,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
    ]
    if page.manager:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={session}"}))
    subprocess.run(  # noqa: S603 (our own arguments)
        command, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300, check=False
    )
    try:
        return lighthouse_scores(json.loads(report.read_text()))
    except (OSError, ValueError):
        return {}


# A Lighthouse run now and then ends without a report (Chrome's start, or its trace, on a busy
# machine: NO_NAVSTART); tried this many times before the page counts as unmeasured.
LIGHTHOUSE_ATTEMPTS = 3


def measured_by_lighthouse(page: Page, session: str, folder: Path) -> dict:
    for _attempt in range(LIGHTHOUSE_ATTEMPTS):
        if scores := lighthouse(page, session, folder):
            return scores
    return {}


def main() -> int:
    if not (TOOLS / "lighthouse").exists():
        raise SystemExit("Run `make a11y`: it installs Lighthouse and axe-core first.")
    static_root = tempfile.mkdtemp(prefix="fkblkk-a11y-static-")
    env = {
        **server_environment(static_root),
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "REDIS_URL": "",
        "WEB_CONCURRENCY": "2",
        # Offline, OpenStreetMap's tiles would fail and be counted as console errors.
        "MAP_TILES_URL": "",
    }
    DATABASE.unlink(missing_ok=True)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "seed_demo", "--force", "--with-users", "--password", PASSWORD)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    pages = pages_to_measure(env)
    server = start_server(env, ROOT / "var" / "a11y-server.log")
    try:
        session = session_cookie(manager_username())
        violations = axe_violations(pages, session)
        measures = []
        with tempfile.TemporaryDirectory() as folder:
            for page in pages:
                scores = measured_by_lighthouse(page, session, Path(folder))
                measures.append(Measure(page, scores, violations.get(page.path)))
                print(f"{page.path}: {scores} {violations.get(page.path)}", flush=True)
    finally:
        stop_server(server)
    table = results_table(measures)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(table)
    print(table)
    failing = {measure.page.path: measure.failures() for measure in measures if measure.failures()}
    for path, reasons in failing.items():
        print(f"{path}: {', '.join(reasons)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
