"""Routing to a child page in one query, and a page's view restrictions in at most one.

Wagtail's ``Page.route`` reads each child on the way as a plain page, then again as its own type, and
its view-restriction check (``get_view_restrictions``) reads the page's ancestors, then their
restrictions. A page with ``TypedChildRouting`` reads the child typed, with whether any view
restriction applies to it (``view_restricted``), in one query through the documented ``route`` hook;
``OneQueryViewRestrictions`` then answers from that without a query, or reads them in one.

The child's query is the same for every request but its slug and ``url_path``: it is compiled once per
process (``portal.prepared_queries``), because building it took longer than the database to answer it.
"""

import functools

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404

from wagtail.models import Page, PageViewRestriction

from portal.prepared_queries import PreparedQuery


def _paths_down_to(path):
    """The tree paths of the page at ``path`` and of each of its ancestors."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _view_restricted():
    """Whether a view restriction applies to the page of the query's row: one on that page or on a page
    above it (a page whose tree path begins the row's), or on a page that one of them is an alias of."""

    def begins_row_path(path):
        return Q(**{path: Substr(OuterRef("path"), 1, Length(path))})

    return Exists(
        PageViewRestriction.objects.filter(begins_row_path("page__path") | begins_row_path("page__aliases__path"))
    )


@functools.cache
def _child_query(page_type):
    """The query of a page type with TypedChildRouting for its child at a slug, compiled once per process."""
    return PreparedQuery(page_type._child_at)


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
    """Page mixin: route to a child read typed in one query (a ``child_model`` instance, or without
    one any page, deferred to the base fields), with whether a view restriction applies to it.
    A routable page's own routes still come first, as in ``RoutablePageMixin.route``."""

    child_model = None

    @classmethod
    def child_pages(cls):
        """The pages a child is read from (a page type may join what its children's pages show)."""
        return cls.child_model.objects.all() if cls.child_model else Page.objects.all()

    @classmethod
    def _child_at(cls, slug, url_path):
        # The slug (indexed) narrows the search; siblings' slugs are unique, so no ORDER BY.
        return (
            cls.child_pages()
            .filter(slug=slug, url_path=url_path)
            .annotate(view_restricted=_view_restricted())
            .order_by()[:1]
        )

    def child(self, slug):
        """The child page with this slug, typed (a plain page deferred to its base fields), with
        ``view_restricted``; None if there is none. Found by its ``url_path``, which Wagtail keeps
        when a page is renamed or moved (``manage.py fixtree`` mends one a bulk update left stale)."""
        found = _child_query(type(self)).objects(slug=slug, url_path=f"{self.url_path}{slug}/")
        return found[0].specific_deferred if found else None

    def route(self, request, path_components):
        if not path_components or self.routes_itself(path_components):
            return super().route(request, path_components)
        child = self.child(path_components[0])
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
