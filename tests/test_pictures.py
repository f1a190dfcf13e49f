"""Role pages and interviews show the editor's picture (AVIF and WebP with a JPEG fallback, cropped
around its focal point, with its alt text) or, without one, the drawing of their sector; no picture
comes from another host, and an image without alt text can be neither chosen nor shown."""

import io
import re

import pytest
from PIL import Image as PILImage

from django.core.cache import cache
from django.core.files.images import ImageFile

from wagtail.images.models import Image, Rendition
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data

from careers.factories import RolePageFactory
from careers.models import Sector
from portal.images import rendition_filters
from portal.models import PageMedia

from .test_admin_editing import _edit_form

ALT = "A mixing engineer at a large-format console"


def _png(width=1600, height=900):
    """A picture whose left half is red and right half blue."""
    picture = PILImage.new("RGB", (width, height), "red")
    picture.paste("blue", (width // 2, 0, width, height))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def make_image(description=ALT, **fields):
    return Image.objects.create(
        title="Console", description=description, file=ImageFile(io.BytesIO(_png()), name="console.png"), **fields
    )


@pytest.fixture
def picture():
    return make_image()


def _role(careers_index, **fields):
    role = RolePageFactory(parent=careers_index, **fields)
    role.save_revision().publish()
    return role


def _picture_element(html):
    found = re.search(r"<picture>.*?</picture>", html, re.S)
    assert found, "no <picture> element"
    return found.group(0)


def test_a_role_with_an_image_shows_a_picture_in_avif_and_webp_with_its_size_and_alt_text(
    client, careers_index, picture
):
    role = _role(careers_index, image=picture)
    element = _picture_element(client.get(role.url).content.decode())
    assert 'type="image/avif"' in element and 'type="image/webp"' in element
    assert element.count(" 640w") == 3 and element.count(" 1440w") == 3  # every format at every width
    img = re.search(r"<img [^>]*>", element).group(0)
    assert f'alt="{ALT}"' in img
    assert 'width="640"' in img and 'height="360"' in img  # space reserved: no layout shift
    assert 'sizes="' in img and "srcset=" in img
    # No picture from another host: every address is on the site's own (CSP img-src 'self').
    urls = re.findall(r"(?:src|srcset)=\"([^\"]+)\"", element)
    assert urls and all(part.strip().startswith("/media/") for url in urls for part in url.split(","))


def test_a_role_without_an_image_shows_its_sectors_drawing_hidden_from_screen_readers(client, careers_index):
    for sector in Sector.values:
        role = _role(careers_index, sector=sector)
        html = client.get(role.url).content.decode()
        assert "<picture>" not in html
        drawing = re.search(r"<svg class=\"illustration illustration--(\w+)[^>]*>", html)
        assert drawing and drawing.group(1) == sector, sector
        assert 'aria-hidden="true"' in drawing.group(0)


def test_an_image_without_alt_text_is_never_shown(client, careers_index):
    role = _role(careers_index, image=make_image(description=""), sector=Sector.LIVE)
    html = client.get(role.url).content.decode()
    assert "<picture>" not in html
    assert "illustration--live" in html


def test_an_interview_shows_the_alumnus_photo_or_the_drawing_of_their_roles_sector(client, interview, picture):
    role = interview.alumnus.role_links.get(is_current=True).role
    html = client.get(interview.url).content.decode()
    assert "<picture>" not in html
    assert f"illustration--{role.sector}" in html

    interview.image = picture
    interview.save_revision().publish()
    element = _picture_element(client.get(interview.url).content.decode())
    assert 'type="image/avif"' in element and 'type="image/webp"' in element
    assert f'alt="{ALT}"' in element and 'width="240"' in element and 'height="240"' in element


def test_crops_keep_the_focal_point(picture):
    """The square crop of a wide picture keeps the part the editor marked (here, the blue right half)."""
    picture.focal_point_x, picture.focal_point_y = 1400, 450
    picture.focal_point_width = picture.focal_point_height = 200
    picture.save()
    for spec in rendition_filters("portrait"):
        if "jpeg" in spec:
            rendition = picture.get_rendition(spec)
            with rendition.file.open() as f, PILImage.open(f) as crop:
                r, g, b = crop.convert("RGB").getpixel((crop.width // 2, crop.height // 2))
            assert b > 200 and r < 60, (spec, (r, g, b))


def test_publishing_makes_the_renditions_so_no_visitor_waits_for_one(client, careers_index, picture, committed):
    with committed():
        role = _role(careers_index, image=picture)
    made = Rendition.objects.filter(image=picture).count()
    assert made == len(rendition_filters("hero")) == 9
    cache.clear()
    assert client.get(role.url).status_code == 200
    assert Rendition.objects.filter(image=picture).count() == made  # the page asked for exactly those


def test_pages_with_a_picture_and_a_card_stay_within_the_query_budget(
    client, careers_index, interview, picture, committed, django_assert_max_num_queries
):
    with committed():
        role = _role(careers_index, image=picture)
        interview.image = picture
        interview.save_revision().publish()
    for page in (role, interview):
        cache.clear()
        with django_assert_max_num_queries(10):
            html = client.get(page.url).content.decode()
        assert "<picture>" in html and f"/media/social/{page.pk}-" in html


def test_an_editor_cannot_choose_an_image_without_alt_text(staff_client, careers_index):
    role = _role(careers_index, career_stage="entry")
    bare = make_image(description="")
    data = _edit_form(role, image=bare.pk)
    data["action-publish"] = "action-publish"
    response = staff_client.post(f"/admin/pages/{role.pk}/edit/", data)
    assert response.status_code == 200
    assert "This image has no alt text" in response.content.decode()
    role.refresh_from_db()
    assert role.image_id is None

    described = make_image()
    data = _edit_form(role, image=described.pk)
    data["action-publish"] = "action-publish"
    assert staff_client.post(f"/admin/pages/{role.pk}/edit/", data).status_code == 302
    role.refresh_from_db()
    assert role.image_id == described.pk


def test_an_image_cannot_be_uploaded_without_alt_text(staff_client):
    def upload(description):
        # The root collection: with the alumni collections there is more than one, and the form asks.
        root = Collection.get_first_root_node()
        data = nested_form_data({"title": "Stage", "description": description, "collection": root.pk})
        data["file"] = ImageFile(io.BytesIO(_png(400, 300)), name="stage.png")
        return staff_client.post("/admin/images/add/", data)

    refused = upload("   ")
    assert refused.status_code == 200
    assert "Write the alt text" in refused.content.decode()
    assert not Image.objects.filter(title="Stage").exists()
    assert upload("A stage seen from the mixing desk").status_code == 302
    assert Image.objects.get(title="Stage").description == "A stage seen from the mixing desk"


def _upload(staff_client, content, title):
    data = {"title": title, "description": "Something", "file": ImageFile(io.BytesIO(content), name="upload.png")}
    return staff_client.post("/admin/images/add/", data)


def test_an_upload_is_checked_by_content_and_size_with_a_message(staff_client):
    not_an_image = _upload(staff_client, b"<svg onload=alert(1)/>", "Not a picture")
    assert not_an_image.status_code == 200
    assert "Upload a valid image" in not_an_image.content.decode()

    huge = io.BytesIO()
    PILImage.new("1", (8000, 5100)).save(huge, format="PNG")  # 40.8 megapixels, a small file
    too_big = _upload(staff_client, huge.getvalue(), "Too many pixels")
    assert too_big.status_code == 200
    assert "This file has too many pixels" in too_big.content.decode()
    assert not Image.objects.filter(title__in=["Not a picture", "Too many pixels"]).exists()


def test_a_new_focal_point_reaches_the_pages_that_show_the_image(client, careers_index, picture, committed):
    with committed():
        role = _role(careers_index, image=picture)
    before = _picture_element(client.get(role.url).content.decode())
    with committed():
        picture.focal_point_x, picture.focal_point_y = 100, 100
        picture.focal_point_width = picture.focal_point_height = 50
        picture.save()
    cache.clear()
    after = _picture_element(client.get(role.url).content.decode())
    assert after != before  # new crops, new files
    recorded = PageMedia.objects.get(page=role).pictures["hero"]
    assert recorded["focal_point"] == [100, 100, 50, 50]
    assert all(name in after for name, _, _ in recorded["renditions"].values())
