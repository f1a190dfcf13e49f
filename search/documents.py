"""What search sees of each kind of content: a title, weighted text fields, a link and an excerpt.

Three kinds are searched: role pages, interview pages and public alumni. An alumnus with a live
interview is found through the interview (which carries the alumnus's name and organisation); an
alumnus without one links to the first role they hold.

Candidates are read with ``values()`` (a few columns, no model instances): search loads dozens of
them per request and Wagtail page instances are costly to build.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery
from django.utils.text import Truncator

from wagtail.models import PageViewRestriction

from alumni.models import AlumniInterviewPage, AlumniInterviewPageTag, Alumnus, AlumnusRole, about_alumni
from careers.models import RolePage, RolePageTag
from portal.page_urls import page_url

ROLE = "role"
INTERVIEW = "interview"
ALUMNUS = "alumnus"
KINDS = {ROLE: "Role", INTERVIEW: "Alumni interview", ALUMNUS: "Alumnus"}

EXCERPT_WORDS = 30
# Role fields that hold other titles for the role, each a string of comma-separated titles; ranked as
# titles. Alternate titles also come from the synonyms that name the role (``Vocabulary.alternate_titles``).
ROLE_ALTERNATE_TITLE_FIELDS = [
    name for name in ("also_known_as",) if any(f.name == name for f in RolePage._meta.fields)
]


@dataclass
class Document:
    kind: str
    pk: int
    title: str
    url: str
    excerpt: str
    fields: dict = field(default_factory=dict)  # field name -> text
    skill_slugs: frozenset = frozenset()
    score: float = 0.0

    @property
    def kind_label(self):
        return KINDS[self.kind]


def stream_text(stream_value):
    """The plain text of a StreamField value (items, or questions and answers)."""
    parts = []
    for block in getattr(stream_value, "raw_data", None) or []:
        value = block.get("value")
        if isinstance(value, dict):
            parts.extend(str(v) for v in value.values())
        elif value is not None:
            parts.append(str(value))
    return " ".join(parts)


def _skills(through, ids):
    names, slugs = {}, {}
    for object_id, name, slug in through.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name", "tag__slug"
    ):
        names.setdefault(object_id, []).append(name)
        slugs.setdefault(object_id, set()).add(slug)
    return names, slugs


def _alternate_titles(role):
    values = (role.get(name) or "" for name in ROLE_ALTERNATE_TITLE_FIELDS)
    return " , ".join(", ".join(value) if isinstance(value, list | tuple) else str(value) for value in values)


def role_documents(ids, restricted=None):
    names, slugs = _skills(RolePageTag, ids)
    columns = ["pk", "title", "summary", "body", "tools", "work_settings", "url_path", *ROLE_ALTERNATE_TITLE_FIELDS]
    for role in live_roles(restricted).filter(pk__in=ids).values(*columns):
        pk = role["pk"]
        yield Document(
            kind=ROLE,
            pk=pk,
            title=role["title"],
            url=page_url(role["url_path"]),
            excerpt=role["summary"],
            fields={
                "title": role["title"],
                "alt_titles": _alternate_titles(role),
                "summary": role["summary"],
                "skills": " ".join(names.get(pk, [])),
                # HTML tags are dropped when the text is split into words (search.text.words).
                "body": " ".join([role["body"], stream_text(role["tools"]), stream_text(role["work_settings"])]),
            },
            skill_slugs=frozenset(slugs.get(pk, ())),
        )


def interview_documents(ids, restricted=None):
    names, slugs = _skills(AlumniInterviewPageTag, ids)
    for page in live_interviews(restricted).filter(pk__in=ids).values(
        "pk", "title", "intro", "pull_quote", "body", "url_path",
        "alumnus__name", "alumnus__organisation", "alumnus__job_title", "alumnus__class_year",
    ):  # fmt: skip
        pk = page["pk"]
        yield Document(
            kind=INTERVIEW,
            pk=pk,
            title=page["title"],
            url=page_url(page["url_path"]),
            excerpt=Truncator(page["intro"]).words(EXCERPT_WORDS),
            fields={
                "title": page["title"],
                "person": f"{page['alumnus__name']} {page['alumnus__organisation']}",
                "summary": f"{page['intro']} {page['pull_quote']} {page['alumnus__job_title']}",
                "skills": " ".join(names.get(pk, [])),
                "about": about_alumni(page["alumnus__class_year"]),
                "body": stream_text(page["body"]),
            },
            skill_slugs=frozenset(slugs.get(pk, ())),
        )


def alumnus_documents(ids, restricted=None):
    first_role = (
        AlumnusRole.objects.filter(alumnus=OuterRef("pk"), role__live=True)
        .order_by("-is_current", "sort_order")
        .values("role__url_path")[:1]
    )
    for alumnus in (
        public_alumni_without_interview()
        .filter(pk__in=ids)
        .annotate(role_path=Subquery(first_role))
        .values("pk", "name", "organisation", "job_title", "major", "class_year", "role_path")
    ):
        if not alumnus["role_path"]:
            continue
        organisation = f", {alumnus['organisation']}" if alumnus["organisation"] else ""
        yield Document(
            kind=ALUMNUS,
            pk=alumnus["pk"],
            title=alumnus["name"],
            url=page_url(alumnus["role_path"]),
            excerpt=f"{alumnus['job_title']}{organisation}, class of {alumnus['class_year']}",
            fields={
                "title": alumnus["name"],
                "person": f"{alumnus['name']} {alumnus['organisation']}",
                "summary": f"{alumnus['job_title']} {alumnus['major']}",
                "about": about_alumni(alumnus["class_year"]),
            },
        )


def restricted_paths():
    """The paths of pages with a view restriction (what Wagtail's ``.public()`` reads each time)."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _public(pages, restricted):
    if restricted is None:
        return pages.public()
    for path in restricted:
        pages = pages.exclude(path__startswith=path)
    return pages


def live_roles(restricted=None):
    """Live, public roles; ``restricted`` (from ``restricted_paths``) saves the query for it."""
    return _public(RolePage.objects.live(), restricted)


def live_interviews(restricted=None):
    return _public(AlumniInterviewPage.objects.live(), restricted)


def public_alumni_without_interview():
    """Alumni shown on their own: public, and without a live interview to stand for them."""
    has_interview = AlumniInterviewPage.objects.live().filter(alumnus=OuterRef("pk"))
    return Alumnus.objects.filter(is_public=True).exclude(Exists(has_interview))
