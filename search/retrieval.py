"""Candidate retrieval: one query over the one search index for every kind of content.

The database backends' own ``.search()`` ranks one model at a time, and on SQLite it scores each
row with a correlated subquery (seconds at 10,000 interviews). Here the shared index table that
Wagtail maintains is queried for all kinds at once (``search.index_table``, the only module that
reads it), in one query: entries whose title matches, then, when those are too few, entries whose
body matches; each ranked in SQL (BM25 on SQLite FTS5, title weighted above body; on PostgreSQL
ts_rank of the matching column, and body matches are not read at all when titles give enough) and
cut to the best ``limit`` entries. With an
Elasticsearch/OpenSearch backend (``SEARCH_URL``), that engine's own search is used per model.

Terms are plain words (``search.text``) and always passed as query parameters, quoted for FTS5.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from search import index_table

# Ranking reads every matching row's text: cap how many rows a common word can make it read, so a
# search costs the same whatever the amount of content. Title matches are tried first and outrank
# body-only matches; the final order is decided by ``search.ranking`` on the candidates.
TITLE_SAMPLE = 2000
BODY_SAMPLE = 200


def _content_types(models):
    return {ContentType.objects.get_for_model(model).pk: model for model in models}


def _backend(terms, models, limit):
    backend = get_search_backend()
    found = []
    for model in models:
        query = PlainText(" ".join(terms), operator="or")
        found += [(model, obj.pk) for obj in backend.search(query, model.objects.all())[:limit]]
    return found


def uses_database_index():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database") and index_table.supported()


def best_matches(terms, models, limit):
    """The ``limit`` best (model, pk) pairs among ``models`` for any of ``terms``, best first."""
    if not terms:
        return []
    if not uses_database_index():
        return _backend(terms, models, limit)
    types = _content_types(models)
    found = index_table.matching_entries(terms, list(types), limit, {"title": TITLE_SAMPLE, "body": BODY_SAMPLE})
    rows = found["title"]
    seen = set(rows)
    rows += [row for row in found["body"] if row not in seen][: limit - len(rows)]
    return [(types[type_id], int(object_id)) for type_id, object_id in rows]
