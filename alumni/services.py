"""Writes for the alumni app: a public story submission becomes a draft, moderated once its writer
confirms it (``alumni.submissions``)."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from alumni.models.stories import AlumniInterviewPage, Alumnus
from alumni.story_details import apply_story_details, default_intro, discard_files
from alumni.submissions import submission_start


class DuplicateSubmission(Exception):
    """The same form was sent twice (a double click, a resent POST)."""


def story_submission_create(
    *, index, name, email, class_year, major, job_title, organisation, details, answers, submission_token
):
    """Create the alumnus, an unpublished interview draft and its ``StorySubmission`` in one transaction,
    and e-mail the writer a link to confirm it (on commit). Moderation starts when they confirm
    (``alumni.submissions.submission_confirm``); until then no moderator sees the draft. ``details``
    (the form's ``story_details()``: career history, skills, links, pull quote, photo, audio...) are
    written by ``apply_story_details``; a failure stores no file.

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
                intro=default_intro(name=name, class_year=class_year, job_title=job_title, organisation=organisation),
                body=[("qa", {"question": question, "answer": answer}) for question, answer in answers],
                live=False,
            )
            stored = apply_story_details(page, alumnus, details)  # checks and saves the alumnus, once
            index.add_child(instance=page)
            revision = page.save_revision()
            submission_start(page=page)
    except IntegrityError as exc:
        discard_files(stored)
        if Alumnus.objects.filter(submission_token=submission_token).exists():
            raise DuplicateSubmission from exc
        raise
    except BaseException:
        discard_files(stored)
        raise
    return page, revision
