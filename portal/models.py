"""What the portal stores beside the pages themselves: what publishing a page makes for it."""

from django.db import models

from portal.social_cards import HEIGHT, WIDTH


class PageMedia(models.Model):
    """A live page's social card (the PNG a shared link shows, ``og:image``) and where its picture's
    renditions are, made when the page is published (``portal.page_cards``). Kept apart from the page's
    own fields so that a revision never carries stale ones back when it is published; routing reads it
    with the page (``select_related``), so neither costs a query."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_media")
    card = models.FileField(max_length=255, blank=True)
    card_digest = models.CharField(max_length=64, blank=True, help_text="Of the card's text: same text, same card.")
    card_alt = models.CharField(max_length=1000, blank=True)
    # {picture name: {"image": id, "file": name, "focal_point": [...], "renditions": {spec: [file, w, h]}}}
    pictures = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    card_width = WIDTH
    card_height = HEIGHT

    class Meta:
        verbose_name = "page media"
        verbose_name_plural = "page media"

    def __str__(self):
        return f"Media of page {self.page_id}"
