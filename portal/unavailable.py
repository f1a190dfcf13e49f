"""When the database cannot be reached: a 503 page that needs no database, not the 500 page.

Only a lost or refused connection counts (or a server shutting down, or an SQLite file that stays
busy past its timeout): a broken query, a deadlock or a timeout on a database that answers is a bug
or a one-off, and goes to the 500 page and the error log.

A visitor whose form was being sent sees their own words again (escaped), so nothing they wrote is
lost, with a note to send it again in a few minutes; the page is never stored by any cache. The
health check (``/healthz``) says 503 at the same time, so a load balancer can act on it.
"""

import logging
import sqlite3

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Only the story form's own text fields are shown back: never a password or anything else posted.
STORY_FORM_PATH = "/alumni/share-your-story/"
SHOWN_BACK = ("name", "class_year", "major", "job_title", "organisation", "how_started", "typical_day", "advice")


# PostgreSQL's connection exceptions (class 08), and the server ending the session: shut down,
# crashed, starting up, database dropped, idle session timeout (57P01-57P05).
CONNECTION_SQLSTATES = ("08", "57P0")
# SQLite cannot open its file, or another writer held it past the connection's timeout.
SQLITE_UNAVAILABLE = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY)


def is_connection_failure(exception):
    if isinstance(exception, InterfaceError):  # the connection was already closed
        return True
    if not isinstance(exception, OperationalError):
        return False
    cause = exception.__cause__
    if isinstance(cause, sqlite3.Error):
        return (cause.sqlite_errorcode & 0xFF) in SQLITE_UNAVAILABLE  # the primary code of an extended one
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(CONNECTION_SQLSTATES)  # psycopg's own: refused, lost


def words_sent(request):
    """The story form's own text fields from a post, labelled, to show back to the visitor (escaped)."""
    if request.method != "POST" or request.path != STORY_FORM_PATH:
        return []
    return [
        (name.replace("_", " ").capitalize(), request.POST[name])
        for name in SHOWN_BACK
        if request.POST.get(name, "").strip()
    ]


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_connection_failure(exception):
            return None
        logger.exception("Database unavailable while serving %s %s", request.method, request.path)
        # Rendered here: an error while a view's template renders would leave a template response unrendered.
        response = render(request, "503.html", {"words_sent": words_sent(request)}, status=503)
        response["Retry-After"] = "30"
        add_never_cache_headers(response)
        return response
