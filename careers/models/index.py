"""The careers index page: every role by sector, and the careers tools as routes of its own, served
by ``careers.views``."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from careers import views
from careers.models.roles import RolePage
from careers.selectors import skills_with_role_counts
from portal.page_routing import TypedChildRouting
from portal.page_urls import SiteRelativeUrls


class CareersIndexPage(TypedChildRouting, RoutablePageMixin, SiteRelativeUrls, Page):
    """Every role, grouped by sector, plus the skill pages, the skill matcher, the path map and the
    comparison (routes below); its children are the roles."""

    intro = models.TextField(max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["careers.RolePage"]
    max_count = 1
    child_model = RolePage
    ROLES_PER_SECTOR = 24
    ROLES_PER_PAGE = 48

    class Meta:
        verbose_name = "careers index"

    @classmethod
    def child_pages(cls):
        """A role is read with its occupation's national pay, its image and its media (social card,
        renditions), which its page shows."""
        return RolePage.objects.select_related("occupation__national", "image", "page_media")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_sitemap_urls(self, request=None):
        """The index, plus its own routes that are pages in their own right, every skill page, and the
        pay page of every live role with an official occupation (in one query)."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        extra = [self.reverse_subpage(name) for name in ("skills", "explore", "paths", "compare")]
        extra += [self.reverse_subpage("skill", args=[skill.slug]) for skill in skills_with_role_counts()]
        extra += [
            f"{slug}/pay/"
            for slug in self.child_pages()
            .child_of(self)
            .live()
            .filter(occupation__isnull=False)
            .values_list("slug", flat=True)
        ]
        return urls + [{"location": base + route, "lastmod": self.last_published_at} for route in extra]

    @path("", name="index")
    def role_list(self, request):
        return views.role_list(request, self)

    @path("explore/", name="explore")
    def explore(self, request):
        return views.explore(request, self)

    @path("paths/", name="paths")
    def paths(self, request):
        return views.paths(request, self)

    @path("compare/", name="compare")
    def compare(self, request):
        return views.compare(request, self)

    @path("skills/", name="skills")
    def skill_list(self, request):
        return views.skill_list(request, self)

    @path("skills/<slug:slug>/", name="skill")
    def skill_detail(self, request, slug):
        return views.skill_detail(request, self, slug)
