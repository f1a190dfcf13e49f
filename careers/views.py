"""The careers index's own routes (``CareersIndexPage``): the sector listings, the skill matcher, the
path map, the comparison and the skill pages. Each renders through the index page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from taggit.models import Tag

from careers import explorer, pathmap, selectors
from careers.models.taxonomy import Sector


def role_list(request, page):
    """Every sector with its first roles; ``?sector=<value>`` lists one sector's roles, paginated."""
    sector = request.GET.get("sector")
    if sector in Sector.values:
        roles = Paginator(selectors.roles_in_sector(sector), page.ROLES_PER_PAGE).get_page(request.GET.get("page"))
        context = {"sector": Sector(sector), "roles": roles}
    else:
        context = {"sectors": selectors.live_roles_by_sector(page.ROLES_PER_SECTOR, with_skills=True)}
    return page.render(request, context_overrides=context)


def explore(request, page):
    chosen = [slug.strip()[:100] for slug in request.GET.getlist("skills")[:100] if slug.strip()]
    rows = list(explorer.role_skill_rows())
    matches, known = explorer.match_roles(chosen, rows=rows, request=request)
    unknown = [slug for slug in dict.fromkeys(chosen) if slug not in known]
    return page.render(
        request,
        context_overrides={
            "skill_groups": explorer.skill_vocabulary(rows=rows),
            "chosen": known,
            "unknown": unknown,
            "matches": matches,
            "meta_title": "Which careers fit your skills?",
            "meta_description": "Pick the skills you already have and see which music production and "
            "engineering roles fit you, and what you still need to learn.",
        },
        template="careers/explore.html",
    )


def paths(request, page):
    return page.render(
        request,
        context_overrides={
            "map": pathmap.build_map(),
            "meta_title": "Career paths",
            "meta_description": "A map of where music production and engineering jobs commonly lead, "
            "from entry-level roles to senior ones.",
        },
        template="careers/paths.html",
    )


def compare(request, page):
    columns, shared, unknown = explorer.compare(request.GET.getlist("roles")[:10])
    return page.render(
        request,
        context_overrides={
            "columns": columns,
            "shared_skills": shared,
            "unknown": unknown,
            "all_roles": selectors.live_roles().values("title", "slug"),
            "chosen": request.GET.getlist("roles")[:3],
            "meta_title": "Compare roles",
            "meta_description": "Compare music production and engineering roles side by side: skills, "
            "tools, settings and where each leads.",
        },
        template="careers/compare.html",
    )


def skill_list(request, page):
    return page.render(
        request,
        context_overrides={
            "skills": selectors.skills_with_role_counts(),
            "meta_title": "Skills",
            "meta_description": "Every skill used across music production and engineering careers, "
            "with the number of roles that use it.",
        },
        template="careers/skill_list.html",
    )


def skill_detail(request, page, slug):
    skill = get_object_or_404(Tag, slug=slug)
    return page.render(
        request,
        context_overrides={
            "skill": skill,
            "roles": selectors.roles_with_skill(skill),
            "meta_title": skill.name,
            "meta_description": f"Music production and engineering roles that use {skill.name}.",
        },
        template="careers/skill_detail.html",
    )
