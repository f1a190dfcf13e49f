"""What editors manage for search: the field's synonyms; and what search records for them: the
searches that found nothing (the most frequent searches are Wagtail's own ``Query`` hits)."""

from django.db import models


def split_phrases(text):
    return [phrase.strip() for phrase in (text or "").split(",") if phrase.strip()]


class Synonym(models.Model):
    """When visitors say any of ``phrases``, search ``also_search`` as well."""

    phrases = models.CharField(
        "when visitors say",
        max_length=255,
        unique=True,
        help_text="Words or phrases visitors use, separated by commas: FOH, front of house",
    )
    also_search = models.CharField(
        "also search",
        max_length=255,
        help_text="The portal's words for the same thing, separated by commas: live sound engineer, monitor engineer",
    )
    on_topic = models.BooleanField(
        "the field's own words",
        default=True,
        help_text=(
            "Ticked: a search with these words is about music and sound (FOH, foley, podcast). Untick for "
            "everyday words (fix, sell, movie): they add the portal's words to a search, but on their own a "
            "search for them is not one the portal covers."
        ),
    )

    class Meta:
        ordering = ["phrases"]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.phrases} \N{RIGHTWARDS ARROW} {self.also_search}"


class FruitlessSearch(models.Model):
    """A public search that found nothing (or only "this portal does not cover that"), by query."""

    query_string = models.CharField(max_length=255, unique=True)
    hits = models.PositiveIntegerField(default=0)
    last_searched = models.DateTimeField()
    off_topic = models.BooleanField(default=False, help_text="Judged outside the portal's field.")

    class Meta:
        ordering = ["-hits", "query_string"]
        verbose_name = "search that found nothing"
        verbose_name_plural = "searches that found nothing"

    def __str__(self):
        return self.query_string
