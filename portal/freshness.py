"""One token for "the public content as it is now", changed by every publish, unpublish or alumnus
edit (see ``search.signals``). Caches key their entries on it, so a change reaches every cached
page, vocabulary and search document at once, on every process, with no list of URLs to purge.

The token lives in the shared cache (Redis in production), is read once per request and held for
the rest of it (``ContentVersionMiddleware``), and records when it was made, so that reads can stay
on the primary database while a replica may still lag behind a change (``portal.db_routing``).

The token changes when the change commits, not when it is made: a request served meanwhile reads
the rows as they were, and whatever it caches stays under the token that the commit replaces. A
change that cannot reach the shared cache (Redis down) is retried, then logged as an error: until
the token changes, pages cached before it may still be served.
"""

import logging
import time
import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
CHANGE_ATTEMPTS = 3
NO_VERSION = "no-cache"  # the shared cache does not answer: nothing can be known to be fresh

_held = ContextVar("content_version_held", default=None)  # this request's token, once read


def _new_token(made_at=None):
    return f"{time.time() if made_at is None else made_at:.3f}-{uuid.uuid4().hex}"


def content_version():
    held = _held.get()
    if held:
        return held[0]
    version = cache.get(VERSION_KEY) or _first_version()
    if held is not None:
        held.append(version)  # NO_VERSION too: with Redis down, one failed call a request is enough
    return version


def _first_version():
    """The token of an empty cache, dated 0: it marks no change. ``NO_VERSION`` when the cache does
    not answer (django-redis then answers ``add`` with None rather than True or False)."""
    token = _new_token(made_at=0)
    added = cache.add(VERSION_KEY, token, timeout=None)
    if added is None:
        return NO_VERSION
    return token if added else cache.get(VERSION_KEY, NO_VERSION)


def hold(version):
    """This request's token, read by the caller along with something else (the page cache)."""
    held = _held.get()
    if held is not None and not held:
        held.append(version)


def changed_within(seconds):
    """Whether the content changed less than ``seconds`` ago (unknown when the cache is down: no)."""
    made_at, _, _ = content_version().partition("-")
    try:
        return time.time() - float(made_at) < seconds
    except ValueError:
        return False


def _new_version():
    version = _new_token()
    for attempt in range(CHANGE_ATTEMPTS):
        cache.set(VERSION_KEY, version, timeout=None)
        if cache.get(VERSION_KEY) == version:
            break
        time.sleep(0.1 * (attempt + 1))
    else:
        logger.error(
            "The content version could not be changed: the cache does not answer. Pages, fragments and "
            "routes cached before this change may be served until it changes again or they expire."
        )
    if held := _held.get():
        held[0] = version  # the rest of this request sees its own change


def content_changed():
    transaction.on_commit(_new_version)  # at once when no transaction is open


class ContentVersionMiddleware:
    """Reads the token at most once per request, so every cache a request uses agrees on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _held.set([])
        try:
            return self.get_response(request)
        finally:
            _held.reset(token)
