"""Reads for the careers pages. Each function runs a fixed number of queries, whatever the content."""

from django.db.models import Count, Prefetch

from taggit.models import Tag


def _with_skills(queryset):
    from careers.models import RolePageTag

    return queryset.prefetch_related(
        Prefetch(
            "tagged_items",
            queryset=RolePageTag.objects.select_related("tag").order_by("tag__name"),
            to_attr="skill_links",
        )
    )


def live_roles():
    from careers.models import RolePage

    return RolePage.objects.live().order_by("title")


def live_roles_by_sector(per_sector=None):
    """The live roles grouped by sector, in the sectors' order, each role with its skills."""
    from careers.models import Sector

    roles = list(_with_skills(live_roles()))
    groups = []
    for sector in Sector:
        members = [role for role in roles if role.sector == sector.value]
        if members:
            groups.append(
                {
                    "value": sector.value,
                    "label": sector.label,
                    "roles": members[:per_sector] if per_sector else members,
                    "count": len(members),
                }
            )
    return groups


def skills_with_role_counts():
    """Every skill used by a live role, with the number of live roles using it: one query."""
    return (
        Tag.objects.filter(careers_rolepagetag_items__content_object__live=True)
        .annotate(role_count=Count("careers_rolepagetag_items", distinct=True))
        .order_by("name")
    )


def roles_with_skill(skill):
    return list(_with_skills(live_roles().filter(tagged_items__tag=skill)))


def role_page_context(role):
    """What a role page shows beside its own fields: skills, related roles, paths in and out.

    Reads the role's own relations through its (possibly in-memory) cluster, so a preview of a
    draft shows the draft's links.
    """
    from careers.models import CareerPath

    related = [link.role for link in role.related_role_links.select_related("role").order_by("sort_order")]
    leads_to = [link.destination for link in role.path_links.select_related("destination").order_by("sort_order")]
    comes_from = [
        link.page
        for link in CareerPath.objects.filter(destination_id=role.pk, page__live=True)
        .select_related("page")
        .order_by("page__title")
    ]
    return {
        "skills": [link.tag for link in role.tagged_items.select_related("tag").order_by("tag__name")],
        "related_roles": [r for r in related if r.live],
        "leads_to": [r for r in leads_to if r.live],
        "comes_from": comes_from,
    }
