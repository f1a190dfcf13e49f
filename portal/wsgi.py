"""WSGI entry point (gunicorn portal.wsgi). What every request needs is loaded here, before the first
request (``portal.preload``): under gunicorn, in the master, before the workers fork."""

import os

from django.core.wsgi import get_wsgi_application

from portal.preload import load_before_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

application = get_wsgi_application()
load_before_requests()
