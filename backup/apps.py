from django.apps import AppConfig


class BackupConfig(AppConfig):
    """An operator's backups: one archive of the database and the local media, and its restore
    (``manage.py backup_portal`` / ``restore_portal``, ``make backup`` / ``make restore``)."""

    name = "backup"
    verbose_name = "Backups"
