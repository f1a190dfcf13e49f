"""Wagtail's page routing, remembered for each content version.

Wagtail routes a request by reading the site, then every page on the path, one query a level. The
answer for a host and path (the site and the live page, as read then) is kept in the cache under
the content version (``portal.freshness``), which every publish, unpublish, move and delete
changes, in this process's memory and the shared cache (``portal.versioned_cache``), so a known page
costs no routing query at all. A routable page's own routes are
remembered by the name of their view when they capture nothing (``/careers/``, ``explore/``);
those that capture part of the path (``skills/<slug>/``) are routed by Wagtail every time. Private
pages' checks (Wagtail's ``on_serve_page`` hook) run on every request. ``ROUTE_CACHE_SECONDS=0``
turns it off.
"""

from django.conf import settings

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from portal import versioned_cache
from portal.freshness import content_version


def _route(request, path):
    """Set Wagtail's routing result on the request, from the cache or (then remembered) from Wagtail."""
    key = versioned_cache.key("route", request._get_raw_host(), request.get_port(), path)
    if key is None:
        return
    remembered = versioned_cache.get(key, settings.ROUTE_CACHE_SECONDS)
    if remembered is not None:
        request._wagtail_site, page, view_name = remembered
        view_args = (getattr(page, view_name), [], {}) if view_name else None
        request._wagtail_route_for_request = RouteResult(page, args=view_args)
        return
    route = Page.route_for_request(request, path)
    if route is None or route.kwargs:
        return
    if not route.args:
        view_name = None
    elif isinstance(route.page, RoutablePageMixin) and not route.args[1] and not route.args[2]:
        view_name = route.args[0].__name__
    else:
        return
    versioned_cache.set(key, (request._wagtail_site, route.page, view_name), settings.ROUTE_CACHE_SECONDS)


def serve(request, path):
    """Wagtail's ``serve`` view, with the route looked up in the cache first."""
    content_version()  # read (and held) before any row: nothing read later is older than it
    if request.method in ("GET", "HEAD") and settings.ROUTE_CACHE_SECONDS:
        _route(request, path)
    return wagtail_views.serve(request, path)
