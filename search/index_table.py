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


def _sqlite_part(column, type_ids):
    placeholders = ", ".join(["%s"] * len(type_ids))
    return f"""
        SELECT * FROM (
            SELECT %s AS part, hit.rank AS sort_key, entry.id, entry.content_type_id, entry.object_id FROM (
                SELECT rowid, bm25({FTS_TABLE}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}) AS rank
                FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s
            ) AS hit
            JOIN {TABLE} AS entry ON entry.id = hit.rowid
            WHERE entry.content_type_id IN ({placeholders})
            ORDER BY hit.rank, entry.id
            LIMIT %s
        )
    """  # noqa: S608 - only placeholders and constants are formatted in


def _sqlite_params(column, terms, type_ids, limit, sample):
    match = " OR ".join('"{}"'.format(term.replace('"', "")) for term in terms)
    return [column, f"{{{column}}} : ({match})", sample, *type_ids, limit]


def _postgresql_part(column, type_ids, before=None):
    """One column's part, ranked by that column alone (ranking a long body for every title match cost
    10 ms at 10,000 interviews; ``search.ranking`` orders the candidates anyway). With ``before`` (a
    column whose part comes first), it is only read when that column gives fewer than ``limit``
    entries (a one-time filter: PostgreSQL then skips the scan), since its entries would not be used."""
    gate = (
        f"""AND (SELECT count(*) FROM (
                SELECT 1 FROM {TABLE}, websearch_to_tsquery(%s) AS before_query
                WHERE {before} @@ before_query AND content_type_id = ANY(%s) LIMIT %s
            ) AS before) < %s"""  # noqa: S608 - only constants are formatted in
        if before
        else ""
    )
    return f"""
        SELECT * FROM (
            SELECT %s AS part, -rank AS sort_key, id, content_type_id, object_id FROM (
                SELECT id, content_type_id, object_id, ts_rank({column}, query) AS rank
                FROM {TABLE}, websearch_to_tsquery(%s) AS query
                WHERE {column} @@ query AND content_type_id = ANY(%s) {gate}
                LIMIT %s
            ) AS hit
            ORDER BY rank DESC, id
            LIMIT %s
        ) AS {column}_part
    """  # noqa: S608 - only constants are formatted in


def _postgresql_params(column, terms, type_ids, limit, sample, before=None):
    gate = [" or ".join(terms), list(type_ids), limit, limit] if before else []
    return [column, " or ".join(terms), list(type_ids), *gate, sample, limit]


def supported():
    return connection.vendor in LAYOUT


def matching_entries(terms, type_ids, limit, samples):
    """{column: (content type id, object id) of at most ``limit`` entries of ``type_ids`` whose column
    matches any of ``terms``, best first}, for each column of ``samples`` ("title", "body"; each to the
    number of matches ranked), in one query."""
    columns = list(samples)
    if connection.vendor == "sqlite":
        parts = [_sqlite_part(column, type_ids) for column in columns]
        params = [_sqlite_params(column, terms, type_ids, limit, samples[column]) for column in columns]
    else:  # each column after the first is read only when the first gives too few entries
        before = [None, *[columns[0]] * (len(columns) - 1)]
        parts = [_postgresql_part(column, type_ids, b) for column, b in zip(columns, before, strict=True)]
        params = [
            _postgresql_params(column, terms, type_ids, limit, samples[column], b)
            for column, b in zip(columns, before, strict=True)
        ]
    sql = " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3"
    found = {column: [] for column in samples}
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for part_params in params for p in part_params])
        for column, _, _, type_id, object_id in cursor.fetchall():
            found[column].append((type_id, object_id))
    return found
