from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from alumni.models import AlumniIndexPage, PrivacyNoticePage
from careers.models import CareersIndexPage
from home.models import HomePage

SECTIONS = {
    "home": HomePage,
    "careers": CareersIndexPage,
    "alumni": AlumniIndexPage,
    "privacy": PrivacyNoticePage,
}


def site_sections(request):
    """``sections``: the site's home page and the live pages just below it, typed, for the links in
    every page's header, footer and breadcrumb (``{% pageurl sections.careers %}``,
    ``{% routablepageurl sections.careers 'skills' %}``). Read in one query the first time a template
    uses them, so a page that never does (the outage page) needs no database."""
    return {"sections": SimpleLazyObject(lambda: _sections(request))}


def _sections(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    pages = list(root.get_descendants(inclusive=True).filter(depth__lte=root.depth + 1).live().specific(defer=True))
    found = {name: next((page for page in pages if isinstance(page, model)), None) for name, model in SECTIONS.items()}
    return {**found, "pages": pages}
