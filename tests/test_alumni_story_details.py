"""A richer story, through the public form and the public pages: career history, skills, links, pull
quote, photo, audio clip, and the files it refuses (nothing stored, no draft)."""

import pytest
from PIL import Image

from django.db import DatabaseError
from django.utils.html import escape

from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtailmedia import get_media_model

from alumni.models import AlumniInterviewPage, Alumnus
from alumni.story_details import AUDIO_COLLECTION, PHOTOS_COLLECTION
from careers.factories import RolePageFactory
from tests.story_files import (
    AUDIO,
    MB,
    approve,
    image_bytes,
    stored_files,
    upload,
    wav_bytes,
)
from tests.story_mail import send_and_confirm
from tests.test_query_counts import MAX_QUERIES, cold_queries

FORM_URL = "/alumni/share-your-story/"
# A full story ----------------------------------------------------------------------------------------------


def test_a_full_story_is_stored_as_a_draft_with_every_part(client, full_story, published_role, second_role):
    skills = list(published_role.tags.order_by("name"))[:2]
    response = client.post(FORM_URL, full_story(skills=[tag.pk for tag in skills]))
    assert response.status_code == 302, response.content.decode()[:2000]

    alumnus = Alumnus.objects.get(name="Dana Okafor")
    history = [(link.role, link.start_year, link.is_current) for link in alumnus.role_links.order_by("sort_order")]
    assert history == [(second_role, 2009, False), (published_role, 2014, True)]
    assert alumnus.credits_url == "https://credits.example.org/dana-okafor"
    assert alumnus.portfolio_url == "http://dana.example.net/reel"
    assert alumnus.contact_opt_in

    page = AlumniInterviewPage.objects.get(alumnus=alumnus)
    assert not page.live
    assert page.pull_quote == "Every load-in is a lesson."
    assert page.intro == "Dana runs monitors for touring bands."
    assert sorted(tag.pk for tag in page.tags.all()) == sorted(tag.pk for tag in skills)

    photo = page.image
    assert photo.collection.name == PHOTOS_COLLECTION
    assert photo.description == "Dana at the monitor desk"
    assert "dana" not in photo.file.name.lower()  # a random name: its address says nothing of whose it is
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 60)  # turned upright by its EXIF orientation
        assert not image.getexif()  # no GPS position, no camera, no orientation left
        assert "exif" not in image.info and "icc_profile" not in image.info
    clip = page.audio
    assert (clip.type, clip.collection.name) == ("audio", AUDIO_COLLECTION)
    assert clip.duration == pytest.approx(1.07, abs=0.05)
    assert clip.file.name.endswith(".mp3")
    assert page.audio_transcript == "A sine tone, one second long."


def test_the_photo_and_clip_are_public_only_once_the_story_is_approved(client, moderator, full_story):
    send_and_confirm(client, full_story())
    page = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor")

    assert client.get(page.url).status_code == 404
    images = client.get("/api/v2/images/?limit=100").json()["items"]
    assert page.image_id not in [item["id"] for item in images]
    assert not Rendition.objects.filter(image_id=page.image_id).exists()

    approve(client, moderator, page)
    html = client.get(page.url).content.decode()
    renditions = Rendition.objects.filter(image_id=page.image_id)
    assert renditions and all(rendition.url in html for rendition in renditions)
    assert html.count('alt="Dana at the monitor desk"') == 1  # in the page's one picture slot, once
    assert 'class="media__art"' not in html and "media__monogram" not in html
    assert f'<audio controls preload="none" aria-describedby="audio-transcript"><source src="{page.audio.url}"' in html
    assert 'type="audio/mpeg"' in html
    assert "A sine tone, one second long." in html
    assert f"<blockquote><p>{escape(page.pull_quote)}</p></blockquote>" in html
    assert 'href="https://credits.example.org/dana-okafor" rel="nofollow ugc noopener"' in html
    assert 'href="http://dana.example.net/reel" rel="nofollow ugc noopener"' in html
    assert "Since 2014:" in html and "From 2009:" in html
    images = client.get("/api/v2/images/?limit=100").json()["items"]
    assert page.image_id in [item["id"] for item in images]


def test_skills_chosen_find_the_story_in_the_alumni_filter_and_in_search(client, moderator, full_story, careers_index):
    role = RolePageFactory(parent=careers_index, title="Cylinder Restorer", skills=["Wax Cylinder Transfer"])
    role.save_revision().publish()
    skill = role.tags.get()
    send_and_confirm(client, full_story(skills=[skill.pk]))
    page = approve(client, moderator, AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor"))

    listing = client.get(f"/alumni/?skill={skill.slug}").content.decode()
    assert f'href="{page.url}"' in listing
    found = client.get("/search/?q=wax+cylinder+transfer&type=interview").content.decode()
    assert f'href="{page.url}"' in found


def test_story_without_photo_or_clip_is_fine(client, full_story):
    response = client.post(FORM_URL, full_story(photo="", audio="", photo_alt="", audio_transcript=""))
    assert response.status_code == 302
    page = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor")
    assert page.image is None and page.audio is None


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("me.png", lambda: image_bytes("PNG"), "PNG"),
        ("me.webp", lambda: image_bytes("WEBP"), "WEBP"),
        ("me.JPEG", lambda: image_bytes("JPEG"), "JPEG"),
    ],
)
def test_each_photo_kind_is_taken_and_stored_as_itself(client, full_story, name, make, kind):
    assert client.post(FORM_URL, full_story(photo=upload(name, make()))).status_code == 302
    photo = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor").image
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == kind


def test_a_large_photo_is_scaled_down(client, full_story):
    client.post(FORM_URL, full_story(photo=upload("wide.png", image_bytes("PNG", size=(3000, 1000)))))
    photo = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor").image
    assert (photo.width, photo.height) == (2000, 667)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("clip.wav", wav_bytes),
        ("clip.ogg", lambda: (AUDIO / "tone.ogg").read_bytes()),
        ("clip.m4a", lambda: (AUDIO / "tone.m4a").read_bytes()),
    ],
)
def test_each_audio_kind_is_taken_with_its_length(client, full_story, name, content):
    assert client.post(FORM_URL, full_story(audio=upload(name, content()))).status_code == 302
    clip = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor").audio
    assert clip.duration == pytest.approx(1.0, abs=0.1)


# Hostile and mistaken files ------------------------------------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PHP = b"<?php system($_GET['cmd']); ?>\n"
REFUSED = [
    ("photo", "shell.png", lambda: PHP, "is not a JPEG, PNG or WebP image we can read"),
    ("photo", "logo.svg", lambda: SVG, "The photo must be a JPEG, PNG or WebP image"),
    ("photo", "logo.png", lambda: SVG, "is not a JPEG, PNG or WebP image we can read"),
    ("photo", "photo.png", lambda: image_bytes("JPEG"), "The file&#x27;s name says PNG but it holds a JPEG image"),
    ("photo", "anim.png", lambda: image_bytes("GIF"), "This file holds a GIF image"),
    ("photo", "cut.jpg", lambda: image_bytes("JPEG", size=(400, 300))[:400], "is not a JPEG, PNG or WebP image"),
    ("photo", "huge.jpg", lambda: b"\xff\xd8" + b"\0" * (5 * MB), "the largest we take is 5.0\xa0MB"),
    ("audio", "shell.mp3", lambda: PHP * 50, "its sound could not be read"),
    ("audio", "tone.mp3", lambda: (AUDIO / "tone.ogg").read_bytes(), "name says MP3 but it holds OGG audio"),
    ("audio", "tone.m4a", wav_bytes, "name says M4A but it holds WAV audio"),
    ("audio", "song.flac", lambda: b"fLaC" + b"\0" * 100, "The audio clip must be an MP3, WAV, OGG or M4A"),
    ("audio", "noise.ogg", lambda: b"OggS" + bytes(range(256)) * 8, "its sound could not be read"),
    ("audio", "huge.wav", lambda: b"RIFF" + b"\0" * (10 * MB), "the largest we take is 10.0\xa0MB"),
]


@pytest.mark.parametrize(("field", "name", "content", "message"), REFUSED, ids=[row[1] for row in REFUSED])
def test_a_hostile_or_mistaken_file_is_refused_beside_its_field_and_nothing_is_stored(
    client, full_story, field, name, content, message
):
    files, pages = stored_files(), AlumniInterviewPage.objects.count()
    images, media = get_image_model().objects.count(), get_media_model().objects.count()
    response = client.post(FORM_URL, full_story(**{field: upload(name, content())}))
    html = response.content.decode()
    assert response.status_code == 200
    error = html.split(f'id="id_{field}_error">', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert "choose your photo or clip again" in html
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()
    assert AlumniInterviewPage.objects.count() == pages
    assert (get_image_model().objects.count(), get_media_model().objects.count()) == (images, media)
    assert stored_files() == files


def test_a_photo_needs_its_description_and_a_clip_its_transcript(client, full_story):
    response = client.post(FORM_URL, full_story(photo_alt="  ", audio_transcript=""))
    html = response.content.decode()
    assert 'id="id_photo_alt_error">Describe your photo' in html
    assert 'id="id_audio_transcript_error">Give the transcript of your clip' in html
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


def test_a_post_larger_than_the_form_can_take_is_refused_before_reading(client, settings, full_story):
    settings.STORY_FORM_MAX_REQUEST_SIZE = 20_000
    files = stored_files()
    response = client.post(FORM_URL, full_story(photo=upload("big.png", b"\x89PNG" + b"\1" * 30_000)))
    assert response.status_code == 413
    assert "the files are too large" in response.content.decode()
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()
    assert stored_files() == files


def test_a_failed_save_keeps_no_file(client, monkeypatch, full_story):
    def fail(*args, **kwargs):
        raise DatabaseError("database went away")

    files = stored_files()
    monkeypatch.setattr(AlumniInterviewPage, "save_revision", fail)
    response = client.post(FORM_URL, full_story())
    assert response.status_code == 503
    assert stored_files() == files
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


# Career history, links ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"history_1_start_year": "2999"}, "history_1_start_year", "A start year cannot be in the future."),
        ({"history_1_start_year": "1900"}, "history_1_start_year", "greater than or equal to 1950"),
        ({"history_1_start_year": ""}, "history_1_start_year", "Give the year you started as Tape Op."),
        ({"history_2_start_year": "2020"}, "history_2_role", "Choose the role you started in 2020."),
        ({"history_0_current": "on"}, "history_0_role", "Mark at most one role as the current one."),
        ({"history_0_role": "{role}"}, "history_0_role", "List each role once."),
        ({"history_0_role": "", "history_0_start_year": "", "history_1_role": "", "history_1_start_year": "",
          "history_1_current": ""}, "history_0_role", "Give at least one role you work or worked in"),
        ({"history_0_role": "99999999999999999999"}, "history_0_role", "Select a valid choice."),
        ({"credits_url": "javascript:alert(1)"}, "credits_url", "Give a web address starting https:// or http://."),
        ({"portfolio_url": "ftp://files.example.org/reel"}, "portfolio_url", "Give a web address starting https://"),
        ({"pull_quote": "q" * 301}, "pull_quote", "at most 300 characters"),
    ],
)  # fmt: skip
def test_a_bad_career_history_or_link_is_explained_beside_its_field(
    client, full_story, published_role, overrides, field, message
):
    overrides = {name: value.replace("{role}", str(published_role.pk)) for name, value in overrides.items()}
    response = client.post(FORM_URL, full_story(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.split(f'id="id_{field}_error">', 1)[1].split("</p>", 1)[0]
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


def test_a_moderator_sees_and_edits_every_part_in_the_admin(client, moderator, full_story):
    client.post(FORM_URL, full_story())
    page = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor")
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for name in ("pull_quote", "image", "audio", "audio_transcript", "tags"):
        assert f'name="{name}"' in html, name
    html = client.get(f"/admin/snippets/alumni/alumnus/edit/{page.alumnus_id}/").content.decode()
    for name in (
        "credits_url",
        "portfolio_url",
        "contact_opt_in",
        "role_links-0-start_year",
        "role_links-1-is_current",
    ):
        assert f'name="{name}"' in html, name


def test_a_story_with_photo_and_clip_stays_within_the_query_budget(client, moderator, full_story):
    send_and_confirm(client, full_story())
    page = approve(client, moderator, AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor"))
    client.get(page.url)  # the first view makes the photo's rendition, once
    assert cold_queries(client, page.url) <= MAX_QUERIES
