"""Where a story sent through the public form is in its life: sent, confirmed by its writer, withdrawn.

The rest of its state is Wagtail's own (the page is live; its moderation workflow is in progress or
needs changes): ``alumni.submissions.story_status`` reads both. Kept beside the page, never in it, so
that no revision (a moderator's revert, an approval) can carry it back in time.
"""

import uuid

from django.db import models

from alumni.models.stories import AlumniInterviewPage


class StorySubmissionQuerySet(models.QuerySet):
    def hidden(self):
        """The submissions no moderator sees: not yet confirmed by their writer, or withdrawn."""
        return self.filter(models.Q(confirmed_at__isnull=True) | models.Q(withdrawn_at__isnull=False))


class StorySubmission(models.Model):
    """One story sent through the public form, and the key its writer's signed links name."""

    page = models.OneToOneField(AlumniInterviewPage, on_delete=models.CASCADE, related_name="submission")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the writer confirmed their address; moderation starts then."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text="When the writer withdrew the story.")
    published_notice_sent = models.BooleanField(
        default=False, help_text="The writer has been told the story is live (again false once it is unpublished)."
    )

    objects = StorySubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "story submission"

    def __str__(self):
        return f"Submission of {self.page.title}"
