from django.apps import AppConfig

from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig


class PortalConfig(AppConfig):
    default = True  # this module holds a second app's config too
    name = "portal"
    verbose_name = "Portal"


class FrontendCacheAfterCommitConfig(WagtailFrontendCacheAppConfig):
    """Wagtail's frontend cache, with purges sent once a change commits (``portal.frontend_purge``)
    instead of Wagtail's own handlers, which send them from inside the transaction."""

    def ready(self):
        from portal import frontend_purge

        frontend_purge.connect()
