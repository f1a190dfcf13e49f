"""Reads for the careers pages. Each function runs a fixed number of queries, whatever the content."""

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from taggit.models import Tag

from careers.models.roles import RolePage, RolePageTag, Sector


def _with_skills(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "tagged_items",
            queryset=RolePageTag.objects.select_related("tag").order_by("tag__name"),
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
    return list(_with_skills(live_roles().filter(tagged_items__tag=skill)))
