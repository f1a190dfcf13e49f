"""Cached fragments of public pages (the ``{% publiccache %}`` tag), always fresh.

A fragment is keyed on the content version (``portal.freshness``), so any publish, unpublish or
alumnus change replaces every fragment at once, and on the scheme and host (fragments may hold
absolute URLs). It is kept in this process's memory and in the shared cache
(``portal.versioned_cache``). ``FRAGMENT_CACHE_SECONDS=0`` turns it off.
"""

import hashlib
from functools import partial

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from portal import versioned_cache


def fragment_key(request, vary_on):
    parts = [request.scheme, request.get_host(), *map(str, vary_on)]
    digest = hashlib.md5("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()
    return versioned_cache.key("fragment", digest)


def get_or_render(request, vary_on, render):
    seconds = settings.FRAGMENT_CACHE_SECONDS
    key = fragment_key(request, vary_on) if seconds else None
    if key is None:
        return render()
    html = versioned_cache.get(key, seconds)
    if html is None:
        html = render()
        versioned_cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it


def deferred(func, *args, **kwargs):
    """``func(*args, **kwargs)``, computed when a template first uses it: never, when a cached
    fragment holds everything that uses it."""
    return SimpleLazyObject(partial(func, *args, **kwargs))
