from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from alumni.selectors import live_interviews
from portal.page_urls import site_root_url

FEED_SIZE = 20


class LatestInterviewsFeed(Feed):
    """RSS 2.0 feed of the newest published alumni interviews.

    Readers treat an item's title and description as HTML, and the feed writer escapes them only for
    XML: so submitted text is escaped for HTML here first (as Django's default ``item_title`` does),
    and a reader shows a name like ``<img src=x onerror=...>`` as those words, never as markup.
    """

    feed_type = Rss201rev2Feed
    title = "Music Production & Engineering Careers: newest alumni stories"
    description = "Graduates on the careers they built in music production and engineering."

    def get_object(self, request, *args, **kwargs):
        """The Site's configured address, for full URLs: Django's feed would take the request's Host."""
        return site_root_url(request)

    def link(self, root_url):
        return f"{root_url}/alumni/"

    def feed_url(self, root_url):
        return f"{root_url}/alumni/feed/"

    def items(self):
        return live_interviews()[:FEED_SIZE]

    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(item.intro)

    def item_link(self, item):
        return item.get_full_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
