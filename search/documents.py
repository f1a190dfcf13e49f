"""What search sees of each kind of content: a title, weighted text fields, a link and an excerpt.

Three kinds are searched: role pages, interview pages and public alumni. An alumnus with a live
interview is found through the interview (which carries the alumnus's name and organisation); an
alumnus without one links to the first role they hold.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.html import strip_tags
from django.utils.text import Truncator

ROLE = "role"
INTERVIEW = "interview"
ALUMNUS = "alumnus"
KINDS = {ROLE: "Role", INTERVIEW: "Alumni interview", ALUMNUS: "Alumnus"}

EXCERPT_WORDS = 30


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


def _stream_text(stream_value):
    parts = []
    for block in stream_value.raw_data:
        value = block.get("value")
        if isinstance(value, dict):
            parts.extend(str(v) for v in value.values())
        elif value is not None:
            parts.append(str(value))
    return " ".join(parts)


def _tag_names(obj):
    return " ".join(link.tag.name for link in obj.skill_links)


def _tag_slugs(obj):
    return frozenset(link.tag.slug for link in obj.skill_links)


def _tagged(queryset, through):
    return queryset.prefetch_related(
        Prefetch("tagged_items", queryset=through.objects.select_related("tag"), to_attr="skill_links")
    )


def role_documents(queryset):
    from careers.models import RolePageTag

    for role in _tagged(queryset, RolePageTag):
        yield Document(
            kind=ROLE,
            pk=role.pk,
            title=role.title,
            url=role.url,
            excerpt=role.summary,
            fields={
                "title": role.title,
                "summary": role.summary,
                "skills": _tag_names(role),
                "body": " ".join([strip_tags(role.body), _stream_text(role.tools), _stream_text(role.work_settings)]),
            },
            skill_slugs=_tag_slugs(role),
        )


def interview_documents(queryset):
    from alumni.models import AlumniInterviewPageTag

    for page in _tagged(queryset.select_related("alumnus"), AlumniInterviewPageTag):
        alumnus = page.alumnus
        yield Document(
            kind=INTERVIEW,
            pk=page.pk,
            title=page.title,
            url=page.url,
            excerpt=Truncator(page.intro).words(EXCERPT_WORDS),
            fields={
                "title": page.title,
                "person": " ".join([alumnus.name, alumnus.organisation]),
                "summary": " ".join([page.intro, page.pull_quote, alumnus.job_title]),
                "skills": _tag_names(page),
                "body": _stream_text(page.body),
            },
            skill_slugs=_tag_slugs(page),
        )


def alumnus_documents(queryset):
    from alumni.models import AlumnusRole

    links = Prefetch(
        "role_links",
        queryset=AlumnusRole.objects.filter(role__live=True).select_related("role").order_by("sort_order"),
        to_attr="live_role_links",
    )
    for alumnus in queryset.prefetch_related(links):
        if not alumnus.live_role_links:
            continue
        yield Document(
            kind=ALUMNUS,
            pk=alumnus.pk,
            title=alumnus.name,
            url=alumnus.live_role_links[0].role.url,
            excerpt=f"{alumnus.job_title}{', ' + alumnus.organisation if alumnus.organisation else ''}, "
            f"class of {alumnus.class_year}",
            fields={
                "title": alumnus.name,
                "person": " ".join([alumnus.name, alumnus.organisation]),
                "summary": " ".join([alumnus.job_title, alumnus.major]),
            },
        )


def live_roles():
    from careers.models import RolePage

    return RolePage.objects.live().public()


def live_interviews():
    from alumni.models import AlumniInterviewPage

    return AlumniInterviewPage.objects.live().public()


def public_alumni_without_interview():
    """Alumni shown on their own: public, and without a live interview to stand for them."""
    from alumni.models import AlumniInterviewPage, Alumnus

    has_interview = AlumniInterviewPage.objects.live().filter(alumnus=OuterRef("pk"))
    return Alumnus.objects.filter(is_public=True).exclude(Exists(has_interview))
