"""`make run`: the portal as a visitor sees it, on this machine.

DEBUG off, so an unknown address answers the site's own 404 page and an error its 500 page, never
Django's debug pages. Everything else is the development settings: SQLite, a per-process memory cache
(no Redis), the per-checkout secret key in `.dev-secret-key`, and static files served by whitenoise
straight from the apps (WHITENOISE_USE_FINDERS), so a fresh clone needs no collectstatic and an edited
stylesheet shows on the next request. `make dev` runs with DEBUG on.
"""

from .dev import *  # noqa: F403

DEBUG = False
# Uploaded images and documents, which DEBUG's helper would otherwise serve (portal/urls.py).
SERVE_MEDIA = True
