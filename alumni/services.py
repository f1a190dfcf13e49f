"""Writes for the alumni app: a public story submission becomes a moderated draft."""

import logging

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from alumni.models.stories import AlumniInterviewPage, Alumnus
from alumni.story_details import apply_story_details, discard_files

logger = logging.getLogger(__name__)


class DuplicateSubmission(Exception):
    """The same form was sent twice (a double click, a resent POST)."""


def _intro(*, name, class_year, job_title, organisation):
    where = f" at {organisation}" if organisation else ""
    return f"{name}, class of {class_year}, works as {job_title}{where}."


def story_submission_create(
    *, index, name, email, class_year, major, job_title, organisation, details, answers, submission_token
):
    """Create the alumnus and an unpublished interview draft in one transaction, and submit the draft
    to the alumni index's moderation workflow. Nothing is published here. ``details`` (the form's
    ``story_details()``: career history, skills, links, pull quote, photo, audio...) are written by
    ``apply_story_details``; a failure stores no file.

    Raises ``DuplicateSubmission`` when ``submission_token`` was already used.
    """
    if Alumnus.objects.filter(submission_token=submission_token).exists():
        raise DuplicateSubmission
    stored = []
    try:
        with transaction.atomic():
            alumnus = Alumnus(
                name=name,
                email=email,
                class_year=class_year,
                major=major,
                job_title=job_title,
                organisation=organisation,
                submission_token=submission_token,
            )
            page = AlumniInterviewPage(
                title=name,
                slug=f"{slugify(name)[:40] or 'story'}-{submission_token.hex[:8]}",
                alumnus=alumnus,
                intro=_intro(name=name, class_year=class_year, job_title=job_title, organisation=organisation),
                body=[("qa", {"question": question, "answer": answer}) for question, answer in answers],
                live=False,
            )
            stored = apply_story_details(page, alumnus, details)  # checks and saves the alumnus, once
            index.add_child(instance=page)
            revision = page.save_revision(log_action=True)
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, user=None)
            else:
                logger.warning("No moderation workflow on %s: story %s saved as a draft only", index, page.pk)
    except IntegrityError as exc:
        discard_files(stored)
        if Alumnus.objects.filter(submission_token=submission_token).exists():
            raise DuplicateSubmission from exc
        raise
    except BaseException:
        discard_files(stored)
        raise
    return page, revision
