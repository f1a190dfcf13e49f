from django.core.management.base import BaseCommand

from alumni.submissions import UNCONFIRMED_DAYS, WITHDRAWN_DAYS, purge_stale_submissions


class Command(BaseCommand):
    help = (
        f"Delete alumni stories never confirmed within {UNCONFIRMED_DAYS} days and those withdrawn more than "
        f"{WITHDRAWN_DAYS} days ago, with all their data (the alumnus, the page, its revisions, its files). "
        "Run it daily (README: Alumni stories)."
    )

    def handle(self, *args, **options):
        unconfirmed, withdrawn = purge_stale_submissions()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {unconfirmed} unconfirmed and {withdrawn} withdrawn story(ies).")
