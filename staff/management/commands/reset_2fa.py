from django_otp import devices_for_user

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-factor devices (a lost or replaced phone): they set up an authenticator "
        "app again at their next sign-in. manage.py reset_2fa USERNAME"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(
            f"Removed {len(devices)} two-factor device(s) of {username}; "
            "they set up an authenticator app at their next sign-in."
        )
