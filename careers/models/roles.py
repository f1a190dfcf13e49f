"""The role profiles: a role page, the skills on it, its links to other roles, and the official
occupation (BLS OEWS) whose pay it shows."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from careers import pay, pay_page
from careers.api import LabelListSerializer, PaySerializer, RoleLinkSerializer
from careers.models.pay import Occupation
from careers.models.role_reads import RoleReads
from careers.models.taxonomy import (
    HOW_TO_GET_IN_MIN_WORDS,
    ONET_CREDIT,
    CareerStage,
    RolePageTag,
    Sector,
    review_due_before,
)
from portal.images import require_alt_text
from portal.page_routing import OneQueryViewRestrictions
from portal.page_urls import SiteRelativeUrls


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

    def clean(self):
        cleaned_data = super().clean()
        require_alt_text(self)
        return cleaned_data


class RolePage(RoleReads, OneQueryViewRestrictions, RoutablePageMixin, SiteRelativeUrls, Page):
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
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the page; without one, the sector's illustration is shown.",
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
        FieldPanel("image"),
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
        """Skills, linked roles and similar roles in three queries (``RoleReads``; the alumni come from
        the alumni app's ``alumni_in_role`` tag in the template)."""
        context = super().get_context(request, *args, **kwargs)
        skills = self.skill_list(request)
        context.update(self.linked_roles(request))
        context["skills"] = skills
        context["similar_roles"] = self.similar_roles(skills, request)
        context["structured_data"] = self.structured_data(request, skills)
        context["pay"] = pay.national_pay(self)
        context["pay_notes"] = {"caveat": pay.SELF_EMPLOYED_CAVEAT, "hours": pay.HOURS_NOTE}
        context["onet_credit"] = ONET_CREDIT
        return context

    def social_card_text(self):
        """What the role's social card says (``portal.page_cards``)."""
        return {"title": self.title, "summary": self.summary, "label": self.get_sector_display()}

    def pictures(self):
        """The pictures the page shows, made when it is published (``portal.images.PICTURES``)."""
        return [(self.image, "hero")]

    @path("")
    def profile(self, request):
        return self.render(request)

    @path("pay/", name="pay")
    def pay_by_area(self, request):
        return pay_page.role_pay(request, self)

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
