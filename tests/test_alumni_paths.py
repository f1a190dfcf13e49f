"""Career paths counted from alumni's published career histories: shown only where at least three
alumni made the same move, on the path map and on both roles' pages, in a fixed number of queries."""

from pathlib import Path

import pytest
import yaml

from django.core.management import call_command
from django.utils.html import escape

from wagtail.models import Revision

from alumni.factories import AlumniInterviewPageFactory, AlumnusFactory
from alumni.models import AlumniInterviewPage, AlumnusRole
from careers.factories import RolePageFactory
from tests.test_query_counts import MAX_QUERIES, cold_queries

PATHS_URL = "/careers/paths/"
CONTENT = Path(__file__).resolve().parents[1] / "home" / "content" / "portal.yaml"


@pytest.fixture
def two_roles(careers_index):
    roles = []
    for title in ("Tape Librarian", "Archive Producer"):
        role = RolePageFactory(parent=careers_index, title=title, skills=["Archiving"])
        role.save_revision().publish()
        roles.append(role)
    return roles


def alumnus_who_moved(alumni_index, history, *, publish=True):
    """An alumnus with a career history [(role, start_year)], the last one current, and a story."""
    alumnus = AlumnusFactory()
    for order, (role, year) in enumerate(history):
        AlumnusRole.objects.create(
            alumnus=alumnus, role=role, start_year=year, is_current=order == len(history) - 1, sort_order=order
        )
    page = AlumniInterviewPageFactory(parent=alumni_index, alumnus=alumnus, live=publish)
    if publish:
        page.save_revision().publish()
    return page


def move_line(count, source, target):
    return (
        f'{count} alumni moved from <a href="{source.url}">{escape(source.title)}</a> '
        f'to <a href="{target.url}">{escape(target.title)}</a>'
    )


def test_two_alumni_are_not_counted_three_are(client, alumni_index, two_roles):
    librarian, producer = two_roles
    for start in (2010, 2011):
        alumnus_who_moved(alumni_index, [(librarian, start), (producer, start + 4)])
    for url in (PATHS_URL, librarian.url, producer.url):
        assert "alumni moved from" not in client.get(url).content.decode(), url

    alumnus_who_moved(alumni_index, [(librarian, 2012), (producer, 2016)])
    for url in (PATHS_URL, librarian.url, producer.url):
        assert move_line(3, librarian, producer) in client.get(url).content.decode(), url


def test_only_published_histories_with_start_years_count(client, alumni_index, two_roles):
    librarian, producer = two_roles
    for start in (2010, 2011):
        alumnus_who_moved(alumni_index, [(librarian, start), (producer, start + 4)])
    alumnus_who_moved(alumni_index, [(librarian, 2012), (producer, 2016)], publish=False)  # a draft
    assert "alumni moved from" not in client.get(PATHS_URL).content.decode()


def test_a_move_follows_the_start_years_not_the_order_listed(client, alumni_index, two_roles):
    librarian, producer = two_roles
    for start in (2010, 2011, 2012):  # listed producer first, but started as a librarian
        alumnus_who_moved(alumni_index, [(producer, start + 5), (librarian, start)])
    html = client.get(PATHS_URL).content.decode()
    assert move_line(3, librarian, producer) in html
    assert move_line(3, producer, librarian) not in html


def test_counted_moves_cost_no_more_queries_with_more_content(client, alumni_index, two_roles, more_content):
    librarian, producer = two_roles
    for start in (2010, 2011, 2012):
        alumnus_who_moved(alumni_index, [(librarian, start), (producer, start + 4)])
    urls = (PATHS_URL, librarian.url, producer.url)
    before = [cold_queries(client, url) for url in urls]
    more_content(roles=200, interviews=500)
    for start in range(2000, 2030):  # and many more counted moves
        alumnus_who_moved(alumni_index, [(producer, start), (librarian, start + 1)])
    after = [cold_queries(client, url) for url in urls]
    assert after == before and max(after) <= MAX_QUERIES, (before, after)
    assert move_line(30, producer, librarian) in client.get(librarian.url).content.decode()


# Miles Walker ----------------------------------------------------------------------------------------------


def miles():
    item = next(item for item in yaml.safe_load(CONTENT.read_text(encoding="utf-8"))["alumni"])
    return item, AlumniInterviewPage.objects.get(slug=item["slug"])


def test_the_shipped_alumnus_has_his_whole_quote_and_nothing_more(client):
    item, page = miles()
    shipped_before = item["interview"]["shipped_before"]["pull_quote"][0]
    assert page.pull_quote == item["interview"]["pull_quote"]
    assert shipped_before in page.pull_quote and len(page.pull_quote) > len(shipped_before)
    assert not page.body and not page.audio and not page.image
    assert all(link.start_year is None for link in page.alumnus.role_links.all())
    html = client.get(page.url).content.decode()
    assert f"<blockquote><p>{escape(page.pull_quote)}</p></blockquote>" in html


def test_a_rerun_brings_an_install_with_the_cut_quote_up_to_date_once(client):
    item, page = miles()
    old = item["interview"]["shipped_before"]
    page.pull_quote, page.intro = old["pull_quote"][0], old["intro"][0]
    page.tags.set(old["skills"][0])
    page.save_revision().publish()

    call_command("load_portal_content", verbosity=0)
    page = AlumniInterviewPage.objects.get(pk=page.pk)
    assert (page.pull_quote, page.intro) == (item["interview"]["pull_quote"], item["interview"]["intro"])
    assert sorted(tag.name for tag in page.tags.all()) == sorted(item["interview"]["skills"])
    revisions = Revision.objects.count()
    call_command("load_portal_content", verbosity=0)
    assert Revision.objects.count() == revisions


def test_a_rerun_keeps_an_editors_own_quote(client):
    _item, page = miles()
    page.pull_quote = "An editor's choice of words."
    page.save_revision().publish()
    call_command("load_portal_content", verbosity=0)
    assert AlumniInterviewPage.objects.get(pk=page.pk).pull_quote == "An editor's choice of words."
