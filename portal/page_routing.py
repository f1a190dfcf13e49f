"""Routing to a child page in one query, and a page's view restrictions in at most one.

Wagtail's ``Page.route`` reads each child on the way as a plain page, then again as its own type, and
its view-restriction check (``get_view_restrictions``) reads the page's ancestors, then their
restrictions. A page with ``TypedChildRouting`` reads the child typed, with whether any view
restriction applies to it (``view_restricted``), in one query through the documented ``route`` hook;
``OneQueryViewRestrictions`` then answers from that without a query, or reads them in one.
"""

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404

from wagtail.models import Page, PageViewRestriction


def _paths_down_to(path):
    """The tree paths of the page at ``path`` and of each of its ancestors."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _view_restricted(above):
    """Whether a view restriction applies to the page of the query's row: one on that page, on one of
    the pages at the paths ``above`` it, or on a page one of them is an alias of. Written as SQL: the
    ORM took longer (about 1 ms of Python a query) to build this subquery than the database to run it."""
    pages, restrictions = Page._meta.db_table, PageViewRestriction._meta.db_table
    paths = ", ".join(["%s"] * len(above))
    # The models' own table names; the paths are parameters.
    sql = (
        f'EXISTS (SELECT 1 FROM "{restrictions}" r INNER JOIN "{pages}" a ON r.page_id IN (a.id, a.alias_of_id) '  # noqa: S608
        f'WHERE a.id = "{pages}"."id" OR a.path IN ({paths}))'
    )
    return RawSQL(sql, above, output_field=BooleanField())  # noqa: S611


class OneQueryViewRestrictions:
    """Page mixin: the view restrictions that apply to the page, as Wagtail's own (those of the page
    and its ancestors, an alias standing for its source page), read in one query, or in none when the
    query that routed to the page found none."""

    def get_view_restrictions(self):
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        on_path = Page.objects.filter(path__in=_paths_down_to(self.path))
        return PageViewRestriction.objects.filter(
            Q(page__in=on_path.filter(alias_of__isnull=True)) | Q(page__in=on_path.values("alias_of"))
        )


class TypedChildRouting(OneQueryViewRestrictions):
    """Page mixin: route to a child read typed in one query (``child_pages``: the ``child_model``'s
    pages, or any page deferred to the base fields), with whether a view restriction applies to it.
    A routable page's own routes still come first, as in ``RoutablePageMixin.route``."""

    child_model = None

    def child_pages(self):
        return self.child_model.objects.all() if self.child_model else Page.objects.specific(defer=True)

    def route(self, request, path_components):
        if not path_components or self.routes_itself(path_components):
            return super().route(request, path_components)
        # Siblings' slugs are unique: no ORDER BY (ordering by the key was a third of compiling the query).
        found = (
            self.child_pages()
            .child_of(self)
            .filter(slug=path_components[0])
            .annotate(view_restricted=_view_restricted(_paths_down_to(self.path)))
            .order_by()[:1]
        )
        child = next(iter(found), None)
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])

    def routes_itself(self, path_components):
        """Whether the path is one of this (routable) page's own routes."""
        if not hasattr(self, "resolve_subpage") or not self.live:
            return False
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True
