"""The alumni index page: every published interview, and the public story form, served by
``alumni.views``."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from alumni import contact as contact_views
from alumni import manage_views, views
from alumni.models.stories import AlumniInterviewPage
from portal.page_routing import TypedChildRouting
from portal.page_urls import SiteRelativeUrls


class AlumniIndexPage(TypedChildRouting, RoutablePageMixin, SiteRelativeUrls, Page):
    """Every published interview, newest first, filterable by role and skill; and the story form."""

    intro = models.TextField(max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["alumni.AlumniInterviewPage"]
    max_count = 1
    child_model = AlumniInterviewPage

    class Meta:
        verbose_name = "alumni index"

    @classmethod
    def child_pages(cls):
        return AlumniInterviewPage.objects.select_related("alumnus", "image", "audio", "page_media")

    def get_meta_description(self):
        return self.search_description or self.intro

    @path("", name="index")
    def interview_list(self, request):
        return views.interview_list(request, self)

    @path("share-your-story/", name="share_story")
    def share_story(self, request):
        return views.share_story(request, self)

    @path("share-your-story/thanks/", name="share_story_thanks")
    def share_story_thanks(self, request):
        return self.render(request, template="alumni/share_story_thanks.html")

    # The writer's own pages, from the signed links in their e-mails (alumni.manage_views).
    @path("share-your-story/confirm/<str:token>/", name="story_confirm")
    def story_confirm(self, request, token):
        return manage_views.story_confirm(request, self, token)

    @path("share-your-story/manage/<str:token>/", name="story_manage")
    def story_manage(self, request, token):
        return manage_views.story_manage(request, self, token)

    @path("share-your-story/manage/<str:token>/edit/", name="story_edit")
    def story_edit(self, request, token):
        return manage_views.story_edit(request, self, token)

    @path("share-your-story/manage/<str:token>/contact-off/", name="story_contact_off")
    def story_contact_off(self, request, token):
        return manage_views.story_contact_off(request, self, token)

    @path("share-your-story/manage/<str:token>/withdraw/", name="story_withdraw")
    def story_withdraw(self, request, token):
        return manage_views.story_withdraw(request, self, token)

    @path("share-your-story/manage/<str:token>/delete/", name="story_delete")
    def story_delete(self, request, token):
        return manage_views.story_delete(request, self, token)

    @path("share-your-story/deleted/", name="story_deleted")
    def story_deleted(self, request):
        return manage_views.story_deleted(request, self)

    @path("contact/<slug:slug>/", name="contact")
    def contact(self, request, slug):
        return contact_views.contact(request, self, slug)

    @path("contact/<slug:slug>/sent/", name="contact_sent")
    def contact_sent(self, request, slug):
        return contact_views.contact_sent(request, self, slug)
