"""A shared link to a role or an interview shows its own social card (a 1200 x 630 PNG made when the page
is published), every other page the site's default card; a withdrawn page's card goes with it."""

import io
import re
from pathlib import Path

from PIL import Image as PILImage

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.core.management import call_command

from wagtail.models import Site

from careers.factories import RolePageFactory
from careers.models import RolePage
from portal.models import PageMedia

from .test_admin_editing import _edit_form


def _meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def _stored_png(url):
    """The card an og:image URL names, read back from the storage it was saved in."""
    root = Site.objects.get(is_default_site=True).root_url
    assert url.startswith(root + settings.MEDIA_URL), url
    with default_storage.open(url.removeprefix(root + settings.MEDIA_URL)) as f:
        return f.read()


def _size(png):
    with PILImage.open(io.BytesIO(png)) as picture:
        return picture.format, picture.size


def test_publishing_a_role_makes_its_card_and_the_page_shares_it(client, careers_index, committed):
    with committed():
        role = RolePageFactory(parent=careers_index, title="Tape Op", summary="Threads the machines.")
        role.save_revision().publish()
    html = client.get(role.url).content.decode()
    image = _meta(html, "og:image")
    assert image and image == _meta(html, "twitter:image")
    assert re.search(rf"/media/social/{role.pk}-[0-9a-f]{{16}}\.png$", image)
    assert _size(_stored_png(image)) == ("PNG", (1200, 630))
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
    alt = _meta(html, "og:image:alt")
    assert "Tape Op" in alt and role.get_sector_display() in alt and "Threads the machines." in alt


def test_the_same_text_keeps_its_card_and_new_text_replaces_it(careers_index, committed):
    with committed():
        role = RolePageFactory(parent=careers_index)
        role.save_revision().publish()
    first = PageMedia.objects.get(page=role).card.name
    with committed():
        role.save_revision().publish()
    assert PageMedia.objects.get(page=role).card.name == first

    role.summary = "A new summary, so a new card."
    with committed():
        role.save_revision().publish()
    second = PageMedia.objects.get(page=role).card.name
    assert second != first
    assert default_storage.exists(second) and not default_storage.exists(first)


def test_an_unpublished_page_has_no_card(client, careers_index, committed):
    with committed():
        role = RolePageFactory(parent=careers_index)
        role.save_revision().publish()
    name = PageMedia.objects.get(page=role).card.name
    with committed():
        role.unpublish()
    assert not PageMedia.objects.filter(page=role).exists()
    assert not default_storage.exists(name)
    assert client.get(role.url).status_code == 404


def test_a_draft_never_published_has_no_card_of_its_own(staff_client, careers_index, committed):
    with committed():
        role = RolePageFactory(parent=careers_index, live=False, career_stage="entry")
        role.save_revision()
    assert not PageMedia.objects.filter(page=role).exists()
    preview_url = f"/admin/pages/{role.pk}/edit/preview/"
    assert staff_client.post(preview_url, _edit_form(role)).json()["is_valid"]
    html = staff_client.get(preview_url).content.decode()
    assert role.summary in html
    assert _meta(html, "og:image").endswith(".png") and "/media/social/" not in _meta(html, "og:image")


def test_an_interview_card_names_the_alumnus_job(client, interview, committed):
    with committed():
        interview.save_revision().publish()
    media = PageMedia.objects.get(page=interview)
    assert interview.alumnus.job_title in media.card_alt and interview.title in media.card_alt
    html = client.get(interview.url).content.decode()
    assert _size(_stored_png(_meta(html, "og:image"))) == ("PNG", (1200, 630))


def test_pages_without_a_card_share_the_default_card(client, home):
    html = client.get("/").content.decode()
    image = _meta(html, "og:image")
    root = Site.objects.get(is_default_site=True).root_url
    assert image.startswith(root + settings.STATIC_URL) and image.endswith(".png")
    path = finders.find(image.removeprefix(root + settings.STATIC_URL))
    assert path and _size(Path(path).read_bytes()) == ("PNG", (1200, 630))
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert _meta(html, "og:image:alt")


def test_the_command_makes_the_missing_cards_once(careers_index):
    live = RolePage.objects.live().count()
    PageMedia.objects.all().delete()
    out = io.StringIO()
    call_command("social_cards", stdout=out)
    assert PageMedia.objects.filter(page__in=RolePage.objects.live()).count() == live
    made = int(out.getvalue().split()[0])
    assert made >= live
    again = io.StringIO()
    call_command("social_cards", stdout=again)
    assert again.getvalue().startswith("0 ")


def test_shipped_content_has_cards_after_loading(client):
    role = RolePage.objects.live().order_by("pk").first()
    html = client.get(role.url).content.decode()
    assert "/media/social/" in _meta(html, "og:image")


def test_an_alumnus_new_job_reaches_their_story_card(interview, committed):
    with committed():
        interview.save_revision().publish()
    alumnus = interview.alumnus
    alumnus.job_title = "Chief Tape Archivist"
    with committed():
        alumnus.save()
    assert "Chief Tape Archivist" in PageMedia.objects.get(page=interview).card_alt
