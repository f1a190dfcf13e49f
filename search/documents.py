"""What search sees of each kind of content: a title, weighted text fields, a link and an excerpt.

Three kinds are searched: role pages, interview pages and public alumni. An alumnus with a live
interview is found through the interview (which carries the alumnus's name and organisation); an
alumnus without one links to the first role they hold.

Candidates are read with ``values()`` (a few columns, no model instances, skills joined in: one
query per kind): search loads dozens of them per request and Wagtail page instances are costly to
build. Roles are few and are all built at once, with the vocabulary (``search.vocabulary``);
interviews and alumni are many and are read by id. Pages under a view restriction are left out in
the same query (``_public``).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.text import Truncator

from wagtail.models import PageViewRestriction

from alumni.models import AlumniInterviewPage, Alumnus, AlumnusRole, about_alumni
from careers.models import RolePage
from portal.page_urls import page_url
from search.text import stem_sequence, words

ROLE = "role"
INTERVIEW = "interview"
ALUMNUS = "alumnus"
KINDS = {ROLE: "Role", INTERVIEW: "Alumni interview", ALUMNUS: "Alumnus"}
TITLE_FIELDS = ("title", "alt_titles")  # ranked as titles: a phrase found here counts more

EXCERPT_WORDS = 30
# The other titles a role goes by (``also_known_as``) are ranked as titles. More come from the synonyms
# that name the role (``Vocabulary.alternate_titles``).


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
    covered: frozenset = frozenset()  # positions of the query's words it matches (set by ranking)
    # What ranking reads, worked out once per document (kept by ``dataclasses.replace``):
    field_words: dict = None  # field name -> frozenset of its words
    title_sequences: tuple = ()  # stems of the title and of each other title, in order
    title_text: str = ""  # the title's words, space-separated
    title_stems: frozenset = frozenset()  # every stem of ``title_sequences``

    def __post_init__(self):
        if self.field_words is None:
            self.field_words = {name: frozenset(words(text)) for name, text in self.fields.items()}
            self.title_sequences = tuple(
                sequence
                for name in TITLE_FIELDS
                for part in (self.fields.get(name) or "").split(",")
                if (sequence := stem_sequence(part))
            )
            self.title_text = " ".join(words(self.fields.get("title", "")))
            self.title_stems = frozenset(stem for sequence in self.title_sequences for stem in sequence)

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


def _with_skills(rows):
    """Rows read with one row per skill (``tagged_items__tag__name`` and ``__slug``, None when there is
    none), merged into one row per page, in order, with ``skills`` (names) and ``skill_slugs``."""
    merged = {}
    for row in rows:
        name, slug = row.pop("tagged_items__tag__name"), row.pop("tagged_items__tag__slug")
        page = merged.setdefault(row["pk"], {**row, "skills": [], "skill_slugs": set()})
        if name is not None:
            page["skills"].append(name)
            page["skill_slugs"].add(slug)
    return list(merged.values())


SKILL_COLUMNS = ["tagged_items__tag__name", "tagged_items__tag__slug"]


def own_titles(role):
    """The role's other titles, comma-separated (its ``also_known_as`` items, not their rendered HTML)."""
    return ", ".join(item.value for item in role["also_known_as"])


def all_roles(ids=None):
    """Every live, public role (or those of ``ids``) as a read row: its columns, ``skills`` and
    ``skill_slugs``, in tree order."""
    roles = live_roles() if ids is None else live_roles().filter(pk__in=ids)
    columns = ["pk", "title", "summary", "body", "tools", "work_settings", "url_path", "also_known_as"]
    return _with_skills(roles.order_by("path", "tagged_items__id").values(*columns, *SKILL_COLUMNS))


def role_document(role, alternate_titles=""):
    """The document of a role row from ``all_roles``; ``alternate_titles`` from the synonyms are added to its own."""
    own = own_titles(role)
    return Document(
        kind=ROLE,
        pk=role["pk"],
        title=role["title"],
        url=page_url(role["url_path"]),
        excerpt=role["summary"],
        fields={
            "title": role["title"],
            "alt_titles": f"{own}, {alternate_titles}" if alternate_titles else own,
            "summary": role["summary"],
            "skills": " ".join(role["skills"]),
            # HTML tags are dropped when the text is split into words (search.text.words).
            "body": " ".join([role["body"], stream_text(role["tools"]), stream_text(role["work_settings"])]),
        },
        skill_slugs=frozenset(role["skill_slugs"]),
    )


def role_documents(ids, alternate_titles):
    """Documents of the roles of ``ids``; ``alternate_titles`` is ``Vocabulary.alternate_titles``."""
    for role in all_roles(ids):
        yield role_document(role, alternate_titles.get(role["title"], ""))


def interview_documents(ids):
    rows = live_interviews().filter(pk__in=ids).order_by("path", "tagged_items__id").values(
        "pk", "title", "intro", "pull_quote", "body", "url_path",
        "alumnus__name", "alumnus__organisation", "alumnus__job_title", "alumnus__class_year", *SKILL_COLUMNS,
    )  # fmt: skip
    for page in _with_skills(rows):
        yield Document(
            kind=INTERVIEW,
            pk=page["pk"],
            title=page["title"],
            url=page_url(page["url_path"]),
            excerpt=Truncator(page["intro"]).words(EXCERPT_WORDS),
            fields={
                "title": page["title"],
                "person": f"{page['alumnus__name']} {page['alumnus__organisation']}",
                "summary": f"{page['intro']} {page['pull_quote']} {page['alumnus__job_title']}",
                "skills": " ".join(page["skills"]),
                "about": about_alumni(page["alumnus__class_year"]),
                "body": stream_text(page["body"]),
            },
            skill_slugs=frozenset(page["skill_slugs"]),
        )


def alumnus_documents(ids):
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


def _public(pages):
    """``pages`` without those under a view restriction, in the same query (Wagtail's ``.public()``
    reads the restrictions in a query of its own)."""
    restriction_above = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restriction_above))


def live_roles():
    """Live, public roles."""
    return _public(RolePage.objects.live())


def live_interviews():
    return _public(AlumniInterviewPage.objects.live())


def public_alumni_without_interview():
    """Alumni shown on their own: public, and without a live interview to stand for them."""
    has_interview = AlumniInterviewPage.objects.live().filter(alumnus=OuterRef("pk"))
    return Alumnus.objects.filter(is_public=True).exclude(Exists(has_interview))
