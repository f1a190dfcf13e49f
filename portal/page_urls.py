from django.conf import settings
from django.utils.encoding import escape_uri_path

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
        return url_path[len(site.root_page.url_path) - 1 :]
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return url_path[len(root.root_path) - 1 :]
    return url_path


def site_root_url(request):
    """The public address of the Site a request is for, as configured (Wagtail's ``Site.root_url``),
    never the request's ``Host`` header: canonical links, the feed and robots.txt name one address."""
    site = Site.find_for_request(request)
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def canonical_url(request):
    """The full URL of the page a request shows, on the Site's configured address, without the query."""
    return site_root_url(request) + escape_uri_path(request.path)
