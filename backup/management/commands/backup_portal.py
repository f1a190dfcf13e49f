from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backup.archives import VENDOR_NAMES, BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive of the database and the local media files: "
        "BACKUP_DIR/portal-YYYYmmdd-HHMMSS.tar.gz (make backup). Restore it with restore_portal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=None, help="The folder for the archive (default: the BACKUP_DIR setting)."
        )
        parser.add_argument(
            "--keep", type=int, default=None, metavar="N", help="Then delete all but the newest N archives there."
        )

    def handle(self, *args, output_dir, keep, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be 1 or more.")
        try:
            result = create_backup(folder=output_dir or settings.BACKUP_DIR, keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        media = manifest["media"]
        if media["included"]:
            media_text = f"{media['files']} media files ({media['bytes']:,} bytes)"
        else:
            media_text = f"no media files ({media['reason']})"
        vendor = VENDOR_NAMES[manifest["database"]["vendor"]]
        tables = manifest["tables"]
        self.stdout.write(
            f"Wrote {result.path} ({result.path.stat().st_size:,} bytes): the {vendor} database "
            f"({len(tables)} tables, {sum(tables.values()):,} rows) and {media_text}."
        )
        for old in result.removed:
            self.stdout.write(f"Removed {old} (keeping the newest {keep}).")
