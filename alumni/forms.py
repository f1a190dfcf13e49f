from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from alumni.models.stories import EARLIEST_CLASS_YEAR, LATEST_CLASS_YEAR
from careers.models import RolePage
from portal.input_checks import MAX_DATABASE_INTEGER

ANSWER_MAX_LENGTH = 4000

PROMPTS = {
    "how_started": "How did you get started?",
    "typical_day": "What does a typical day look like?",
    "advice": "What advice would you give a student who wants to do what you do?",
}


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """Role ids past any the database can hold are no role (SQLite cannot even compare them)."""

    def clean(self, value):
        for pk in value or []:
            if str(pk).strip().isdigit() and int(pk) > MAX_DATABASE_INTEGER:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super().clean(value)


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
    roles = RoleChoiceField(
        label="The roles you work in",
        queryset=RolePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose one or more (at most 5).",
        error_messages={"required": "Choose at least one role you work in."},
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
        self.fields["roles"].queryset = RolePage.objects.live().order_by("title")
        self.fields["roles"].label_from_instance = lambda role: role.title

    def clean_roles(self):
        roles = self.cleaned_data["roles"]
        if len(roles) > 5:
            raise forms.ValidationError("Choose at most 5 roles.")
        return roles

    def is_spam(self):
        return bool(self.data.get("website_honeypot"))

    def answers(self):
        return [(PROMPTS[name], self.cleaned_data[name]) for name in PROMPTS]
