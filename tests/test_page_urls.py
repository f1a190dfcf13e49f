"""Links to pages read as rows (``portal.page_urls.page_url``): the same address as Wagtail's own
``Page.url``, and, with the request, no read of the site root paths beyond the one Wagtail itself makes
for the request, however many links a page shows."""

import re
from unittest import mock

from django.db.models import Count
from django.test import RequestFactory

from taggit.models import Tag
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from alumni.models import AlumniInterviewPage
from careers.models import CareersIndexPage, RolePage
from portal.page_urls import page_url


def test_a_page_url_is_the_pages_own_with_or_without_the_request(db):
    request = RequestFactory().get("/", HTTP_HOST=Site.objects.get(is_default_site=True).hostname)
    pages = [*RolePage.objects.live()[:3], AlumniInterviewPage.objects.live().first(), Page.objects.get(depth=2)]
    for page in pages:
        assert page_url(page.url_path) == page.url
        assert page_url(page.url_path, request) == page.url


def test_the_skill_matcher_reads_the_site_root_paths_once_however_many_roles_it_links(client, careers_index):
    skill = Tag.objects.annotate(roles=Count("careers_rolepagetag_items")).order_by("-roles").first().slug
    with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as reads:
        html = client.get("/careers/explore/", {"skills": [skill]}).content.decode()
    linked = {path for path in re.findall(r'href="(/careers/[^"?#]+/)"', html) if path.count("/") == 3}
    assert len(linked & {role.url for role in RolePage.objects.live()}) >= 2
    assert reads.call_count <= 1


def test_every_page_links_as_wagtail_would_from_each_site(db):
    """A second Site rooted at the careers index: the roles belong to both, and each request's Site
    decides (a local path on its own Site, a full URL to the other)."""
    default = Site.objects.get(is_default_site=True)
    careers = CareersIndexPage.objects.get()
    other = Site.objects.create(hostname="careers.example", port=80, root_page=careers, site_name="Careers")
    pages = [*RolePage.objects.live()[:3], careers, AlumniInterviewPage.objects.live().first(), default.root_page]
    for site in (default, other):
        request = RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
        for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific():
            assert page.get_url_parts(request) == Page.get_url_parts(page, request)


def test_wagtails_front_end_cache_gets_the_pages_address(db):
    """Wagtail's purge batch passes itself in the request's place (a cache of the site root paths)."""
    role = RolePage.objects.live().first()
    batch = PurgeBatch()
    batch.add_page(role)
    assert set(batch.urls) == {role.full_url}
