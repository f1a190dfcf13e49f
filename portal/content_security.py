"""The site's Content-Security-Policy middleware: django-csp's, with previews framable by the admin.

Wagtail renders a preview by running a request for the page's own path through the whole middleware
stack (``make_preview_request``), so the preview would get the public pages' ``frame-ancestors
'none'`` and the editor's preview panel (a same-origin frame in the admin) would stay blank. Every
preview (``request.is_preview``, set by Wagtail for pages and snippets alike) may be framed by the
site itself; nothing else changes. ``X-Frame-Options`` needs nothing here: Wagtail's preview views
already answer ``SAMEORIGIN``, and every other response keeps ``DENY``.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware


class PreviewFramableCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
