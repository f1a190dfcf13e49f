"""Editor-chosen pictures: alt text required, the renditions the pages show, the sector drawings.

Every image needs alt text: Wagtail's image ``description`` is the alt text, required on every image
form (``portal.image_forms``: uploads, edits, the chooser's upload, the multiple uploader's second
step); ``require_alt_text`` refuses, on a page form, an image chosen without it (one uploaded
before it was required). A page never shows an image without alt text (the templates fall back to the
drawing).

The renditions (``PICTURES``) are the ones the templates' ``{% picture %}`` tags ask for: AVIF and WebP
sources with a JPEG fallback, cropped around the image's focal point (``fill-``). Publishing a page makes
them (``portal.page_cards``), so a visitor's request never encodes an image.
"""

from wagtail.images.models import Filter

MISSING_ALT_TEXT = (
    "This image has no alt text. Edit the image (Images menu) and fill in its alt text, or choose another image."
)

# The renditions each picture's template asks for, exactly as its {% picture %} tag spells them.
PICTURES = {
    # A role's picture: 16:9 above the body, at most the text's measure wide (portal/includes/hero_image.html).
    "hero": "format-{avif,webp,jpeg} fill-{640x360,960x540,1440x810}",
    # An alumnus's photo: square, beside the story's opening.
    "portrait": "format-{avif,webp,jpeg} fill-{240x240,480x480}",
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
    return Filter.expand_spec(PICTURES[picture].split())


def make_renditions(image, picture):
    """Make (or find) every rendition a picture shows, so that no page view has to encode one."""
    if has_alt_text(image):
        image.get_renditions(*rendition_filters(picture))


def illustration_for(sector):
    """The drawing for a sector's value (``careers.Sector``); the studio for anything else."""
    return sector if sector in ILLUSTRATIONS else DEFAULT_ILLUSTRATION
