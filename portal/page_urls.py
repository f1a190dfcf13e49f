from wagtail.models import Site


def page_url(url_path):
    """A page's URL from its ``url_path``, as ``Page.url`` would give it, without loading the page.

    For listings read with ``values()``: building Wagtail page instances only for their URL is costly.
    """
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return url_path[len(root.root_path) - 1 :]
    return url_path
