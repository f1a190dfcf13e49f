"""Keep search and caches fresh: re-index a page after it is published (tags included), and change
the content version whenever public content changes (a page published, unpublished, moved or deleted,
an alumnus, a skill, a site, a page's privacy, a search synonym or a promoted result edited), so the
search vocabulary, search documents and cached pages are all rebuilt; no manual ``update_index`` or
cache purge is ever needed.

The re-index after publishing matters: Wagtail indexes a page in ``post_save``, before the page's
tag rows are written, so without it a tag change would be missing from the index.
"""

from django.db.models.signals import post_delete, post_save

from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from portal.freshness import content_changed
from search.models import Synonym


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, RolePage | AlumniInterviewPage):
        index.insert_or_update_object(instance)
    content_changed()


def on_content_changed(sender, instance=None, **kwargs):
    content_changed()


def on_saved(sender, instance, created, update_fields=None, **kwargs):
    """A save that may change what the public sees. Not: a draft revision's bookkeeping on a role
    (Wagtail saves only a few fields, and publishing is a signal of its own), nor a new alumnus
    who is not public yet (a story waiting for moderation), so submissions keep the caches warm."""
    if sender is RolePage and update_fields is not None:
        return
    if sender is Alumnus and created and not instance.is_public:
        return
    content_changed()


def connect():
    page_published.connect(on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_content_changed, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_content_changed, dispatch_uid="search-page-moved")
    for model in (Alumnus, PageViewRestriction, RolePage, Site, Tag):
        post_save.connect(on_saved, sender=model, dispatch_uid=f"search-saved-{model.__name__}")
    for model in (Alumnus, Page, PageViewRestriction, Site, Tag):  # any page type's delete reaches Page's
        post_delete.connect(on_content_changed, sender=model, dispatch_uid=f"search-deleted-{model.__name__}")
    # Synonyms and promoted results are read with the vocabulary: a change takes effect on save.
    for model in (Synonym, SearchPromotion):
        post_save.connect(on_content_changed, sender=model, dispatch_uid=f"search-saved-{model.__name__}")
        post_delete.connect(on_content_changed, sender=model, dispatch_uid=f"search-deleted-{model.__name__}")
