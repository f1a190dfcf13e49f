"""What the portal stores beside the pages themselves: each published page's social card."""

from django.db import models

from portal.social_cards import HEIGHT, WIDTH


class SocialCard(models.Model):
    """The PNG a shared link to a live page shows (``og:image``), made when the page is published
    (``portal.page_cards``). Kept apart from the page's own fields so that a revision never carries a
    stale card back when it is published; routing reads it with the page (``select_related``)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="social_card")
    file = models.FileField(max_length=255)
    digest = models.CharField(max_length=64, help_text="Of the text the card shows: unchanged text, same card.")
    alt = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now=True)

    width = WIDTH
    height = HEIGHT

    class Meta:
        verbose_name = "social card"

    def __str__(self):
        return self.file.name
