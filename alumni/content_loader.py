"""Loads the alumni index, featured alumni and their interviews from the content file.

Idempotent, and an editor's work is kept: an existing interview is rewritten only with ``reset``;
without it, a field is brought up to date only where it still holds what an earlier release of the file
shipped (the item's ``shipped_before``), and only when the interview has no unpublished draft.
"""

from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole
from alumni.moderation import ensure_moderation
from alumni.story_details import ensure_alumni_collections
from careers.models import RolePage
from portal.content_tree import ensure_child

ALUMNUS_FIELDS = ["name", "class_year", "major", "job_title", "organisation", "website"]


def ensure_alumni_index(home, data, *, reset=False):
    index, created = ensure_child(
        home, AlumniIndexPage, slug="alumni", reset=reset, title=data["title"], intro=data["intro"]
    )
    group, _workflow = ensure_moderation(index)
    ensure_alumni_collections(group)
    return index, created


def load_alumni(index, items, *, reset=False):
    """Create each alumnus and their interview when missing; return the names created (or reset)."""
    roles = {role.slug: role for role in RolePage.objects.all()}
    loaded = []
    for item in items:
        alumnus = Alumnus.objects.filter(name=item["name"], class_year=item["class_year"]).first()
        interview = AlumniInterviewPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if alumnus and interview and not reset:
            _upgrade(interview, item["interview"])
            continue
        if alumnus is None:
            alumnus = Alumnus()
        for name in ALUMNUS_FIELDS:
            setattr(alumnus, name, item.get(name) or "")
        alumnus.is_public = True
        alumnus.full_clean(exclude=["submission_token"])
        alumnus.role_links = [AlumnusRole(role=roles[slug], is_current=True) for slug in item["roles"]]
        alumnus.save()

        data = item["interview"]
        fields = {
            "title": data["title"],
            "alumnus": alumnus,
            "intro": data["intro"],
            "pull_quote": data.get("pull_quote", ""),
            "full_interview_url": data.get("full_interview_url", ""),
        }
        if interview is None:
            interview = AlumniInterviewPage(slug=item["slug"], **fields)
            interview.tags.set(data.get("skills", []))
            interview = index.add_child(instance=interview)
        else:
            for name, value in fields.items():
                setattr(interview, name, value)
            interview.tags.set(data.get("skills", []))
        interview.save_revision().publish()
        loaded.append(alumnus.name)
    return loaded


def _skill_names(interview):
    return sorted(tag.name.lower() for tag in interview.tags.all())


def _upgrade(interview, data):
    """Bring the fields of a shipped interview still as an earlier file shipped them up to this file's
    values, as one published revision. Returns True when something changed."""
    before = data.get("shipped_before") or {}
    if not before or interview.has_unpublished_changes:
        return False
    changed = False
    for name in ("intro", "pull_quote"):
        if getattr(interview, name) != data.get(name, "") and getattr(interview, name) in before.get(name, []):
            setattr(interview, name, data.get(name, ""))
            changed = True
    wanted = data.get("skills", [])
    if _skill_names(interview) != sorted(s.lower() for s in wanted) and _skill_names(interview) in [
        sorted(s.lower() for s in old) for old in before.get("skills", [])
    ]:
        interview.tags.set(wanted)
        changed = True
    if changed:
        interview.save_revision().publish()
    return changed
