"""Every public page type renders in at most 10 SQL queries cold (every cache emptied, the page
cache off), and in no more with ten times the roles and many more interviews: listings read in one
query each, never a query per item. (Search may run fewer: which kinds of result it finds varies.)"""

import pytest

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag

from alumni.models import AlumniInterviewPage

MAX_QUERIES = 10
PAGES = {
    "home": "/",
    "careers": "/careers/",
    "one sector": "/careers/?sector=studio",
    "role": "/careers/sound-designer/",
    "role pay by area": "/careers/recording-engineer-mixer/pay/?sort=median",
    "role pay, hourly only, filtered": "/careers/dj-remixer/pay/?q=ca",
    "skills": "/careers/skills/",
    "skill": "/careers/skills/{skill}/",
    "explorer": "/careers/explore/",
    "explorer with skills": "/careers/explore/?skills={skill}&skills={other_skill}",
    "compare": "/careers/compare/?roles=sound-designer&roles=mastering-engineer",
    "paths": "/careers/paths/",
    "alumni": "/alumni/",
    "alumni by role and skill": "/alumni/?role={interview_role}&skill={interview_skill}",
    "interview": "{interview}",
    "search": "/search/?q={interview_skill}",  # finds roles and an interview, with any amount of content
    "feed": "/alumni/feed/",
    "sitemap": "/sitemap.xml",
    "story form": "/alumni/share-your-story/",
    "privacy notice": "/privacy/",
}
# Page types still above the budget: none.
OVER_BUDGET = set()


@pytest.fixture
def shipped():
    """The slugs and paths of shipped content that the addresses name, read from the database (the two skills
    the most roles list; an interview, a role its alumnus holds and a skill it shows), never from its wording."""
    skills = Tag.objects.annotate(roles=Count("careers_rolepagetag_items")).order_by("-roles", "name")
    interview = AlumniInterviewPage.objects.live().order_by("pk").first()
    return {
        "skill": skills[0].slug,
        "other_skill": skills[1].slug,
        "interview": interview.url,
        "interview_role": interview.alumnus.role_links.first().role.slug,
        "interview_skill": interview.tags.first().slug,
    }


def cold_queries(client, url):
    cache.clear()  # the content version, Wagtail's site root paths, search's vocabulary: all cold
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        count = len(queries.captured_queries)  # read now: the query log is a ring buffer
    assert response.status_code == 200, url
    return count


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(url, id=name, marks=[pytest.mark.xfail(strict=True)] if name in OVER_BUDGET else [])
        for name, url in PAGES.items()
    ],
)
def test_each_page_type_runs_at_most_10_queries_cold(client, url, shipped, django_assert_max_num_queries):
    url = url.format(**shipped)
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_no_page_type_runs_more_queries_with_more_content(client, more_content, shipped):
    pages = {name: url.format(**shipped) for name, url in PAGES.items()}
    before = {name: cold_queries(client, url) for name, url in pages.items()}
    more_content(roles=200, interviews=500)
    grown = {name: cold_queries(client, url) for name, url in pages.items()}
    # The figures for the record (`pytest tests/test_query_counts.py -s`): shipped content / grown.
    print("\n".join(f"cold queries, {name}: {before[name]} / {grown[name]}" for name in pages))
    assert {name: max(count, before[name]) for name, count in grown.items()} == before, (before, grown)
    assert all(count <= MAX_QUERIES for name, count in grown.items() if name not in OVER_BUDGET), grown
