from django.core.management.base import BaseCommand

from portal.page_cards import ensure_cards


class Command(BaseCommand):
    help = (
        "Make the social card (og:image) of every live role and interview that has none or an out-of-date "
        "one. Idempotent: a card whose text is unchanged is kept. Publishing makes cards by itself; this is "
        "for content published before cards existed."
    )

    def handle(self, *args, **options):
        made = ensure_cards()
        self.stdout.write(f"{made} social card(s) made.")
