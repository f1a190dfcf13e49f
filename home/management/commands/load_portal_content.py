from pathlib import Path

import yaml

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from alumni.content_loader import ensure_alumni_index, ensure_privacy_notice, load_alumni
from alumni.models import AlumniInterviewPage
from careers.content_loader import ensure_careers_index, load_roles
from careers.models import RolePage
from home.content_loader import ensure_home, set_home_features
from home.staff_setup import remove_wagtail_default_staff_setup, staff_setup_changes, staff_setup_snapshot
from portal.page_cards import ensure_cards
from search.content_loader import load_synonyms

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "content" / "portal.yaml"


class Command(BaseCommand):
    help = (
        "Load the portal's content (site, home page, careers, roles, alumni) from a YAML file. "
        "Idempotent: existing pages are left as editors made them unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="YAML content file to load.")
        parser.add_argument(
            "--reset", action="store_true", help="Overwrite existing pages with the file's content (new revision)."
        )

    def handle(self, *args, file, reset, **options):
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(f"Cannot read content file {file}: {exc}") from exc

        with transaction.atomic():
            staff_before = staff_setup_snapshot()
            home, home_created = ensure_home(data["home"], reset=reset)
            index, _ = ensure_careers_index(home, data["careers_index"], reset=reset)
            roles = load_roles(index, data["roles"], reset=reset)
            alumni_index, _ = ensure_alumni_index(home, data["alumni_index"], reset=reset)
            alumni = load_alumni(alumni_index, data["alumni"], reset=reset)
            ensure_privacy_notice(home, reset=reset)
            synonyms = load_synonyms(reset=reset)
            if home_created or reset:
                by_slug = {role.slug: role for role in RolePage.objects.child_of(index)}
                set_home_features(
                    home,
                    roles=[by_slug[slug] for slug in data["home"]["featured_roles"]],
                    interview=AlumniInterviewPage.objects.child_of(alumni_index)
                    .filter(slug=data["home"]["featured_interview"])
                    .first(),
                )
            # The two groups this portal documents (README "Staff"), and workflows that lead to them.
            staff_notes = remove_wagtail_default_staff_setup()
            staff_changes = staff_setup_changes(staff_before, staff_setup_snapshot())

        # Pages published above get their cards as each publish commits; pages loaded before cards
        # existed get theirs here (only what is missing or out of date is made).
        cards = ensure_cards()

        if options["verbosity"]:
            for line in [*staff_changes, *staff_notes]:
                self.stdout.write(line)

        verb = "reset" if reset else "created"
        self.stdout.write(
            f"Home page {'created' if home_created else 'kept'}; {len(roles)} role(s) and "
            f"{len(alumni)} alumn{'us' if len(alumni) == 1 else 'i'} {verb}; {len(synonyms)} search synonym(s) {verb}; "
            f"{cards} social card(s) made."
        )
