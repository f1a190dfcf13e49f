"""The moderation rule: an alumnus becomes public when their interview is published (approved)."""

from wagtail.signals import page_published

from alumni.models import AlumniInterviewPage, Alumnus
from alumni.submissions import connect_signals as connect_writer_notices


def make_alumnus_public(sender, instance, **kwargs):
    Alumnus.objects.filter(pk=instance.alumnus_id, is_public=False).update(is_public=True)


def connect():
    page_published.connect(make_alumnus_public, sender=AlumniInterviewPage, dispatch_uid="alumni-public-on-publish")
    connect_writer_notices()
