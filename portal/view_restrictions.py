"""Which pages are public, remembered for each content version.

Wagtail checks a page's view restrictions (its own and its ancestors') on every request: two
queries, most of what a remembered page still cost. The pages this portal serves mixes this in:
once a page is seen to have no restriction, that is remembered under the content version, which
adding, changing or removing any restriction, or moving a page, replaces (``search.signals``).
A page that has a restriction is checked by Wagtail every time, as before.
"""

from django.conf import settings

from wagtail.models import PageViewRestriction

from portal import versioned_cache


class RememberedPublicPageMixin:
    def get_view_restrictions(self):
        seconds = settings.ROUTE_CACHE_SECONDS
        key = versioned_cache.key("unrestricted", self.pk) if seconds else None
        if key is None:
            return super().get_view_restrictions()
        if versioned_cache.get(key, seconds):
            return PageViewRestriction.objects.none()
        restrictions = super().get_view_restrictions()
        if not restrictions:  # reads them once; the result stays on the queryset for the caller
            versioned_cache.set(key, True, seconds)
        return restrictions
