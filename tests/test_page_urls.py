"""Links to pages read as rows (``portal.page_urls.page_url``): the same address as Wagtail's own
``Page.url``, and, with the request, no read of the site root paths beyond the one Wagtail itself makes
for the request, however many links a page shows."""

import re
from unittest import mock

from django.db.models import Count
from django.test import RequestFactory

from taggit.models import Tag
from wagtail.models import Page, Site

from alumni.models import AlumniInterviewPage
from careers.models import RolePage
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
