"""Settings of the portal. Every deploy-time knob is an environment variable read by a strict
parser (mentoring/env.py); the defaults suit a developer's machine: SQLite, DEBUG only when asked."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from mentoring.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off (for local development: export DJANGO_DEBUG=1)."
        )
    # Local development only: DEBUG is on, so this key never signs anything in production.
    SECRET_KEY = "django-insecure-local-development-key-not-for-production"  # noqa: S105  # nosec B105 # DEBUG only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "mentoring.apps.MentoringConfig",
    "participants.apps.ParticipantsConfig",
    "programs.apps.ProgramsConfig",
    "roadmap.apps.RoadmapConfig",
    "monitoring.apps.MonitoringConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mentoring.middleware.OrganizationMiddleware",
    "mentoring.middleware.PrivateResponseMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentoring.urls"
WSGI_APPLICATION = "mentoring.wsgi.application"
ASGI_APPLICATION = "mentoring.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentoring.context_processors.portal",
            ],
        },
    },
]

# A SQLite file by default; DATABASE_URL=postgres://user:pass@host:port/name switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (autosave racing a submission, two curators confirming pairs) must wait, not fail:
    # IMMEDIATE takes the write lock when a transaction begins, so a transaction that has read never
    # meets a newer writer's snapshot («database is locked» that no busy timeout cures); the timeout is
    # how long a writer waits for the lock; WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20, minimum=1),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "mentoring.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username from one address
# lock that pair for the cool-off time; a successful login clears the count. The axes backend must
# come first; it only checks the lock, the ModelBackend authenticates.
AUTHENTICATION_BACKENDS = [
    "mentoring.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mentoring.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "mentoring.login_throttle.client_ip"
# How many reverse proxies of ours stand before the portal, each appending to X-Forwarded-For (the
# README's nginx: 1). 0 — reached directly: the header is the client's own text and is ignored.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0, minimum=0)
# Password reset: at most so many requests an hour from one address and for one e-mail address.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("DJANGO_PASSWORD_RESET_LIMIT_PER_ADDRESS", 5, minimum=1)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("DJANGO_PASSWORD_RESET_LIMIT_PER_EMAIL", 3, minimum=1)
PASSWORD_RESET_WINDOW = datetime.timedelta(hours=1)
AXES_USERNAME_CALLABLE = "mentoring.login_throttle.client_username"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Europe/Moscow")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError) as exc:
    raise ImproperlyConfigured(f"DJANGO_TIME_ZONE is not a known time zone: {TIME_ZONE!r}") from exc
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Hashed, compressed static files in production; the plain storage where collectstatic has not run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Private uploads (mentoring/files.py): scans, certificates, attachments live outside MEDIA_ROOT, have no
# URL, and leave only through views that check access. Those views hand the file to django-sendfile2:
# "development" sends it from Django; "nginx" answers X-Accel-Redirect to SENDFILE_URL, an `internal`
# nginx location aliased to PRIVATE_MEDIA_ROOT (README, «Развёртывание»).
PRIVATE_MEDIA_ROOT = Path(env_str("DJANGO_PRIVATE_MEDIA_ROOT") or BASE_DIR / "private-media")
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
SENDFILE_URL = "/private-media/"
_SENDFILE_BACKENDS = {"development": "django_sendfile.backends.development", "nginx": "django_sendfile.backends.nginx"}
_sendfile = env_str("DJANGO_SENDFILE_BACKEND", "development")
if _sendfile not in _SENDFILE_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_SENDFILE_BACKEND must be one of {sorted(_SENDFILE_BACKENDS)}; got {_sendfile!r}"
    )
SENDFILE_BACKEND = _SENDFILE_BACKENDS[_sendfile]

# Uploads: class lists and scans; larger requests are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Email: the console locally; SMTP when DJANGO_EMAIL_HOST is set.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Наставничество <noreply@localhost>")
# The portal's public address, for links in emails sent by cron (there is no request to ask).
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"DJANGO_SITE_URL must start with http:// or https://; got {SITE_URL!r}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# A session lasts a school day from login (an absolute limit: no write on every request), and ends
# with the browser when asked.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)

# HTTPS behind a reverse proxy: secure by default whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", True) else None
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# /healthz is probed by a load balancer over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No inline scripts or styles anywhere: every asset is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Background work (mentoring/jobs.py): Django's tasks API through the django-tasks backport. The database backend
# keeps the queue in the portal's own database (no broker); `manage.py db_worker` runs it — `make run` starts one
# beside the server; on PostgreSQL several workers on several machines share the queue. DJANGO_TASKS_BACKEND=immediate
# runs every task inside the request that starts it (the tests do, see pyproject's pytest env).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = env_str("DJANGO_TASKS_BACKEND", "database")
if _tasks_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"DJANGO_TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}; got {_tasks_backend!r}")
TASKS = {
    "default": {"BACKEND": _TASK_BACKENDS[_tasks_backend], "QUEUES": ["default"]},
    # The tests run one task through the real queue and worker with this alias.
    "database": {"BACKEND": _TASK_BACKENDS["database"], "QUEUES": ["default"]},
}
# A running job's worker touches it every JOB_HEARTBEAT_SECONDS; with no touch for JOB_STALE_MINUTES the worker is
# taken for dead (killed, rebooted) and the job for interrupted — generous: a 20,000-row import on SQLite holds the
# write lock, and so the heartbeat, for a minute or two. A job nobody took from the queue for JOB_NO_WORKER_MINUTES
# tells its user that no worker is running.
JOB_HEARTBEAT_SECONDS = env_int("DJANGO_JOB_HEARTBEAT_SECONDS", 30, minimum=1)
JOB_STALE_MINUTES = env_int("DJANGO_JOB_STALE_MINUTES", 10, minimum=1)
JOB_NO_WORKER_MINUTES = env_int("DJANGO_JOB_NO_WORKER_MINUTES", 2, minimum=1)
# `prune_jobs` (run by every worker at its start and once a day): job records are kept JOB_KEEP_DAYS days, their
# files and result data — children's consent forms, a class list's preview — only JOB_FILE_KEEP_DAYS.
JOB_KEEP_DAYS = env_int("DJANGO_JOB_KEEP_DAYS", 30, minimum=1)
JOB_FILE_KEEP_DAYS = env_int("DJANGO_JOB_FILE_KEEP_DAYS", 7, minimum=1)
# Class lists from this size up are previewed and loaded in the background (a 2,000-row list is about 60 KB).
IMPORT_BACKGROUND_MIN_BYTES = env_int("DJANGO_IMPORT_BACKGROUND_MIN_BYTES", 40_000, minimum=0)
# Batch documents of this many documents up (a class's consent forms: a page per student) print in the background.
BATCH_BACKGROUND_MIN_DOCUMENTS = env_int("DJANGO_BATCH_BACKGROUND_MIN_DOCUMENTS", 25, minimum=1)
# An order whose annexes have this many rows (a pairs order of 200 pairs: 200) prints in the background.
ORDER_BACKGROUND_MIN_ROWS = env_int("DJANGO_ORDER_BACKGROUND_MIN_ROWS", 100, minimum=1)
# The annual report of an organization with this many pairs in the year, and the region's table of this many
# organizations, are made in the background.
ANNUAL_BACKGROUND_MIN_PAIRS = env_int("DJANGO_ANNUAL_BACKGROUND_MIN_PAIRS", 100, minimum=1)
REGION_BACKGROUND_MIN_ORGANIZATIONS = env_int("DJANGO_REGION_BACKGROUND_MIN_ORGANIZATIONS", 10, minimum=1)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools report every CSS property they skip; only real problems matter.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # django-axes logs every login at INFO; failures and lockouts come at WARNING.
        "axes": {"level": "WARNING"},
    },
}
