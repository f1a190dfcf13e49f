from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site

from alumni.models import AlumniIndexPage, PrivacyNoticePage
from careers.models import CareersIndexPage
from home.models import HomePage
from portal.prepared_queries import PreparedQuery

SECTIONS = {
    "home": HomePage,
    "careers": CareersIndexPage,
    "alumni": AlumniIndexPage,
    "privacy": PrivacyNoticePage,
}
# What links to the sections and the breadcrumb read of them; the rest of each page is left deferred.
FIELDS = ("id", "content_type_id", "path", "depth", "title", "slug", "url_path")


def site_sections(request):
    """``sections``: the site's home page and the live pages just below it, typed, for the links in
    every page's header, footer and breadcrumb (``{% pageurl sections.careers %}``,
    ``{% routablepageurl sections.careers 'skills' %}``). Read in one query the first time a template
    uses them, so a page that never does (the outage page) needs no database."""
    return {"sections": SimpleLazyObject(lambda: _sections(request))}


def _top_pages(root):
    """The live page ``root`` (an id) and its live children, as ``FIELDS`` rows in tree order."""
    root_page = Page.objects.filter(pk=root)
    return (
        Page.objects.live()
        .filter(
            path__startswith=Subquery(root_page.values("path")),
            depth__lte=Subquery(root_page.values("depth")) + 1,
        )
        .order_by("path")
        .values_list(*FIELDS)
    )


TOP_PAGES = PreparedQuery(_top_pages)


def _typed_page(row, db):
    """A page of its own type from a ``FIELDS`` row read from the database ``db`` (Django's ``from_db``),
    as ``specific(defer=True)`` gives it: only those fields read, and none of its type's own."""
    values = dict(zip(FIELDS, row, strict=True))
    model = ContentType.objects.get_for_id(values["content_type_id"]).model_class() or Page
    values[model._meta.pk.attname] = values["id"]  # page_ptr_id below Page
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _sections(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    rows = TOP_PAGES.rows(root=site.root_page_id)
    pages = [_typed_page(row, rows.db) for row in rows]
    found = {name: next((page for page in pages if isinstance(page, model)), None) for name, model in SECTIONS.items()}
    return {**found, "pages": pages}
