"""Loads the alumni index, featured alumni and their interviews from the content file, and the privacy
notice for alumni stories from its own (``alumni/content/privacy-notice.yaml``).

Idempotent, and an editor's work is kept: an existing interview is rewritten only with ``reset``;
without it, a field is brought up to date only where it still holds what an earlier release of the file
shipped (the item's ``shipped_before``), and only when the interview has no unpublished draft.
"""

from pathlib import Path

import yaml

from django.utils.html import escape

from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole, PrivacyNoticePage
from alumni.moderation import ensure_moderation
from alumni.story_details import ensure_alumni_collections
from careers.models import RolePage
from portal.content_tree import ensure_child, paragraphs_to_html

PRIVACY_NOTICE_FILE = Path(__file__).resolve().parent / "content" / "privacy-notice.yaml"

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


def privacy_notice_html(sections):
    """The notice's sections (a heading and plain-text paragraphs each) as escaped rich text."""
    return "".join(
        f"<h2>{escape(section['heading'])}</h2>{paragraphs_to_html(section['paragraphs'])}" for section in sections
    )


def ensure_privacy_notice(home, *, file=PRIVACY_NOTICE_FILE, reset=False):
    """The privacy notice page just below the home page, made once from its file: (page, created)."""
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    return ensure_child(
        home,
        PrivacyNoticePage,
        slug=data["slug"],
        reset=reset,
        title=data["title"],
        intro=data["intro"],
        body=privacy_notice_html(data["sections"]),
    )


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
