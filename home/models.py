"""The site's home page, the top of the tree: it shows roles and alumni stories, so it sits above both apps."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from alumni.selectors import live_interviews
from careers.selectors import live_sector_counts
from portal.page_routing import TypedChildRouting
from portal.page_urls import SiteRelativeUrls


class HomeFeaturedRole(Orderable):
    """A role an editor puts on the home page."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_role_links")
    role = models.ForeignKey("careers.RolePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("role")]

    class Meta(Orderable.Meta):
        db_table = "portal_homefeaturedrole"  # made by the portal app, before the home page moved here


class HomePage(TypedChildRouting, SiteRelativeUrls, Page):
    """The site root: what the portal is, the search box, every sector with its role count, featured
    roles, the featured alumnus and the newest stories. Its children (the careers and alumni
    indexes) are read typed in one query when routing below it."""

    intro = models.TextField(
        max_length=400,
        help_text="One or two sentences that say what the portal is; also the meta description.",
    )
    featured_interview = models.ForeignKey(
        "alumni.AlumniInterviewPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The alumni story shown with its pull quote on the home page.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_role_links", label="Featured role", max_num=8),
        FieldPanel("featured_interview"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        db_table = "portal_homepage"  # made by the portal app, before the home page moved here

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_roles"] = self.live_featured_roles()
        context["sectors"] = live_sector_counts()
        featured = context["featured_interview"] = self.live_featured_interview()
        # The newest stories besides the featured one: nothing on the page twice.
        latest = live_interviews().exclude(pk=featured.pk) if featured else live_interviews()
        context["latest_interviews"] = latest[:3]
        return context

    def live_featured_roles(self):
        links = self.featured_role_links.select_related("role").order_by("sort_order")
        return [link.role for link in links if link.role.live]

    def live_featured_interview(self):
        return live_interviews().filter(pk=self.featured_interview_id).first() if self.featured_interview_id else None

    def get_meta_description(self):
        return self.search_description or self.intro
