"""Production: DEBUG off, every secret and address from the environment, HTTPS everywhere.

    DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=... ALLOWED_HOSTS=careers.example.org \\
    DATABASE_URL=postgres://... REDIS_URL=redis://... [SEARCH_URL=https://...] gunicorn portal.wsgi

``manage.py check --deploy`` reports no warning with these settings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of 50 characters or more, for example: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, separated by commas.")
# The page cache is keyed on the content version (portal.freshness). In a per-process memory cache, a
# publish would change it in one gunicorn worker only, and the others would serve stale pages.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "Set REDIS_URL (for example redis://127.0.0.1:6379/0): production runs several processes, and "
        "they must share one cache so that a publish shows on every one of them."
    )

# E-mail, and a published page's social card and image renditions, go through database queues;
# `manage.py db_worker --backend mail` and `--backend media` (make worker) run them.
TASKS = {
    **TASKS,  # noqa: F405
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "media": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# HTTPS: redirect, HSTS, secure cookies. Behind a proxy that terminates TLS, it must set
# X-Forwarded-Proto; SECURE_SSL_REDIRECT=0 only for a local trial over plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
# Staff accounts can publish to the public site: each signs in with a second factor (staff/two_factor.py).
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", default=True)

# Static files: compressed, with hashed names, served by whitenoise with a year-long cache.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    **LOGGING,  # noqa: F405 - the same loggers and filters, written to stdout with a timestamp
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
