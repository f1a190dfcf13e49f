"""Purging the caching proxy (Varnish, through Wagtail's frontend cache) when a page is published or
unpublished: its own URL, and the pages that list it (its parent index, the home page, the feed and
the sitemap). The Varnish VCL (portal/varnish.vcl) treats a purge of a path as a purge of everything
below it.

The purge is sent once the change has committed. Wagtail's own handlers send it at once, from inside
the transaction of a delete or a move: a visitor's request in between then makes the proxy fetch
the old page again and keep it for its whole lifetime. ``FrontendCacheAfterCommitConfig`` connects
these handlers in place of Wagtail's.
"""

import logging
from functools import partial

from django.db import transaction

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def purge_page_and_listings(page):
    """Never lets a failed purge stop a publish: the proxy's own expiry is the fallback."""
    try:
        batch = PurgeBatch()
        batch.add_page(page)
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            root = site.root_url
            batch.add_urls([f"{root}/", f"{root}/alumni/feed/", f"{root}/sitemap.xml"])
        parent = page.get_parent()
        if parent is not None and parent.depth > 1:
            batch.add_page(parent.specific_deferred)
        batch.purge()
    except Exception:
        logger.exception("Could not purge %s and its listings from the front-end cache", page)


def purge_after_commit(sender, instance, **kwargs):
    transaction.on_commit(partial(purge_page_and_listings, instance))  # at once outside a transaction


def connect():
    page_published.connect(purge_after_commit, dispatch_uid="portal-purge-published")
    page_unpublished.connect(purge_after_commit, dispatch_uid="portal-purge-unpublished")
