from django.apps import AppConfig

from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig


class PortalConfig(AppConfig):
    default = True  # this module holds a second app's config too
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import page_cards  # the models are loaded only now

        page_cards.connect()


class FrontendCacheAfterCommitConfig(WagtailFrontendCacheAppConfig):
    """Wagtail's frontend cache without its own signal handlers, which purge from inside a change's
    transaction and only for pages: ``portal.freshness`` purges after every public change commits."""

    def ready(self):
        pass
