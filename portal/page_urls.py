from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.encoding import escape_uri_path

from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Site


def page_url(url_path, request=None):
    """A page's URL from its ``url_path``, as ``Page.url`` would give it, without loading the page.

    For listings read with ``values()``: building Wagtail page instances only for their URL is costly.
    With the ``request``, a page under the root of the Site it is for is answered from that Site, which
    Wagtail finds once per request and keeps on it (``Site.find_for_request``, its root page joined):
    no read of every Site's root path from the cache, which is a round trip to Redis each time.
    """
    site = Site.find_for_request(request)  # None without a request
    if site is not None and url_path.startswith(site.root_page.url_path):
        return _path_on_site(url_path, site.root_page.url_path)
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return _path_on_site(url_path, root.root_path)
    return url_path


def site_root_url(request):
    """The public address of the Site a request is for, as configured (Wagtail's ``Site.root_url``),
    never the request's ``Host`` header: canonical links, the feed and robots.txt name one address."""
    site = Site.find_for_request(request)
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def canonical_url(request):
    """The full URL of the page a request shows, on the Site's configured address, without the query."""
    return site_root_url(request) + escape_uri_path(request.path)


@lru_cache(maxsize=4096)
def _served_path(urlconf, script_prefix, path_in_site):
    # The URLconf and script prefix in effect are part of the key: reverse() reads both.
    path = reverse("wagtail_serve", args=(path_in_site,), urlconf=urlconf)
    return path if WAGTAIL_APPEND_SLASH or path == "/" else path.rstrip("/")


def _path_on_site(url_path, root_path):
    """The path Wagtail serves the page at ``url_path`` at, on a Site whose root page is at ``root_path``:
    its own ``reverse()`` of ``wagtail_serve``, done once per process for each path."""
    return _served_path(get_urlconf(), get_script_prefix(), url_path[len(root_path) :])


class SiteRelativeUrls:
    """Page mixin: the page's URL parts (the documented ``get_url_parts`` hook) on the Site the request
    is for, which Wagtail finds once per request, when the page is under its root: each distinct path
    is reversed once per process, not once per link (a page links to some 40 pages, and reversing the
    URLconf was a tenth of rendering it). Any other case is Wagtail's own: no request, or another object
    in its place (Wagtail's front-end cache passes its purge batch), a page outside the request's Site,
    translated pages."""

    def get_url_parts(self, request=None):
        site = Site.find_for_request(request) if isinstance(request, HttpRequest) else None
        root_path = site.root_page.url_path if site else None
        translated = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        if root_path is None or translated or not self.url_path.startswith(root_path):
            return super().get_url_parts(request)
        try:
            return (site.pk, site.root_url, _path_on_site(self.url_path, root_path))
        except NoReverseMatch:  # no page is served at that path: as Wagtail answers it
            return (site.pk, None, None)
