"""Queries built and compiled to SQL once per process, then run with new ids (whole numbers, or
strings such as a slug): for the reads every view of a page makes, where building a queryset and
compiling it costs more than the database takes to answer it (a query with subqueries: about 1 ms of
Python against 0.3 ms in PostgreSQL).

``PreparedQuery(build)``: ``build(**ids)`` returns a queryset. On the first call for a database it is
built twice, with two sets of stand-ins for the ids, and compiled for that database; each call then
runs that SQL with the real ids through Django's cursor (logged, counted and wrapped like any query,
inside the caller's transaction), with Django's conversions of each column (booleans as booleans on
SQLite too, aware datetimes, StreamField values):
- ``rows(**ids)``, for a ``values_list(*names)`` queryset: the rows as the queryset would give them,
  tuples in the order of the names; ``rows.db`` is the database they came from (for ``Model.from_db``);
- ``objects(**ids)``, for a queryset of model instances: the instances as the queryset would give them
  (Django's ``from_db``), with the objects it joins (``select_related``) and its annotations.

What keeps it the same query as the ORM's, or makes it fail at once:
- only the ids vary; everything else in the SQL is fixed at the first call. The two builds must give
  the same SQL, and parameters that differ only where each id stands as a parameter of its
  own: an id written into the SQL or into another value (a ``LIKE`` pattern), or any other value that
  changes between builds (the time), is refused. ``build`` must not read the database either (what it
  read would be frozen): a query made while building is refused;
- ``rows``: the columns come in the order the names list them: the model's fields first, then the
  annotations in the order they were added (the order the SQL selects them), or the query is refused;
- the database is the one Django's router gives the queryset's model for reading, asked on every call,
  and the SQL is compiled once for each database answered;
- the SQL names the model's own tables and columns, as the ORM's would in the same process: a migration
  that changes them comes with new code, so a restart, which compiles again.

An unsaved page has no id (``None``, in a preview of a new page): ``rows`` refuses it, and callers
answer for such a page without a query.
"""

import copy
from contextlib import ExitStack

from django.db import connections, router
from django.db.models.query import ModelIterable, get_related_populators

# Two sets of stand-ins for the ids: no id is negative, and within 32 bits no lookup rules one out; a
# string's stand-in starts with a control character, which no slug or path holds.
_MARKERS = (-2_147_000_000, -2_146_000_000)


def _stand_in(value, number):
    return f"\x1f{number}" if isinstance(value, str) else number


class Rows(list):
    """The rows of a prepared query, and ``db``: the database alias they were read from."""

    def __init__(self, rows, db):
        super().__init__(rows)
        self.db = db


def _refuse_queries(execute, sql, params, many, context):
    raise ValueError("a prepared query's build must not read the database: what it read would stay in its SQL")


class PreparedQuery:
    def __init__(self, build):
        self.build = build
        self._model = None
        self._compiled = {}  # (the ids' names, database alias) -> (compiler, sql, params, {position: id name})

    def _built(self, ids, base):
        markers = {name: _stand_in(ids[name], base - n) for n, name in enumerate(sorted(ids))}
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(_refuse_queries))
            return markers, self.build(**markers)

    def _compile(self, ids, alias, as_rows):
        """The compiler, SQL and parameters for these ids' names on ``alias``, with each id's position."""
        names, compiled = sorted(ids), []
        for markers, queryset in (self._built(ids, base) for base in _MARKERS):
            query, names_asked = queryset.query, getattr(queryset, "_fields", None)  # values_list()'s names
            selected = [*query.extra_select, *query.values_select, *query.annotation_select]
            if as_rows and (names_asked is None or selected != [*names_asked]):
                raise ValueError(
                    f"{self.build.__qualname__}: return values_list(*names), naming the model's fields first, "
                    "then the annotations in the order they were added (the order the SQL selects them)"
                )
            if not as_rows and (queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups):
                raise ValueError(
                    f"{self.build.__qualname__}: objects() needs a plain queryset of model instances "
                    "(no values(), specific() or prefetch_related(): what they add would be lost)"
                )
            compiler = query.get_compiler(using=alias)
            compiled.append((markers, compiler, *compiler.as_sql()))
        (first, compiler, sql, params), (second, _, other_sql, other_params) = compiled
        pairs = list(enumerate(zip(params, other_params, strict=False)))
        positions = {n: name for n, (one, two) in pairs for name in names if (one, two) == (first[name], second[name])}
        if (
            sql != other_sql
            or len(params) != len(other_params)
            or {n for n, (one, two) in pairs if one != two} != set(positions)
            or set(positions.values()) != set(names)
        ):
            raise ValueError(
                f"{self.build.__qualname__}: only the ids may vary, each as a parameter of its own (not written "
                "into the SQL or into another value), and nothing else (such as the time) from build to build"
            )
        compiler.connection = None  # each run gives its copy the connection of its own thread
        return compiler, sql, list(params), positions

    def _run(self, ids, as_rows):
        """The compiler, the converted rows and the database alias of the query for these ids."""
        for name, value in ids.items():
            if not isinstance(value, int | str):
                raise TypeError(
                    f"{self.build.__qualname__}: the id {name!r} must be a whole number or a string, not {value!r}"
                )
        kinds = tuple((name, type(ids[name]) is str) for name in sorted(ids))
        if self._model is None:
            self._model = self._built(ids, _MARKERS[0])[1].model
        alias = router.db_for_read(self._model)
        found = self._compiled.get((kinds, alias, as_rows))
        if found is None:
            found = self._compiled[kinds, alias, as_rows] = self._compile(ids, alias, as_rows)
        compiler, sql, params, positions = found
        # Each id in the type the compiler gave its stand-in (a plain int, or psycopg's Int4 for a Value()).
        params = [type(value)(ids[positions[n]]) if n in positions else value for n, value in enumerate(params)]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        # Django's own conversions of each column, as a queryset applies them (they read no database),
        # with this thread's connection, not the one the SQL was compiled with.
        compiler = copy.copy(compiler)
        compiler.connection = connection
        return compiler, compiler.results_iter(results=[fetched], tuple_expected=True), alias

    def rows(self, **ids):
        """The rows of the query for these ids (whole numbers or strings), as ``values_list()`` would give them."""
        _, rows, alias = self._run(ids, as_rows=True)
        return Rows(rows, alias)

    def objects(self, **ids):
        """The model instances of the query for these ids, as the queryset would give them: with the
        objects it selects as related (``select_related``) and its annotations as attributes."""
        compiler, rows, alias = self._run(ids, as_rows=False)
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column.target.attname for column, _, _ in select[start:end]]
        related = get_related_populators(klass_info, select, alias)
        found = []
        for row in rows:
            instance = klass_info["model"].from_db(alias, names, row[start:end])
            for populator in related:
                populator.populate(row, instance)
            for name, position in compiler.annotation_col_map.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found
