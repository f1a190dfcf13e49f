"""The one module that reads Wagtail's search index table directly (modelsearch's ``IndexEntry``,
``wagtailsearch_indexentry``, and on SQLite its FTS5 companion ``wagtailsearch_indexentry_fts``).

The database backends' own ``.search()`` ranks one model at a time, and on SQLite it scores each row
with a correlated subquery (seconds at 10,000 interviews); one query over the shared table finds
candidates of every kind at once. Everything that depends on that table's layout is here, and
``LAYOUT`` states what is relied on: ``tests/test_search_index_table.py`` fails, on both databases,
when a Wagtail or modelsearch upgrade changes it.
"""

from django.db import connection

from wagtail.search.models import IndexEntry

TABLE = IndexEntry._meta.db_table
FTS_TABLE = f"{TABLE}_fts"
# Columns read here, by database. The FTS5 table's column order matters: bm25() weighs columns by position.
LAYOUT = {
    "postgresql": {TABLE: ["id", "content_type_id", "object_id", "title", "body"]},
    "sqlite": {TABLE: ["id", "content_type_id", "object_id"], FTS_TABLE: ["autocomplete", "body", "title"]},
}
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0


def columns(table):
    """The columns of ``table`` as the database describes them, in order."""
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _sqlite(terms, type_ids, limit, *, column, sample):
    match = " OR ".join('"{}"'.format(term.replace('"', "")) for term in terms)
    placeholders = ", ".join(["%s"] * len(type_ids))
    sql = f"""
        SELECT entry.content_type_id, entry.object_id FROM (
            SELECT rowid, bm25({FTS_TABLE}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}) AS rank
            FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s
        ) AS hit
        JOIN {TABLE} AS entry ON entry.id = hit.rowid
        WHERE entry.content_type_id IN ({placeholders})
        ORDER BY hit.rank, entry.id
        LIMIT %s
    """  # noqa: S608 - only placeholders and constants are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"{{{column}}} : ({match})", sample, *type_ids, limit])
        return cursor.fetchall()


def _postgresql(terms, type_ids, limit, *, column, sample):
    sql = f"""
        SELECT content_type_id, object_id FROM (
            SELECT id, content_type_id, object_id,
                   {TITLE_WEIGHT} * ts_rank(title, query) + {BODY_WEIGHT} * ts_rank(body, query) AS rank
            FROM {TABLE}, websearch_to_tsquery(%s) AS query
            WHERE {column} @@ query AND content_type_id = ANY(%s)
            LIMIT %s
        ) AS hit
        ORDER BY rank DESC, id
        LIMIT %s
    """  # noqa: S608 - only constants are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, [" or ".join(terms), list(type_ids), sample, limit])
        return cursor.fetchall()


def supported():
    return connection.vendor in LAYOUT


def matching_entries(terms, type_ids, limit, *, column, sample):
    """(content type id, object id) of at most ``limit`` entries of ``type_ids`` whose ``column``
    ("title" or "body") matches any of ``terms``, best first; at most ``sample`` matches are ranked."""
    query = _sqlite if connection.vendor == "sqlite" else _postgresql
    return query(terms, type_ids, limit, column=column, sample=sample)
