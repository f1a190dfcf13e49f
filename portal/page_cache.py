"""Django's page cache for anonymous visitors, keyed on the content version so it is always fresh.

Never served from or stored in the shared cache: requests with a session (logged-in staff), the
admin, search, previews, anything that is not a GET or HEAD, and any response that sets a cookie
(the CSRF cookie of a form) or says it is private or not to be cached.
"""

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from portal.freshness import content_version

UNCACHED_PREFIXES = (
    "/admin/", "/search/", "/healthz", "/alumni/share-your-story/", "/documents/", "/static/", "/media/",
)  # fmt: skip


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


class VersionedKeyMixin:
    @property
    def key_prefix(self):
        return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:{content_version()}"

    @key_prefix.setter
    def key_prefix(self, value):
        """Django's middleware sets a fixed prefix on start; the version decides instead."""


class FetchPageFromCache(VersionedKeyMixin, FetchFromCacheMiddleware):
    def process_request(self, request):
        if not _cacheable_request(request):
            request._cache_update_cache = False
            return None
        return super().process_request(request)


class UpdatePageCache(VersionedKeyMixin, UpdateCacheMiddleware):
    def _should_update_cache(self, request, response):
        if not _cacheable_request(request) or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-cache" in cache_control or "no-store" in cache_control:
            return False
        return super()._should_update_cache(request, response)
