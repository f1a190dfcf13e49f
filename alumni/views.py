"""The alumni index's own routes (``AlumniIndexPage``): the interview listing and the public story form."""

import contextlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.shortcuts import redirect

from alumni import selectors, uploads
from alumni.forms import StorySubmissionForm
from alumni.services import DuplicateSubmission, story_submission_create

logger = logging.getLogger(__name__)


def _rate_limit_key(request):
    return f"story-submissions:{request.META.get('REMOTE_ADDR', 'unknown')}"


def _take_submission_slot(request):
    """Count this post against its address's limit in one atomic cache step (``add``, else ``incr``),
    so that posts sent at once cannot all pass a check made before any of them is counted. False when
    the address is over its limit. With the cache down, nothing can be counted and the post passes."""
    limit, window = settings.STORY_SUBMISSION_RATE_LIMIT
    if limit is None:
        return True
    key = _rate_limit_key(request)
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1 if cache.add(key, 1, timeout=window) else None
    return count is None or count <= limit


def _give_back_submission_slot(request):
    """A post that saved nothing (invalid, spam, a double click, a failed save) does not count."""
    if settings.STORY_SUBMISSION_RATE_LIMIT[0] is None:
        return
    with contextlib.suppress(ValueError):  # expired meanwhile
        cache.decr(_rate_limit_key(request))


def interview_list(request, index):
    return index.render(request, context_overrides=selectors.interview_listing(index, request.GET))


def share_story(request, index):
    thanks_url = index.url + index.reverse_subpage("share_story_thanks")
    status = 200
    error = None
    if request.method == "POST":
        if uploads.request_too_large(request):  # before anything reads the body
            response = index.render(
                request,
                template="alumni/share_story_too_large.html",
                context_overrides={"max_size": settings.STORY_FORM_MAX_REQUEST_SIZE},
            )
            response.status_code = 413
            return response
        form = StorySubmissionForm(request.POST, request.FILES)
        if not _take_submission_slot(request):
            _give_back_submission_slot(request)
            response = index.render(request, template="alumni/share_story_rate_limited.html")
            response.status_code = 429
            return response
        if form.is_spam():
            _give_back_submission_slot(request)
            logger.info("Story form honeypot filled from %s; dropped", request.META.get("REMOTE_ADDR"))
            return redirect(thanks_url)
        if form.is_valid():
            data = form.cleaned_data
            try:
                story_submission_create(
                    index=index,
                    **form.alumnus_fields(),
                    email=data["email"],
                    details=form.story_details(),
                    answers=form.answers(),
                    submission_token=data["submission_token"],
                )
            except DuplicateSubmission:
                _give_back_submission_slot(request)
                return redirect(thanks_url)
            except DatabaseError:
                _give_back_submission_slot(request)
                logger.exception("Story submission failed to save")
                error = (
                    "Sorry, we could not save your story just now. Nothing was lost: your answers are "
                    "still below. Please try sending it again in a few minutes."
                )
                status = 503
            else:
                return redirect(thanks_url)
        else:
            _give_back_submission_slot(request)
    else:
        form = StorySubmissionForm(initial={"submission_token": uuid.uuid4()})
    response = index.render(
        request,
        template="alumni/share_story.html",
        context_overrides={
            "form": form,
            "save_error": error,
            "meta_title": "Share your story",
            "meta_description": "Graduates: tell students how you built your career in music production "
            "and engineering.",
        },
    )
    response.status_code = status
    return response
