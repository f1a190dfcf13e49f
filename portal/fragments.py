"""Cached fragments of public pages (the ``{% publiccache %}`` tag), always fresh.

A fragment is keyed on the content version (``portal.freshness``), so any publish, unpublish or
alumnus change replaces every fragment at once, and on the scheme and host (fragments may hold
absolute URLs). It lives in the default cache: Redis when ``REDIS_URL`` is set, else this process's
memory. ``FRAGMENT_CACHE_SECONDS=0`` turns it off.
"""

import hashlib
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from portal.freshness import content_version


def fragment_key(request, vary_on):
    parts = [content_version(), request.scheme, request.get_host(), *map(str, vary_on)]
    return "fragment:" + hashlib.md5("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


def get_or_render(request, vary_on, render):
    if not settings.FRAGMENT_CACHE_SECONDS:
        return render()
    key = fragment_key(request, vary_on)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it


def deferred(func, *args, **kwargs):
    """``func(*args, **kwargs)``, computed when a template first uses it: never, when a cached
    fragment holds everything that uses it."""
    return SimpleLazyObject(partial(func, *args, **kwargs))
