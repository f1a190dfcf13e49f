from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from alumni.selectors import live_interviews

FEED_SIZE = 20


class LatestInterviewsFeed(Feed):
    """RSS 2.0 feed of the newest published alumni interviews."""

    feed_type = Rss201rev2Feed
    title = "Music Production & Engineering Careers: newest alumni stories"
    link = "/alumni/"
    description = "Graduates on the careers they built in music production and engineering."

    def items(self):
        return live_interviews()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
