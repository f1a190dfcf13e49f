"""The writer's edit of their story: the public form (``StorySubmissionForm``) without the address,
which they confirmed and cannot change here, and without the one-time token, filled in with the story
as it stands (its latest revision)."""

from alumni.forms import PROMPTS, StorySubmissionForm

NOT_EDITABLE = ("email", "submission_token")


class StoryEditForm(StorySubmissionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NOT_EDITABLE:
            del self.fields[name]


def story_form_initial(alumnus, story):
    """The form's values for the ``alumnus`` and their ``story`` (as ``alumni.submissions.story_draft``
    reads it: its latest revision)."""
    answers = {block.value["question"]: block.value["answer"] for block in story.body if block.block_type == "qa"}
    return {
        "name": alumnus.name,
        "class_year": alumnus.class_year,
        "major": alumnus.major,
        "job_title": alumnus.job_title,
        "organisation": alumnus.organisation,
        "roles": [link.role_id for link in alumnus.role_links.order_by("sort_order")],
        **{name: answers.get(question, "") for name, question in PROMPTS.items()},
    }
