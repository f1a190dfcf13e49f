"""The writer's private pages and the richer story: editing the career history, skills, links, pull
quote, photo and clip with the link in their e-mails; stopping students' messages; deleting a story
(or its purge) takes its photo and clip with it."""

import re
from datetime import timedelta

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtailmedia import get_media_model

from alumni.models import AlumniInterviewPage, Alumnus, StorySubmission
from tests.story_files import (
    approve,
    image_bytes,
    stored_files,
    upload,
)
from tests.story_mail import committed, emails_to, link_in, send_and_confirm, send_story

WRITER = "dana@example.com"


def story():
    return AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor")


def manage_link():
    return link_in(emails_to(WRITER)[-1], "/manage/")


def edit_fields(full_story, **overrides):
    """The edit form's fields: the public form's, without the address and the one-time token, and
    without files (a browser sends none unless the writer chooses one)."""
    data = full_story(photo="", audio="", **overrides)
    del data["email"], data["submission_token"]
    return data


def checked(html, name):
    return re.search(rf'<input type="checkbox" name="{name}"[^>]*\bchecked\b', html) is not None


def test_the_edit_form_is_filled_in_with_every_part_of_the_story(client, full_story, second_role):
    send_and_confirm(client, full_story(intro="Dana runs monitors for touring bands."))
    html = client.get(manage_link() + "edit/").content.decode()
    assert re.search(rf'<option value="{second_role.pk}" selected>', html)
    assert 'name="history_0_start_year" value="2009"' in html and 'name="history_1_start_year" value="2014"' in html
    assert checked(html, "history_1_current") and not checked(html, "history_0_current")
    assert checked(html, "contact_opt_in")
    for value in (
        "Every load-in is a lesson.",
        "Dana runs monitors for touring bands.",
        "https://credits.example.org/dana-okafor",
        "Dana at the monitor desk",
        "A sine tone, one second long.",
    ):
        assert value in html, value
    # The photo and clip it has can be removed; the form says so, and a new file may replace each.
    assert "Remove the photo you sent" in html and "Remove the audio clip you sent" in html
    assert 'name="email"' not in html


def test_an_edit_rewrites_the_history_links_and_clip_and_closes_the_contact_form(
    client, moderator, full_story, published_role, second_role
):
    send_and_confirm(client, full_story())
    photo_id = story().image_id
    edited = edit_fields(
        full_story,
        history_0_role=str(published_role.pk),
        history_0_start_year="2016",
        history_0_current="on",
        history_1_role="",
        history_1_start_year="",
        history_1_current="",
        pull_quote="Learn the desk before the show.",
        credits_url="",
        photo_alt="Dana smiling at the desk",
        remove_audio="on",
        contact_opt_in="",
    )
    with committed():
        response = client.post(manage_link() + "edit/", edited)
    assert response.status_code == 302

    alumnus = Alumnus.objects.get(name="Dana Okafor")
    assert [(link.role, link.start_year, link.is_current) for link in alumnus.role_links.all()] == [
        (published_role, 2016, True)
    ]
    assert alumnus.credits_url == "" and not alumnus.contact_opt_in
    page = story()
    assert page.current_workflow_state.status == "in_progress"  # back to the moderators
    page = approve(client, moderator, page)
    assert page.image_id == photo_id and page.image.description == "Dana smiling at the desk"
    assert page.audio is None and page.audio_transcript == ""
    html = client.get(page.url).content.decode()
    assert "Learn the desk before the show." in html and "Every load-in is a lesson." not in html
    assert 'alt="Dana smiling at the desk"' in html
    assert "<audio" not in html and "credits.example.org" not in html
    assert f"/alumni/contact/{page.slug}/" not in html
    assert client.get(f"/alumni/contact/{page.slug}/").status_code == 404


def test_an_edit_can_replace_the_photo_and_remove_it(client, full_story):
    send_and_confirm(client, full_story())
    first = story().image_id
    with committed():
        client.post(
            manage_link() + "edit/",
            {**edit_fields(full_story, photo_alt="Dana, in colour"), "photo": upload("new.png", image_bytes("PNG"))},
        )
    replaced = story().get_latest_revision_as_object().image
    assert replaced.pk != first and replaced.description == "Dana, in colour"
    with committed():
        client.post(manage_link() + "edit/", edit_fields(full_story, photo_alt="", remove_photo="on"))
    assert story().get_latest_revision_as_object().image is None


def test_an_edit_that_keeps_the_photo_and_clip_needs_their_description_and_transcript(client, full_story):
    send_and_confirm(client, full_story())
    revisions = story().revisions.count()
    response = client.post(manage_link() + "edit/", edit_fields(full_story, photo_alt=" ", audio_transcript=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_photo_alt_error">Describe your photo' in html
    assert 'id="id_audio_transcript_error">Give the transcript of your clip' in html
    assert story().revisions.count() == revisions


def test_an_edit_with_a_hostile_file_is_refused_beside_its_field(client, full_story):
    send_and_confirm(client, full_story())
    files = stored_files()
    response = client.post(
        manage_link() + "edit/", {**edit_fields(full_story), "photo": upload("me.jpg", b"<?php echo 1; ?>")}
    )
    assert response.status_code == 200
    assert 'id="id_photo_error"' in response.content.decode()
    assert stored_files() == files


def test_an_edit_larger_than_the_form_can_take_is_refused_before_reading(client, settings, full_story):
    send_and_confirm(client, full_story())
    revisions = story().revisions.count()
    settings.STORY_FORM_MAX_REQUEST_SIZE = 20_000
    big = {**edit_fields(full_story), "photo": upload("big.png", b"\x89PNG" + b"\1" * 30_000)}
    response = client.post(manage_link() + "edit/", big)
    assert response.status_code == 413
    assert "the files are too large" in response.content.decode()
    assert story().revisions.count() == revisions


def test_the_writer_stops_students_messages_from_their_manage_page(client, moderator, full_story):
    send_and_confirm(client, full_story())
    page = approve(client, moderator, story())
    contact = f"/alumni/contact/{page.slug}/"
    assert contact in client.get(page.url).content.decode()
    manage = client.get(manage_link())
    assert "Stop students' messages" in manage.content.decode()
    assert client.get(manage_link() + "contact-off/").status_code == 302  # a GET changes nothing
    assert Alumnus.objects.get(pk=page.alumnus_id).contact_opt_in
    with committed():
        assert client.post(manage_link() + "contact-off/").status_code == 302
    assert not Alumnus.objects.get(pk=page.alumnus_id).contact_opt_in
    assert contact not in client.get(page.url).content.decode()
    assert client.get(contact).status_code == 404
    assert "Stop students' messages" not in client.get(manage_link()).content.decode()


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Files on disk for this test: Wagtail deletes an image's files through a task that rebuilds the
    storage from its settings, which for the tests' in-memory storage would be a new, empty one."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


def test_deleting_a_story_deletes_its_photos_and_clips_and_their_files(client, moderator, full_story, disk_storage):
    send_and_confirm(client, full_story())
    with committed():  # a second photo, in a later revision
        client.post(
            manage_link() + "edit/",
            {**edit_fields(full_story, photo_alt="Dana, in colour"), "photo": upload("new.png", image_bytes("PNG"))},
        )
    page = approve(client, moderator, story())
    client.get(page.url)  # renditions of the published photo
    assert get_image_model().objects.count() == 2 and get_media_model().objects.count() == 1
    assert Rendition.objects.exists()
    assert len(files_under(disk_storage)) > 3  # two photos, the clip, the renditions

    with committed():
        assert client.post(manage_link() + "delete/").status_code == 302
    assert not get_image_model().objects.exists()
    assert not get_media_model().objects.exists()
    assert not Rendition.objects.exists()
    assert files_under(disk_storage) == []


def test_the_purge_deletes_an_unconfirmed_storys_photo_and_clip(client, full_story, disk_storage):
    assert send_story(client, full_story()).status_code == 302
    assert get_image_model().objects.count() == 1 and get_media_model().objects.count() == 1
    StorySubmission.objects.update(created_at=timezone.now() - timedelta(days=8))
    with committed():
        call_command("purge_story_submissions", verbosity=0)
    assert not AlumniInterviewPage.objects.filter(alumnus__name="Dana Okafor").exists()
    assert not get_image_model().objects.exists() and not get_media_model().objects.exists()
    assert files_under(disk_storage) == []


def test_the_edit_page_of_a_story_with_photo_and_clip_runs_at_most_11_queries_cold(
    client, full_story, django_assert_max_num_queries
):
    # A story without a photo: 10 (tests/test_story_lifecycle.py); the photo's description is one more.
    send_and_confirm(client, full_story())
    link = manage_link() + "edit/"
    cache.clear()
    with django_assert_max_num_queries(11):
        assert client.get(link).status_code == 200


def test_an_edit_of_a_story_whose_photo_staff_deleted_offers_a_new_one(client, full_story):
    send_and_confirm(client, full_story())
    story().image.delete()
    html = client.get(manage_link() + "edit/").content.decode()
    assert "Remove the photo you sent" not in html and "A photo of you (optional)" in html
