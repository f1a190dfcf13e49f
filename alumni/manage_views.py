"""The writer's own pages, reached only through the signed links in their e-mails (routes of the alumni
index, ``AlumniIndexPage``): confirm the story, then see it and its status, edit, withdraw or delete it.

A link this site did not make answers 404, an expired confirmation link 403, each with a page of the
site's own that says what to do. Every action that changes something is a POST with its CSRF token; a
GET only shows a button. These pages are private: never stored by a cache, never indexed, and they
send no referrer (the address is the key)."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

from wagtail.images import get_image_model

from alumni import submissions, uploads
from alumni.manage_forms import StoryEditForm, story_form_initial
from alumni.submissions import LinkExpired, LinkInvalid


def _private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _render(request, index, template, http_status=200, **context):
    # Their own description: search engines are told not to index them, and the index's is not read.
    context = {"meta_description": "A private page for the writer of an alumni story.", **context}
    response = index.render(request, template=f"alumni/manage/{template}", context_overrides=context)
    response.status_code = http_status
    return _private(response)


def _manage_path(index, submission):
    return index.url + index.reverse_subpage("story_manage", args=[submissions.manage_token(submission)])


def _open(request, index, token, *, confirm=False):
    """(submission, None) for a good link, else (None, the 404 or 403 answer)."""
    try:
        return submissions.submission_for_token(token, confirm=confirm), None
    except LinkExpired:
        return None, _render(request, index, "link_expired.html", http_status=403, days=submissions.UNCONFIRMED_DAYS)
    except LinkInvalid:
        return None, _render(request, index, "link_invalid.html", http_status=404)


def _story_context(submission, token):
    status, comment = submissions.story_status(submission)
    return {
        "submission": submission,
        "story": submissions.story_draft(submission),
        "status": status,
        "comment": comment,
        "token": token,
        "can_edit": status in submissions.EDITABLE,
        "can_withdraw": status in submissions.WITHDRAWABLE,
        "meta_title": "Your story",
    }


def story_confirm(request, index, token):
    submission, refused = _open(request, index, token, confirm=True)
    if refused:
        return refused
    if request.method == "POST":
        submissions.submission_confirm(submission=submission)
        return _private(redirect(_manage_path(index, submission)))
    return _render(
        request, index, "confirm.html", submission=submission, token=token, manage_path=_manage_path(index, submission)
    )


def story_manage(request, index, token):
    submission, refused = _open(request, index, token)
    if refused:
        return refused
    return _render(request, index, "story.html", **_story_context(submission, token))


def story_edit(request, index, token):
    submission, refused = _open(request, index, token)
    if refused:
        return refused
    context = _story_context(submission, token)
    if not context["can_edit"]:
        return _render(request, index, "story.html", http_status=409, not_editable=True, **context)
    draft = context["story"].page
    if draft.image_id:  # the revision may name a photo deleted from the library since: then none
        draft.image = get_image_model().objects.filter(pk=draft.image_id).first()
    files = {"has_photo": bool(draft.image_id), "has_audio": bool(draft.audio_id)}
    if request.method == "POST":
        if uploads.request_too_large(request):  # before anything reads the body
            return _render(
                request,
                index,
                "too_large.html",
                http_status=413,
                max_size=settings.STORY_FORM_MAX_REQUEST_SIZE,
                **context,
            )
        form = StoryEditForm(request.POST, request.FILES, **files)
        if form.is_spam():
            return _private(redirect(_manage_path(index, submission)))
        if form.is_valid():
            submissions.story_submission_update(
                submission=submission,
                **form.alumnus_fields(),
                details=form.story_details(),
                answers=form.answers(),
            )
            return _private(redirect(_manage_path(index, submission)))
    else:
        form = StoryEditForm(initial=story_form_initial(submission.page.alumnus, context["story"], draft), **files)
    return _render(request, index, "edit.html", form=form, **context)


def story_contact_off(request, index, token):
    """The writer stops students' messages (a POST from the button on their story's page)."""
    submission, refused = _open(request, index, token)
    if refused:
        return refused
    if request.method == "POST":
        submissions.submission_contact_off(submission=submission)
    return _private(redirect(_manage_path(index, submission)))


def story_withdraw(request, index, token):
    submission, refused = _open(request, index, token)
    if refused:
        return refused
    context = _story_context(submission, token)
    if not context["can_withdraw"]:
        return _private(redirect(_manage_path(index, submission)))
    if request.method == "POST":
        submissions.submission_withdraw(submission=submission)
        return _private(redirect(_manage_path(index, submission)))
    return _render(request, index, "withdraw.html", **context)


def story_delete(request, index, token):
    submission, refused = _open(request, index, token)
    if refused:
        return refused
    if request.method == "POST":
        submissions.delete_story_and_data(alumnus=submission.page.alumnus)
        return _private(redirect(index.url + index.reverse_subpage("story_deleted")))
    return _render(request, index, "delete.html", **_story_context(submission, token))


def story_deleted(request, index):
    return _render(request, index, "deleted.html")
