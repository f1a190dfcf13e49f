"""Reads compiled to SQL once per process and run again with new ids (``portal/prepared_queries.py``):
each page shows its own rows, however many pages were served before it; rows come as the queryset
would give them on either database; and a query that would run with more than its ids frozen (an id
not a parameter of its own, the clock, a read made while building) is refused rather than run."""

import re

import pytest

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from wagtail.models import Page

from careers.models import RolePage, RolePageTag
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
    with pytest.raises(ValueError, match="each as a parameter of its own"):
        inlined.rows(page=1)


def _role_with_flags(page):
    """A role's id, whether it is live, when it was first published and whether it has a skill."""
    return (
        RolePage.objects.filter(pk=page)
        .annotate(has_skills=Exists(RolePageTag.objects.filter(content_object_id=OuterRef("pk"))))
        .values_list("id", "live", "first_published_at", "has_skills")
    )


def test_rows_come_as_the_queryset_gives_them_on_either_database(db):
    roles = list(RolePage.objects.live().order_by("path")[:2])
    prepared = PreparedQuery(_role_with_flags)
    for role in roles:
        rows = prepared.rows(page=role.pk)
        assert rows == list(_role_with_flags(role.pk))
        assert rows[0][1] is True
        assert isinstance(rows[0][3], bool)
        assert rows[0][2] == role.first_published_at


def test_a_query_that_would_freeze_more_than_its_ids_is_refused(db):
    role = RolePage.objects.live().first()
    reads_the_database = PreparedQuery(
        lambda page: RolePage.objects.filter(pk=page, title=RolePage.objects.values_list("title")[0][0]).values_list(
            "id"
        )
    )
    with pytest.raises(ValueError, match="must not read the database"):
        reads_the_database.rows(page=role.pk)
    reads_the_clock = PreparedQuery(
        lambda page: RolePage.objects.filter(pk=page, first_published_at__lte=timezone.now()).values_list("id")
    )
    with pytest.raises(ValueError, match="only the ids may vary"):
        reads_the_clock.rows(page=role.pk)


def test_columns_out_of_the_order_the_sql_selects_them_are_refused(db):
    role = RolePage.objects.live().first()
    annotation_first = PreparedQuery(
        lambda page: RolePage.objects.filter(pk=page).annotate(n=Count("tagged_items")).values_list("n", "id")
    )
    with pytest.raises(ValueError, match="the order the SQL selects them"):
        annotation_first.rows(page=role.pk)


def test_an_id_must_be_a_whole_number(db):
    with pytest.raises(TypeError, match="whole number"):
        PreparedQuery(_role_with_flags).rows(page=None)


def _role_by_slug(slug):
    """A role by its slug, with its occupation's national pay joined and its number of skills."""
    return (
        RolePage.objects.select_related("occupation__national").filter(slug=slug).annotate(skills=Count("tagged_items"))
    )


def test_objects_come_as_the_queryset_gives_them_with_their_joined_objects(db, django_assert_num_queries):
    prepared = PreparedQuery(_role_by_slug)
    roles = [role for role in RolePage.objects.live().order_by("path") if role.occupation_id][:2]
    assert len(roles) == 2
    for role in roles:
        expected, skill_count = _role_by_slug(role.slug).get(), role.tags.count()
        with django_assert_num_queries(1):
            (found,) = prepared.objects(slug=role.slug)
            assert type(found) is RolePage
            assert (found.pk, found.title, found.last_published_at) == (role.pk, role.title, role.last_published_at)
            assert found.skills == expected.skills == skill_count
            national = found.occupation.national
            assert getattr(national, "pk", None) == getattr(expected.occupation.national, "pk", None)
    assert prepared.objects(slug="no-such-role") == []


def test_objects_refuse_a_queryset_whose_extra_steps_would_be_lost(db):
    role = RolePage.objects.live().first()
    for build in (
        lambda slug: Page.objects.specific().filter(slug=slug),
        lambda slug: RolePage.objects.prefetch_related("tagged_items").filter(slug=slug),
        lambda slug: RolePage.objects.filter(slug=slug).values_list("id"),
    ):
        with pytest.raises(ValueError, match="plain queryset of model instances"):
            PreparedQuery(build).objects(slug=role.slug)
