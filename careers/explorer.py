"""The career explorer's reads: match roles to a visitor's skills, find similar roles, compare roles.

Every function runs a fixed number of queries, whatever the number of roles or skills chosen.

Match score (documented on the explorer page): each skill weighs log(1 + R / r), where R is the number
of live roles and r the number that use the skill, so rare skills count more than common ones. A
role's fit is the weight of its skills the visitor has, divided by the weight of all its skills:
1.0 means the visitor has every skill the role lists.
"""

import math
from collections import Counter, defaultdict

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from careers.models import CareerPath, RolePage, RolePageTag, Sector
from portal.page_urls import page_url

MAX_MATCHES = 30
ALUMNI_PER_ROLE = 3


def _role_skill_rows():
    """(role id, role title, url_path, summary, sector, skill name, skill slug) for every live role."""
    return RolePageTag.objects.filter(content_object__live=True).values_list(
        "content_object_id",
        "content_object__title",
        "content_object__url_path",
        "content_object__summary",
        "content_object__sector",
        "tag__name",
        "tag__slug",
    )


def skill_vocabulary():
    """Skills in use, grouped by the sector whose roles use each most: [(sector label, [(slug, name)])]."""
    sectors_by_skill = defaultdict(Counter)
    names = {}
    for _role, _title, _url, _summary, sector, name, slug in _role_skill_rows():
        sectors_by_skill[slug][sector] += 1
        names[slug] = name
    groups = defaultdict(list)
    for slug, counts in sectors_by_skill.items():
        groups[max(counts, key=lambda sector: (counts[sector], sector))].append((slug, names[slug]))
    return [
        (sector.label, sorted(groups[sector.value], key=lambda item: item[1].lower()))
        for sector in Sector
        if groups[sector.value]
    ]


def match_roles(chosen_slugs):
    """Rank live roles by how well the chosen skills cover them. Returns (matches, known slugs)."""

    roles = {}
    role_skills = defaultdict(dict)
    for role_id, title, url_path, summary, _sector, name, slug in _role_skill_rows():
        roles[role_id] = {"id": role_id, "title": title, "url_path": url_path, "summary": summary}
        role_skills[role_id][slug] = name
    usage = Counter(slug for skills in role_skills.values() for slug in skills)
    known = [slug for slug in dict.fromkeys(chosen_slugs) if slug in usage]
    chosen = set(known)
    weight = {slug: math.log(1 + len(roles) / count) for slug, count in usage.items()}

    matches = []
    for role_id, skills in role_skills.items():
        have = [slug for slug in skills if slug in chosen]
        if not have:
            continue
        total = sum(weight[slug] for slug in skills)
        fit = sum(weight[slug] for slug in have) / total
        matches.append(
            {
                **roles[role_id],
                "fit": fit,
                "percent": round(fit * 100),
                "matched": sorted(skills[slug] for slug in have),
                "to_learn": sorted(skills[slug] for slug in skills if slug not in chosen),
            }
        )
    matches.sort(key=lambda match: (-match["fit"], -len(match["matched"]), match["title"]))
    matches = matches[:MAX_MATCHES]
    alumni = alumni_by_role([match["id"] for match in matches])
    for match in matches:
        match["url"] = page_url(match.pop("url_path"))  # only for the roles shown
        match["alumni"] = alumni.get(match["id"], [])
    return matches, known


def alumni_by_role(role_ids, per_role=ALUMNI_PER_ROLE):
    """The newest live interviews of alumni in each role: one query, ``per_role`` at most each."""
    from alumni.models import AlumniInterviewPage

    if not role_ids:
        return {}
    rows = (
        AlumniInterviewPage.objects.live()
        .filter(alumnus__role_links__role_id__in=role_ids)
        .annotate(
            role_id=F("alumnus__role_links__role_id"),
            place=Window(
                RowNumber(),
                partition_by=F("alumnus__role_links__role_id"),
                order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(place__lte=per_role)
        .values_list("role_id", "title", "url_path")
    )
    found = defaultdict(list)
    for role_id, title, url_path in rows:
        found[role_id].append({"title": title, "url": page_url(url_path)})
    return found


SIMILAR_CANDIDATES = 50


def similar_roles(role, limit=4, *, skill_ids=None):
    """Live roles sharing the most skills with ``role`` (Jaccard overlap): three queries (two when the
    caller already has the role's ``skill_ids``), and never more than ``SIMILAR_CANDIDATES`` roles
    read, however many share a skill. Each candidate's skills in common and in all are counted in one
    query."""
    if skill_ids is None:
        skill_ids = RolePageTag.objects.filter(content_object_id=role.pk).values_list("tag_id", flat=True)
    mine = set(skill_ids)
    if not mine:
        return []
    counts = (
        RolePageTag.objects.filter(content_object__live=True)
        .exclude(content_object_id=role.pk)
        .values("content_object_id")
        .annotate(shared=Count("id", filter=Q(tag_id__in=mine)), size=Count("id"))
        .filter(shared__gt=0)
        .order_by("-shared", "content_object_id")
        .values_list("content_object_id", "shared", "size")[:SIMILAR_CANDIDATES]
    )
    shared, sizes = {}, {}
    for pk, in_common, size in counts:
        shared[pk], sizes[pk] = in_common, size
    overlap = {pk: shared[pk] / (len(mine) + sizes[pk] - shared[pk]) for pk in shared}
    best = sorted(overlap, key=lambda pk: (-overlap[pk], pk))[:limit]
    roles = RolePage.objects.live().in_bulk(best)
    return [roles[pk] for pk in best if pk in roles]


def compare(slugs):
    """Two or three live roles side by side. Returns (columns, shared skills, unknown slugs): each
    shared skill is listed by at least two of the roles, ``{"name", "roles", "all"}``."""
    from alumni.selectors import alumni_in_role

    wanted = list(dict.fromkeys(slug for slug in slugs if slug))[:3]
    found = {role.slug: role for role in RolePage.objects.live().filter(slug__in=wanted)}
    roles = [found[slug] for slug in wanted if slug in found]
    unknown = [slug for slug in wanted if slug not in found]
    if len(roles) < 2:
        return [], [], unknown
    skills = defaultdict(list)
    for role_id, name in (
        RolePageTag.objects.filter(content_object__in=roles)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        skills[role_id].append(name)
    leads = defaultdict(list)
    for path in (
        CareerPath.objects.filter(page__in=roles, destination__live=True)
        .select_related("destination")
        .order_by("sort_order")
    ):
        leads[path.page_id].append(path.destination)
    # A skill is shared when at least two of the compared roles list it; it says which.
    listed_by = defaultdict(list)
    for role in roles:
        for name in skills[role.pk]:
            listed_by[name].append(role)
    shared = [
        {"name": name, "roles": listed_by[name], "all": len(listed_by[name]) == len(roles)}
        for name in sorted(listed_by)
        if len(listed_by[name]) >= 2
    ]
    columns = [
        {
            "role": role,
            "unique_skills": [name for name in skills[role.pk] if len(listed_by[name]) == 1],
            "leads_to": leads[role.pk],
            "alumni": alumni_in_role(role, limit=ALUMNI_PER_ROLE),
        }
        for role in roles
    ]
    return columns, shared, unknown
