from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.shortcuts import get_object_or_404

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from careers import selectors
from careers.api import LabelListSerializer, RoleLinkSerializer


class Sector(models.TextChoices):
    """Where a role's work happens; the careers index groups roles by it."""

    STUDIO = "studio", "In the studio"
    LIVE = "live", "Live sound and venues"
    MEDIA = "media", "Film, games and media"
    BUSINESS = "business", "Business, design and support"


class CareerStage(models.TextChoices):
    ENTRY = "entry", "Entry level"
    MID = "mid", "Mid-career"
    SENIOR = "senior", "Senior"


class RolePageTag(TaggedItemBase):
    """A skill on a role. Skills are taggit tags: one vocabulary shared with interviews."""

    content_object = ParentalKey("careers.RolePage", on_delete=models.CASCADE, related_name="tagged_items")


class RelatedRole(Orderable):
    """An editor's ordered link from one role to another it is often compared with."""

    page = ParentalKey("careers.RolePage", on_delete=models.CASCADE, related_name="related_role_links")
    role = models.ForeignKey("careers.RolePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "related role"


class CareerPath(Orderable):
    """A role that people in this role commonly move on to."""

    page = ParentalKey("careers.RolePage", on_delete=models.CASCADE, related_name="path_links")
    destination = models.ForeignKey("careers.RolePage", on_delete=models.CASCADE, related_name="incoming_paths")

    panels = [FieldPanel("destination")]

    class Meta(Orderable.Meta):
        verbose_name = "leads to"
        verbose_name_plural = "leads to"


def _label_list(label, help_text):
    return StreamField(
        [("item", blocks.CharBlock(max_length=80, label=label))],
        blank=True,
        help_text=help_text,
    )


class RolePage(Page):
    """One career profile: what the work is, the skills and tools it needs, where it leads."""

    summary = models.CharField(
        max_length=200,
        help_text="One sentence, shown in listings and as the meta description.",
    )
    body = RichTextField(
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text="What the work is, where it happens and who the role works with.",
    )
    tools = _label_list("Tool", "Equipment and software the role works with, one per item.")
    work_settings = _label_list("Work setting", "Where the work happens, as short labels.")
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.STUDIO)
    career_stage = models.CharField(
        max_length=10,
        choices=CareerStage.choices,
        blank=True,
        help_text="Leave blank where the role is open at any stage.",
    )
    tags = ClusterTaggableManager(
        through=RolePageTag, blank=True, verbose_name="skills", help_text="Skills this role uses."
    )
    onet_code = models.CharField(
        "O*NET-SOC code",
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}\.\d{2}$", "Use the O*NET-SOC form, for example 27-4014.00.")],
        help_text="The closest O*NET-SOC occupation, for example 27-4014.00. Leave blank if none fits.",
    )
    onet_title = models.CharField(
        "O*NET-SOC title", max_length=120, blank=True, help_text="For example, Sound Engineering Technicians."
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=3),
        index.SearchField("body"),
        index.SearchField("tools"),
        index.SearchField("work_settings"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2), index.AutocompleteField("name")]),
        index.AutocompleteField("summary"),
        index.FilterField("sector"),
        index.FilterField("career_stage"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    skills_panels = [
        FieldPanel("tags", heading="Skills"),
        FieldPanel("tools"),
    ]
    context_panels = [
        FieldRowPanel([FieldPanel("sector"), FieldPanel("career_stage")]),
        FieldPanel("work_settings"),
        MultiFieldPanel([InlinePanel("related_role_links", label="Related role")], heading="Related roles"),
        MultiFieldPanel([InlinePanel("path_links", label="Leads to")], heading="Where this role leads"),
        FieldRowPanel([FieldPanel("onet_code"), FieldPanel("onet_title")], heading="O*NET occupation"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Summary and body"),
            ObjectList(skills_panels, heading="Skills and tools"),
            ObjectList(context_panels, heading="Setting and related roles"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    parent_page_types = ["careers.CareersIndexPage"]
    subpage_types = []

    og_type = "article"

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("tools", serializer=LabelListSerializer()),
        APIField("work_settings", serializer=LabelListSerializer()),
        APIField("sector"),
        APIField("career_stage"),
        APIField("tags"),
        APIField("related_roles", serializer=RoleLinkSerializer(many=True, source="related_role_links")),
        APIField("leads_to", serializer=RoleLinkSerializer(many=True, source="path_links")),
        APIField("onet_code"),
        APIField("onet_title"),
    ]

    class Meta:
        verbose_name = "role"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from alumni.selectors import alumni_in_role, alumni_moves
        from careers.explorer import similar_roles

        context.update(selectors.role_page_context(self))
        context["alumni_interviews"] = alumni_in_role(self)
        context["alumni_moves"] = alumni_moves(self)
        context["similar_roles"] = similar_roles(self)
        context["structured_data"] = self.structured_data(request, context["skills"])
        return context

    def get_meta_description(self):
        return self.search_description or self.summary

    @property
    def onet_url(self):
        return f"https://www.onetonline.org/link/summary/{self.onet_code}" if self.onet_code else ""

    def structured_data(self, request, skills):
        """schema.org Occupation for this role (serialised by the ``json_ld`` template filter)."""
        data = {
            "@context": "https://schema.org",
            "@type": "Occupation",
            "name": self.title,
            "description": self.summary,
            "skills": ", ".join(skill.name for skill in skills),
            "url": self.get_full_url(request),
        }
        if self.onet_code:
            data["occupationalCategory"] = {
                "@type": "CategoryCode",
                "codeValue": self.onet_code,
                "name": self.onet_title,
                "inCodeSet": {"@type": "CategoryCodeSet", "name": "O*NET-SOC"},
                "url": self.onet_url,
            }
        return data


class CareersIndexPage(RoutablePageMixin, Page):
    """Every role, grouped by sector, plus the skill pages (``skills/`` and ``skills/<slug>/``)."""

    intro = models.TextField(max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["careers.RolePage"]
    max_count = 1

    class Meta:
        verbose_name = "careers index"

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_sitemap_urls(self, request=None):
        """The index, plus its own routes that are pages in their own right, plus every skill page."""
        from careers.selectors import skills_with_role_counts

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        extra = ["skills/", "explore/", "paths/", "compare/"]
        extra += [f"skills/{skill.slug}/" for skill in skills_with_role_counts()]
        return urls + [{"location": base + route, "lastmod": self.last_published_at} for route in extra]

    ROLES_PER_SECTOR = 24
    ROLES_PER_PAGE = 48

    @path("", name="index")
    def role_list(self, request):
        """Every sector with its first roles; ``?sector=<value>`` lists one sector's roles, paginated."""
        sector = request.GET.get("sector")
        if sector in Sector.values:
            roles = Paginator(selectors.roles_in_sector(sector), self.ROLES_PER_PAGE).get_page(request.GET.get("page"))
            context = {"sector": Sector(sector), "roles": roles}
        else:
            context = {"sectors": selectors.live_roles_by_sector(self.ROLES_PER_SECTOR, with_skills=True)}
        return self.render(request, context_overrides=context)

    @path("explore/", name="explore")
    def explore(self, request):
        from careers import explorer

        chosen = [slug.strip()[:100] for slug in request.GET.getlist("skills")[:100] if slug.strip()]
        matches, known = explorer.match_roles(chosen)
        unknown = [slug for slug in dict.fromkeys(chosen) if slug not in known]
        return self.render(
            request,
            context_overrides={
                "skill_groups": explorer.skill_vocabulary(),
                "chosen": known,
                "unknown": unknown,
                "matches": matches,
                "meta_title": "Which careers fit your skills?",
                "meta_description": "Pick the skills you already have and see which music production and "
                "engineering roles fit you, and what you still need to learn.",
            },
            template="careers/explore.html",
        )

    @path("paths/", name="paths")
    def paths(self, request):
        from careers import pathmap

        return self.render(
            request,
            context_overrides={
                "map": pathmap.build_map(),
                "meta_title": "Career paths",
                "meta_description": "A map of where music production and engineering jobs commonly lead, "
                "from entry-level roles to senior ones.",
            },
            template="careers/paths.html",
        )

    @path("compare/", name="compare")
    def compare(self, request):
        from careers import explorer

        columns, shared, unknown = explorer.compare(request.GET.getlist("roles")[:10])
        return self.render(
            request,
            context_overrides={
                "columns": columns,
                "shared_skills": shared,
                "unknown": unknown,
                "all_roles": selectors.live_roles().only("title", "slug"),
                "chosen": request.GET.getlist("roles")[:3],
                "meta_title": "Compare roles",
                "meta_description": "Compare music production and engineering roles side by side: skills, "
                "tools, settings and where each leads.",
            },
            template="careers/compare.html",
        )

    @path("skills/", name="skills")
    def skill_list(self, request):
        return self.render(
            request,
            context_overrides={
                "skills": selectors.skills_with_role_counts(),
                "meta_title": "Skills",
                "meta_description": "Every skill used across music production and engineering careers, "
                "with the number of roles that use it.",
            },
            template="careers/skill_list.html",
        )

    @path("skills/<slug:slug>/", name="skill")
    def skill_detail(self, request, slug):
        skill = get_object_or_404(Tag, slug=slug)
        roles = selectors.roles_with_skill(skill)
        return self.render(
            request,
            context_overrides={
                "skill": skill,
                "roles": roles,
                "meta_title": skill.name,
                "meta_description": f"Music production and engineering roles that use {skill.name}.",
            },
            template="careers/skill_detail.html",
        )
