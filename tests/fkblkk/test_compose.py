"""docker-compose.yml, the Dockerfile and .env.example, read against the settings.

No Docker engine runs on CI machines, so these files are checked by reading them.
"""

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "worker", "beat", "migrate")
# `env.bool("DEBUG"`, `env.email_url(\n    "EMAIL_URL"`: every variable the code reads.
ENV_READ = re.compile(r"\benv\.\w+\(\s*\"([A-Z][A-Z0-9_]*)\"")


def variables_read_by(path):
    return set(ENV_READ.findall((ROOT / path).read_text()))


SETTINGS_VARIABLES = variables_read_by("fkblkk/settings.py")
GUNICORN_VARIABLES = variables_read_by("gunicorn.conf.py")


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def command_line(service):
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_settings_are_parsed_for_their_variables():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"} <= SETTINGS_VARIABLES


def test_compose_runs_the_whole_stack(services):
    assert {"web", "worker", "beat", "db", "redis"} <= services.keys()


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("web", "gunicorn fkblkk.wsgi"),
        ("worker", "celery -A fkblkk worker"),
        ("beat", "celery -A fkblkk beat"),
        ("migrate", "python manage.py migrate"),
    ],
)
def test_app_services_run_their_command_from_one_image(services, name, command):
    assert command_line(services[name]).startswith(command)
    assert services[name]["image"] == services["web"]["image"]
    assert services[name]["build"] == "."


def test_databases_are_postgresql_15_and_redis_7(services):
    assert services["db"]["image"].split(":") == ["postgres", "15"]
    assert services["redis"]["image"].split(":") == ["redis", "7"]


@pytest.mark.parametrize("name", ["web", "worker", "beat", "db", "redis"])
def test_long_running_services_have_a_healthcheck(services, name):
    healthcheck = services[name]["healthcheck"]

    assert healthcheck["test"][0] in ("CMD", "CMD-SHELL")
    assert healthcheck["interval"]


def test_web_healthcheck_fetches_healthz(services):
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_app_services_start_after_healthy_services_and_migrations(services, name):
    depends_on = services[name]["depends_on"]

    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_migrate_runs_once_after_the_database_is_healthy(services):
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_data_lives_in_named_volumes():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    named = compose["volumes"].keys()

    def mounted(name):
        return {volume.split(":")[0] for volume in compose["services"][name]["volumes"]}

    assert mounted("db") <= named and mounted("redis") <= named
    assert mounted("web") == mounted("worker") == mounted("beat") <= named


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_sets_only_variables_that_the_code_reads(services, name):
    assert services[name]["environment"].keys() <= SETTINGS_VARIABLES | GUNICORN_VARIABLES


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_runs_the_app_in_production_mode_on_its_services(services, name):
    environment = services[name]["environment"]

    assert environment["DEBUG"] == "false"
    assert "${SECRET_KEY:?" in environment["SECRET_KEY"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    assert "127.0.0.1" in environment["ALLOWED_HOSTS"].split(",")


def test_env_example_lists_every_variable_the_code_reads():
    listed = set(re.findall(r"^# ([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))

    assert listed >= SETTINGS_VARIABLES | GUNICORN_VARIABLES


def test_dockerfile_builds_front_end_packages_in_a_node_stage(dockerfile):
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?", dockerfile, re.M)

    assert stages[0][0].startswith("node:")
    assert "RUN npm ci" in dockerfile
    assert stages[-1][0].startswith("python:3.11-slim")
    assert f"--from={stages[0][1]} " in dockerfile


def test_dockerfile_installs_from_the_lock_with_the_pinned_uv(dockerfile):
    dev_group = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    uv_pin = next(requirement for requirement in dev_group if requirement.startswith("uv=="))

    assert f"ARG UV_VERSION={uv_pin.removeprefix('uv==')}\n" in dockerfile
    assert "uv sync --frozen --no-dev" in dockerfile


def test_dockerfile_collects_static_files_and_runs_gunicorn_as_a_plain_user(dockerfile):
    assert "manage.py collectstatic --noinput" in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert user and user[-1] not in ("root", "0")
    assert re.search(r'^CMD \["gunicorn", "fkblkk.wsgi"', dockerfile, re.M)


def test_docker_context_leaves_out_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()

    assert {".git", ".venv", "node_modules", "var", ".env"} <= set(ignored)


def test_readme_configuration_tables_list_every_variable_in_both_languages():
    rows = re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", (ROOT / "README.md").read_text(), re.M)

    assert Counter(rows) == dict.fromkeys(SETTINGS_VARIABLES | GUNICORN_VARIABLES, 2)
