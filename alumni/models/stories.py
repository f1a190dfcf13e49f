"""The alumni and their stories: an alumnus, the roles they hold, and their interview page."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from alumni.api import AlumnusSummarySerializer, RoleHeldSerializer
from alumni.blocks import InterviewStreamBlock
from portal.images import illustration_for, require_alt_text
from portal.page_routing import OneQueryViewRestrictions
from portal.page_urls import SiteRelativeUrls

EARLIEST_CLASS_YEAR = 1950
LATEST_CLASS_YEAR = 2040
# What visitors call an alumnus's story ("alumni who became mixing engineers", "graduate stories",
# "class of 2003"): indexed with every interview and alumnus, whose own text rarely says it.
ALUMNI_SEARCH_WORDS = "alumni alumnus graduate former student interview story"


def about_alumni(class_year):
    return f"{ALUMNI_SEARCH_WORDS} class of {class_year}"


def this_year():
    """The latest start year a role held can have: none starts in the future."""
    return timezone.localdate().year


class AlumnusRole(Orderable):
    """A role an alumnus holds now or held before (their career history), with the year they started
    it, in the order they list them. At most one is their current role when they or a moderator
    give the history (``check_career_history``); content loaded before start years may mark several."""

    alumnus = ParentalKey("alumni.Alumnus", on_delete=models.CASCADE, related_name="role_links")
    role = models.ForeignKey("careers.RolePage", on_delete=models.CASCADE, related_name="alumni_links")
    is_current = models.BooleanField("current role", default=True)
    start_year = models.PositiveSmallIntegerField(
        "started in",
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_CLASS_YEAR), MaxValueValidator(this_year)],
        help_text="The year they started in this role.",
    )

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("start_year"), FieldPanel("is_current")])]

    class Meta(Orderable.Meta):
        verbose_name = "role held"
        constraints = [models.UniqueConstraint(fields=["alumnus", "role"], name="unique_alumnus_role")]


def check_career_history(rows):
    """The rules of a career history, as ``(role_id, start_year, is_current)`` rows: each role once, at
    most one current. Returns the messages (empty when it is fine)."""
    problems = []
    role_ids = [role_id for role_id, _, _ in rows if role_id]
    if len(role_ids) != len(set(role_ids)):
        problems.append("List each role once.")
    if sum(1 for _, _, current in rows if current) > 1:
        problems.append("Mark at most one role as the current one.")
    return problems


class AlumnusAdminForm(WagtailAdminModelForm):
    """The moderators' form for an alumnus: the career history's rules across its rows."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("role_links")
        if formset is not None and formset.is_valid():
            rows = [
                (form.cleaned_data.get("role") and form.cleaned_data["role"].pk,
                 form.cleaned_data.get("start_year"), form.cleaned_data.get("is_current"))
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]  # fmt: skip
            for problem in check_career_history(rows):
                self.add_error(None, problem)
        return cleaned


class Alumnus(index.Indexed, ClusterableModel):
    """A graduate, the roles they work in and (separately) their interview. A Wagtail snippet."""

    name = models.CharField(max_length=120)
    class_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EARLIEST_CLASS_YEAR), MaxValueValidator(LATEST_CLASS_YEAR)]
    )
    major = models.CharField(max_length=120)
    job_title = models.CharField("current job title", max_length=120)
    organisation = models.CharField(max_length=120, blank=True)
    website = models.URLField(blank=True)
    credits_url = models.URLField(
        "credits link", max_length=500, blank=True, help_text="A page listing their credits (an http or https address)."
    )
    portfolio_url = models.URLField(
        "portfolio link",
        max_length=500,
        blank=True,
        help_text="Their portfolio or showreel (an http or https address).",
    )
    contact_opt_in = models.BooleanField(
        "students may contact them",
        default=False,
        help_text="Their published story then has a form that relays a student's message to their e-mail, "
        "which is never shown.",
    )
    email = models.EmailField(
        "contact e-mail", blank=True, help_text="For moderators only; never shown on the public site."
    )
    is_public = models.BooleanField(
        "shown on the public site",
        default=False,
        help_text="Set when their interview is approved and published; a submitted story stays private until then.",
    )
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("class_year"), FieldPanel("major")]),
        FieldRowPanel([FieldPanel("job_title"), FieldPanel("organisation")]),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("credits_url"), FieldPanel("portfolio_url")]),
        FieldPanel("email"),
        FieldPanel("contact_opt_in"),
        FieldPanel("is_public"),
        MultiFieldPanel([InlinePanel("role_links", label="Role")], heading="Career history (roles held)"),
    ]
    base_form_class = AlumnusAdminForm

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("organisation", boost=2),
        index.AutocompleteField("organisation"),
        index.SearchField("job_title"),
        index.SearchField("major"),
        index.FilterField("class_year"),
        index.FilterField("is_public"),
        index.SearchField("search_about"),
    ]

    @property
    def search_about(self):
        return about_alumni(self.class_year)

    api_fields = [
        APIField("name"),
        APIField("class_year"),
        APIField("major"),
        APIField("job_title"),
        APIField("organisation"),
        APIField("website"),
        APIField("roles", serializer=RoleHeldSerializer(many=True, source="role_links")),
    ]

    class Meta:
        verbose_name_plural = "alumni"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} (class of {self.class_year})"


class AlumniInterviewPageTag(TaggedItemBase):
    """A skill on an interview, from the same vocabulary as the roles' skills."""

    content_object = ParentalKey("alumni.AlumniInterviewPage", on_delete=models.CASCADE, related_name="tagged_items")


class AlumniInterviewPageForm(WagtailAdminPageForm):
    """The alumnus's photo needs alt text before the story can be saved or published."""

    def clean(self):
        cleaned_data = super().clean()
        require_alt_text(self)
        return cleaned_data


class AlumniInterviewPage(OneQueryViewRestrictions, SiteRelativeUrls, Page):
    """An alumnus's story: who they are, a pull quote and the interview as questions and answers."""

    alumnus = models.ForeignKey(Alumnus, on_delete=models.PROTECT, related_name="interviews")
    intro = models.TextField(max_length=600, help_text="A short introduction; also the meta description.")
    body = StreamField(InterviewStreamBlock(), blank=True)
    pull_quote = models.CharField(max_length=300, blank=True, help_text="The alumnus's own words, shown large.")
    full_interview_url = models.URLField("full interview link", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The alumnus's photo, shown beside the story once it is published.",
    )
    audio = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="audio clip",
        help_text="A short clip of their work or their voice, played beside its transcript.",
    )
    audio_transcript = models.TextField(
        "transcript of the audio clip", max_length=10_000, blank=True, help_text="Required with an audio clip."
    )
    tags = ClusterTaggableManager(through=AlumniInterviewPageTag, blank=True, verbose_name="skills")

    content_panels = [
        *Page.content_panels,
        FieldPanel("alumnus"),
        FieldPanel("intro"),
        FieldPanel("pull_quote"),
        FieldPanel("image"),
        MultiFieldPanel(
            [MediaChooserPanel("audio", media_type="audio"), FieldPanel("audio_transcript")], heading="Audio clip"
        ),
        FieldPanel("body"),
        FieldPanel("full_interview_url"),
        FieldPanel("tags", heading="Skills"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("pull_quote"),
        index.SearchField("body"),
        index.SearchField("audio_transcript"),
        index.RelatedFields(
            "alumnus",
            [
                index.SearchField("name", boost=3),
                index.SearchField("organisation", boost=2),
                index.SearchField("job_title"),
            ],
        ),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.SearchField("search_about"),
    ]

    base_form_class = AlumniInterviewPageForm
    parent_page_types = ["alumni.AlumniIndexPage"]
    subpage_types = []

    og_type = "profile"

    api_fields = [
        APIField("alumnus", serializer=AlumnusSummarySerializer()),
        APIField("intro"),
        APIField("pull_quote"),
        APIField("body"),
        APIField("full_interview_url"),
        APIField("tags"),
    ]

    class Meta:
        verbose_name = "alumni interview"

    @classmethod
    def get_indexed_objects(cls):
        """Not a story its writer has yet to confirm, or has withdrawn (``alumni.submissions``): out of
        every search, the admin's too. Stories made by editors have no submission and are indexed."""
        submissions = cls._meta.get_field("submission").related_model.objects
        return super().get_indexed_objects().exclude(pk__in=submissions.hidden().values("page_id"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["roles_held"] = self.roles_held()
        context["skills"] = self.skill_list()
        context["structured_data"] = self.structured_data(request, context["roles_held"])
        context["illustration"] = self.illustration(context["roles_held"])
        if self.audio:
            context["audio_type"] = self.audio.sources[0]["type"]
        return context

    def illustration(self, roles_held):
        """The drawing of the alumnus's current role's sector (their first role's if none is current)."""
        return illustration_for(roles_held[0].role.sector) if roles_held else None

    def social_card_text(self):
        """What the story's social card says (``portal.page_cards``): the label is the alumnus's job."""
        return {"title": self.title, "summary": self.intro, "label": self.alumnus.job_title}

    def pictures(self):
        """The pictures the page shows, made when it is published (``portal.images.PICTURES``)."""
        return [(self.image, "portrait")]

    @property
    def search_about(self):
        return about_alumni(self.alumnus.class_year if self.alumnus_id else "")

    def clean(self):
        super().clean()
        if self.audio_id and not self.audio_transcript.strip():
            raise ValidationError({"audio_transcript": "Give the transcript of the audio clip."})

    def get_meta_description(self):
        return self.search_description or self.intro

    def roles_held(self):
        """The alumnus's career history (live roles only): the current role first, then the newest
        start year first, then in their order."""
        links = self.alumnus.role_links.select_related("role").order_by(
            "-is_current", models.F("start_year").desc(nulls_last=True), "sort_order"
        )
        return [link for link in links if link.role.live]

    def skill_list(self):
        return [link.tag for link in self.tagged_items.select_related("tag").order_by("tag__name")]

    def structured_data(self, request, roles_held):
        """schema.org ProfilePage about the alumnus (serialised by the ``json_ld`` template filter)."""
        alumnus = self.alumnus
        person = {
            "@type": "Person",
            "name": alumnus.name,
            "jobTitle": alumnus.job_title,
            "description": self.intro,
            "hasOccupation": [
                {"@type": "Occupation", "name": link.role.title, "url": link.role.get_full_url(request)}
                for link in roles_held
            ],
        }
        if alumnus.organisation:
            person["worksFor"] = {"@type": "Organization", "name": alumnus.organisation}
        if links := [url for url in (alumnus.website, alumnus.credits_url, alumnus.portfolio_url) if url]:
            person["sameAs"] = links
        return {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "name": self.title,
            "url": self.get_full_url(request),
            "dateModified": self.last_published_at,
            "mainEntity": person,
        }
