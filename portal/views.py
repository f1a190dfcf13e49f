from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap

from portal.input_checks import RefusedInput
from portal.page_urls import site_root_url
from portal.unavailable import STORY_FORM_PATH, words_sent

API_PREFIX = "/api/"
# Browsers and feed readers ask for /favicon.ico whatever the page links: the same icon the pages link.
FAVICON = Path(__file__).resolve().parent / "static" / "portal" / "img" / "favicon.ico"


class TypedInOneQuerySitemap(Sitemap):
    """Wagtail's sitemap with every page read typed in one query, not one more per page type: an
    entry needs only the fields every page has (a page's ``get_sitemap_urls`` may read more)."""

    def items(self):
        return super().items().specific(defer=True)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {site_root_url(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """``/favicon.ico``: the site's icon (16, 32 and 48 px), not a 404 on every first visit."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def bad_request(request, exception):
    """``handler400``: what was wrong, as the site's page, or as JSON under the API (as Wagtail's API
    answers) and to a script asking for JSON (the search box's autocomplete)."""
    message = str(exception) if isinstance(exception, RefusedInput) else "The request could not be read."
    wants_json = request.get_preferred_type(["text/html", "application/json"]) == "application/json"
    if request.path.startswith(API_PREFIX) or wants_json:
        return JsonResponse({"message": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: the site's own 403 page, saying why a form was refused and how to go on.

    A story form's words are shown back (as the outage page does): the post was refused, so nothing was saved.
    """
    context = {
        "words_sent": words_sent(request),
        "form_url": STORY_FORM_PATH if request.path == STORY_FORM_PATH else None,
    }
    response = render(request, "403_csrf.html", context, status=403)
    add_never_cache_headers(response)
    return response
