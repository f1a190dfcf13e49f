"""Reads from a PostgreSQL read replica, where its lag does not show (``DATABASE_REPLICA_URL``).

Only the requests of anonymous visitors that change nothing (GET and HEAD without a session, outside
the admin) read from the replica: they see the public content, where a second of lag is harmless.
Everything else (staff, forms, the admin, management commands, writes) uses the primary, so no
one ever misses what they have just saved.

Nor do the caches keep a lagging copy: for ``REPLICA_LAG_SECONDS`` after any content change (the
content version's date, ``portal.freshness``) every read goes to the primary, so what is cached under
the new version is read from the rows that made it. That holds while the replica stays less than
that far behind, and the web hosts' clocks agree to within a fraction of it: set it above the lag
the replica's monitoring shows. The choice is made at a request's first read, so static files and
cache hits never ask for the version.
"""

from contextvars import ContextVar

from django.conf import settings

from portal.freshness import changed_within
from portal.page_cache import is_anonymous_read

REPLICA = "replica"
_reading_from_replica = ContextVar("reading_from_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and not changed_within(settings.REPLICA_LAG_SECONDS):
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replica = is_anonymous_read(request) and not request.path.startswith("/admin/")
        token = _reading_from_replica.set(replica)
        try:
            return self.get_response(request)
        finally:
            _reading_from_replica.reset(token)
