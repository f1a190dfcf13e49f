"""Development settings: DEBUG on, and a per-checkout secret key kept out of git."""

import os
import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool

DEBUG = env_bool("DEBUG", default=True)

if not SECRET_KEY:  # noqa: F405
    key_file = BASE_DIR / ".dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        os.chmod(key_file, 0o600)
    SECRET_KEY = key_file.read_text().strip()

# Static files straight from the apps, no collectstatic needed (production serves collected files).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
