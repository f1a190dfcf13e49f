"""Reads for the careers pages. Each function runs a fixed number of queries, whatever the content."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber

from taggit.models import Tag

from careers.models.roles import RolePage
from careers.models.taxonomy import RolePageTag, Sector, review_due_before


def _with_skills(queryset):
    """Each role's skills as ``skill_links``, the most telling first: the skills fewest live roles
    list, then by name (cards show the first few). Still one query for all the roles' skills."""
    uses = (
        RolePageTag.objects.filter(tag_id=OuterRef("tag_id"), content_object__live=True)
        .values("tag_id")
        .annotate(count=Count("id"))
        .values("count")
    )
    return queryset.prefetch_related(
        Prefetch(
            "tagged_items",
            queryset=RolePageTag.objects.select_related("tag")
            .annotate(uses=Subquery(uses))
            .order_by("uses", "tag__name"),
            to_attr="skill_links",
        )
    )


def live_roles():
    return RolePage.objects.live().order_by("title")


def live_roles_by_sector(per_sector, *, with_skills=False):
    """The first ``per_sector`` live roles of each sector, by title, in the sectors' order, with how
    many each sector has: one query (two ``with_skills``), however many roles there are."""
    roles = (
        live_roles()
        .annotate(
            place=Window(RowNumber(), partition_by=F("sector"), order_by=F("title").asc()),
            in_sector=Window(Count("pk"), partition_by=F("sector")),
        )
        .filter(place__lte=per_sector)
    )
    members = {}
    for role in _with_skills(roles) if with_skills else roles:
        members.setdefault(role.sector, []).append(role)
    return [
        {"value": sector.value, "label": sector.label, "roles": members[sector.value],
         "count": members[sector.value][0].in_sector}
        for sector in Sector
        if sector.value in members
    ]  # fmt: skip


def live_sector_counts():
    """Every sector with live roles, in the sectors' order, with how many it has: one query."""
    counts = dict(live_roles().order_by().values_list("sector").annotate(count=Count("pk")))
    return [
        {"value": sector.value, "label": sector.label, "count": counts[sector.value]}
        for sector in Sector
        if counts.get(sector.value)
    ]


def roles_in_sector(sector):
    return _with_skills(live_roles().filter(sector=sector))


def skills_with_role_counts():
    """Every skill used by a live role, with the number of live roles using it: one query."""
    return (
        Tag.objects.filter(careers_rolepagetag_items__content_object__live=True)
        .annotate(role_count=Count("careers_rolepagetag_items", distinct=True))
        .order_by("name")
    )


def roles_with_skill(skill):
    """The live roles that list ``skill``; on each, that skill comes first among its skills."""
    roles = list(_with_skills(live_roles().filter(tagged_items__tag=skill)))
    for role in roles:
        role.skill_links.sort(key=lambda link: link.tag_id != skill.pk)
    return roles


def roles_due_for_review():
    """Roles (live or not) never reviewed, or last reviewed 12 months ago or more: oldest first."""
    return RolePage.objects.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=review_due_before())).order_by(
        F("last_reviewed").asc(nulls_first=True), "title"
    )
