"""Backups of the portal: one archive holding the database and the local media files, and its restore.

An archive (``portal-YYYYmmdd-HHMMSS.tar.gz``) holds, in this order:

- ``manifest.json``: the format version, when it was made, the database vendor, the applied migrations,
  the Python, Django and Wagtail versions, the row count of every table and what media it carries;
- the database: ``database.dump`` (``pg_dump`` custom format) on PostgreSQL, ``database.sqlite3`` (a
  copy made with SQLite's online backup API) on SQLite. Both are consistent snapshots taken while the
  site keeps serving; on PostgreSQL the row counts are read in the very snapshot ``pg_dump`` writes;
- ``media/``: the files under ``MEDIA_ROOT``. Media on S3 is not copied: the bucket's own versioning
  keeps it.

A restore goes into an empty database and an empty media folder only (``force`` replaces the tables
and writes over same-named files), then checks every table's row count against the manifest and
replaces the content version, so that no cache serves a page of the content it replaced.
"""

import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader

import wagtail

from portal.freshness import content_changed

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
ARCHIVE_PREFIX = "portal-"
ARCHIVE_SUFFIX = ".tar.gz"
# Connection options (DATABASES OPTIONS, from DATABASE_URL's query) that pg_dump and pg_restore read
# from libpq's environment variables.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    removed: list = field(default_factory=list)


@dataclass
class RestoreResult:
    manifest: dict
    tables: int
    rows: int
    media_files: int
    notes: list = field(default_factory=list)


# Making an archive


def create_backup(*, folder, keep=None, now=None, using="default"):
    """Write one archive of the database and the local media into ``folder``; keep only the newest
    ``keep`` archives there when ``keep`` is given."""
    connection = connections[using]
    vendor = _supported_vendor(connection)
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = now or datetime.now(UTC)
    path = folder / f"{ARCHIVE_PREFIX}{created:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"
    if path.exists():
        raise BackupError(f"{path} already exists: one archive per second at most.")

    media_root = _local_media_root()
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        database_file = Path(work) / DATABASE_FILES[vendor]
        if vendor == "postgresql":
            database = _dump_postgresql(connection, database_file)
        else:
            database = _copy_sqlite(connection, database_file)
        media_files = sorted(_walk(media_root)) if media_root else []
        manifest = {
            "format": FORMAT,
            "created": created.isoformat(timespec="seconds"),
            "database": {key: value for key, value in database.items() if key not in ("tables", "migrations")},
            "migrations": database["migrations"],
            "versions": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
            },
            "tables": database["tables"],
            "media": (
                {"included": True, "files": len(media_files), "bytes": sum(f.stat().st_size for f in media_files)}
                if media_root
                else {"included": False, "reason": "media is not on local disk (S3: kept by the bucket's versioning)"}
            ),
        }
        partial = folder / f".{path.name}.partial"
        try:
            with tarfile.open(partial, "w:gz") as archive:
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(created.timestamp()), 0o600
                archive.addfile(info, io.BytesIO(data))
                archive.add(database_file, arcname=database_file.name)
                for media_file in media_files:
                    archive.add(media_file, arcname=f"{MEDIA_DIR}/{media_file.relative_to(media_root).as_posix()}")
            partial.chmod(0o600)  # it holds contact e-mails and password hashes
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    return BackupResult(path=path, manifest=manifest, removed=_prune(folder, keep) if keep else [])


def _supported_vendor(connection):
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _dump_postgresql(connection, target):
    """``pg_dump`` in custom format, from a snapshot this transaction exports: the row counts and the
    migrations listed in the manifest are read in the same snapshot as the dump."""
    connection.ensure_connection()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        tables = connection.introspection.table_names(cursor)
        described = _describe(cursor, tables, connection.ops.quote_name)
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            connection.settings_dict,
            doing="pg_dump",
        )
    return {
        "vendor": "postgresql",
        "file": target.name,
        "server_version": server_version,
        "tool": _run(["pg_dump", "--version"], connection.settings_dict, doing="pg_dump").strip(),
        **described,
    }


def _copy_sqlite(connection, target):
    """A consistent copy through SQLite's online backup API, then the counts read from the copy."""
    name = _sqlite_file(connection)
    if not name.exists():
        raise BackupError(f"The SQLite database {name} does not exist: nothing to back up.")
    source = sqlite3.connect(f"{name.as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        cursor = copy.cursor()
        tables = [row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]  # fmt: skip
        described = _describe(cursor, tables, connection.ops.quote_name)
    finally:
        copy.close()
        source.close()
    return {"vendor": "sqlite", "file": target.name, "server_version": sqlite3.sqlite_version, **described}


def _describe(cursor, tables, quote):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return {"tables": counts, "migrations": migrations}


def _prune(folder, keep):
    archives = sorted(folder.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))
    removed = archives[:-keep] if keep < len(archives) else []
    for old in removed:
        old.unlink()
    return removed


# Restoring an archive


def read_manifest(path):
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No archive at {path}.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST:
                raise BackupError(f"{path} is not a portal backup: it does not start with {MANIFEST}.")
            manifest = json.load(archive.extractfile(first))
    except (tarfile.TarError, OSError, ValueError) as exc:
        raise BackupError(f"{path} cannot be read as a portal backup: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has backup format {manifest.get('format')!r}; this code reads format {FORMAT}.")
    return manifest


def restore_backup(path, *, force=False, using="default"):
    """Bring an archive back into this site's database and media folder, both empty unless ``force``."""
    path = Path(path)
    manifest = read_manifest(path)
    connection = connections[using]
    vendor = _supported_vendor(connection)
    archived = manifest["database"]["vendor"]
    if archived != vendor:
        raise BackupError(
            f"{path.name} holds a {VENDOR_NAMES[archived]} database and this site's database is "
            f"{VENDOR_NAMES[vendor]}: a backup restores into the same kind of database only. Point "
            f"DATABASE_URL at an empty {VENDOR_NAMES[archived]} database."
        )
    media_root = _local_media_root()
    existing = _existing_tables(connection)
    if existing and not force:
        raise BackupError(
            f"The target database ({_describe_target(connection)}) already has {len(existing)} tables. "
            "Restore into an empty database, or pass --force to replace everything in it."
        )
    if media_root and media_root.exists() and any(media_root.iterdir()) and not force:
        raise BackupError(
            f"The media folder {media_root} is not empty. Restore into an empty folder (set MEDIA_ROOT), "
            "or pass --force to write over files of the same name."
        )

    notes = _migration_notes(manifest)
    media_files = 0
    restored = False
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        for member in archive:
            name = PurePosixPath(member.name)
            if member.name == MANIFEST:
                continue
            if member.name == manifest["database"]["file"]:
                archive.extract(member, work, filter="data")
                if existing:
                    _drop_tables(connection, existing)
                _restore_database(connection, Path(work) / member.name)
                restored = True
            elif name.parts[0] == MEDIA_DIR and member.isfile():
                if media_root is None:
                    continue
                member.name = str(PurePosixPath(*name.parts[1:]))
                archive.extract(member, media_root, filter="data")
                media_files += 1
    if not restored:
        raise BackupError(f"{path.name} holds no {manifest['database']['file']}: the archive is incomplete.")
    if manifest["media"]["included"] and media_root is None:
        notes.append("The archive's media files were not restored: this site keeps media on S3.")
    elif not manifest["media"]["included"]:
        notes.append("The archive holds no media files (the site it came from kept them on S3).")

    tables, rows = _check_counts(connection, manifest["tables"])
    content_changed()  # a shared cache (Redis) may still hold pages of the content the restore replaced
    return RestoreResult(manifest=manifest, tables=tables, rows=rows, media_files=media_files, notes=notes)


def _existing_tables(connection):
    if connection.vendor == "sqlite" and not _sqlite_file(connection).exists():
        return []
    with connection.cursor() as cursor:
        return connection.introspection.get_table_list(cursor)


def _describe_target(connection):
    if connection.vendor == "sqlite":
        return str(_sqlite_file(connection))
    params = connection.settings_dict
    return f"{params['NAME']} on {params.get('HOST') or 'localhost'}"


def _drop_tables(connection, existing):
    """--force: empty the target database of every table and view before the restore."""
    if connection.vendor == "sqlite":
        connection.close()  # the restore replaces the whole file's content
        return
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        views = [quote(table.name) for table in existing if table.type == "v"]
        tables = [quote(table.name) for table in existing if table.type != "v"]
        if views:
            cursor.execute(f"DROP VIEW IF EXISTS {', '.join(views)} CASCADE")
        if tables:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(tables)} CASCADE")


def _restore_database(connection, database_file):
    if connection.vendor == "postgresql":
        connection.close()
        _run(
            ["pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
             f"--dbname={connection.settings_dict['NAME']}", str(database_file)],
            connection.settings_dict,
            doing="pg_restore",
        )  # fmt: skip
        return
    connection.close()
    name = _sqlite_file(connection)
    name.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database_file)
    target = sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _check_counts(connection, expected):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        actual = _describe(cursor, [t for t in connection.introspection.table_names(cursor) if t in expected], quote)
    different = {
        table: (count, actual["tables"].get(table))
        for table, count in expected.items()
        if actual["tables"].get(table) != count
    }
    if different:
        lines = ", ".join(f"{table}: {want} in the archive, {got} restored" for table, (want, got) in different.items())
        raise BackupError(f"The restored database does not match the archive: {lines}.")
    return len(expected), sum(expected.values())


def _migration_notes(manifest):
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    notes = []
    if newer := sorted(archived - on_disk):
        notes.append(
            f"The archive was made by newer code: {len(newer)} of its migrations are not in this checkout "
            f"(first {newer[0][0]}.{newer[0][1]}). Run the code version it came from."
        )
    if missing := sorted(on_disk - archived):
        notes.append(f"{len(missing)} migrations of this checkout are newer than the archive: run manage.py migrate.")
    return notes


# Shared


def _local_media_root():
    """The media folder when media is on local disk; None when it is elsewhere (S3)."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def _walk(root):
    if not root.exists():
        return
    for directory, _subdirectories, files in os.walk(root):
        for name in files:
            yield Path(directory) / name


def _sqlite_file(connection):
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("The SQLite database is in memory: there is no file to back up or restore into.")
    return Path(name).resolve()


def _pg_environment(params):
    """libpq's environment variables, so that no password appears on a command line."""
    environment = dict(os.environ)
    for key, variable in {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}.items():
        if params.get(key):
            environment[variable] = str(params[key])
    options = params.get("OPTIONS", {})
    for option, variable in LIBPQ_OPTIONS.items():
        if options.get(option):
            environment[variable] = str(options[option])
    if params.get("NAME"):
        environment["PGDATABASE"] = str(params["NAME"])
    return environment


def _run(command, params, *, doing):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install the PostgreSQL client tools (postgresql-client).")
    result = subprocess.run(command, env=_pg_environment(params), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{doing} failed (exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout
