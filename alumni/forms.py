from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator

from taggit.models import Tag

from alumni import uploads
from alumni.models.stories import EARLIEST_CLASS_YEAR, LATEST_CLASS_YEAR, check_career_history, this_year
from careers.models import RolePage
from portal.input_checks import MAX_DATABASE_INTEGER

ANSWER_MAX_LENGTH = 4000
HISTORY_ROWS = 5
MAX_SKILLS = 12
TRANSCRIPT_MAX_LENGTH = 10_000

PROMPTS = {
    "how_started": "How did you get started?",
    "typical_day": "What does a typical day look like?",
    "advice": "What advice would you give a student who wants to do what you do?",
}


class RoleField(forms.ChoiceField):
    """One role of the career history, chosen from roles read once for every row (one query, not one
    per row); cleans to the role page, or None."""

    def __init__(self, *, roles, **kwargs):
        self.roles = roles
        super().__init__(
            choices=[("", "Choose a role"), *((str(pk), role.title) for pk, role in roles.items())], **kwargs
        )

    def clean(self, value):
        value = super().clean(value)
        return self.roles[int(value)] if value else None


class SkillChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        for pk in value or []:
            if str(pk).strip().isdigit() and int(pk) > MAX_DATABASE_INTEGER:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super().clean(value)


def web_address(label, help_text):
    """An optional link to show on the story: http or https only (no javascript:, data:, ftp:)."""
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=help_text,
        validators=[
            URLValidator(schemes=["http", "https"], message="Give a web address starting https:// or http://.")
        ],
        error_messages={"invalid": "Give a web address starting https:// or http://."},
    )


def skill_vocabulary():
    """The portal's skills: every tag a live role lists."""
    return Tag.objects.filter(careers_rolepagetag_items__content_object__live=True).distinct().order_by("name")


class StorySubmissionForm(forms.Form):
    """The public form an alumnus fills in to share their story. Every field has a length limit."""

    name = forms.CharField(label="Your name", max_length=120)
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We send you a link to confirm your story; only our moderators see your address.",
    )
    class_year = forms.IntegerField(
        label="Class year",
        help_text="The year you graduated, for example 2015.",
        validators=[MinValueValidator(EARLIEST_CLASS_YEAR), MaxValueValidator(LATEST_CLASS_YEAR)],
    )
    major = forms.CharField(label="Major", max_length=120, help_text="For example, Music Production and Engineering.")
    job_title = forms.CharField(label="Current job title", max_length=120)
    organisation = forms.CharField(label="Organisation", max_length=120, required=False)
    # The career history: HISTORY_ROWS rows of fields made in __init__ (history_<n>_role,
    # history_<n>_start_year, history_<n>_current); ``clean`` turns them into ``career_history`` and the
    # ``roles`` they name.
    skills = SkillChoiceField(
        label="Your skills",
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"The skills your work uses, from the portal's list (at most {MAX_SKILLS}).",
    )
    credits_url = web_address("Link to your credits", "A page listing your credits, for example on a credits database.")
    portfolio_url = web_address("Link to your portfolio", "Your portfolio, showreel or website.")
    intro = forms.CharField(
        label="Introduce yourself",
        required=False,
        max_length=600,
        help_text="A sentence or two that opens your story (at most 600 characters). Left empty, we write one "
        "from your name, class year and job.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pull_quote = forms.CharField(
        label="Your pull quote",
        required=False,
        max_length=300,
        help_text="One or two sentences of yours to show large on your story (at most 300 characters).",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photo = forms.FileField(
        label="A photo of you (optional)",
        required=False,
        help_text="JPEG, PNG or WebP, at most 5 MB. We remove its location and camera data before storing it.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"}),
    )
    photo_alt = forms.CharField(
        label="Describe your photo",
        required=False,
        max_length=250,
        help_text="For people who cannot see it, for example: Dana at a mixing desk. Needed with a photo.",
    )
    audio = forms.FileField(
        label="An audio clip (optional)",
        required=False,
        help_text="Your work or your voice: MP3, WAV, OGG or M4A, at most 10 MB.",
        widget=forms.FileInput(attrs={"accept": "audio/mpeg,audio/wav,audio/ogg,audio/mp4,.mp3,.wav,.ogg,.m4a"}),
    )
    audio_transcript = forms.CharField(
        label="Transcript of the audio clip",
        required=False,
        max_length=TRANSCRIPT_MAX_LENGTH,
        help_text="What is said or heard in the clip, for people who cannot hear it. Needed with a clip.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_opt_in = forms.BooleanField(
        label="Students may contact me: my published story shows a form that forwards their messages to my "
        "e-mail address, which they never see.",
        required=False,
    )
    how_started = forms.CharField(
        label=PROMPTS["how_started"], max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )
    typical_day = forms.CharField(
        label=PROMPTS["typical_day"], max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )
    advice = forms.CharField(
        label=PROMPTS["advice"], max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )
    consent = forms.BooleanField(
        label="I agree that my story, name, class year and job may be published on this site after review.",
        error_messages={"required": "We can only publish your story with your consent."},
    )
    # A trap for bots: hidden from people and from screen readers; anything typed here drops the post.
    website_honeypot = forms.CharField(label="Leave this field empty", required=False, max_length=200)
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = {role.pk: role for role in RolePage.objects.live().order_by("title").only("id", "title")}
        for n in range(HISTORY_ROWS):
            self.fields[f"history_{n}_role"] = RoleField(label=f"Role {n + 1}", roles=roles, required=False)
            self.fields[f"history_{n}_start_year"] = forms.IntegerField(
                label=f"Year you started (role {n + 1})",
                required=False,
                min_value=EARLIEST_CLASS_YEAR,
                max_value=this_year(),
                error_messages={"max_value": "A start year cannot be in the future."},
            )
            self.fields[f"history_{n}_current"] = forms.BooleanField(
                label=f"My current role (role {n + 1})", required=False
            )
        self.fields["skills"].queryset = skill_vocabulary()
        self.fields["skills"].label_from_instance = lambda tag: tag.name

    def history_rows(self):
        """The bound fields of each row of the career history, for the template."""
        return [
            {name: self[f"history_{n}_{name}"] for name in ("role", "start_year", "current")}
            for n in range(HISTORY_ROWS)
        ]

    def clean_skills(self):
        skills = self.cleaned_data["skills"]
        if len(skills) > MAX_SKILLS:
            raise ValidationError(f"Choose at most {MAX_SKILLS} skills.")
        return skills

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return uploads.clean_photo(upload) if upload else None

    def clean_audio(self):
        upload = self.cleaned_data.get("audio")
        return (upload, uploads.check_audio(upload)) if upload else None

    def clean(self):
        cleaned = super().clean()
        self._clean_history(cleaned)
        if cleaned.get("photo") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", "Describe your photo in a few words for people who cannot see it.")
        if cleaned.get("audio") and not cleaned.get("audio_transcript", "").strip():
            self.add_error("audio_transcript", "Give the transcript of your clip for people who cannot hear it.")
        return cleaned

    def _clean_history(self, cleaned):
        """Each row: a role and the year it started, both or neither; at least one row; each role once,
        at most one current. Sets ``career_history`` [(role, start_year, is_current)] and ``roles``."""
        history = []
        for n in range(HISTORY_ROWS):
            names = [f"history_{n}_{part}" for part in ("role", "start_year", "current")]
            if any(name in self.errors for name in names):
                continue
            role, year, current = (cleaned.get(name) for name in names)
            if role and year is None:
                self.add_error(names[1], f"Give the year you started as {role.title}.")
            elif year is not None and not role:
                self.add_error(names[0], f"Choose the role you started in {year}.")
            elif current and not role:
                self.add_error(names[0], "Choose the role you marked as current.")
            elif role:
                history.append((role, year, bool(current)))
        if not history and not any(name.startswith("history_") for name in self.errors):
            self.add_error("history_0_role", "Give at least one role you work or worked in, with the year you started.")
        for problem in check_career_history([(role.pk, year, current) for role, year, current in history]):
            self.add_error("history_0_role", problem)
        cleaned["career_history"] = history
        cleaned["roles"] = [role for role, _, _ in history]

    def alumnus_fields(self):
        """The alumnus's own fields, as ``story_submission_create`` and ``story_submission_update`` take them."""
        return {name: self.cleaned_data[name] for name in ("name", "class_year", "major", "job_title", "organisation")}

    def story_details(self):
        """What ``alumni.story_details.apply_story_details`` writes, from the cleaned form."""
        data = self.cleaned_data
        return {
            "career_history": data["career_history"],
            "skills": list(data["skills"]),
            "credits_url": data["credits_url"],
            "portfolio_url": data["portfolio_url"],
            "pull_quote": data["pull_quote"].strip(),
            "intro": data["intro"].strip(),
            "contact_opt_in": data["contact_opt_in"],
            "photo": data["photo"],
            "photo_alt": data["photo_alt"].strip(),
            "audio": data["audio"],
            "audio_transcript": data["audio_transcript"].strip(),
        }

    def is_spam(self):
        return bool(self.data.get("website_honeypot"))

    def answers(self):
        return [(PROMPTS[name], self.cleaned_data[name]) for name in PROMPTS]
