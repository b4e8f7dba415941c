"""Settings for the FK-BLKK portal, read from the environment (12-factor).

With nothing set the portal runs on embedded defaults: a SQLite file under ``var/``, a
local-memory cache and Celery tasks run in-process. ``DATABASE_URL`` and ``REDIS_URL``
switch it to PostgreSQL and Redis. ``.env.example`` lists every variable.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


class Env(environ.Env):
    """django-environ's reader, with errors that name the variable.

    django-environ reads any unknown word as a false boolean, so ``SECURE_SSL_REDIRECT=ture``
    would quietly switch the redirect off; here it stops the start instead.
    """

    BOOLEAN_FALSE_STRINGS = ("false", "off", "n", "no", "0")

    def get_value(self, var, *args, **kwargs):
        try:
            return super().get_value(var, *args, **kwargs)
        except ValueError as error:
            raise ImproperlyConfigured(f"{var} has a malformed value: {error}") from error

    def bool(self, var, default=environ.Env.NOTSET):
        value = self.get_value(var, cast=str, default=default)
        if isinstance(value, bool):
            return value
        word = value.strip().lower()
        if word in self.BOOLEAN_TRUE_STRINGS:
            return True
        if word in self.BOOLEAN_FALSE_STRINGS:
            return False
        raise ImproperlyConfigured(f"{var} must be true or false, not {value!r}.")


env = Env()

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The portal's apps, from the ground floor up (ARCHITECTURE.md): each imports only the
    # ones listed before it.
    "core",
    "institutions",
    "trainings",
    "partnerships",
    "alumni",
    "dashboard",
    "api",
    "fkblkk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fkblkk.middleware.StripNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fkblkk.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "fkblkk.middleware.BeatWithoutBrokerMiddleware",
    # django-axes must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fkblkk.urls"
WSGI_APPLICATION = "fkblkk.wsgi.application"
ASGI_APPLICATION = "fkblkk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "institutions.context_processors.secretariat",
            ],
        },
    },
]

# Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'fkblkk.sqlite3'}")
}
# Persistent connections rather than a pool: they work the same under gunicorn's sync
# workers and Celery's prefork children, which must never share a pooled socket.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery -----------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fkblkk",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis that hangs must not hang every request and /healthz with it.
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker every task runs in-process, at the moment it is queued.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
# The worker keeps the LOGGING below, so its lines pass the personal-data filter too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes must come first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "manager:login"
LOGOUT_REDIRECT_URL = "manager:login"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Reverse proxies in front of the portal: the client's address is the one the outermost of ours
# saw (core.clients.client_ip). Login lockouts, the forms' rate limits and the API's throttle
# all count by it.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
RATELIMIT_IP_META_KEY = "core.clients.client_ip"
# Failed sign-ins from one address, whatever the user names tried, before it waits an hour;
# the lockout above counts each user name apart.
LOGIN_FAILURES_PER_IP = env.int("LOGIN_FAILURES_PER_IP", default=20)
# Password reset e-mails asked from one address, and for one e-mail address, per hour.
PASSWORD_RESETS_PER_IP = env.int("PASSWORD_RESETS_PER_IP", default=10)
PASSWORD_RESETS_PER_ADDRESS = env.int("PASSWORD_RESETS_PER_ADDRESS", default=3)

# Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end libraries come from the npm registry at install time (`npm ci`).
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # PBK reports and participant files: personal or confidential, handed out only by views
    # that check who asks (see core.storage).
    "private": {"BACKEND": "core.storage.PrivateFileSystemStorage"},
}
# Outside MEDIA_ROOT, which the web server may serve as it is.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
if Path(PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(MEDIA_ROOT).resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not lie inside MEDIA_ROOT.")
# Uploads larger than this are refused by the validators in core.validators too.
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=2 * 1024 * 1024)
MAX_DOCUMENT_UPLOAD_BYTES = env.int("MAX_DOCUMENT_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Participant files (XLSX/CSV) larger than this are refused before they are read.
MAX_IMPORT_UPLOAD_BYTES = env.int("MAX_IMPORT_UPLOAD_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_ROWS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="FK-BLKK <noreply@fkblkk.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's own address, for links in e-mails sent outside a request (reminders).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The base map under the BLKK markers, drawn in the visitor's browser: OpenStreetMap's tiles,
# another tile server, or none (blank, the markers and lists still there) when set empty.
MAP_TILES_URL = env.str("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ORIGIN = (
    "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILES_URL)) if MAP_TILES_URL else ""
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # Map tiles load in the visitor's browser straight from the tile server.
        "img-src": [SELF, "data:", *([MAP_TILES_ORIGIN] if MAP_TILES_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Third-party apps -----------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Off on purpose: core.resources.DomainResource neutralises every exported text itself
# (core.spreadsheets). The library's escaping drops one leading "=" only ("==1+1" stays a
# formula, "+1+1" and "@SUM(…)" pass) and writes every cell as text, an empty one as "None"
# and an XLSX date as a string.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
SIMPLE_HISTORY_REVERT_DISABLED = False

# The open data API (/api/v1/, api/): read-only, JSON and CSV, no browsable HTML (the
# interactive documentation is /api/dokumentasi/). Anonymous readers are throttled per IP,
# token holders per owner; the rates are "<number>/<second|minute|hour|day>".
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.CsvRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousThrottle",
        "api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonim": env.str("API_ANONYMOUS_RATE", default="60/minute"),
        "token": env.str("API_TOKEN_RATE", default="600/minute"),
    },
    # Without a proxy, REMOTE_ADDR: a client-sent X-Forwarded-For must not pick its own bucket.
    "NUM_PROXIES": PROXY_COUNT,
    "ORDERING_PARAM": "urutan",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Data Terbuka FK-BLKK Kabupaten Tangerang",
    "DESCRIPTION": (
        "Data publik forum BLK Komunitas Kabupaten Tangerang, hanya-baca. Tanpa token: data "
        "publik. Dengan token dari sekretariat forum (header `Authorization: Bearer <token>`): "
        "token Disnaker menambah rincian agregat dan pendaftaran (NIK disamarkan), token "
        "pengelola menambah pendaftaran dan peserta BLKK-nya sendiri."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"EnrollmentStatusEnum": "trainings.models.Enrollment.Status"},
}

# Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "expected_refusals_without_traceback": {
            "()": "core.logging.ExpectedRefusalsWithoutTracebackFilter"
        },
        "redact_personal_data": {"()": "core.logging.RedactPersonalDataFilter"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["expected_refusals_without_traceback", "redact_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own handlers for these loggers would print unfiltered (runserver's request
    # lines carry query strings); without handlers they propagate to the root's console.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        # django-axes announces its configuration at INFO on every start.
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of each PDF report at INFO, fontTools each subset.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
