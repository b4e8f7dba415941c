"""Load-test the portal's pages on a large PostgreSQL database (`make bench-pages`).

1. The database ``fkblkk_bench`` (``BENCH_DATABASE``) on the local PostgreSQL server is built
   once with ``seed_demo --scale 100`` (about 15 minutes) and reused afterwards: a marker file,
   ``var/bench-db.json``, is written after a successful seed and trusted only while the
   database still holds the BLKK it counted. Migrations are applied on every run.
2. The portal is served by gunicorn with the production settings (DEBUG off, Redis db 2 as
   the cache), over plain HTTP on 127.0.0.1:8089.
3. locust asks each page in turn for ``BENCH_SECONDS`` seconds with ``BENCH_USERS`` users (the
   cold dashboard with one user: each of its requests starts from an empty dashboard cache).
4. Each page's SQL query count is measured too, in this process, with Django's test client.

The table, with each page's median latency and throughput as a ratio to /healthz of the same
run, is printed and saved as ``bench/results/latest.md``. The machine has other work to do,
so the ratios, not the milliseconds, are what compare from one run to the next. Any answer
other than a 2xx is a failure: the run reports it and exits with status 1.
"""

import csv
import datetime
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"
MARKER = ROOT / "var" / "bench-db.json"

DATABASE = os.environ.get("BENCH_DATABASE", "fkblkk_bench")
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
SCALE = int(os.environ.get("BENCH_SCALE", "100"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
USERS = int(os.environ.get("BENCH_USERS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
PORT = int(os.environ.get("BENCH_PORT", "8089"))
# The demo accounts' password in the bench database only (seed_demo --password).
PASSWORD = "Bangku-Uji-Beban-2026"  # noqa: S105
DISNAKER, SECRETARIAT = "disnaker", "sekretariat"
# The name of the API tokens the bench makes each run (and deletes the previous run's).
TOKEN_NAME = "make bench"  # noqa: S105
# The API's throttle would answer most of a load test 429.
UNTHROTTLED = "1000000/second"


# Pages and results (no Django, no database: tested in tests/bench) -------------------------


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    login: str = ""  # the demo account that asks for it
    cold: bool = False  # the dashboard cache is emptied before each request
    users: int | None = None  # locust users, when not BENCH_USERS
    token: str = ""  # the access of the API token it is asked with (ApiToken.Access)


@dataclass(frozen=True)
class LoadStats:
    requests: int
    failures: int
    rps: float
    p50: float | None
    p95: float | None
    p99: float | None


@dataclass(frozen=True)
class Result:
    page: Page
    users: int
    stats: LoadStats
    queries: int | None


def _number(text: str) -> float | None:
    """A figure of locust's CSV; None for "N/A" (no request answered)."""
    text = text.strip()
    if not text or text == "N/A":
        return None
    return float(text)


def read_locust_stats(stats_csv: str, name: str) -> LoadStats:
    """The row of ``name`` in locust's ``<prefix>_stats.csv``: requests, failures, requests per
    second and the 50th, 95th and 99th percentiles of the response time (ms)."""
    for row in csv.DictReader(io.StringIO(stats_csv)):
        if row["Name"] == name:
            return LoadStats(
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                rps=_number(row["Requests/s"]) or 0.0,
                p50=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
            )
    return LoadStats(requests=0, failures=0, rps=0.0, p50=None, p95=None, p99=None)


def ratio(value: float | None, base: float | None) -> float | None:
    """``value`` over ``base``, or None when either is unknown or the base is zero."""
    if value is None or not base:
        return None
    return value / base


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def results_table(results: list[Result], baseline: str = "healthz") -> str:
    """The results as a Markdown table; the ratios compare each page with ``baseline``."""
    base = next(result.stats for result in results if result.page.name == baseline)
    lines = [
        "| page | path | users | requests | failures | req/s | p50 ms | p95 ms | p99 ms "
        "| p50 ÷ healthz | req/s ÷ healthz | queries |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        stats = result.stats
        lines.append(
            f"| {result.page.name} | `{result.page.path}` | {result.users} | {stats.requests:,} "
            f"| {stats.failures:,} | {stats.rps:,.1f} | {_ms(stats.p50)} | {_ms(stats.p95)} "
            f"| {_ms(stats.p99)} | {_times(ratio(stats.p50, base.p50))} "
            f"| {_times(ratio(stats.rps, base.rps))} "
            f"| {'–' if result.queries is None else result.queries} |"
        )
    return "\n".join(lines)


def failed_pages(results: list[Result]) -> list[str]:
    """The pages that had a failure, or no answer at all."""
    return [
        result.page.name for result in results if result.stats.failures or not result.stats.requests
    ]


# The bench database -------------------------------------------------------------------------


def server_environment(static_root: str) -> dict:
    """The environment of the portal under test: production settings over plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_STATIC_ROOT": static_root,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        "API_ANONYMOUS_RATE": UNTHROTTLED,
        "API_TOKEN_RATE": UNTHROTTLED,
        "WEB_CONCURRENCY": str(WORKERS),
    }


def _sql(statement, params=(), database: str = "postgres"):
    """The first row of ``statement`` on ``database`` of the bench's server, or None."""
    import psycopg

    with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as connection:
        cursor = connection.execute(statement, params)
        return cursor.fetchone() if cursor.description else None


def _database_exists() -> bool:
    return _sql("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]) is not None


def _institutions_counted() -> int | None:
    """The BLKK in the bench database, or None when it or its table does not exist."""
    import psycopg

    if not _database_exists():
        return None
    try:
        return _sql("SELECT count(*) FROM institutions_institution", database=DATABASE)[0]
    except psycopg.errors.UndefinedTable:
        return None


def _seeded() -> bool:
    """Whether the marker of a finished seed matches the database as it is now."""
    if not MARKER.exists():
        return False
    marker = json.loads(MARKER.read_text())
    return (
        marker.get("database") == DATABASE
        and marker.get("scale") == SCALE
        and marker.get("institutions") == _institutions_counted()
    )


def _manage(env: dict, *args: str) -> None:
    command = [str(BIN / "python"), "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own arguments)


def ensure_database(env: dict) -> None:
    """Create, migrate and seed the bench database once; afterwards only migrate it."""
    if not _database_exists():
        print(f"Creating the database {DATABASE}")
        from psycopg import sql

        _sql(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    _manage(env, "migrate", "--noinput", "-v", "0")
    if _seeded():
        print(f"Reusing {DATABASE} (seed_demo --scale {SCALE}, see {MARKER.name})")
        return
    print(f"Seeding {DATABASE} with seed_demo --scale {SCALE}: about 15 minutes, only once")
    # seed_demo resumes where an interrupted run stopped.
    _manage(
        env, "seed_demo", "--scale", str(SCALE), "--with-users", "--password", PASSWORD, "--force"
    )
    # Planner statistics for the freshly loaded tables, as autovacuum would gather later.
    _sql("ANALYZE", database=DATABASE)
    MARKER.parent.mkdir(exist_ok=True)
    MARKER.write_text(
        json.dumps(
            {
                "database": DATABASE,
                "scale": SCALE,
                "institutions": _institutions_counted(),
                "seeded_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            }
        )
    )


# Pages, data and query counts (Django in this process, on the bench database) ---------------


def pages_to_measure() -> list[Page]:
    """The pages of the issue, with a real program and a real filter combination."""
    from institutions.regions import KABUPATEN_TANGERANG_CODE
    from trainings.models import TrainingProgram

    program = (
        TrainingProgram.objects.public()
        .filter(institution__district__regency__code=KABUPATEN_TANGERANG_CODE)
        .order_by("-start_date", "pk")
        .values_list("slug", "field__slug", "institution__district__code")
        .first()
    )
    slug, field, district = program
    return [
        Page("healthz", "/healthz"),
        Page("home", "/"),
        Page("programs", "/pelatihan/"),
        Page("programs filtered", f"/pelatihan/?kejuruan={field}&kecamatan={district}"),
        Page("program detail", f"/pelatihan/{slug}/"),
        Page("institutions", "/lembaga/"),
        Page("dashboard warm", "/dasbor/", login=DISNAKER),
        Page("dashboard cold", "/dasbor/", login=DISNAKER, cold=True, users=1),
        Page("admin enrollments", "/admin/trainings/enrollment/", login=SECRETARIAT),
        *api_pages(),
    ]


def api_token_access(viewset) -> str:
    """The token a list of the API is asked with: none where it is public, a manager's where
    only a manager's opens it, else Disnaker's."""
    from rest_framework.permissions import AllowAny

    from api.models import ApiToken
    from api.permissions import ManagerToken

    permissions = viewset().get_permissions()
    if all(isinstance(permission, AllowAny) for permission in permissions):
        return ""
    if any(isinstance(permission, ManagerToken) for permission in permissions):
        return ApiToken.Access.MANAGER
    return ApiToken.Access.DISNAKER


def api_pages() -> list[Page]:
    """Every list of the API, as its router registers them (an endpoint added later is
    measured too), anonymous or with the token that opens it."""
    from django.urls import NoReverseMatch, reverse

    from api.urls import router

    pages = []
    for prefix, viewset, basename in router.registry:
        try:
            path = reverse(f"api:{basename}-list")
        except NoReverseMatch:
            continue  # items only
        pages.append(Page(f"api {prefix}", path, token=api_token_access(viewset)))
    return pages


def api_tokens() -> dict[str, str]:
    """A fresh key of each access for the API pages: Disnaker's, and the manager's of the
    first demo BLKK of Kabupaten Tangerang. The previous run's tokens are deleted."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from api.models import ApiToken
    from fkblkk.demo.accounts import manager_username
    from institutions.models import Institution
    from institutions.regions import KABUPATEN_TANGERANG_CODE

    institution = (
        Institution.objects.filter(district__regency__code=KABUPATEN_TANGERANG_CODE)
        .order_by("slug")
        .first()
    )
    owners = {
        ApiToken.Access.DISNAKER: DISNAKER,
        ApiToken.Access.MANAGER: manager_username(institution),
    }
    users = get_user_model().objects.in_bulk(list(owners.values()), field_name="username")
    ApiToken.objects.filter(name=TOKEN_NAME).delete()
    keys = {}
    for access, username in owners.items():
        _token, keys[access] = ApiToken.objects.create_key(
            name=TOKEN_NAME,
            owner=users[username],
            access=access,
            expiry_date=timezone.now() + datetime.timedelta(days=1),
        )
    return keys


def authorization(page: Page, tokens: dict[str, str]) -> str:
    """The Authorization header of the page's requests, or "" when it is asked anonymously."""
    return f"Bearer {tokens[page.token]}" if page.token else ""


def data_size() -> dict[str, int]:
    from alumni.models import Enterprise, Outcome
    from institutions.models import Institution
    from trainings.models import Enrollment, Trainee, TrainingProgram

    models = {
        "BLKK": Institution,
        "programs": TrainingProgram,
        "trainees": Trainee,
        "enrollments": Enrollment,
        "tracer outcomes": Outcome,
        "alumni enterprises": Enterprise,
    }
    return {label: model.objects.count() for label, model in models.items()}


def forget_dashboard() -> None:
    from django.core.cache import cache

    from dashboard.figures import VERSION_KEY

    cache.delete(VERSION_KEY)


def dashboard_cache_key() -> str:
    """The dashboard's version key as Redis stores it: deleting it makes every figure stale."""
    from django.core.cache import cache

    from dashboard.figures import VERSION_KEY

    return cache.make_key(VERSION_KEY)


def count_queries(pages: list[Page], tokens: dict[str, str]) -> dict[str, int]:
    """Each page's SQL queries, with the dashboard cache empty for a cold page and filled for a
    warm one. A page that does not answer 200 stops the run."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    users = get_user_model().objects.in_bulk([DISNAKER, SECRETARIAT], field_name="username")
    counts = {}
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=authorization(page, tokens))
        if page.login:
            client.force_login(users[page.login])
        if page.cold:
            forget_dashboard()
        else:
            client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {page.path} answered {response.status_code}")
        counts[page.name] = len(queries)
    return counts


# Server and load ----------------------------------------------------------------------------


def start_server(env: dict, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    server = subprocess.Popen(  # noqa: S603 (our own arguments)
        [
            str(BIN / "gunicorn"),
            "fkblkk.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            # The container's /dev/shm setting; the default temporary folder works everywhere.
            "--worker-tmp-dir",
            tempfile.gettempdir(),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start; see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer /healthz within 60 s; see {log_path}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def locust_settings(page: Page, users: int, cold_key: str = "", authorization: str = "") -> dict:
    """What ``bench/locustfile.py`` reads from ``BENCH_PAGE`` for ``page``."""
    return {
        "name": page.name,
        "path": page.path,
        "login": page.login,
        "password": PASSWORD if page.login else "",
        "authorization": authorization,
        "cold_key": cold_key if page.cold else "",
        "redis_url": REDIS_URL,
        "seconds": SECONDS,
        "users": users,
        # A cold dashboard takes seconds: a few of them make its percentiles.
        "min_requests": 5 if page.cold else 1,
    }


def run_locust(page: Page, users: int, scratch: Path, authorization: str) -> LoadStats:
    prefix = scratch / page.name.replace(" ", "-").replace("/", "-")
    settings = locust_settings(
        page, users, dashboard_cache_key() if page.cold else "", authorization
    )
    env = {**os.environ, "BENCH_PAGE": json.dumps(settings)}
    log = Path(f"{prefix}.log")
    subprocess.run(  # noqa: S603 (our own arguments)
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            # The locustfile stops the run SECONDS after the users are signed in; this is a
            # safety net for users that never get that far.
            "--run-time",
            f"{SECONDS + 300}s",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--loglevel",
            "ERROR",
        ],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        # locust exits with 1 when a request failed; the statistics say which.
        check=False,
    )
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise SystemExit(f"locust wrote no statistics for {page.name}; see {log}")
    return read_locust_stats(stats_file.read_text(), page.name)


# Report -------------------------------------------------------------------------------------


def _git_commit() -> str:
    git = shutil.which("git") or "git"
    command = [git, "rev-parse", "--short", "HEAD"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: S603


def _memory_gib() -> float:
    with open("/proc/meminfo") as meminfo:
        kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    return kib / 1024 / 1024


def report(results: list[Result], sizes: dict[str, int]) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    size = ", ".join(f"{count:,} {label}" for label, count in sizes.items())
    return "\n".join(
        [
            "# Page load benchmark (`make bench-pages`)",
            "",
            f"- Date: {now}; commit {_git_commit()}",
            f"- Machine: {os.cpu_count()} cores, {_memory_gib():.1f} GiB RAM, shared with "
            "the database, Redis and locust",
            f"- Data: PostgreSQL `{DATABASE}` from `seed_demo --scale {SCALE}`: {size}",
            f"- Load: locust, {USERS} users without think time (the cold dashboard: 1), "
            f"{SECONDS} s per page; gunicorn, {WORKERS} sync workers, DEBUG off, Redis cache",
            "- Ratios: the page's median latency and throughput over those of /healthz in "
            "this run. Queries: SQL queries of one request (test client, same database).",
            "",
            results_table(results),
            "",
        ]
    )


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="fkblkk-bench-pages-"))
    env = server_environment(str(scratch / "static"))
    try:
        ensure_database(env)
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        os.environ.update(env)
        import django

        django.setup()
        pages = pages_to_measure()
        sizes = data_size()
        print("Data: " + ", ".join(f"{count:,} {label}" for label, count in sizes.items()))
        tokens = api_tokens()
        queries = count_queries(pages, tokens)
        server = start_server(env, scratch / "gunicorn.log")
        results = []
        try:
            for page in pages:
                users = page.users or USERS
                print(f"{page.name}: {users} users, {SECONDS} s", flush=True)
                stats = run_locust(page, users, scratch, authorization(page, tokens))
                results.append(Result(page, users, stats, queries.get(page.name)))
        finally:
            stop_server(server)
        text = report(results, sizes)
        print("\n" + text)
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "latest.md").write_text(text)
        print(f"Saved in {(RESULTS / 'latest.md').relative_to(ROOT)}")
        failed = failed_pages(results)
        if failed:
            raise SystemExit(f"Failures on: {', '.join(failed)} (see {scratch}/gunicorn.log)")
    except BaseException:
        print(f"Logs kept in {scratch}", file=sys.stderr)
        raise
    else:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
