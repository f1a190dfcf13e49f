import json
from urllib.parse import urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from portal import images, page_cards, page_urls

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` as a JSON-LD script element, built with a JSON encoder and escaped for HTML."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def ancestors(context, page):
    """The page's ancestors below the tree's root, the site's home first: from the site's top pages
    that the header reads anyway (``sections.pages``), else in one query."""
    known = context.get("sections", {}).get("pages", [])
    trail = [other for other in known if page.path.startswith(other.path) and other.depth < page.depth]
    return trail if len(trail) == page.depth - 2 else list(page.get_ancestors().filter(depth__gt=1))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's full URL on the Site's configured address (``portal.page_urls``), whatever Host was asked."""
    return page_urls.canonical_url(context["request"])


@register.simple_tag(takes_context=True)
def page_href(context, number, keep=""):
    """``?<keep parameters>&page=<number>``: a pagination link that carries only the parameters the
    listing understands (``keep``, space-separated), each once with the value its view reads (the
    last), never a visitor's tracking or other extras, which a cached page would otherwise hand
    to everyone."""
    query = context["request"].GET
    kept = [(name, query[name]) for name in keep.split() if query.get(name)]
    return "?" + urlencode([*kept, ("page", number)])


@register.filter
def break_after_slash(text):
    """``text`` escaped, with a line-break opportunity after each slash: a narrow card or a phone's
    heading breaks "Technician/Maintenance" after the slash, never in the middle of a word."""
    return mark_safe(conditional_escape(text).replace("/", "/<wbr>"))  # noqa: S308 - escaped above


@register.filter
def initials(name):
    """The first letters of a name's first and last words ("Miles Walker" -> "MW"): the monogram a
    story shows until it has a photo."""
    words = str(name).split()
    return "".join(word[0] for word in (words[:1] + words[1:][-1:])).upper()


@register.simple_tag(takes_context=True)
def social_image(context):
    """The shared link's picture (``og:image``): the live page's own card, else the site's default card,
    as a full URL on the Site's configured address. Read with the page: no query of its own."""
    media = page_cards.page_media(context.get("page"))
    return page_cards.social_image(media, page_urls.site_root_url(context["request"]))


@register.simple_tag
def page_picture(page, picture):
    """The page's image as ``picture`` (``portal.images.PICTURES``): Wagtail's <picture>, read from what
    publishing recorded (no query) or looked up; empty without an image with alt text."""
    media = page_cards.page_media(page)
    record = media.pictures.get(picture) if media else None
    return images.picture_html(page.image, picture, record) if page.image else ""
