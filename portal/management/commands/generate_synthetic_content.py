from django.core.management.base import BaseCommand, CommandError

from careers.models import RolePage
from portal.synthetic_content import SLUG_PREFIX, generate


class Command(BaseCommand):
    help = (
        "Fill a benchmark database with synthetic roles, interviews and alumni built from the real roles' "
        "words. Run load_portal_content first. Not for a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--roles", type=int, default=1000)
        parser.add_argument("--interviews", type=int, default=10000, help="Also the number of alumni.")

    def handle(self, *args, roles, interviews, **options):
        if not RolePage.objects.exclude(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError("Load the real content first: manage.py load_portal_content")
        if RolePage.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            self.stdout.write("Synthetic content is already here; nothing added.")
            return
        counts = generate(roles=roles, interviews=interviews)
        self.stdout.write(
            f"Added {counts['roles']} roles, {counts['interviews']} interviews and {counts['alumni']} alumni."
        )
