"""Settings shared by every environment, read from the environment.

Nothing secret lives here: ``SECRET_KEY`` comes from the environment (see ``dev.py`` for the
development fallback), the database from ``DATABASE_URL`` (SQLite when unset).
"""

import os
import subprocess
import tomllib
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def code_version():
    """The checkout's git commit, read once at start-up; the project's version where there is no git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607 - git from the PATH, no input
            cwd=BASE_DIR, capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        commit = ""
    if commit:
        return commit
    with (BASE_DIR / "pyproject.toml").open("rb") as pyproject:
        return tomllib.load(pyproject)["project"]["version"]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form (expired page, blocked cookies): the site's own 403 page, a story's words shown back.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

INSTALLED_APPS = [
    "portal",
    "careers",
    "alumni",
    "search",
    "home",
    "backup",  # make backup / make restore: an operator's archive of the database and media
    "staff",  # staff accounts: the two-factor sign-in, create_staff, add_to_group, reset_2fa
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",  # search terms report, promoted results (search/)
    "portal.apps.FrontendCacheAfterCommitConfig",  # wagtail.contrib.frontend_cache, purging after commit
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtailmedia",  # audio clips in alumni stories
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # The anonymous page cache wraps everything else: a hit is answered before any other middleware runs,
    # with the headers (security, CSP) stored from the response that filled it.
    "portal.page_cache.AnonymousPageCache",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.content_security.PreviewFramableCSPMiddleware",  # django-csp's; previews framable by the admin
    # A control character (a NUL byte) in the query string answers 400 before anything reads it.
    "portal.input_checks.RefuseControlCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff sign in with a second factor (TOTP, django-otp) when STAFF_2FA_REQUIRED (staff/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "staff.two_factor.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # As django-axes asks, near the end: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # A database outage answers a 503 page that needs no database (portal/unavailable.py).
    "portal.unavailable.DatabaseUnavailableMiddleware",
]
# A caching proxy in front (VARNISH_URL, e.g. http://127.0.0.1:6081): Wagtail's frontend cache sends it
# PURGE requests for every page published or unpublished and for the listings that show it.
VARNISH_URL = os.environ.get("VARNISH_URL", "")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": VARNISH_URL}
    }

# Anonymous visitors' pages are cached (portal/page_cache.py); any content change empties it at once,
# and a new release (part of every key) never sees the pages of the one before.
CACHE_MIDDLEWARE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
RELEASE = os.environ.get("RELEASE") or code_version()

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff login: after 5 failed attempts for one username from one address, that pair is locked out
# for an hour (django-axes); a successful login resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_VERBOSE = False
# Two-factor sign-in (TOTP) for everyone who can open the admin: superusers, "Career editors" and
# "Alumni moderators", enrolled at their first sign-in. On in production (production.py), optional here.
# A lost phone: `manage.py reset_2fa USERNAME` removes the user's devices, and they enrol again.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED")
OTP_TOTP_ISSUER = "Music Careers"  # the account's name in the authenticator app

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_sections",
            ],
        },
    },
]

# SQLite is the embedded default; PostgreSQL in production through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A persistent SQLite connection buys nothing and holds file locks.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Transactions take the write lock when they begin, so two that write at once (an editor's autosave
    # and preview) wait their turn instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
else:
    # Parameters bound on the server, and a statement run DB_PREPARE_THRESHOLD times on a connection
    # prepared there: every page runs the same few statements, and PostgreSQL spent more time planning
    # them than running them (a role page: 10.5 ms of PostgreSQL's CPU, 3.5 once prepared). 0 turns
    # preparing off, as a transaction-pooling PgBouncer before 1.21 needs.
    threshold = int(os.environ.get("DB_PREPARE_THRESHOLD", "2"))
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=threshold or None
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django itself serves MEDIA_ROOT under DEBUG, and under `make run` (settings/local.py); never in production.
SERVE_MEDIA = False
# `make backup` (manage.py backup_portal) writes its archives here.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media (images, documents) on S3-compatible storage through django-storages when a bucket is named.
# Credentials come from the environment as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
if AWS_STORAGE_BUCKET_NAME := os.environ.get("AWS_STORAGE_BUCKET_NAME", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,  # MinIO, R2, Spaces...
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,  # a CDN in front
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Content-Security-Policy for the public site (django-csp): only our own scripts, styles and images,
# no inline script. The Wagtail admin (which needs inline scripts) is left to Wagtail's own defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own same-origin frame

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The fields of a request, files apart (Django counts those separately): 2 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# An upload past 2.5 MB is written to a temporary file as it arrives, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# The public story form takes a photo (5 MB) and an audio clip (10 MB): a post past this whole size is
# refused before its body is read (alumni/uploads.py). Put the same limit in front of the site (nginx's
# client_max_body_size 17m) so that a larger body is never even received.
STORY_FORM_MAX_REQUEST_SIZE = 16 * 1024 * 1024

# REDIS_URL selects a shared Redis cache (django-redis); without it, a per-process memory cache.
# The Redis cache fails open: if Redis is down, reads miss and writes are dropped, with a log line.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "portal.cache"
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

# No e-mail is sent inside a request: every message becomes a task on the "mail" task backend, enqueued
# when its transaction commits (portal/mail.py), delivered through EMAIL_DELIVERY_BACKEND (SMTP when
# EMAIL_HOST is set, else the console) and tried again after each of EMAIL_RETRY_DELAYS (seconds).
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_RETRY_DELAYS = (60, 300, 1800)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

# Background tasks (django-tasks). "default" runs Wagtail's own (search index, references, purges) at
# once, as they always have; "mail" and "media" (a published page's social card and image renditions,
# portal/page_cards.py) run at once here and are database queues in production, run by
# `manage.py db_worker --backend mail` and `--backend media` (make worker).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "media": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One filter each: one logger's flood must not hold back another's first line.
    "filters": {
        "once_per_10s": {"()": "portal.log_filters.OncePerInterval", "seconds": 10},
        "database_once_per_10s": {"()": "portal.log_filters.OncePerInterval", "seconds": 10},
        "health_once_per_10s": {"()": "portal.log_filters.OncePerInterval", "seconds": 10},
        "503s_once_per_10s": {"()": "portal.log_filters.OncePerInterval", "seconds": 10, "status_code": 503},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every index update and page action is logged at INFO: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Redis down: a line per failed cache call would bury everything else.
        "portal.cache": {"filters": ["once_per_10s"]},
        # The database down: each request's outage page and its 503, and each health check, would log.
        "portal.unavailable": {"filters": ["database_once_per_10s"]},
        "django.request": {"filters": ["503s_once_per_10s"]},
        "portal.health": {"filters": ["health_once_per_10s"]},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Music Production & Engineering Careers"

# Images (portal/images.py, portal/image_forms.py): alt text (the image's description) required on
# every image form; uploads of the common web formats only (no SVG), at most 10 MB and 40 megapixels (a
# 7,700 x 5,200 photo), checked by Wagtail on upload, by content. The pages ask for AVIF and WebP
# renditions with a JPEG fallback (Pillow's own AVIF, built in since Pillow 11.3), at these qualities.
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.image_forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_AVIF_QUALITY = 60
WAGTAILIMAGES_WEBP_QUALITY = 78
WAGTAILIMAGES_JPEG_QUALITY = 80
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# wagtailmedia: audio clips of alumni stories; the same four kinds the public form takes.
WAGTAILMEDIA = {"AUDIO_EXTENSIONS": ["mp3", "wav", "ogg", "m4a"]}
WAGTAIL_MODERATION_ENABLED = True
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = False  # the site's own /search/ is the one search; the API lists and filters
TAGGIT_CASE_INSENSITIVE = True

# One search index over every page and indexed model: the database backend (SQLite FTS5 or
# PostgreSQL full text) by default.
# SEARCH_URL (for example https://search.internal:9200) switches to Elasticsearch/OpenSearch with no
# code change; SEARCH_BACKEND picks the client (elasticsearch7/8/9, opensearch2/3).
SEARCH_URL = os.environ.get("SEARCH_URL", "")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends." + os.environ.get("SEARCH_BACKEND", "opensearch2"),
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "portal_"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public story form: at most this many submissions per client address per window (seconds).
STORY_SUBMISSION_RATE_LIMIT = (int(os.environ.get("STORY_SUBMISSION_RATE_LIMIT", "5")), 3600)
# The contact form of a published story (alumni/contact.py): at most this many messages per client
# address, and per alumnus, per window (seconds).
CONTACT_RATE_LIMIT_PER_ADDRESS = (int(os.environ.get("CONTACT_RATE_LIMIT_PER_ADDRESS", "3")), 3600)
CONTACT_RATE_LIMIT_PER_ALUMNUS = (int(os.environ.get("CONTACT_RATE_LIMIT_PER_ALUMNUS", "10")), 24 * 3600)
