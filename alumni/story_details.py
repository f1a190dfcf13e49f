"""Writes the richer parts of a story: career history, skills, links, pull quote, contact opt-in, photo
and audio clip. Used by a new submission (``alumni.services.story_submission_create``) and by any later
edit of it, so that both store the same things the same way.

Files: the photo is stored re-encoded (``alumni.uploads.clean_photo``) as a Wagtail image in the
"Alumni photos" collection, the clip as a wagtailmedia item in "Alumni audio", each under a random
name (nothing in its address says whose it is, and it cannot be guessed). The page stays a draft until
a moderator publishes it: no public page shows or links the files before then, no rendition is made for
the public until the published page is first shown, and the API lists an alumni photo only once its
story is live (``alumni.api_views``).
"""

import uuid

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission
from wagtailmedia import get_media_model

from alumni.models.stories import AlumnusRole

PHOTOS_COLLECTION = "Alumni photos"
AUDIO_COLLECTION = "Alumni audio"


def alumni_collection(name):
    """The collection for alumni files (created under the root when missing)."""
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=name).first()
    return found or root.add_child(name=name)


def ensure_alumni_collections(group):
    """The two collections, and ``group`` (the moderators) allowed to see, choose, add and change the
    images and audio in them, so that they can review and edit a story's photo and clip."""
    permissions = {
        PHOTOS_COLLECTION: ("wagtailimages", ["add_image", "change_image", "choose_image"]),
        AUDIO_COLLECTION: ("wagtailmedia", ["add_media", "change_media"]),
    }
    for name, (app_label, codenames) in permissions.items():
        collection = alumni_collection(name)
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def default_intro(*, name, class_year, job_title, organisation):
    """The introduction of a story whose writer did not write one."""
    where = f" at {organisation}" if organisation else ""
    return f"{name}, class of {class_year}, works as {job_title}{where}."


def apply_story_details(page, alumnus, data):
    """Write ``data`` (``StorySubmissionForm.story_details()``) onto ``alumnus`` (saved here) and
    ``page`` (not saved: the caller adds it or saves a revision, so the tags and files go in with it).

    ``photo``/``audio`` None keep what the page has; ``remove_photo``/``remove_audio`` (an edit) clear
    it. Returns the files stored, for the caller to delete if its transaction fails (``discard_files``).
    """
    stored = []
    try:
        alumnus.credits_url = data.get("credits_url", "")
        alumnus.portfolio_url = data.get("portfolio_url", "")
        alumnus.contact_opt_in = bool(data.get("contact_opt_in"))
        alumnus.role_links = [
            AlumnusRole(role=role, start_year=year, is_current=current, sort_order=order)
            for order, (role, year, current) in enumerate(data["career_history"])
        ]
        alumnus.full_clean(exclude=["submission_token"])
        alumnus.save()

        page.tags.set(list(data.get("skills", [])))
        page.pull_quote = data.get("pull_quote", "")
        if data.get("intro"):  # else the caller's (a generated one for a new story)
            page.intro = data["intro"]
        if data.get("photo") is not None:
            page.image = _store_photo(data["photo"], alt=data["photo_alt"], name=alumnus.name)
            stored.append(page.image.file)
        elif data.get("remove_photo"):
            page.image = None
        elif (
            page.image_id
            and data.get("photo_alt")
            and page.image.uploaded_by_user_id is None
            and page.image.description != data["photo_alt"]
        ):  # an edit that keeps the photo the writer sent (not one staff chose): its alt text, as sent
            page.image.description = data["photo_alt"]
            page.image.save(update_fields=["description"])
        if data.get("audio") is not None:
            upload, checked = data["audio"]
            page.audio = _store_audio(upload, checked, name=alumnus.name)
            page.audio_transcript = data["audio_transcript"]
            stored.append(page.audio.file)
        elif data.get("remove_audio"):
            page.audio, page.audio_transcript = None, ""
        elif page.audio_id and data.get("audio_transcript"):
            page.audio_transcript = data["audio_transcript"]
    except BaseException:
        discard_files(stored)
        raise
    return stored


def _store_photo(photo, *, alt, name):
    image = get_image_model()(
        title=f"Photo of {name}"[:255],
        description=alt,
        collection=alumni_collection(PHOTOS_COLLECTION),
        file=ImageFile(ContentFile(photo.content), name=f"{uuid.uuid4().hex}{photo.extension}"),
    )
    image.save()
    return image


def _store_audio(upload, checked, *, name):
    upload.seek(0)
    media = get_media_model()(
        title=f"Audio clip of {name}"[:255],
        type="audio",
        duration=round(checked.seconds, 2),
        collection=alumni_collection(AUDIO_COLLECTION),
    )
    media.file.save(f"{uuid.uuid4().hex}{checked.extension}", upload, save=False)
    media.save()
    return media


def discard_files(stored):
    """Delete stored files whose records were rolled back (a failed submission keeps nothing)."""
    for field_file in stored:
        if field_file and field_file.name:
            field_file.storage.delete(field_file.name)


def story_details_initial(page):
    """The form's initial values for an existing story (an edit), the inverse of ``apply_story_details``
    for everything but the files (a browser cannot fill in a file field). ``page`` may be a revision's
    (``alumni.submissions.story_draft``)."""
    alumnus = page.alumnus
    initial = {
        "credits_url": alumnus.credits_url,
        "portfolio_url": alumnus.portfolio_url,
        "contact_opt_in": alumnus.contact_opt_in,
        "pull_quote": page.pull_quote,
        "intro": page.intro,
        "skills": [item.tag_id for item in page.tagged_items.all()],  # a revision's page: no query
        "audio_transcript": page.audio_transcript,
        "photo_alt": page.image.description if page.image_id else "",
    }
    for n, link in enumerate(alumnus.role_links.order_by("sort_order")):
        initial[f"history_{n}_role"] = str(link.role_id)
        initial[f"history_{n}_start_year"] = link.start_year
        initial[f"history_{n}_current"] = link.is_current
    return initial
