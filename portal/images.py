"""Editor-chosen pictures: alt text required, the renditions the pages show, the sector drawings.

Every image needs alt text: Wagtail's image ``description`` is the alt text, required on every image
form (``portal.image_forms``: uploads, edits, the chooser's upload, the multiple uploader's second
step); ``require_alt_text`` refuses, on a page form, an image chosen without it (one uploaded
before it was required). A page never shows an image without alt text (the templates fall back to the
drawing).

The renditions (``PICTURES``): AVIF and WebP sources with a JPEG fallback, cropped around the image's
focal point (``fill-``), rendered by Wagtail's ``Picture`` as its ``{% picture %}`` tag does. Publishing
a page makes them and records where they are (``portal.page_cards``, ``PageMedia.pictures``), so a
visitor's request neither encodes an image nor spends a query looking its renditions up.
"""

from wagtail.images.models import Filter, Picture

MISSING_ALT_TEXT = (
    "This image has no alt text. Edit the image (Images menu) and fill in its alt text, or choose another image."
)

# Each picture: the renditions it shows (brace-expanded as Wagtail's {% picture %} tag expands them) and
# the attributes of its <img>.
PICTURES = {
    # A role's picture: 16:9 above the body, at most 48rem wide (includes/hero_media.html).
    "hero": {
        "renditions": "format-{avif,webp,jpeg} fill-{640x360,960x540,1440x810}",
        "sizes": "(min-width: 52rem) 48rem, calc(100vw - 2rem)",
    },
    # An alumnus's photo: square, beside the story's opening.
    "portrait": {
        "renditions": "format-{avif,webp,jpeg} fill-{240x240,480x480}",
        "sizes": "(min-width: 40rem) 15rem, 10rem",
    },
}

# The drawings (portal/templates/portal/illustrations/<name>.svg), one per sector of careers.Sector.
ILLUSTRATIONS = ("studio", "live", "media", "business")
DEFAULT_ILLUSTRATION = "studio"


def has_alt_text(image):
    return bool(image and (image.description or "").strip())


def require_alt_text(form, field_name="image"):
    """For a page form's ``clean``: an image chosen without alt text is an error on its field."""
    image = form.cleaned_data.get(field_name)
    if image is not None and not has_alt_text(image):
        form.add_error(field_name, MISSING_ALT_TEXT)


def rendition_filters(picture):
    """The filter specs one of ``PICTURES`` expands to, as the ``{% picture %}`` tag expands them."""
    return Filter.expand_spec(PICTURES[picture]["renditions"].split())


def _image_state(image):
    """What a recorded rendition depends on: the image, its file and its focal point."""
    focal = [image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height]
    return {"image": image.pk, "file": image.file.name, "focal_point": focal}


def picture_record(image, picture):
    """Make (or find) every rendition a picture shows and say where they are, for ``PageMedia.pictures``;
    None for no image, or one without alt text (never shown)."""
    if not has_alt_text(image):
        return None
    renditions = image.get_renditions(*rendition_filters(picture))
    return {
        **_image_state(image),
        "renditions": {spec: [r.file.name, r.width, r.height] for spec, r in renditions.items()},
    }


def picture_html(image, picture, record=None):
    """The <picture> element (Wagtail's ``Picture``, as its ``{% picture %}`` tag renders it) with the
    image's alt text. From the renditions recorded when the page was published when they are still the
    image's own (same file, same focal point): no query; else looked up (and made) as the tag does."""
    if not has_alt_text(image):
        return ""
    filters = rendition_filters(picture)
    if (
        record
        and {k: record.get(k) for k in ("image", "file", "focal_point")} == _image_state(image)
        and set(record.get("renditions", {})) == set(filters)
    ):
        Rendition = image.get_rendition_model()
        renditions = {
            spec: Rendition(image=image, filter_spec=spec, file=name, width=width, height=height)
            for spec, (name, width, height) in record["renditions"].items()
        }
        renditions = {spec: renditions[spec] for spec in filters}
    else:
        renditions = image.get_renditions(*filters)
    attrs = {"sizes": PICTURES[picture]["sizes"], "alt": image.description, "class": "picture__img"}
    return Picture(renditions, attrs).__html__()


def illustration_for(sector):
    """The drawing for a sector's value (``careers.Sector``); the studio for anything else."""
    return sector if sector in ILLUSTRATIONS else DEFAULT_ILLUSTRATION
