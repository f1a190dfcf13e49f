"""Wagtail's page routing, remembered for each content version.

Wagtail routes a request by reading the site, then every page on the path, one query a level. The
answer for a host and path (the site and which page) is kept in the cache under the content version
(``portal.freshness``), which every publish, unpublish and move changes, so a known page then costs
one query: the page itself, read live. Routable pages' sub-routes (forms, skill pages) are routed
by Wagtail every time, as are private pages' checks (Wagtail's ``before_serve_page`` hooks).
``ROUTE_CACHE_SECONDS=0`` turns it off.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult

from portal.freshness import content_version


def _route_key(request, path):
    return f"route:{content_version()}:{request._get_raw_host()}:{request.get_port()}:{path}"


def _remembered_route(request, key):
    remembered = cache.get(key)
    if remembered is None:
        return False
    site, content_type_id, page_id = remembered
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.live().filter(pk=page_id).first() if model else None
    if page is None:
        return False
    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page)
    return True


def _remember_route(request, key):
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None or route.args or route.kwargs:
        return
    page = route.page
    cache.set(key, (request._wagtail_site, page.content_type_id, page.pk), timeout=settings.ROUTE_CACHE_SECONDS)


def serve(request, path):
    """Wagtail's ``serve`` view, with the route looked up in the cache first."""
    if request.method not in ("GET", "HEAD") or not settings.ROUTE_CACHE_SECONDS:
        return wagtail_views.serve(request, path)
    key = _route_key(request, path)
    remembered = _remembered_route(request, key)
    try:
        return wagtail_views.serve(request, path)
    finally:
        if not remembered:
            _remember_route(request, key)
