"""Test settings: fast password hashing, in-memory e-mail, a throwaway secret key."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django swaps EMAIL_BACKEND for its locmem outbox; the mail queue tests put the queue back.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The caching tests switch the page cache on themselves; elsewhere each request must do its real
# work (query counts are measured on it).
CACHE_MIDDLEWARE_SECONDS = 0

# Static files straight from the apps, no collectstatic needed (production serves collected files).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite's in-memory test database is shared between connections by table locks, which do not wait:
# there, BEGIN IMMEDIATE (portal/settings/base.py) would fail at once rather than wait its turn.
DATABASES["default"].get("OPTIONS", {}).pop("transaction_mode", None)  # noqa: F405
