"""What a role is filed under and linked by: its sector and career stage, its skills (tags), the roles
an editor relates it to and the ones it leads to, and the rules of its profile (review every 12 months,
the O*NET credit line)."""

import datetime

from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class Sector(models.TextChoices):
    """Where a role's work happens; the careers index groups roles by it."""

    STUDIO = "studio", "In the studio"
    LIVE = "live", "Live sound and venues"
    MEDIA = "media", "Film, games and media"
    BUSINESS = "business", "Business, design and support"


class CareerStage(models.TextChoices):
    ENTRY = "entry", "Entry level"
    MID = "mid", "Mid-career"
    SENIOR = "senior", "Senior"


HOW_TO_GET_IN_MIN_WORDS = 40
REVIEW_EVERY_DAYS = 365
# O*NET's credit line (CC BY 4.0), shown where a page reuses O*NET data: here the O*NET-SOC code and title.
ONET_CREDIT = (
    "This page includes information from the O*NET 30.0 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a "
    "trademark of USDOL/ETA. The portal has modified all or some of this information (it shows only the "
    "O*NET-SOC code and title); USDOL/ETA has not approved, endorsed, or tested these modifications."
)


def review_due_before():
    """Profiles last reviewed before this date are due for review (12 months)."""
    return timezone.localdate() - datetime.timedelta(days=REVIEW_EVERY_DAYS)


class RolePageTag(TaggedItemBase):
    """A skill on a role. Skills are taggit tags: one vocabulary shared with interviews."""

    content_object = ParentalKey("careers.RolePage", on_delete=models.CASCADE, related_name="tagged_items")


class RelatedRole(Orderable):
    """An editor's ordered link from one role to another it is often compared with."""

    page = ParentalKey("careers.RolePage", on_delete=models.CASCADE, related_name="related_role_links")
    role = models.ForeignKey("careers.RolePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "related role"


class CareerPath(Orderable):
    """A role that people in this role commonly move on to."""

    page = ParentalKey("careers.RolePage", on_delete=models.CASCADE, related_name="path_links")
    destination = models.ForeignKey("careers.RolePage", on_delete=models.CASCADE, related_name="incoming_paths")

    panels = [FieldPanel("destination")]

    class Meta(Orderable.Meta):
        verbose_name = "leads to"
        verbose_name_plural = "leads to"
