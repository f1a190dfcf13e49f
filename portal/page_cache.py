"""The page cache for anonymous visitors, always fresh, answered before any other middleware runs.

Each entry holds the content version it was rendered under (``portal.freshness``); a hit needs the
entry and the current version to agree, and both come back from one cache round trip
(``get_many``), so a publish anywhere makes every older page a miss at once. The key carries the
release (``settings.RELEASE``), so a deploy never serves the markup of the code before it.

Never served from or stored in the shared cache: requests with a session (logged-in staff), the
admin, search, forms, previews, anything that is not a GET or HEAD, and any response that sets a
cookie (the CSRF cookie of a form), varies on a request header, or is private or not to be cached.
A hit carries the headers (security, CSP) stored with the response that filled it.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age, patch_response_headers

from portal.freshness import NO_VERSION, VERSION_KEY, content_version

UNCACHED_PREFIXES = (
    "/admin/", "/search/", "/healthz", "/alumni/share-your-story/", "/alumni/contact/", "/documents/", "/static/",
    "/media/",
)  # fmt: skip
KEY_PREFIX = "page:"
# The query parameters that cached pages read. Every other one (utm_source, fbclid, a typo) is left out
# of the key, so it shares the page's canonical entry instead of storing a copy per value. The careers
# index reads sector and page, its explore/ route skills, its compare/ route roles; the alumni index
# role, skill and page; a role's pay/ route sort and q; the sitemap p. A page that starts reading
# another parameter must be added here, or every value of it would be answered with the same cached page.
READ_PARAMETERS = frozenset({"sector", "page", "skills", "roles", "role", "skill", "p", "sort", "q"})
# The API answers 400 to a parameter it does not know, and only a 200 is stored: its key keeps them all.
WHOLE_QUERY_PREFIXES = ("/api/",)


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
    url = request.build_absolute_uri(request.path)  # scheme, validated host and path
    if request.path.startswith(WHOLE_QUERY_PREFIXES):
        query = request.GET.urlencode()
    else:  # the parameters read, in a fixed order: each name's values keep the order they came in
        query = urlencode(sorted(((n, v) for n, v in request.GET.lists() if n in READ_PARAMETERS)), doseq=True)
    digest = hashlib.md5(f"{url}?{query}".encode(), usedforsecurity=False).hexdigest()
    return f"{KEY_PREFIX}{settings.RELEASE}:{digest}"


class AnonymousPageCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.CACHE_MIDDLEWARE_SECONDS
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
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
