"""What every app's content loader needs: a child page made once, and plain text as rich text."""

from django.utils.html import escape


def paragraphs_to_html(paragraphs):
    """Plain-text paragraphs from a content file as escaped rich text."""
    return "".join(f"<p>{escape(text.strip())}</p>" for text in paragraphs if text.strip())


def ensure_child(parent, model, *, slug, reset=False, **fields):
    """Return (page, created) for the single ``model`` page with ``slug`` under ``parent``."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
        return page, True
    if reset:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return page, False
