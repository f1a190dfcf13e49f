"""Reads compiled to SQL once per process and run again with new ids (``portal/prepared_queries.py``):
each page shows its own rows, however many pages were served before it, and a query whose id the SQL
does not carry as a parameter of its own is refused rather than run with the first id."""

import re

import pytest

from careers.models import RolePage
from portal.prepared_queries import PreparedQuery


def chips(html):
    """The skill names in a role page's skill chips."""
    section = re.search(r'<section aria-labelledby="skills-heading">(.*?)</section>', html, re.S).group(1)
    return set(re.findall(r'<a class="chip" href="[^"]*">([^<]*)</a>', section))


def similar_slugs(html):
    """The slugs of the roles a role page compares itself with (its similar roles' compare links)."""
    return set(re.findall(r"compare/\?roles=[^&]+&amp;roles=([^\"]+)\"", html))


def most_similar(role, skills_of, count=4):
    """The slugs of the ``count`` live roles sharing the most skills with ``role`` (Jaccard overlap, then
    the lower id), worked out here from each role's skills."""
    mine = skills_of[role]
    scored = sorted(
        (-len(mine & skills) / len(mine | skills), other.pk, other.slug)
        for other, skills in skills_of.items()
        if other.pk != role.pk and mine & skills
    )
    return {slug for _, _, slug in scored[:count]}


def test_each_role_page_shows_its_own_skills_and_similar_roles(client):
    skills_of = {role: {tag.pk for tag in role.tags.all()} for role in RolePage.objects.live().order_by("path")}
    roles = [role for role, skills in skills_of.items() if skills][:3]
    pages = {role: client.get(role.url).content.decode() for role in roles}
    for role, html in pages.items():
        assert chips(html) == {tag.name for tag in role.tags.all()}
        assert similar_slugs(html) == most_similar(role, skills_of)
    assert len({frozenset(chips(html)) for html in pages.values()}) == 3


def test_an_id_that_is_not_a_parameter_of_its_own_is_refused(db):
    inlined = PreparedQuery(lambda page: RolePage.objects.filter(slug__startswith=str(page)).values_list("id"))
    with pytest.raises(ValueError, match="not a parameter of its own"):
        inlined.rows(page=1)
