from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from careers.selectors import live_roles_by_sector


class HomePage(Page):
    """The site root: what the portal is, the search box and the roles grouped by sector."""

    intro = models.TextField(
        max_length=400,
        help_text="One or two sentences that say what the portal is; also the meta description.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sectors"] = live_roles_by_sector(per_sector=3)
        return context

    def get_meta_description(self):
        return self.search_description or self.intro
