"""The moderation rule: an alumnus becomes public when their interview is published (approved). And an
alumnus's edit (their job is the label of their story's social card) makes their live stories' cards again."""

from django.db.models.signals import post_save

from wagtail.signals import page_published

from alumni.models import AlumniInterviewPage, Alumnus
from alumni.submissions import connect_signals as connect_writer_notices
from portal.page_cards import remake_page_media


def make_alumnus_public(sender, instance, **kwargs):
    Alumnus.objects.filter(pk=instance.alumnus_id, is_public=False).update(is_public=True)


def remake_story_cards(sender, instance, created, **kwargs):
    if not created:
        for page_id in AlumniInterviewPage.objects.live().filter(alumnus=instance).values_list("pk", flat=True):
            remake_page_media(page_id)


def connect():
    page_published.connect(make_alumnus_public, sender=AlumniInterviewPage, dispatch_uid="alumni-public-on-publish")
    connect_writer_notices()
    post_save.connect(remake_story_cards, sender=Alumnus, dispatch_uid="alumni-story-cards-on-edit")
