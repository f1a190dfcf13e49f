"""/healthz: 503 only when this node cannot serve (its database does not answer), else 200.

The cache fails open (pages render afresh without it), so a cache that does not answer is not a
failure: a load balancer would take every node out at once for a Redis outage. It is reported in the
``X-Cache-Health`` header (``ok`` or ``unavailable``) and logged."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def _cache_answers():
    token = uuid.uuid4().hex
    try:
        cache.set("healthz", token, timeout=10)
        answers = cache.get("healthz") == token
    except Exception:
        answers = False
    if not answers:
        logger.warning("Health check: the cache does not answer; serving without it")
    return answers


@never_cache
@require_GET
def healthz(request):
    if not _database_answers():
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    response = HttpResponse("ok\n", content_type="text/plain")
    response["X-Cache-Health"] = "ok" if _cache_answers() else "unavailable"
    return response
