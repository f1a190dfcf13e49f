"""Loads the role profiles from the content file under the careers index."""

from careers.editors import ensure_career_editors
from careers.models import CareerPath, CareersIndexPage, RelatedRole, RolePage
from portal.content_tree import ensure_child, paragraphs_to_html


def ensure_careers_index(home, data, *, reset=False):
    index, created = ensure_child(
        home, CareersIndexPage, slug="careers", reset=reset, title=data["title"], intro=data["intro"]
    )
    ensure_career_editors(index)
    return index, created


def _role_fields(item):
    return {
        "title": item["title"],
        "summary": item["summary"],
        "body": paragraphs_to_html(item["body"]),
        "sector": item["sector"],
        "career_stage": item.get("career_stage") or "",
        "tools": [("item", tool) for tool in item.get("tools", [])],
        "work_settings": [("item", label) for label in item.get("work_settings", [])],
        "onet_code": item.get("onet_code") or "",
        "onet_title": item.get("onet_title") or "",
    }


def load_roles(index, items, *, reset=False):
    """Create missing roles (and, with ``reset``, rewrite existing ones); return the slugs created.

    Two passes: every role must exist before the links between roles can point at it. Each new or
    reset role gets exactly one published revision.
    """
    existing = {role.slug: role for role in RolePage.objects.child_of(index)}
    to_publish = []
    for item in items:
        role = existing.get(item["slug"])
        if role is None:
            role = RolePage(slug=item["slug"], **_role_fields(item))
            role.tags.set(item["skills"])
            role.live = False
            role = index.add_child(instance=role)
            existing[role.slug] = role
        elif reset:
            for name, value in _role_fields(item).items():
                setattr(role, name, value)
            role.tags.set(item["skills"])
        else:
            continue
        to_publish.append((role, item))

    for role, item in to_publish:
        role.related_role_links = [RelatedRole(role=existing[slug]) for slug in item.get("related", [])]
        role.path_links = [CareerPath(destination=existing[slug]) for slug in item.get("leads_to", [])]
        role.save_revision().publish()
    return [role.slug for role, _ in to_publish]
