"""The writer's edit of their story: the public form (``StorySubmissionForm``) without the address,
which they confirmed and cannot change here, and without the one-time token, filled in with the story
as it stands (its latest revision). A photo or clip the story has is kept unless the writer sends a new
one or ticks its "remove" box."""

from django import forms

from alumni.forms import PROMPTS, StorySubmissionForm
from alumni.story_details import default_intro, story_details_initial

NOT_EDITABLE = ("email", "submission_token")


class StoryEditForm(StorySubmissionForm):
    remove_photo = forms.BooleanField(label="Remove the photo you sent", required=False)
    remove_audio = forms.BooleanField(label="Remove the audio clip you sent", required=False)

    def __init__(self, *args, has_photo=False, has_audio=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NOT_EDITABLE:
            del self.fields[name]
        self.has_photo, self.has_audio = has_photo, has_audio
        if has_photo:
            self.fields["photo"].label = "Replace your photo (optional)"
        else:
            del self.fields["remove_photo"]
        if has_audio:
            self.fields["audio"].label = "Replace your audio clip (optional)"
        else:
            del self.fields["remove_audio"]

    def clean(self):
        cleaned = super().clean()
        keeps_photo = self.has_photo and not cleaned.get("remove_photo") and not cleaned.get("photo")
        if keeps_photo and not cleaned.get("photo_alt", "").strip() and "photo_alt" not in self.errors:
            self.add_error("photo_alt", "Describe your photo in a few words for people who cannot see it.")
        keeps_audio = self.has_audio and not cleaned.get("remove_audio") and not cleaned.get("audio")
        if keeps_audio and not cleaned.get("audio_transcript", "").strip() and "audio_transcript" not in self.errors:
            self.add_error("audio_transcript", "Give the transcript of your clip for people who cannot hear it.")
        return cleaned

    def story_details(self):
        details = super().story_details()
        details["remove_photo"] = bool(self.cleaned_data.get("remove_photo"))
        details["remove_audio"] = bool(self.cleaned_data.get("remove_audio"))
        return details


def story_form_initial(alumnus, story, draft):
    """The form's values for the ``alumnus`` and their ``story`` (as ``alumni.submissions.story_draft``
    reads it: its latest revision), with the richer details of ``draft`` (that revision as a page)."""
    answers = {block.value["question"]: block.value["answer"] for block in story.body if block.block_type == "qa"}
    initial = {
        "name": alumnus.name,
        "class_year": alumnus.class_year,
        "major": alumnus.major,
        "job_title": alumnus.job_title,
        "organisation": alumnus.organisation,
        **story_details_initial(draft),
        **{name: answers.get(question, "") for name, question in PROMPTS.items()},
    }
    generated = default_intro(
        name=alumnus.name, class_year=alumnus.class_year, job_title=alumnus.job_title, organisation=alumnus.organisation
    )
    if initial["intro"] == generated:  # not the writer's own words: made again from their details
        initial["intro"] = ""
    return initial
