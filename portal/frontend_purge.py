"""When a page is published or unpublished, Wagtail's frontend cache purges its own URL; this also
purges the pages that list it: its parent index, the home page, the feed and the sitemap. The
Varnish VCL (portal/varnish.vcl) treats a purge of a path as a purge of everything below it."""

import logging

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def purge_listings(sender, instance, **kwargs):
    """Never lets a failed purge stop a publish: the proxy's own expiry is the fallback."""
    try:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        root = site.root_url
        batch = PurgeBatch([f"{root}/", f"{root}/alumni/feed/", f"{root}/sitemap.xml"])
        parent = instance.get_parent()
        if parent is not None and parent.depth > 1:
            batch.add_page(parent.specific_deferred)
        batch.purge()
    except Exception:
        logger.exception("Could not purge the listings of %s from the front-end cache", instance)


def connect():
    page_published.connect(purge_listings, dispatch_uid="portal-purge-listings-published")
    page_unpublished.connect(purge_listings, dispatch_uid="portal-purge-listings-unpublished")
