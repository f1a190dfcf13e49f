"""Builds the top of the site tree (the site and its home page) from the content file.

Idempotent: what exists is kept as an editor left it, unless ``reset`` is asked for.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, Site

from home.models import HomeFeaturedRole, HomePage


def ensure_home(data, *, reset=False):
    """Return (home page, created). Replaces Wagtail's placeholder welcome page on first run."""
    home = HomePage.objects.first()
    created = home is None
    if created:
        root = Page.get_first_root_node()
        placeholder_type = ContentType.objects.get_for_model(Page)
        Page.objects.filter(depth=2, content_type=placeholder_type, slug="home").delete()
        home = root.add_child(instance=HomePage(title=data["title"], slug="home", intro=data["intro"]))
        home.save_revision().publish()
    elif reset:
        home.title = data["title"]
        home.intro = data["intro"]
        home.save_revision().publish()

    # The default site takes its address from WAGTAILADMIN_BASE_URL, so that the sitemap, feeds and
    # API give full URLs on the right host; editors can change it later under Settings > Sites.
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    if created or reset or site.root_page_id != home.pk:
        site.hostname, site.port, site.root_page, site.site_name = address.hostname, port, home, data["title"]
        site.save()
    return home, created


def set_home_features(home, *, roles, interview):
    """Point the home page's featured roles and alumni story at the given pages, and publish."""
    home.featured_role_links = [HomeFeaturedRole(role=role) for role in roles]
    home.featured_interview = interview
    home.save_revision().publish()
