"""Wagtail's read-only API v2 at /api/v2/: pages (roles and interviews with their fields), images,
and public alumni. Contact e-mails and unpublished records are never exposed."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from alumni.models import Alumnus


class AlumniAPIViewSet(BaseAPIViewSet):
    """Public alumni only; the fields come from ``Alumnus.api_fields`` (no e-mail among them)."""

    model = Alumnus
    body_fields = [*BaseAPIViewSet.body_fields, "name", "class_year", "major", "job_title", "organisation"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "class_year", "job_title"]
    name = "alumni"

    def get_queryset(self):
        return Alumnus.objects.filter(is_public=True).prefetch_related("role_links__role").order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("alumni", AlumniAPIViewSet)
