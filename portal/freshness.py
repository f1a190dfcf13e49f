"""One token for "the public content as it is now", changed by every publish, unpublish or alumnus
edit (see ``search.signals``). Caches key their entries on it, so a change reaches every cached
page, vocabulary and search document at once, on every process, with no list of URLs to purge."""

import uuid

from django.core.cache import cache

VERSION_KEY = "portal:content-version"


def content_version():
    return cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, timeout=None) or "no-cache"


def content_changed():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
