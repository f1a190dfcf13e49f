"""The caching proxy is told to drop a page, and the pages that list it, once the change commits:
told any sooner, it could fetch the old page again in between and keep it."""

import pytest

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Site

from careers.models import RolePage


class RecordingProxy(BaseBackend):
    """Stands in for Varnish: remembers the URLs it is asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def proxy(settings):
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "tests.test_frontend_purge.RecordingProxy"}}
    RecordingProxy.purged = []
    return RecordingProxy.purged


@pytest.fixture
def root(db):
    return Site.objects.get(is_default_site=True).root_url


def test_a_publish_purges_the_page_and_its_listings_once_it_commits(proxy, committed, root):
    role = RolePage.objects.get(slug="sound-designer")
    role.title = "Sound Designer for Games"
    with committed():
        role.save_revision().publish()
        assert proxy == []
    expected = ["/careers/sound-designer/", "/careers/", "/", "/alumni/feed/", "/sitemap.xml"]
    assert {root + path for path in expected} <= set(proxy)


def test_deleting_a_live_page_purges_it_after_the_delete_commits(proxy, committed, root):
    role = RolePage.objects.get(slug="sound-designer")
    with committed():
        role.delete()
        assert proxy == []
    assert f"{root}/careers/sound-designer/" in proxy and f"{root}/careers/" in proxy
