"""A story's life after the public form: its writer's signed links, its status, and what the writer
can do with it (confirm, edit, withdraw, delete), with the clean-up of stories never confirmed.

- Sent: ``alumni.services.story_submission_create`` saves the alumnus, an unpublished draft and a
  ``StorySubmission``, and e-mails the writer a confirmation link. No moderator sees the draft yet
  (``alumni.wagtail_hooks`` leaves it out of the admin) and no workflow runs.
- Confirmed (a POST from the link, so that a mail scanner opening it confirms nothing): the draft goes
  to the "Alumni story moderation" workflow; moderators are told by Wagtail, the writer by us.
- Changes requested, published: Wagtail's signals (``connect_signals``) e-mail the writer.
- Edited (in review or when changes are requested): a new revision, back to moderation from the start.
- Withdrawn: unpublished, its workflow cancelled; nothing public. Deleted: everything, at once.
- Never confirmed within ``UNCONFIRMED_DAYS``, or withdrawn for ``WITHDRAWN_DAYS``: deleted by
  ``manage.py purge_story_submissions`` (README "Alumni stories").

Links are signed with the site's ``SECRET_KEY`` (``django.core.signing``), each purpose with its own
salt: a manage link cannot serve as a confirmation link, nor the reverse. A confirmation link expires;
a manage link lives as long as the story, and every e-mail carries a fresh one.
"""

import logging
import uuid
from datetime import timedelta
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, WorkflowState
from wagtail.search import index as search_index
from wagtail.signals import page_published, page_unpublished, workflow_rejected

from alumni.emails import queue_story_email
from alumni.models.privacy import PrivacyNoticePage
from alumni.models.stories import AlumniInterviewPage, Alumnus
from alumni.models.submissions import StorySubmission
from alumni.story_details import apply_story_details, default_intro, discard_files
from portal.mail import forget_mail_to

logger = logging.getLogger(__name__)

UNCONFIRMED_DAYS = 7  # a confirmation link's life, and an unconfirmed story's (the privacy notice says so)
WITHDRAWN_DAYS = 30  # how long a withdrawn story is kept before it is deleted
CONFIRM_SALT = "alumni.story.confirm"
MANAGE_SALT = "alumni.story.manage"

AWAITING_CONFIRMATION = "awaiting confirmation"
IN_REVIEW = "in review"
CHANGES_REQUESTED = "changes requested"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
EDITABLE = (IN_REVIEW, CHANGES_REQUESTED)
WITHDRAWABLE = (IN_REVIEW, CHANGES_REQUESTED, PUBLISHED)

# The fields of an interview that hold a file its writer sent: foreign keys to a Wagtail image or media
# item (models with an ``uploaded_by_user``). Deleting a story deletes the files any of its revisions
# named that nobody signed in uploaded (the public form's); a file staff chose from the library stays.
STORY_FILE_FIELDS = ("image", "audio")


class LinkInvalid(Exception):
    """The link was not made by this site (forged, cut short) or its story no longer exists: a 404."""


class LinkExpired(Exception):
    """A genuine confirmation link, too old to use: a 403."""


# Signed links ---------------------------------------------------------------------------------------


# Wagtail serves only paths of letters, digits, "_" and "-": a signed value's ":" separators travel as
# "-" (neither the key's hex nor the base62 timestamp holds one; the signature may, so it comes last).


def confirm_token(submission):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(submission.key.hex).replace(":", "-")


def manage_token(submission):
    return signing.Signer(salt=MANAGE_SALT).sign(submission.key.hex).replace(":", "-")


def submission_for_token(token, *, confirm=False):
    """The submission a signed link names, with its page, alumnus and the content of the page's latest
    revision (``latest_content``, for ``story_draft``), in one query. Raises ``LinkExpired``
    for a confirmation link older than ``UNCONFIRMED_DAYS``, ``LinkInvalid`` for anything else wrong."""
    try:
        if confirm:
            signed = ":".join(token.split("-", 2))
            key = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(signed, max_age=timedelta(days=UNCONFIRMED_DAYS))
        else:
            key = signing.Signer(salt=MANAGE_SALT).unsign(":".join(token.split("-", 1)))
        key = uuid.UUID(hex=key)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkInvalid from exc
    latest = Revision.objects.filter(pk=OuterRef("page__latest_revision_id")).values("content")[:1]
    submission = (
        StorySubmission.objects.select_related("page__alumnus")
        .annotate(latest_content=Subquery(latest))
        .filter(key=key)
        .first()
    )
    if submission is None:
        raise LinkInvalid
    return submission


def story_links(submission):
    """Full addresses of the writer's links (the routes of the alumni index, the story's parent)."""
    index = submission.page.get_parent().specific
    base = index.get_full_url()  # ends with a slash; routes do not start with one
    return {
        "confirm_url": base + index.reverse_subpage("story_confirm", args=[confirm_token(submission)]),
        "manage_url": base + index.reverse_subpage("story_manage", args=[manage_token(submission)]),
    }


def email_writer(submission, kind, **context):
    """Queue the ``kind`` e-mail (``alumni.emails``) to the story's writer, with their links."""
    page = submission.page
    privacy = PrivacyNoticePage.objects.live().first()
    queue_story_email(
        kind,
        to=page.alumnus.email,
        context={
            "name": page.alumnus.name,
            "title": page.title,
            "days": UNCONFIRMED_DAYS,
            "privacy_url": privacy.get_full_url() if privacy else "",
            **story_links(submission),
            **context,
        },
    )


def submission_start(*, page):
    """A story the public form just saved as a draft (``alumni.services``): its submission record, out
    of every search (the admin's too) until its writer confirms it, and the e-mail with their link."""
    submission = StorySubmission.objects.create(page=page)
    search_index.remove_object(page)  # indexed when saved, before it was known to be a submission
    email_writer(submission, "confirm")
    return submission


# Status -------------------------------------------------------------------------------------------


def story_status(submission):
    """(status, the moderator's comment when changes are requested) of a submission, from its own
    dates and the page's live flag and moderation workflow (one query once confirmed)."""
    if submission.withdrawn_at:
        return WITHDRAWN, ""
    if submission.confirmed_at is None:
        return AWAITING_CONFIRMATION, ""
    if submission.page.live:
        return PUBLISHED, ""
    state = submission.page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return CHANGES_REQUESTED, state.current_task_state.comment if state.current_task_state else ""
    return IN_REVIEW, ""


def story_draft(submission):
    """The story as its writer last left it (its latest revision): title, intro and body, and ``page``,
    that revision as a page (unsaved; its foreign keys as ids, but the alumnus), for the edit form.
    Read from the revision's content (fetched with the submission by ``submission_for_token``), without
    the queries Wagtail's revision makes to build the page."""
    page = submission.page
    if hasattr(submission, "latest_content"):
        content = submission.latest_content
    else:
        content = Revision.objects.filter(pk=page.latest_revision_id).values_list("content", flat=True).first()
    draft = page
    if content:
        draft = AlumniInterviewPage.from_serializable_data(content, check_fks=False)
        draft.alumnus = page.alumnus
    return SimpleNamespace(title=draft.title, intro=draft.intro, body=draft.body, page=draft)


def hidden_story_ids():
    """The pages moderators do not see: stories not yet confirmed by their writer, or withdrawn."""
    return StorySubmission.objects.hidden().values("page_id")


def hidden_alumnus_ids():
    return StorySubmission.objects.hidden().values("page__alumnus_id")


# What the writer does --------------------------------------------------------------------------------


def _send_to_moderation(page):
    """Start the moderation workflow of the page's parent afresh (cancelling one already running)."""
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    workflow = page.get_workflow()
    if workflow is None:
        logger.warning("No moderation workflow for story %s: it waits as a draft only", page.pk)
        return
    workflow.start(page, user=None)


def submission_confirm(*, submission):
    """The writer confirmed their address: the story goes to moderation and they are told. Once only:
    a second confirmation (a resent form) changes nothing. Returns whether this call confirmed it."""
    with transaction.atomic():
        locked = StorySubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.confirmed_at is not None:
            return False
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
        page = AlumniInterviewPage.objects.get(pk=locked.page_id)
        search_index.insert_or_update_object(page)
        _send_to_moderation(page)
        email_writer(locked, "received")
    submission.confirmed_at = locked.confirmed_at
    return True


def story_submission_update(*, submission, name, class_year, major, job_title, organisation, details, answers):
    """The writer's edit (in review, or changes requested): the alumnus's details and a new revision of
    the story, which goes back to moderation from the start. Nothing public changes. The same fields
    as ``alumni.services.story_submission_create`` takes, but the address, which the writer confirmed;
    ``details`` as there (``apply_story_details``), with ``remove_photo``/``remove_audio``. A failure
    stores no file."""
    stored = []
    try:
        with transaction.atomic():
            page = AlumniInterviewPage.objects.select_related("alumnus").get(pk=submission.page_id)
            alumnus = page.alumnus
            alumnus.name, alumnus.class_year, alumnus.major = name, class_year, major
            alumnus.job_title, alumnus.organisation = job_title, organisation

            draft = page.get_latest_revision_as_object()
            draft.title = name
            draft.intro = default_intro(
                name=name, class_year=class_year, job_title=job_title, organisation=organisation
            )
            draft.body = [("qa", {"question": question, "answer": answer}) for question, answer in answers]
            stored = apply_story_details(draft, alumnus, details)  # checks and saves the alumnus
            draft.save_revision()
            _send_to_moderation(page)
            email_writer(submission, "received")
    except BaseException:
        discard_files(stored)
        raise


def submission_contact_off(*, submission):
    """The writer no longer wants students' messages: the contact form of their story closes at once
    (published or not); an edit can open it again."""
    alumnus = submission.page.alumnus
    if alumnus.contact_opt_in:
        alumnus.contact_opt_in = False
        alumnus.save(update_fields=["contact_opt_in"])  # the story's cached page is refreshed with it


def submission_withdraw(*, submission):
    """Take the story off the site and out of moderation; kept (private) until ``WITHDRAWN_DAYS`` pass
    or the writer deletes it."""
    with transaction.atomic():
        page = AlumniInterviewPage.objects.get(pk=submission.page_id)
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=None)
        if page.live:
            page.unpublish(log_action=False)
        alumnus = page.alumnus
        if alumnus.is_public and not alumnus.interviews.live().exists():
            alumnus.is_public = False
            alumnus.save(update_fields=["is_public"])  # re-indexed, and the caches refreshed
        StorySubmission.objects.filter(pk=submission.pk).update(withdrawn_at=timezone.now())
        search_index.remove_object(page)


def _story_file_ids(pages):
    """The ids of the files sent with these interviews, in every revision, per file model."""
    ids = {name: set() for name in STORY_FILE_FIELDS}
    for page in pages:
        for name in STORY_FILE_FIELDS:
            if value := getattr(page, f"{name}_id", None):
                ids[name].add(value)
        for content in page.revisions.values_list("content", flat=True):
            for name in STORY_FILE_FIELDS:
                if value := (content or {}).get(name):
                    ids[name].add(value)
    return ids


def delete_story_and_data(*, alumnus):
    """Delete, at once and for good, everything the portal holds of an alumnus who sent a story: every
    interview page of theirs with its revisions, workflow states and log entries, the files sent with
    it, the Alumnus with the roles they listed and its log entries, the submission records, and the
    e-mails to their address kept in the mail queue."""
    with transaction.atomic():
        pages = list(AlumniInterviewPage.objects.filter(alumnus_id=alumnus.pk))
        file_ids = _story_file_ids(pages)
        page_ids = [page.pk for page in pages]
        for page in pages:
            page.delete()
        PageLogEntry.objects.filter(page_id__in=page_ids).delete()
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Alumnus), object_id=str(alumnus.pk)
        ).delete()
        for name, ids in file_ids.items():
            files = AlumniInterviewPage._meta.get_field(name).related_model.objects
            for sent in files.filter(pk__in=ids, uploaded_by_user__isnull=True):
                sent.delete()  # Wagtail deletes the file (and an image's renditions) with it
        Alumnus.objects.filter(pk=alumnus.pk).delete()
        if alumnus.email:
            forget_mail_to(alumnus.email)  # the copies of the e-mails we sent them, in the mail queue


def purge_stale_submissions(*, now=None):
    """Delete the stories never confirmed within ``UNCONFIRMED_DAYS`` and those withdrawn more than
    ``WITHDRAWN_DAYS`` ago, with all their data. Returns (unconfirmed, withdrawn) counts."""
    now = now or timezone.now()
    unconfirmed = StorySubmission.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    )
    withdrawn = StorySubmission.objects.filter(withdrawn_at__lt=now - timedelta(days=WITHDRAWN_DAYS))
    counts = []
    for stale in (unconfirmed, withdrawn):
        alumni = Alumnus.objects.filter(pk__in=stale.values("page__alumnus_id"))
        for alumnus in alumni:
            delete_story_and_data(alumnus=alumnus)
        counts.append(len(alumni))
    return tuple(counts)


# Wagtail's signals: the writer hears what the moderators decided ---------------------------------


def _submission_of(page_id):
    return StorySubmission.objects.select_related("page__alumnus").filter(page_id=page_id).first()


def tell_writer_changes_requested(sender, instance, user=None, **kwargs):
    """A moderator chose "Request changes": the writer gets the comment and their manage link."""
    if instance.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return
    submission = _submission_of(int(instance.object_id))
    if submission is None:
        return
    task_state = instance.current_task_state
    email_writer(submission, "changes_requested", comment=task_state.comment if task_state else "")


def tell_writer_published(sender, instance, **kwargs):
    """The story went live: the writer gets its address, once per time it goes live."""
    if StorySubmission.objects.filter(page_id=instance.pk, published_notice_sent=False).update(
        published_notice_sent=True
    ):
        submission = _submission_of(instance.pk)
        email_writer(submission, "published", story_url=submission.page.get_full_url())


def forget_published_notice(sender, instance, **kwargs):
    StorySubmission.objects.filter(page_id=instance.pk).update(published_notice_sent=False)


def connect_signals():
    workflow_rejected.connect(tell_writer_changes_requested, dispatch_uid="alumni-writer-changes-requested")
    page_published.connect(tell_writer_published, sender=AlumniInterviewPage, dispatch_uid="alumni-writer-published")
    page_unpublished.connect(
        forget_published_notice, sender=AlumniInterviewPage, dispatch_uid="alumni-writer-unpublished"
    )
