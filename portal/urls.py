from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from alumni.api_views import AlumniAPIViewSet, PortalImagesAPIViewSet
from alumni.feeds import LatestInterviewsFeed
from portal.api import PortalPagesAPIViewSet
from portal.health import healthz
from portal.views import TypedInOneQuerySitemap, favicon, robots_txt

# Bad input (portal/input_checks.py): the site's 400 page, or JSON under the API.
handler400 = "portal.views.bad_request"

# Wagtail's read-only API v2 (portal/api.py, alumni/api_views.py): pages, images, public alumni.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("alumni", AlumniAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": TypedInOneQuerySitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("alumni/feed/", LatestInterviewsFeed(), name="alumni_feed"),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # `make run` (DEBUG off, portal/settings/local.py) still shows the images and documents uploaded here.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]
