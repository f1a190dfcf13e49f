"""Entries keyed on the content version, kept in this process's memory in front of the shared cache.

A key that carries the content version (``portal.freshness``) goes stale only if a change fails to
reach the shared cache (which is retried, then logged): any change makes a new version, and so new
keys. Each process therefore keeps what it has read or rendered in its own
memory (the ``local`` cache) and skips the round trip next time, while the shared cache (Redis in
production) lets every process reuse what another one rendered first. When the shared cache does not
answer, no version can be trusted and nothing is kept.
"""

from django.core.cache import cache, caches

from portal.freshness import NO_VERSION, content_version


def key(*parts):
    """A key for ``parts`` under the current content version, or None when that is unknown."""
    version = content_version()
    return None if version == NO_VERSION else ":".join(map(str, (version, *parts)))


def get(key, timeout):
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            local.set(key, value, timeout=timeout)
    return value


def set(key, value, timeout):
    caches["local"].set(key, value, timeout=timeout)
    cache.set(key, value, timeout=timeout)
