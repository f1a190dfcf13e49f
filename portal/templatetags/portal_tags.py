import json
from urllib.parse import urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal import fragments, page_urls

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
def canonical_url(context):
    """The page's full URL on the Site's configured address (``portal.page_urls``), whatever Host was asked."""
    return page_urls.canonical_url(context["request"])


@register.simple_tag(takes_context=True)
def page_href(context, number, keep=""):
    """``?<keep parameters>&page=<number>``: a pagination link that carries only the parameters the
    listing understands (``keep``, space-separated), each once with the value its view reads (the
    last), never a visitor's tracking or other extras, which a cached fragment would otherwise hand
    to everyone."""
    query = context["request"].GET
    kept = [(name, query[name]) for name in keep.split() if query.get(name)]
    return "?" + urlencode([*kept, ("page", number)])


@register.tag
def publiccache(parser, token):
    """``{% publiccache "name" value... %}...{% endpubliccache %}``: the enclosed HTML, rendered once per
    content version and cached (``portal.fragments``), so values that a template uses only inside it
    are never computed on a hit. Previews render it afresh every time."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name")
    nodelist = parser.parse(("endpubliccache",))
    parser.delete_first_token()
    return PublicCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class PublicCacheNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        return fragments.get_or_render(request, vary_on, lambda: self.nodelist.render(context))
