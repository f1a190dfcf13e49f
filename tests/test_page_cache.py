"""The anonymous page cache: a repeat visit does no work, and every publish, unpublish, slug change,
skill edit or new release shows at once; previews and private pages are never served from it."""

import json
import re

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from wagtail.models import PageViewRestriction, Site

from careers.models import CareersIndexPage, RolePage

ROLE_URL = "/careers/sound-designer/"


@pytest.fixture
def fast_paths(settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600


def visit(client, url):
    """The page's HTML and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        count = len(queries.captured_queries)  # read now: the query log is a ring buffer
    assert response.status_code == 200, url
    return response.content.decode(), count


@pytest.mark.parametrize(
    "url", ["/", "/careers/", "/careers/?sector=studio", ROLE_URL, "/alumni/miles-walker/"]
)  # fmt: skip
def test_a_repeat_visit_serves_the_same_page_with_no_query(client, fast_paths, url):
    first, first_queries = visit(client, url)
    again, again_queries = visit(client, url)
    assert again == first
    assert first_queries > 0 and again_queries == 0


def test_a_new_release_is_never_served_the_old_release_s_pages(client, fast_paths, settings):
    visit(client, ROLE_URL)
    settings.RELEASE = "a-later-release"
    _, queries = visit(client, ROLE_URL)
    assert queries > 0
    _, queries = visit(client, ROLE_URL)
    assert queries == 0


def test_a_publish_shows_at_once_on_the_page_and_on_the_listings(client, fast_paths, committed):
    for url in (ROLE_URL, "/careers/", "/"):
        visit(client, url)
    role = RolePage.objects.get(slug="sound-designer")
    role.title = "Sound Designer for Games and Film"
    with committed():
        role.save_revision().publish()
    assert "Sound Designer for Games and Film" in visit(client, ROLE_URL)[0]
    assert "Sound Designer for Games and Film" in visit(client, "/careers/")[0]


def test_a_renamed_skill_shows_at_once_on_role_pages(client, fast_paths, committed):
    html, _ = visit(client, ROLE_URL)
    tag = RolePage.objects.get(slug="sound-designer").tags.order_by("name").first()
    assert tag.name in html
    tag.name = "Renamed skill for the test"
    with committed():
        tag.save()
    assert "Renamed skill for the test" in visit(client, ROLE_URL)[0]


def test_an_unpublished_page_or_a_changed_slug_is_not_served_from_the_cache(client, fast_paths, committed):
    visit(client, ROLE_URL)
    role = RolePage.objects.get(slug="sound-designer")
    role.slug = "sound-designer-for-media"
    with committed():
        role.save_revision().publish()
    moved = client.get(ROLE_URL)  # Wagtail's redirect to the new slug, not the cached old page
    assert moved.status_code == 301 and moved["Location"] == "/careers/sound-designer-for-media/"
    visit(client, "/careers/sound-designer-for-media/")
    role.refresh_from_db()
    with committed():
        role.unpublish()
    assert client.get("/careers/sound-designer-for-media/").status_code == 404


def test_a_page_made_private_is_not_served_from_the_cache_and_public_again_shows_at_once(client, fast_paths, committed):
    visit(client, ROLE_URL)
    _, queries = visit(client, ROLE_URL)
    assert queries == 0
    role = RolePage.objects.get(slug="sound-designer")
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=role, restriction_type=PageViewRestriction.PASSWORD, password="x-42"
        )
    for _ in range(2):
        html = client.get(ROLE_URL).content.decode()
        assert "password" in html.lower() and role.summary not in html
    with committed():
        restriction.delete()
    assert role.summary in visit(client, ROLE_URL)[0]


def test_a_preview_shows_the_draft_and_never_leaks_into_the_public_page(client, fast_paths):
    public_before, _ = visit(client, ROLE_URL)
    role = RolePage.objects.get(slug="sound-designer")
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "a-long-test-password-42"))
    role.summary = "A draft summary only the preview may show."
    role.save_revision()
    preview = editor.get(f"/admin/pages/{role.pk}/revisions/{role.latest_revision_id}/view/")
    assert "A draft summary only the preview may show." in preview.content.decode()
    public_after, _ = visit(client, ROLE_URL)
    assert "A draft summary only the preview may show." not in public_after
    assert public_after == public_before


def test_a_page_cached_while_a_publish_is_committing_is_not_served_after_it(client, fast_paths, committed):
    """A request can land between a change and its commit, and read the rows as they were: what it
    caches then must not outlive the commit."""
    role = RolePage.objects.get(slug="sound-designer")
    role.title = "Sound Designer for Games and Film"
    with committed():
        role.save_revision().publish()
        visit(client, ROLE_URL)
        _, in_the_window = visit(client, ROLE_URL)
    _, after_the_commit = visit(client, ROLE_URL)
    assert in_the_window == 0  # served from the cache filled before the commit
    assert after_the_commit > 0  # rebuilt from the database once it has committed


def test_sector_page_links_carry_the_sector_alone_whoever_filled_the_cache(client, fast_paths, monkeypatch):
    """A visitor's tracking parameters must not end up in the links that everyone else is served."""
    monkeypatch.setattr(CareersIndexPage, "ROLES_PER_PAGE", 3)
    first, _ = visit(client, "/careers/?sector=Visit+evil.example+now&sector=studio&utm_source=newsletter&gclid=x1")
    assert 'href="?sector=studio&amp;page=2"' in first  # the one sector shown, as the view read it
    assert "utm_source" not in first and "x1" not in first and "evil.example" not in first
    assert "utm_source" not in visit(Client(), "/careers/?sector=studio")[0]
    second, _ = visit(client, "/careers/?sector=studio&page=2")
    assert "Page 1 of 3" in first and "Page 2 of 3" in second
    assert 'href="?sector=studio&amp;page=1"' in second and 'href="?sector=studio&amp;page=3"' in second


def test_each_role_page_is_served_its_own_cached_page(client, fast_paths):
    first = RolePage.objects.get(slug="sound-designer")
    other = RolePage.objects.live().exclude(pk=first.pk).first()
    visit(client, ROLE_URL)
    html, _ = visit(client, other.url)
    assert f"<h1>{escape(other.title)}</h1>" in html
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["name"] == other.title  # its own structured data
    assert escape(first.title) not in html.split("<main")[0]  # nor the other role's head or breadcrumb


def test_pages_holding_links_are_kept_apart_for_each_host(client, fast_paths, settings, home):
    """Two sites on one root: each host's pages link to that host, whichever host was visited first."""
    settings.ALLOWED_HOSTS = ["localhost", "careers.example.org"]
    Site.objects.create(hostname="careers.example.org", port=80, root_page=home)
    client.get(ROLE_URL, HTTP_HOST="localhost")
    html = client.get(ROLE_URL, HTTP_HOST="careers.example.org").content.decode()
    assert '"url": "http://careers.example.org/careers/sound-designer/"' in html
    assert "http://localhost/careers/sound-designer/" not in html
