"""The page cache for anonymous visitors, always fresh, answered before any other middleware runs.

Each entry holds the content version it was rendered under (``portal.freshness``); a hit needs the
entry and the current version to agree, and both come back from one cache round trip
(``get_many``), so a publish anywhere makes every older page a miss at once.

Never served from or stored in the shared cache: requests with a session (logged-in staff), the
admin, search, forms, previews, anything that is not a GET or HEAD, and any response that sets a
cookie (the CSRF cookie of a form), varies on a request header, or is private or not to be cached.
A hit carries the headers (security, CSP) stored with the response that filled it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age, patch_response_headers

from portal.freshness import NO_VERSION, VERSION_KEY, content_version, hold

UNCACHED_PREFIXES = (
    "/admin/", "/search/", "/healthz", "/alumni/share-your-story/", "/documents/", "/static/", "/media/",
)  # fmt: skip
KEY_PREFIX = "page:"


def is_anonymous_read(request):
    """A GET or HEAD from a visitor without a session: it can only see what the public sees."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable_request(request):
    # Wagtail's previews (and any other request it simulates) run through this middleware under the
    # page's own path, possibly without the editor's cookies: never answered from or kept in the cache.
    if getattr(request, "is_dummy", False):
        return False
    return is_anonymous_read(request) and not request.path.startswith(UNCACHED_PREFIXES)


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and get_max_age(response) != 0
    )


def _page_key(request):
    url = request.build_absolute_uri()  # scheme, validated host, path and query string
    return KEY_PREFIX + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


class AnonymousPageCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.CACHE_MIDDLEWARE_SECONDS
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        if version := found.get(VERSION_KEY):
            hold(version)  # the rest of the request uses it without asking again
        else:
            version = content_version()
        entry = found.get(key)
        if entry and entry[0] == version:
            _, stored_at, response = entry
            response["Age"] = max(0, int(time.time() - stored_at))
            return response
        response = self.get_response(request)
        if version != NO_VERSION and request.method == "GET" and _cacheable_response(response):
            patch_response_headers(response, seconds)
            cache.set(key, (version, time.time(), response), timeout=seconds)
        return response
