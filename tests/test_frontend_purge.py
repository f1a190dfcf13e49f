"""The caching proxy is purged on every public change, once the change commits: told any sooner, it
could fetch the old page again in between and keep it. A change the public does not see purges
nothing, so the proxy stays warm."""

import pytest

from taggit.models import Tag
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from alumni.models import Alumnus
from careers.models import CareersIndexPage, RolePage

EVERYTHING = {"http://testserver/"}  # the default site's root: the VCL drops everything below it


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
def role(db):
    return RolePage.objects.get(slug="sound-designer")


def purged_after_commit(proxy, committed, change):
    """What ``change`` purged: nothing before its transaction commits, then what it asked for (a
    publish is several signals, each of which may ask: a repeated purge is harmless)."""
    with committed():
        change()
        assert proxy == []
    return set(proxy)


def publish_an_edit(role):
    role.title = "Sound Designer for Games"
    role.save_revision().publish()


def make_private(role):
    PageViewRestriction.objects.create(page=role, restriction_type=PageViewRestriction.PASSWORD, password="x-42")


def rename_a_skill(role):
    tag = role.tags.order_by("name").first()
    tag.name = "Renamed skill"
    tag.save()


def merge_a_skill(role):
    """What merging two skills in the admin does: the rows move to the kept tag, the other is deleted."""
    tag, kept = role.tags.order_by("name")[:2]
    role.tagged_items.filter(tag=tag).update(tag=kept)
    tag.delete()


def edit_an_alumnus(role):
    alumnus = Alumnus.objects.filter(is_public=True).first()
    alumnus.job_title = "Engineer and studio owner"
    alumnus.save()


CHANGES = {
    "a page published": publish_an_edit,
    "a page unpublished": lambda role: role.unpublish(),
    "a page moved": lambda role: role.move(CareersIndexPage.objects.get(), pos="first-child"),
    "a page deleted": lambda role: role.delete(),
    "a page made private": make_private,
    "a skill renamed": rename_a_skill,
    "a skill merged away": merge_a_skill,
    "an alumnus edited": edit_an_alumnus,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_public_change_purges_every_page_once_it_commits(proxy, committed, role, change):
    assert purged_after_commit(proxy, committed, lambda: change(role)) == EVERYTHING


def test_a_page_made_public_again_purges_every_page(proxy, committed, role):
    with committed():
        make_private(role)
    proxy.clear()
    restriction = PageViewRestriction.objects.get(page=role)
    assert purged_after_commit(proxy, committed, restriction.delete) == EVERYTHING


def test_a_draft_or_a_story_waiting_for_moderation_purges_nothing(proxy, committed, role, client, story_form):
    role.summary = "A draft summary nobody sees yet."
    with committed():
        role.save_revision()
        assert client.post("/alumni/share-your-story/", story_form()).status_code == 302
    assert proxy == []
    assert Tag.objects.exists()  # the story's skills and roles exist, yet nothing public changed


def test_without_a_proxy_configured_a_change_sends_nothing(settings, committed, role):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    with committed():
        publish_an_edit(role)  # would fail if it tried to reach a proxy
