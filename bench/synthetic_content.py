"""A large synthetic data set for benchmarks: thousands of roles, interviews and alumni.

Built from the real roles' own words (so search meets a realistic vocabulary) and written in bulk:
Wagtail's one-page-at-a-time ``add_child`` would take an hour at this size. Page rows are inserted
with tree paths computed here, each specific row with ``save_base(raw=True)``, and the search index
is then filled in bulk. For benchmark databases only: nothing here is for production content.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/synthetic_content.py

(``make bench-data`` runs it) adds 1,000 roles and 10,000 interviews once, after ``load_portal_content``;
``--roles`` and ``--interviews`` change the numbers. Tests import ``generate`` from here.
"""

import argparse
import os
import random
import sys
import uuid
from pathlib import Path

if __name__ == "__main__":  # run as a script: this checkout's apps, set up before they are imported
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from alumni.models import AlumniIndexPage, AlumniInterviewPage, AlumniInterviewPageTag, Alumnus, AlumnusRole
from careers.models import CareersIndexPage, RolePage, RolePageTag

SLUG_PREFIX = "synthetic-"
VARIANTS = [
    "Touring", "Broadcast", "Festival", "Theatre", "Game", "Podcast", "Regional", "Orchestral",
    "Freelance", "In-House", "Studio", "Post-Production", "Church", "Club", "Campus", "Streaming",
]  # fmt: skip
FIRST_NAMES = [
    "Ada", "Ben", "Chloe", "Dev", "Elena", "Femi", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Mateo",
    "Nina", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wren", "Xavi", "Yara", "Zane",
]  # fmt: skip
LAST_NAMES = [
    "Abbott", "Baptiste", "Castillo", "Dube", "Eriksen", "Fontaine", "Garcia", "Hughes", "Ibrahim", "Jensen",
    "Kowalski", "Lindqvist", "Mensah", "Novak", "Okoro", "Patel", "Quintero", "Rossi", "Silva", "Tanaka",
]  # fmt: skip
COMPANY_WORDS = ["Echo", "Signal", "Tape", "Room", "Loop", "Fader", "Groove", "Wave", "Tone", "Cue"]
QUESTIONS = ["How did you get started?", "What does a typical day look like?", "What would you tell a student?"]


def _children(parent, model, rows, *, now):
    """Insert ``rows`` (field dicts of ``model``) as children of ``parent`` and return the objects."""
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    bases, pages = [], []
    for offset, fields in enumerate(rows, start=1):
        path = Page._get_path(parent.path, parent.depth + 1, step + offset)
        common = {
            "path": path,
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": f"{parent.url_path}{fields['slug']}/",
            "content_type": content_type,
            "locale": locale,
            "translation_key": uuid.uuid4(),
            "draft_title": fields["title"],
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": now,
            "last_published_at": now,
        }
        bases.append(Page(title=fields["title"], slug=fields["slug"], **common))
        pages.append(model(**common, **fields))
    Page.objects.bulk_create(bases, batch_size=500)
    by_path = dict(Page.objects.filter(path__in=[b.path for b in bases]).values_list("path", "pk"))
    for page in pages:
        page.pk = page.id = page.page_ptr_id = by_path[page.path]
        page.save_base(raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    return pages


def generate(*, roles=1000, interviews=10000, seed=2003):
    """Add ``roles`` roles and ``interviews`` interviews, each with its own alumnus. Returns counts."""
    rng = random.Random(seed)  # repeatable made-up data, nothing secret
    careers = CareersIndexPage.objects.get()
    alumni_index = AlumniIndexPage.objects.get()
    base_roles = list(RolePage.objects.child_of(careers).live().exclude(slug__startswith=SLUG_PREFIX))
    base_tags = {role.pk: list(role.tags.all()) for role in base_roles}
    now = timezone.now()

    with transaction.atomic():
        role_rows, role_bases = [], []
        for n in range(roles):
            base = base_roles[n % len(base_roles)]
            variant = VARIANTS[(n // len(base_roles)) % len(VARIANTS)]
            role_rows.append(
                {
                    "title": f"{variant} {base.title} {n}",
                    "slug": f"{SLUG_PREFIX}role-{n}",
                    "summary": base.summary,
                    "body": base.body,
                    "tools": base.tools.raw_data,
                    "work_settings": base.work_settings.raw_data,
                    "sector": base.sector,
                    "career_stage": base.career_stage,
                }
            )
            role_bases.append(base)
        new_roles = _children(careers, RolePage, role_rows, now=now)
        RolePageTag.objects.bulk_create(
            [
                RolePageTag(content_object_id=role.pk, tag=tag)
                for role, base in zip(new_roles, role_bases, strict=True)
                for tag in base_tags[base.pk]
            ],
            batch_size=1000,
        )

        all_roles = base_roles + new_roles
        alumni = Alumnus.objects.bulk_create(
            [
                Alumnus(
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n}",
                    class_year=rng.randint(1985, 2025),
                    major="Music Production and Engineering",
                    job_title=rng.choice(base_roles).title,
                    organisation=f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} Audio",
                    is_public=True,
                )
                for n in range(interviews)
            ],
            batch_size=1000,
        )
        held = [(alumnus, rng.choice(all_roles)) for alumnus in alumni]
        AlumnusRole.objects.bulk_create(
            [AlumnusRole(alumnus=alumnus, role=role, is_current=True) for alumnus, role in held], batch_size=1000
        )
        interview_rows, interview_roles = [], []
        for n, (alumnus, role) in enumerate(held):
            sentences = [p for p in role.body.replace("</p>", "\n").replace("<p>", "").split("\n") if p]
            interview_rows.append(
                {
                    "title": alumnus.name,
                    "slug": f"{SLUG_PREFIX}interview-{n}",
                    "alumnus": alumnus,
                    "intro": f"{alumnus.name} works as {alumnus.job_title} at {alumnus.organisation}.",
                    "body": [
                        {
                            "type": "qa",
                            "value": {"question": question, "answer": rng.choice(sentences)},
                            "id": str(uuid.uuid4()),
                        }
                        for question in QUESTIONS
                    ],
                }
            )
            interview_roles.append(role)
        new_interviews = _children(alumni_index, AlumniInterviewPage, interview_rows, now=now)
        AlumniInterviewPageTag.objects.bulk_create(
            [
                AlumniInterviewPageTag(content_object_id=page.pk, tag=tag)
                for page, role in zip(new_interviews, interview_roles, strict=True)
                for tag in base_tags.get(role.pk, [])[:3]
            ],
            batch_size=1000,
        )

    backend = get_search_backend()
    for model, objects in ((RolePage, new_roles), (AlumniInterviewPage, new_interviews), (Alumnus, alumni)):
        for start in range(0, len(objects), 500):
            backend.add_bulk(model, model.objects.filter(pk__in=[o.pk for o in objects[start : start + 500]]))
    return {"roles": len(new_roles), "interviews": len(new_interviews), "alumni": len(alumni)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--interviews", type=int, default=10000, help="Also the number of alumni.")
    args = parser.parse_args()
    if not RolePage.objects.exclude(slug__startswith=SLUG_PREFIX).exists():
        sys.exit("Load the real content first: manage.py load_portal_content")
    if RolePage.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        print("Synthetic content is already here; nothing added.")
        return
    counts = generate(roles=args.roles, interviews=args.interviews)
    print(f"Added {counts['roles']} roles, {counts['interviews']} interviews and {counts['alumni']} alumni.")


if __name__ == "__main__":
    main()
