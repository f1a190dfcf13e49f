"""The API v2 endpoints that know about alumni (registered in ``portal/urls.py``, beside the pages
endpoint of ``portal.api``): the public alumni, and the images without an unpublished story's photo.
Both check their parameters as every endpoint does (``portal.api.CheckedParametersMixin``)."""

from django.db import models

from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from alumni.models import AlumniInterviewPage, Alumnus
from alumni.story_details import PHOTOS_COLLECTION
from portal.api import CheckedParametersMixin


class PortalImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    """Every image but an alumnus's photo whose story is not live (a draft waiting for moderation)."""

    def get_queryset(self):
        live_photos = AlumniInterviewPage.objects.live().filter(image__isnull=False).values("image_id")
        return (
            super().get_queryset().filter(~models.Q(collection__name=PHOTOS_COLLECTION) | models.Q(pk__in=live_photos))
        )


class AlumniAPIViewSet(CheckedParametersMixin, BaseAPIViewSet):
    """Public alumni only; the fields come from ``Alumnus.api_fields`` (no e-mail among them)."""

    model = Alumnus
    body_fields = [*BaseAPIViewSet.body_fields, "name", "class_year", "major", "job_title", "organisation"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "class_year", "job_title"]
    name = "alumni"

    def get_queryset(self):
        return Alumnus.objects.filter(is_public=True).prefetch_related("role_links__role").order_by("id")
