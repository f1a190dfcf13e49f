"""/healthz: 200 when the database and the cache answer, 503 otherwise; never says why to the caller."""

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
        logger.warning("Health check: the cache does not answer")
    return answers


@never_cache
@require_GET
def healthz(request):
    healthy = _database_answers() and _cache_answers()
    return HttpResponse(
        "ok\n" if healthy else "unavailable\n", status=200 if healthy else 503, content_type="text/plain"
    )
