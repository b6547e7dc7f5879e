"""Settings for the skills-sharing site, all read from the environment (django-environ).

Defaults are safe and local: DEBUG is off unless asked for, and with DEBUG off there is no
default SECRET_KEY, so a production server without one refuses to start.
"""

import datetime
import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-only")
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (it is required when DEBUG is off)."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config.apps.MDOAdminConfig",  # django.contrib.admin, with our site (config/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "config.apps.BackgroundTasksConfig",  # django_tasks_db, named for staff
    "django_otp",
    "config.apps.TwoFactorConfig",  # django_otp.plugins.otp_totp, named for staff
    "config.apps.SignInAttemptsConfig",  # axes, named for staff
    "simple_history",
    "import_export",
    "core",
    "networks",
    "mentoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside ConditionalGetMiddleware, so that its 304s for the open API carry CORS too.
    "config.middleware.open_api_cors",
    # ETag on every page, feed and file, and 304 Not Modified when it has not changed: before
    # the page cache, so a page served from it answers conditional requests too.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.page_cache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.permissions_policy",
    "config.middleware.database_unavailable",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse so a restarted server is survived.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # JIT compiling pays for long analytical queries, not a web page's: at the benchmark's scale
    # PostgreSQL chose it for search's large row estimates and spent ~250 ms compiling. Set as
    # a startup option, which some connection poolers (PgBouncer) refuse: there, turn this off
    # and run ALTER DATABASE ... SET jit = off instead.
    if env.bool("DATABASE_JIT_OFF", default=True):
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Documents staff upload as resources (checked by type and content, networks/documents.py).
RESOURCE_MAX_UPLOAD_MB = env.int("RESOURCE_MAX_UPLOAD_MB", default=20)

# EMAIL_URL (smtp://user:password@host:587, consolemail://, ...) becomes Django 6.1's MAILERS.
_email = env.email_url("EMAIL_URL", default="consolemail://")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {key: value for key, value in _smtp_options.items() if value}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="skills-sharing@localhost")

# Side effects such as email run as tasks, enqueued on commit. The immediate backend runs them at
# once; production sets TASKS_BACKEND to a database-backed queue with its own worker.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"),
    }
}

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A Redis that stops answering costs a request at most this long (then the site carries on
    # without it for a few seconds, core/cache_health.py), never gunicorn's whole timeout.
    _cache_timeout = env.float("CACHE_TIMEOUT_SECONDS", default=1.0)
    _cache_options = CACHES["default"].setdefault("OPTIONS", {})
    _cache_options.setdefault("socket_connect_timeout", _cache_timeout)
    _cache_options.setdefault("socket_timeout", _cache_timeout)
# Anonymous visitors' pages are cached this long at most, and never past a content change in
# these apps (core/page_cache.py). 0 turns page caching off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# How long a CDN or reverse proxy in front may keep a public page (Cache-Control: s-maxage);
# browsers revalidate each time. Pages with forms, signed-in pages and the admin never say so.
SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=60)
PAGE_CACHE_APPS = {"networks"}
# When more events than this match a search, it ranks the ones that start latest, this many,
# and says "more than" (networks/finding/search.py): ranking every match cost 100 ms at scale.
SEARCH_RANK_AT_MOST = env.int("SEARCH_RANK_AT_MOST", default=1000)
if SEARCH_RANK_AT_MOST < 1:
    raise ImproperlyConfigured("SEARCH_RANK_AT_MOST must be at least 1.")

# Public forms (mentoring now; "suggest an update" later) share these.
MDO_INBOX_EMAIL = env("MDO_INBOX_EMAIL", default="mdo-team@localhost")
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-12")
# Declined, withdrawn and closed records are anonymised this long after their last status change.
PERSONAL_DATA_RETENTION_MONTHS = env.int("PERSONAL_DATA_RETENTION_MONTHS", default=24)
WITHDRAW_LINK_MAX_AGE_DAYS = env.int("WITHDRAW_LINK_MAX_AGE_DAYS", default=365)
# Booking places on events (networks/booking): bookings are anonymised this long after their
# event ends; a freed place is offered to the first person waiting for this long (never past
# the start); reminders go this many hours before the start.
BOOKING_RETENTION_MONTHS = env.int("BOOKING_RETENTION_MONTHS", default=12)
BOOKING_OFFER_HOURS = env.int("BOOKING_OFFER_HOURS", default=48)
BOOKING_REMINDER_HOURS = env.int("BOOKING_REMINDER_HOURS", default=48)
# Each client address may send this many forms per period (seconds), counted in CACHES.
FORM_RATE_LIMIT_COUNT = env.int("FORM_RATE_LIMIT_COUNT", default=5)
FORM_RATE_LIMIT_PERIOD = env.int("FORM_RATE_LIMIT_PERIOD", default=3600)
# A public form's POST larger than this is refused with a clear page (413), storing nothing.
FORM_MAX_POST_BYTES = env.int("FORM_MAX_POST_BYTES", default=200_000)
# The reverse proxies in front of gunicorn (addresses or networks, as gunicorn's
# forwarded_allow_ips): X-Forwarded-For is believed only from these, and walked from the right
# past them to the client (core.formkit.client_address), for the rate limit and django-axes.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 10.0.0.0/8)."
        ) from None
if env.int("TRUSTED_PROXY_COUNT", default=0):
    # It believed X-Forwarded-For from any peer, so anyone could choose their own address.
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is replaced by TRUSTED_PROXIES: list your proxies' addresses or "
        "networks (e.g. TRUSTED_PROXIES=127.0.0.1 for nginx on the same machine) and unset "
        "TRUSTED_PROXY_COUNT. See the README's deploy checklist."
    )

# The directory's freshness. A network whose newest confirmation of its contacts is older than
# this needs review; each contact is reminded at most once per period (send_contact_reminders).
FRESHNESS_PERIOD_MONTHS = env.int("FRESHNESS_PERIOD_MONTHS", default=12)
CONTACT_LINK_MAX_AGE_DAYS = env.int("CONTACT_LINK_MAX_AGE_DAYS", default=30)
# Networks managing their own page (networks/manage): how long an emailed sign-in link works,
# and the longest a contact's session lasts (a working day).
CONTACT_SIGN_IN_LINK_MINUTES = env.int("CONTACT_SIGN_IN_LINK_MINUTES", default=30)
CONTACT_SESSION_HOURS = env.int("CONTACT_SESSION_HOURS", default=8)
# Where links in emails sent by commands (which have no request) point.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The back office. Sign-in: a password and a TOTP code (django-otp), every failure of either
# counted by django-axes per username and address with a cool-off, so nobody can lock a member
# of staff out for good.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.formkit.client_address"
AXES_LOCKOUT_CALLABLE = "config.admin_site.locked_out"  # admin/locked_out.html, in the admin frame
# Who changed what, and when (django-simple-history). Staff may revert any change from a
# record's history, a contact's change included (issue 15: staff stay in charge).
# Imports run in a transaction, through each model's save(); exports are neutralised CSV.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Uploaded files wait for their confirmation in a private folder (default: one in the system's
# temporary folder), and none outlives a day (core/import_previews.py).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.import_previews.PreviewStorage"
IMPORT_EXPORT_TMP_DIR = env("IMPORT_EXPORT_TMP_DIR", default="")
IMPORT_EXPORT_TMP_MAX_AGE = datetime.timedelta(days=1)
# A confirmed import of more rows than this (ten times as many for networks, saved in bulk)
# runs as a task, with a page that shows its progress (core/import_jobs.py).
IMPORT_ROWS_IN_REQUEST = env.int("IMPORT_ROWS_IN_REQUEST", default=2000)

# Security headers. Everything below is on in production (DEBUG off) unless switched off here
# through the environment, e.g. SECURE_SSL_REDIRECT=false for a benchmark over plain HTTP.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# No inline scripts anywhere: any script we add is a static file.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("BEHIND_HTTPS_PROXY", default=not DEBUG):
    # The proxy in front of gunicorn terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if not DEBUG:
    # __Host- cookies are only accepted over HTTPS, for this host and path alone.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

SITE_NAME = "London Museums Skills Sharing"
# The name authenticator apps show beside the code for this site.
OTP_TOTP_ISSUER = SITE_NAME

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"logfmt": {"()": "config.logging.LogfmtFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "logfmt"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes.apps": {"level": "WARNING"},  # Not its banner at every start.
    },
}
