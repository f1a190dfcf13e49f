from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = 'Give a staff member a role: manage.py add_to_group USERNAME "Career editors" (or "Alumni moderators").'

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("group", help="The group's name, for example 'Career editors' or 'Alumni moderators'.")

    def handle(self, *args, username, group, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}: create one with manage.py createsuperuser.") from exc
        found = Group.objects.filter(name=group).first()
        if found is None:
            names = ", ".join(repr(name) for name in Group.objects.order_by("name").values_list("name", flat=True))
            raise CommandError(f"No group named {group!r}. Groups: {names or 'none; run load_portal_content'}.")
        user.groups.add(found)
        self.stdout.write(f"{username} is now in {group!r}.")
