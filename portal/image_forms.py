"""The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the description is the alt text, required.

Apart from ``portal.images`` because Wagtail's admin forms cannot be imported while models load.
"""

from wagtail.images.forms import BaseImageForm

ALT_TEXT_LABEL = "Alt text"
ALT_TEXT_HELP = (
    "What the picture shows, for people who cannot see it (screen readers read it aloud), for example "
    "'A mixing engineer at a large-format console'. Required."
)


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description, labelled as what it is, required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = ALT_TEXT_LABEL
            field.help_text = ALT_TEXT_HELP
            field.error_messages["required"] = "Write the alt text: what the picture shows."
