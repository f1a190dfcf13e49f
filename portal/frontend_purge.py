"""Purging the caching proxy (Varnish, through Wagtail's frontend cache) on every public change.

Whatever changes the content version (``portal.freshness``: a page published, unpublished, moved or
deleted, a page made private or public again, a skill renamed, merged or deleted, an alumnus edited,
a site changed) purges every page: one PURGE of each site's root, which the VCL
(``portal/varnish.vcl``) takes as "this path and everything below it". A skill shows on many pages and
an alumnus on several, so a list of the URLs each change touches would have to be kept right by hand;
like the page cache, the proxy starts again from the database.

The purge is sent once the change has committed: sent from inside a delete's or a move's transaction
(as Wagtail's own handlers do, which ``FrontendCacheAfterCommitConfig`` leaves out), a visitor's
request in between would make the proxy fetch the old page again and keep it.
"""

import logging

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

logger = logging.getLogger(__name__)


def purge_everything():
    """Never lets a failed purge stop a change: the proxy's own expiry is the fallback."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        batch = PurgeBatch()
        batch.add_urls([f"{site.root_url}/" for site in Site.objects.all()])
        batch.purge()
    except Exception:
        logger.exception("Could not purge the front-end cache")
