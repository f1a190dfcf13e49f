import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from staff.accounts import UnknownGroup, staff_group, staff_member_create

PASSWORD_VARIABLE = "DJANGO_STAFF_PASSWORD"  # noqa: S105 - the variable's name, not a password
ATTEMPTS = 3


def messages(error):
    return "; ".join(error.messages)


class Command(BaseCommand):
    help = (
        'Create a staff member who is not an administrator: manage.py create_staff USERNAME "Career editors" '
        '(or "Alumni moderators"). Asks for the password twice; for scripts, pass it on standard input '
        f"(--password-stdin) or in {PASSWORD_VARIABLE}."
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("group", help="The group's name, for example 'Career editors' or 'Alumni moderators'.")
        parser.add_argument("--email", default="", help="The staff member's e-mail address (for notifications).")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from the first line of standard input."
        )

    def handle(self, *args, username, group, email, password_stdin, **options):
        stdin = options.get("stdin") or sys.stdin
        try:
            found = staff_group(group)
        except UnknownGroup as exc:
            raise CommandError(str(exc)) from exc
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(
                f"A user named {username!r} already exists: give them a role with manage.py add_to_group."
            )

        given = stdin.readline().rstrip("\r\n") if password_stdin else os.environ.get(PASSWORD_VARIABLE)
        if given is not None:
            user = self.create(username=username, password=given, group=found, email=email)
        elif stdin.isatty():
            user = self.create_asking(username=username, group=found, email=email)
        else:
            raise CommandError(f"No terminal to ask for the password: use --password-stdin or set {PASSWORD_VARIABLE}.")
        self.stdout.write(f"Created {user.get_username()} in {group!r}; they sign in at /admin/.")

    def create(self, **fields):
        try:
            with transaction.atomic():
                return staff_member_create(**fields)
        except ValidationError as exc:
            raise CommandError(messages(exc)) from exc

    def create_asking(self, **fields):
        for _ in range(ATTEMPTS):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                with transaction.atomic():
                    return staff_member_create(password=password, **fields)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):  # the account's fields, not the password: asking again won't help
                    raise CommandError(messages(exc)) from exc
                self.stderr.write(messages(exc))
        raise CommandError("No password set; nothing was created.")
