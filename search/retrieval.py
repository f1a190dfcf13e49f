"""Candidate retrieval: one query over the one search index for every kind of content.

The database backends' own ``.search()`` ranks one model at a time, and on SQLite it scores each
row with a correlated subquery (seconds at 10,000 interviews). Here the shared index table that
Wagtail maintains is queried for all kinds at once: first entries whose title matches, then, if
those are too few, entries whose body matches; each ranked in SQL (BM25 on SQLite FTS5, ts_rank on
PostgreSQL, title weighted above body on both) and cut to the best ``limit`` entries. With an
Elasticsearch/OpenSearch backend (``SEARCH_URL``), that engine's own search is used per model.

Terms are plain words (``search.text``) and always passed as query parameters, quoted for FTS5.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
# Ranking reads every matching row's text: cap how many rows a common word can make it read, so a
# search costs the same whatever the amount of content. Title matches are tried first and outrank
# body-only matches; the final order is decided by ``search.ranking`` on the candidates.
TITLE_SAMPLE = 2000
BODY_SAMPLE = 400


def _content_types(models):
    return {ContentType.objects.get_for_model(model).pk: model for model in models}


def _sqlite(terms, type_ids, limit, *, column, body_sample):
    match = " OR ".join('"{}"'.format(term.replace('"', "")) for term in terms)
    placeholders = ", ".join(["%s"] * len(type_ids))
    sql = f"""
        SELECT entry.content_type_id, entry.object_id FROM (
            SELECT rowid, bm25(wagtailsearch_indexentry_fts, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}) AS rank
            FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s LIMIT %s
        ) AS hit
        JOIN wagtailsearch_indexentry AS entry ON entry.id = hit.rowid
        WHERE entry.content_type_id IN ({placeholders})
        ORDER BY hit.rank, entry.id
        LIMIT %s
    """  # noqa: S608 - only placeholders and constants are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"{{{column}}} : ({match})", body_sample, *type_ids, limit])
        return cursor.fetchall()


def _postgresql(terms, type_ids, limit, *, column, body_sample):
    sql = f"""
        SELECT content_type_id, object_id FROM (
            SELECT id, content_type_id, object_id,
                   {TITLE_WEIGHT} * ts_rank(title, query) + {BODY_WEIGHT} * ts_rank(body, query) AS rank
            FROM wagtailsearch_indexentry, websearch_to_tsquery(%s) AS query
            WHERE {column} @@ query AND content_type_id = ANY(%s)
            LIMIT %s
        ) AS hit
        ORDER BY rank DESC, id
        LIMIT %s
    """  # noqa: S608 - only constants are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, [" or ".join(terms), list(type_ids), body_sample, limit])
        return cursor.fetchall()


def _backend(terms, models, limit):
    backend = get_search_backend()
    found = []
    for model in models:
        query = PlainText(" ".join(terms), operator="or")
        found += [(model, obj.pk) for obj in backend.search(query, model.objects.all())[:limit]]
    return found


def uses_database_index():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database") and connection.vendor in {"sqlite", "postgresql"}


def best_matches(terms, models, limit):
    """The ``limit`` best (model, pk) pairs among ``models`` for any of ``terms``, best first."""
    if not terms:
        return []
    if not uses_database_index():
        return _backend(terms, models, limit)
    types = _content_types(models)
    query = _sqlite if connection.vendor == "sqlite" else _postgresql
    rows = query(terms, list(types), limit, column="title", body_sample=TITLE_SAMPLE)
    if len(rows) < limit:
        seen = set(rows)
        more = query(terms, list(types), limit, column="body", body_sample=BODY_SAMPLE)
        rows += [row for row in more if row not in seen][: limit - len(rows)]
    return [(types[type_id], int(object_id)) for type_id, object_id in rows]
