"""Suggestions for the header search box: titles that start with what the visitor has typed."""

import logging

from taggit.models import Tag

from alumni.models import AlumniInterviewPage
from careers.models import RolePage
from search import documents
from search.text import clean_query, words

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 8
MIN_PREFIX = 2


def suggestions(raw_query):
    """A list of {"title", "type", "url"} for the prefix ``raw_query``; empty for unusable input."""
    prefix = " ".join(words(clean_query(raw_query)))
    if len(prefix) < MIN_PREFIX:
        return []
    found = []
    try:
        for page in RolePage.objects.live().public().autocomplete(prefix)[:5]:
            found.append({"title": page.title, "type": documents.KINDS[documents.ROLE], "url": page.url})
        for page in AlumniInterviewPage.objects.live().public().autocomplete(prefix)[:3]:
            found.append({"title": page.title, "type": documents.KINDS[documents.INTERVIEW], "url": page.url})
    except Exception:  # suggestions are a nicety: never fail the request over them
        logger.exception("Autocomplete failed for %r", prefix)
    for tag in Tag.objects.filter(name__istartswith=prefix).order_by("name")[:3]:
        found.append({"title": tag.name, "type": "Skill", "url": f"/careers/skills/{tag.slug}/"})
    return found[:MAX_SUGGESTIONS]
