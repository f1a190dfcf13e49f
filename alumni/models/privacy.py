"""The privacy notice for alumni stories: a plain page editors keep, linked from the story form and
from every e-mail a writer receives."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.page_urls import SiteRelativeUrls

PRIVACY_NOTICE_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class PrivacyNoticePage(SiteRelativeUrls, Page):
    """What the portal collects from the alumni who share a story, who sees it, how long it is kept
    and how to have it deleted. One per site, just below the home page."""

    intro = models.TextField(max_length=400, help_text="One or two sentences; also the meta description.")
    body = RichTextField(features=PRIVACY_NOTICE_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "privacy notice"

    def get_meta_description(self):
        return self.search_description or self.intro
