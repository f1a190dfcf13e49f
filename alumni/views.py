"""The public story form at /alumni/share-your-story/ (routed by AlumniIndexPage)."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.shortcuts import redirect

from alumni.forms import StorySubmissionForm
from alumni.services import DuplicateSubmission, story_submission_create

logger = logging.getLogger(__name__)


def _rate_limit_key(request):
    return f"story-submissions:{request.META.get('REMOTE_ADDR', 'unknown')}"


def _is_rate_limited(request):
    limit, _window = settings.STORY_SUBMISSION_RATE_LIMIT
    return limit is not None and cache.get(_rate_limit_key(request), 0) >= limit


def _count_submission(request):
    _limit, window = settings.STORY_SUBMISSION_RATE_LIMIT
    key = _rate_limit_key(request)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)


def share_story(request, index):
    thanks_url = index.url + index.reverse_subpage("share_story_thanks")
    status = 200
    error = None
    if request.method == "POST":
        form = StorySubmissionForm(request.POST)
        if _is_rate_limited(request):
            response = index.render(request, template="alumni/share_story_rate_limited.html")
            response.status_code = 429
            return response
        if form.is_spam():
            logger.info("Story form honeypot filled from %s; dropped", request.META.get("REMOTE_ADDR"))
            return redirect(thanks_url)
        if form.is_valid():
            data = form.cleaned_data
            try:
                story_submission_create(
                    index=index,
                    name=data["name"],
                    email=data["email"],
                    class_year=data["class_year"],
                    major=data["major"],
                    job_title=data["job_title"],
                    organisation=data["organisation"],
                    roles=list(data["roles"]),
                    answers=form.answers(),
                    submission_token=data["submission_token"],
                )
            except DuplicateSubmission:
                return redirect(thanks_url)
            except DatabaseError:
                logger.exception("Story submission failed to save")
                error = (
                    "Sorry, we could not save your story just now. Nothing was lost: your answers are "
                    "still below. Please try sending it again in a few minutes."
                )
                status = 503
            else:
                _count_submission(request)
                return redirect(thanks_url)
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
