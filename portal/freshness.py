"""One token for "the public content as it is now", changed by every publish, unpublish or alumnus
edit (see ``search.signals``). The page cache keys its entries on it (and search its vocabulary and
documents), so a change reaches every cached page at once, on every process; the caching proxy in
front is purged at the same moment (``portal.frontend_purge``).

The token lives in the shared cache (Redis in production). It changes when the change commits, not
when it is made: a request served meanwhile reads the rows as they were, and whatever it caches stays
under the token that the commit replaces. A change that cannot reach the shared cache (Redis down) is
retried, then logged as an error: until the token changes, pages cached before it may still be served.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction

from portal.frontend_purge import purge_everything

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
CHANGE_ATTEMPTS = 3
NO_VERSION = "no-cache"  # the shared cache does not answer: nothing can be known to be fresh


def content_version():
    return cache.get(VERSION_KEY) or _first_version()


def _first_version():
    """The token of an empty cache. ``NO_VERSION`` when the cache does not answer (django-redis then
    answers ``add`` with None rather than True or False)."""
    token = uuid.uuid4().hex
    added = cache.add(VERSION_KEY, token, timeout=None)
    if added is None:
        return NO_VERSION
    return token if added else cache.get(VERSION_KEY, NO_VERSION)


def _new_version():
    version = uuid.uuid4().hex
    for attempt in range(CHANGE_ATTEMPTS):
        cache.set(VERSION_KEY, version, timeout=None)
        if cache.get(VERSION_KEY) == version:
            return
        time.sleep(0.1 * (attempt + 1))
    logger.error(
        "The content version could not be changed: the cache does not answer. Pages cached before "
        "this change may be served until it changes again or they expire."
    )


def _changed():
    _new_version()
    purge_everything()


def content_changed():
    transaction.on_commit(_changed)  # at once when no transaction is open
