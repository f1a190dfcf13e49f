"""The framework floor: a bare Django view, no middleware, no database, returning a page the size of
a role page. Served by the same gunicorn configuration as the portal (bench/http_bench.py).

    gunicorn -c python:portal.gunicorn bench.floor:application
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE_BYTES = int(os.environ.get("FLOOR_PAGE_BYTES", "16000"))
BODY = (b"<!DOCTYPE html><html><body>" + b"x" * PAGE_BYTES)[:PAGE_BYTES]

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]
application = get_wsgi_application()
