"""One token for "the public content as it is now", changed by every publish, unpublish or alumnus
edit (see ``search.signals``). Caches key their entries on it, so a change reaches every cached
page, vocabulary and search document at once, on every process, with no list of URLs to purge.

The token changes when the change commits, not when it is made: a request served meanwhile reads
the rows as they were, and whatever it caches stays under the token that the commit replaces.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "portal:content-version"


def content_version():
    return cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, timeout=None) or "no-cache"


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed():
    transaction.on_commit(_new_version)  # at once when no transaction is open
