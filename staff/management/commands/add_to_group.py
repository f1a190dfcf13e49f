from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff.accounts import UnknownGroup, staff_group


class Command(BaseCommand):
    help = 'Give a staff member a role: manage.py add_to_group USERNAME "Career editors" (or "Alumni moderators").'

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("group", help="The group's name, for example 'Career editors' or 'Alumni moderators'.")

    def handle(self, *args, username, group, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(
                f"No user named {username!r}: create one with manage.py create_staff (or createsuperuser)."
            ) from exc
        try:
            found = staff_group(group)
        except UnknownGroup as exc:
            raise CommandError(str(exc)) from exc
        user.groups.add(found)
        self.stdout.write(f"{username} is now in {group!r}.")
