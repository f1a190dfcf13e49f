from django.core.management.base import BaseCommand, CommandError

from backup.archives import VENDOR_NAMES, BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Bring a backup_portal archive back into an empty database and an empty media folder "
        "(make restore FILE=...), then check every table's row count against the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive, for example backups/portal-20250101-020000.tar.gz.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even if the database has tables (they are all dropped first) or the media folder has "
            "files (same-named files are overwritten, others left).",
        )

    def handle(self, *args, file, force, **options):
        try:
            result = restore_backup(file, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        vendor = VENDOR_NAMES[manifest["database"]["vendor"]]
        self.stdout.write(
            f"Restored {file} (made {manifest['created']}): the {vendor} database, {result.tables} tables with "
            f"{result.rows:,} rows, each count checked against the archive; {result.media_files} media files."
        )
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
