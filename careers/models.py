import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
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

from careers import pay, selectors
from careers.api import LabelListSerializer, PaySerializer, RoleLinkSerializer
from careers.pay import AreaType, WageStatus


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


HOW_TO_GET_IN_MIN_WORDS = 40
REVIEW_EVERY_DAYS = 365
# O*NET's credit line (CC BY 4.0), shown where a page reuses O*NET data: here the O*NET-SOC code and title.
ONET_CREDIT = (
    "This page includes information from the O*NET 30.0 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a "
    "trademark of USDOL/ETA. The portal has modified all or some of this information (it shows only the "
    "O*NET-SOC code and title); USDOL/ETA has not approved, endorsed, or tested these modifications."
)


def review_due_before():
    """Profiles last reviewed before this date are due for review (12 months)."""
    return timezone.localdate() - datetime.timedelta(days=REVIEW_EVERY_DAYS)


class Occupation(models.Model):
    """An official occupation (2018 SOC, as BLS's OEWS publishes it) in one OEWS release.

    Loaded from the shipped extract (careers/content/oews-*.json) by ``load_portal_content``; editors
    choose one per role as its closest official occupation, never as the role's own pay.
    """

    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}$", "Use the SOC form, for example 27-4014.")],
    )
    title = models.CharField(max_length=200)
    release_name = models.CharField(max_length=40, help_text="The OEWS release, for example May 2025.")
    release_code = models.CharField(max_length=10, help_text="BLS's code for the release, for example 2025A01.")
    source = models.CharField(max_length=200, help_text="The credit line BLS asks for.")

    class Meta:
        ordering = ["soc_code"]

    def __str__(self):
        return f"{self.title} ({self.soc_code})"


class OccupationWage(models.Model):
    """One area's OEWS figures for an occupation, all industries. A figure BLS does not publish is
    null here, with the reason in ``markers``: never 0 and never a guess."""

    PERCENTILES = ("p10", "p25", "median", "p75", "p90")

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="wages")
    area_type = models.CharField(max_length=1, choices=AreaType.choices)
    area_code = models.CharField(max_length=7)
    area_name = models.CharField(max_length=120)
    employment = models.PositiveIntegerField(null=True, blank=True)
    annual_p10 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p25 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_median = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p75 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p90 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    hourly_p10 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p25 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p75 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_status = models.CharField(
        max_length=20, choices=WageStatus.choices, default=WageStatus.PUBLISHED, help_text="Of the annual median."
    )
    markers = models.JSONField(
        default=dict, blank=True, help_text="Why each missing figure is missing: {field name: status}."
    )

    class Meta:
        ordering = ["occupation", "area_type", "area_name"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "area_type", "area_code"], name="unique_occupation_area")
        ]
        indexes = [models.Index(fields=["occupation", "area_type"])]

    def __str__(self):
        return f"{self.occupation.soc_code} {self.area_name}"

    def status(self, name):
        """The status of one figure (``employment``, ``annual_median``, ``hourly_p90``, ...)."""
        if getattr(self, name) is not None:
            return WageStatus.PUBLISHED
        return self.markers.get(name, WageStatus.NOT_PUBLISHED)


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


class RolePageForm(WagtailAdminPageForm):
    """Every role names a career stage: the explorer and compare read it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "career_stage" in self.fields:
            self.fields["career_stage"].required = True


class RolePage(RoutablePageMixin, Page):
    """One career profile: what the work is, the skills and tools it needs, where it leads, how to get
    in, and the official pay of its closest occupation (``pay/`` lists it by state and metro area)."""

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
        blank=True,  # required in the admin (RolePageForm); blank only for pages made in code
        help_text="The stage of a career at which people usually hold this role.",
    )
    title_note = models.TextField(
        "what the title means",
        max_length=600,
        blank=True,
        help_text="Where the title names more than one job: say which is which, shown above the body.",
    )
    how_to_get_in = models.TextField(
        "how to get in",
        blank=True,
        help_text="Typical routes in, first jobs and what to build (40 words or more). No statistic without a source.",
    )
    also_known_as = _label_list("Title", "Other titles people use for this job, one per item.")
    occupation = models.ForeignKey(
        Occupation,
        verbose_name="closest official occupation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The official occupation (BLS OEWS) closest to this role. Its pay is shown as that "
        "occupation's, never as the role's own. Leave blank where none is close, and say why below.",
    )
    occupation_note = models.TextField(
        "why this occupation",
        max_length=600,
        blank=True,
        help_text="Why this occupation is the closest (or why none is), shown beside the pay.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked this profile against the trade."
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
        index.SearchField("also_known_as", boost=2),
        index.SearchField("how_to_get_in"),
        index.SearchField("work_settings"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2), index.AutocompleteField("name")]),
        index.AutocompleteField("summary"),
        index.FilterField("sector"),
        index.FilterField("career_stage"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("title_note"),
        FieldPanel("body"),
        FieldPanel("how_to_get_in"),
        FieldPanel("also_known_as"),
        FieldPanel("last_reviewed"),
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
        MultiFieldPanel([FieldPanel("occupation"), FieldPanel("occupation_note")], heading="Official pay (BLS OEWS)"),
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

    base_form_class = RolePageForm
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
        APIField("title_note"),
        APIField("how_to_get_in"),
        APIField("also_known_as", serializer=LabelListSerializer()),
        APIField("last_reviewed"),
        APIField("pay", serializer=PaySerializer(source="*")),
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
        context["similar_roles"] = similar_roles(self, skill_ids=[skill.pk for skill in context["skills"]])
        context["structured_data"] = self.structured_data(request, context["skills"])
        context["pay"] = pay.national_pay(self.occupation_id)
        context["pay_notes"] = {"caveat": pay.SELF_EMPLOYED_CAVEAT, "hours": pay.HOURS_NOTE}
        context["onet_credit"] = ONET_CREDIT
        return context

    @path("")
    def profile(self, request):
        return self.render(request)

    @path("pay/", name="pay")
    def pay_by_area(self, request):
        """The occupation's figures for every state and metro area BLS publishes: ``?sort=`` (jobs,
        median, name) and ``?q=`` (part of an area's name); 404 for a role with no occupation."""
        if self.occupation_id is None:
            raise Http404("This role has no official occupation.")
        sort = pay.clean_sort(request.GET.get("sort"))
        query = pay.clean_query(request.GET.get("q"))
        national, areas = pay.area_pay(self.occupation_id, sort=sort, query=query)
        unit = national.unit if national else "annual"
        # Page's own context, not the role's: this page shows none of the role's skills, paths or alumni.
        context = Page.get_context(self, request)
        context.update(
            {
                "national": national,
                "occupation": national.wage.occupation if national else None,
                "areas": areas,
                "unit": unit,
                "sort": sort,
                "sorts": pay.SORTS,
                "query": query,
                "chart": pay.chart(areas, unit),
                "pay_notes": {"caveat": pay.SELF_EMPLOYED_CAVEAT, "hours": pay.HOURS_NOTE},
                "meta_title": f"{self.title}: pay by state and metro area",
                "meta_description": f"Official pay (BLS OEWS) for the occupation closest to {self.title}, "
                "for every state and metro area BLS publishes.",
            }
        )
        return TemplateResponse(request, "careers/role_pay.html", context)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if self.occupation_id:
            urls += [{"location": url["location"] + "pay/", "lastmod": url.get("lastmod")} for url in urls]
        return urls

    def clean(self):
        super().clean()
        if self.how_to_get_in and len(self.how_to_get_in.split()) < HOW_TO_GET_IN_MIN_WORDS:
            raise ValidationError(
                {"how_to_get_in": f"Write at least {HOW_TO_GET_IN_MIN_WORDS} words: routes in, first jobs, "
                 "what to build."}
            )  # fmt: skip

    @property
    def is_review_due(self):
        return self.last_reviewed is None or self.last_reviewed < review_due_before()

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

    parent_page_types = ["portal.HomePage"]
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
