"""Each published page's social card and pictures, made when it is published, never in a visitor's request.

A page type takes part by defining ``social_card_text()`` (``{"title", "summary", "label"}``: a role's
sector, an interview's alumnus's job) and, for its picture, ``pictures()`` (``[(image, picture name)]``,
see ``portal.images.PICTURES``). When such a page is published, the ``make_page_media`` task (run once
the publish commits, on the ``media`` task backend: a database queue in production) renders its card
with Pillow (``portal.social_cards``, about 0.1 s) into the default storage as
``social/<page id>-<digest>.png`` and makes its picture's renditions. The digest is of the card's text:
publishing the same text again keeps the same file, new text makes a new file and removes the old one.
Unpublishing or deleting a page removes its card, so a withdrawn page's card is not served on.

``ensure_cards()`` (``manage.py social_cards``, and ``load_portal_content``) makes any card that is
missing or out of date for every live page: idempotent, it renders only what changed.
"""

import hashlib
import json
import logging
from functools import partial

from django_tasks import task

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.templatetags.static import static

from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished

from portal.freshness import content_changed
from portal.images import picture_record
from portal.models import PageMedia
from portal.social_cards import HEIGHT, WIDTH, render_card

logger = logging.getLogger(__name__)

MEDIA_TASK_BACKEND = "media"
CARDS_DIR = "social"
CARD_DESIGN = 1  # raise when portal.social_cards draws differently: every card is made again
ALT_MAX = 420  # Twitter's limit for an image description
# The card of every page without its own (made with render_card from DEFAULT_CARD_TEXT).
DEFAULT_CARD = "portal/img/social-card.png"
DEFAULT_CARD_TEXT = {
    "title": "Careers in music production and engineering",
    "summary": "Role profiles, official pay, skills and alumni stories, for students and career changers.",
    "label": "Career profiles",
}


def takes_part(page):
    return callable(getattr(page, "social_card_text", None))


def card_text(page):
    text = page.social_card_text()
    return {key: " ".join(str(text.get(key) or "").split()) for key in ("title", "summary", "label")}


def card_digest(text, site_name):
    content = json.dumps([CARD_DESIGN, site_name, text["title"], text["summary"], text["label"]])
    return hashlib.sha256(content.encode()).hexdigest()


def card_alt(text):
    """What the card shows, in words (``og:image:alt``)."""
    alt = text["title"] + (f" \u2014 {text['label']}" if text["label"] else "") + f". {text['summary']}"
    return alt if len(alt) <= ALT_MAX else alt[: ALT_MAX - 1].rsplit(" ", 1)[0] + "\u2026"


def ensure_card(page):
    """The live page's media row with its card made if missing or out of date; None (and any old card
    removed) for a page that is not live or does not take part."""
    if not (page.live and takes_part(page)):
        remove_media(page.pk)
        return None
    site_name = settings.WAGTAIL_SITE_NAME
    text = card_text(page)
    digest = card_digest(text, site_name)
    existing = PageMedia.objects.filter(page_id=page.pk).first()
    if existing and existing.card_digest == digest and existing.card and default_storage.exists(existing.card.name):
        return existing
    png = render_card(**text, site_name=site_name)
    name = default_storage.save(f"{CARDS_DIR}/{page.pk}-{digest[:16]}.png", ContentFile(png))
    media, _ = PageMedia.objects.update_or_create(
        page_id=page.pk, defaults={"card": name, "card_digest": digest, "card_alt": card_alt(text)}
    )
    if existing and existing.card and existing.card.name != name:
        transaction.on_commit(partial(_delete_file, existing.card.name), robust=True)
    content_changed()  # pages cached with the old card (or none) show the new one
    return media


def ensure_pictures(page):
    """Make the renditions of the live page's pictures and record where they are, so that its view reads
    them with the page (``portal.images.page_picture``) and no visitor waits for an encoder."""
    shown = getattr(page, "pictures", list)()
    pictures = {picture: record for image, picture in shown if (record := picture_record(image, picture))}
    updated = PageMedia.objects.filter(page_id=page.pk).exclude(pictures=pictures).update(pictures=pictures)
    if updated:
        content_changed()


def remove_media(page_id):
    """Remove a page's media row, its card's file once the removal commits."""
    for media in PageMedia.objects.filter(page_id=page_id):
        media.delete()  # the file goes in on_media_deleted
        content_changed()


def _delete_file(name):
    if name and default_storage.exists(name):
        default_storage.delete(name)


@task(backend=MEDIA_TASK_BACKEND)
def make_page_media(*, page_id):
    """A page's card and its pictures' renditions, as the page now is (live or not)."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is not None and ensure_card(page):
        ensure_pictures(page)


def ensure_cards():
    """Make every live page's missing or out-of-date card (and record its pictures); returns how many
    cards were made."""
    made = 0
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        if not takes_part(page):
            continue
        before = PageMedia.objects.filter(page_id=page.pk).values_list("card_digest", flat=True).first()
        media = ensure_card(page)
        made += media.card_digest != before
        ensure_pictures(page)
    return made


def page_media(page):
    """A live page's media row, or None; no query when routing read it with the page."""
    if page is None or not getattr(page, "live", False) or not takes_part(page):
        return None
    return getattr(page, "page_media", None)  # a missing row's exception is also an AttributeError


def social_image(media, root_url):
    """What the ``og:image`` and ``twitter:image`` tags say: the page's card's (or the default card's)
    full URL, size and alt text."""
    has_card = media is not None and bool(media.card)
    url = media.card.url if has_card else static(DEFAULT_CARD)
    if not url.startswith(("https://", "http://")):
        url = root_url + url
    alt = media.card_alt if has_card else card_alt(DEFAULT_CARD_TEXT)
    return {"url": url, "width": WIDTH, "height": HEIGHT, "alt": alt}


# Signal receivers (connected in PortalConfig.ready) ------------------------------------------------------


def remake_page_media(page_id):
    """Make a page's card and pictures again once the change at hand commits (``make_page_media``)."""
    transaction.on_commit(partial(make_page_media.enqueue, page_id=page_id), robust=True)


def on_page_published(sender, instance, **kwargs):
    if takes_part(instance):
        remake_page_media(instance.pk)


def on_page_unpublished(sender, instance, **kwargs):
    remove_media(instance.pk)


def on_image_saved(sender, instance, created, **kwargs):
    """An image edited (a new file or focal point): the pages that show it get their renditions again."""
    if created:
        return
    references = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    for page_id in set(references.values_list("object_id", flat=True)):
        remake_page_media(int(page_id))


def on_media_deleted(sender, instance, **kwargs):
    if instance.card:
        transaction.on_commit(partial(_delete_file, instance.card.name), robust=True)


def connect():
    page_published.connect(on_page_published, dispatch_uid="portal-cards-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="portal-cards-unpublished")
    post_save.connect(on_image_saved, sender=get_image_model(), dispatch_uid="portal-cards-image-saved")
    post_delete.connect(on_media_deleted, sender=PageMedia, dispatch_uid="portal-cards-deleted")
