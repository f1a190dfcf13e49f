"""The career explorer's reads: match roles to a visitor's skills, compare roles.

Every function runs a fixed number of queries, whatever the number of roles or skills chosen.

Match score (documented on the explorer page): each skill weighs log(1 + R / r), where R is the number
of live roles and r the number that use the skill, so rare skills count more than common ones. A
role's fit is the weight of its skills the visitor has, divided by the weight of all its skills:
1.0 means the visitor has every skill the role lists.
"""

import math
from collections import Counter, defaultdict

from careers.models.roles import RolePage
from careers.models.taxonomy import CareerPath, RolePageTag, Sector
from portal.page_urls import page_url

MAX_MATCHES = 30


def role_skill_rows():
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


def skill_vocabulary(rows=None):
    """Skills in use, grouped by the sector whose roles use each most: [(sector label, [(slug, name)])]."""
    sectors_by_skill = defaultdict(Counter)
    names = {}
    for _role, _title, _url, _summary, sector, name, slug in role_skill_rows() if rows is None else rows:
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


def match_roles(chosen_slugs, rows=None, request=None):
    """Rank live roles by how well the chosen skills cover them. Returns (matches, known slugs); the
    alumni in each come from the alumni app (``alumni_by_role`` in the template). The ``request``
    spares a read of the site root paths per role's URL (``page_url``)."""
    roles = {}
    role_skills = defaultdict(dict)
    for role_id, title, url_path, summary, _sector, name, slug in role_skill_rows() if rows is None else rows:
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
    for match in matches:
        match["url"] = page_url(match.pop("url_path"), request)  # only for the roles shown
    return matches, known


def compare(slugs):
    """Two or three live roles side by side. Returns (columns, shared skills, unknown slugs): each
    shared skill is listed by at least two of the roles, ``{"name", "roles", "all"}``; the alumni in each
    come from the alumni app (``alumni_by_role`` in the template)."""
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
            "id": role.pk,
            "role": role,
            "unique_skills": [name for name in skills[role.pk] if len(listed_by[name]) == 1],
            "leads_to": leads[role.pk],
        }
        for role in roles
    ]
    return columns, shared, unknown
