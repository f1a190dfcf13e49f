"""What an operator and a newcomer run, run as they run it: in their own processes, against databases on disk.

- `make backup` / `make restore`: a portal on a real database file (SQLite suite) or a real PostgreSQL
  database (with DATABASE_URL set to PostgreSQL) is backed up and restored into a second, empty database
  and media folder, and every table's rows and every media file's bytes are compared from a separate
  process; a restore into anything not empty, or of the other vendor's dump, is refused.
- `make run`: the site as a visitor sees it, on a port of its own.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from django.db import connection

from tests.portal_state import DRAFT_SUMMARY, SUBJECT_ALUMNUS, SUBJECT_SKILL

ROOT = Path(__file__).resolve().parent.parent
# What an operator's shell would not have: the suite's own settings, and make's, stay out of it.
NOT_INHERITED = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "SECRET_KEY", "DEBUG",
                 "ALLOWED_HOSTS", "MEDIA_ROOT", "BACKUP_DIR", "AWS_STORAGE_BUCKET_NAME", "MAKEFLAGS", "MFLAGS",
                 "MAKELEVEL"}  # fmt: skip
ARCHIVE_NAME = re.compile(r"portal-\d{8}-\d{6}\.tar\.gz")


def environment(database_url, media_root, **extra):
    """A shell on this checkout with the development settings (as manage.py and make use them)."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    return {**env, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root), **extra}


def run(env, *args):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def succeed(env, *args):
    result = run(env, *args)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result


def snapshot(env):
    return json.loads(succeed(env, "-m", "tests.portal_state", "snapshot").stdout)


def build_portal(env):
    succeed(env, "manage.py", "migrate", "--no-input", "-v0")
    succeed(env, "manage.py", "load_portal_content", "-v0")


@pytest.fixture(scope="module")
def sqlite_portal(tmp_path_factory):
    """A SQLite file migrated and loaded with the portal's content, as a first `make run` leaves it."""
    folder = tmp_path_factory.mktemp("sqlite-portal")
    build_portal(environment(f"sqlite:///{folder / 'portal.sqlite3'}", folder / "media"))
    return folder / "portal.sqlite3"


@pytest.fixture(scope="module")
def postgres_server():
    """Makes empty databases on the suite's PostgreSQL server; drops them afterwards."""
    params = connection.settings_dict
    created = []
    admin = psycopg.connect(
        host=params["HOST"] or None, port=params["PORT"] or None, user=params["USER"] or None,
        password=params["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip

    def empty_database():
        name = f"portal_backup_test_{uuid.uuid4().hex[:10]}"
        admin.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        credentials = quote(params["USER"] or "", safe="") + (f":{quote(params['PASSWORD'], safe='')}" if params[
            "PASSWORD"] else "")  # fmt: skip
        return f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"

    yield empty_database
    for name in created:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(scope="module")
def empty_database(request, tmp_path_factory):
    """A new, empty database of the suite's vendor: a file path not yet created, or a new PostgreSQL database."""
    if connection.vendor == "postgresql":
        return request.getfixturevalue("postgres_server")
    folder = tmp_path_factory.mktemp("empty-sqlite")
    return lambda: f"sqlite:///{folder / f'{uuid.uuid4().hex[:10]}.sqlite3'}"


@pytest.fixture(scope="module")
def backed_up(request, tmp_path_factory, empty_database):
    """A portal with a published edit and a new skill, a draft revision, an alumnus whose story waits in the
    moderation workflow, an image with a rendition and a document, backed up with `make backup`'s command."""
    folder = tmp_path_factory.mktemp("backup-source")
    if connection.vendor == "postgresql":
        env = environment(empty_database(), folder / "media")
        build_portal(env)
    else:
        shutil.copy(request.getfixturevalue("sqlite_portal"), folder / "portal.sqlite3")
        env = environment(f"sqlite:///{folder / 'portal.sqlite3'}", folder / "media")
    succeed(env, "-m", "tests.portal_state", "add")
    before = snapshot(env)
    backups = folder / "backups"
    result = succeed({**env, "BACKUP_DIR": str(backups)}, "manage.py", "backup_portal")
    (archive,) = backups.iterdir()
    return {"env": env, "before": before, "archive": archive, "output": result.stdout, "folder": folder}


def restore(database_url, media_root, archive, *flags):
    return run(environment(database_url, media_root), "manage.py", "restore_portal", str(archive), *flags)


def assert_same_portal(after, before):
    assert set(after["tables"]) == set(before["tables"])
    for table, rows in before["tables"].items():
        assert after["tables"][table] == rows, f"{table} differs after the restore"
    assert after["media"] == before["media"]


def test_backup_writes_one_timestamped_archive_with_a_manifest(backed_up):
    archive = backed_up["archive"]
    assert ARCHIVE_NAME.fullmatch(archive.name)
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds e-mail addresses: readable by its owner only"
    media_files = len(backed_up["before"]["media"])  # the image, its rendition, the document, social cards
    assert media_files >= 4 and any(name.startswith("social/") for name in backed_up["before"]["media"])
    assert str(archive) in backed_up["output"] and f"{media_files} media files" in backed_up["output"]


def test_restore_into_an_empty_database_and_media_folder_brings_back_the_same_portal(backed_up, empty_database):
    before = backed_up["before"]
    # The comparison below is only worth something if the backup holds what was added before it.
    rows = "\n".join(row for table in before["tables"].values() for row in table)
    assert SUBJECT_ALUMNUS in rows and SUBJECT_SKILL in rows and DRAFT_SUMMARY in rows and "in_progress" in rows
    assert {"documents/rider.txt", "original_images/tape-machine.png"} <= set(before["media"])
    assert any(name.startswith("images/tape-machine.") for name in before["media"])  # the rendition

    target = empty_database()
    media = backed_up["folder"] / "restored-media"
    result = restore(target, media, backed_up["archive"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"each count checked against the archive; {len(before['media'])} media files" in result.stdout

    after = snapshot(environment(target, media))  # read by another process, over its own connection
    assert_same_portal(after, before)
    assert sum(len(rows) for rows in after["tables"].values()) > 1000


def test_restore_refuses_a_database_that_has_tables(backed_up):
    """The source itself is the most likely wrong target: it must come out untouched."""
    result = restore(backed_up["env"]["DATABASE_URL"], backed_up["folder"] / "unused-media", backed_up["archive"])
    assert result.returncode != 0
    assert "already has" in result.stderr and "tables" in result.stderr and "--force" in result.stderr
    assert not (backed_up["folder"] / "unused-media").exists()


def test_restore_refuses_a_media_folder_with_files(backed_up, empty_database):
    media = backed_up["folder"] / "busy-media"
    media.mkdir()
    (media / "someone-elses.png").write_bytes(b"not ours")
    result = restore(empty_database(), media, backed_up["archive"])
    assert result.returncode != 0
    assert f"The media folder {media} is not empty" in result.stderr
    assert [path.name for path in media.iterdir()] == ["someone-elses.png"]


def test_restore_with_force_replaces_the_database_and_writes_over_media(backed_up, empty_database):
    """--force: every table replaced; same-named media files rewritten, other files left."""
    target, media = empty_database(), backed_up["folder"] / "forced-media"
    env = environment(target, media)
    assert restore(target, media, backed_up["archive"]).returncode == 0
    succeed(env, "manage.py", "shell", "-c", "from taggit.models import Tag; Tag.objects.create(name='Added later')")
    (media / "documents/rider.txt").write_bytes(b"changed after the backup")
    (media / "documents/added-later.txt").write_bytes(b"not in the archive")
    assert snapshot(env) != backed_up["before"]

    result = restore(target, media, backed_up["archive"], "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    after = snapshot(env)
    assert after["media"].pop("documents/added-later.txt")
    assert_same_portal(after, backed_up["before"])


def test_restore_refuses_the_other_databases_dump(backed_up, tmp_path):
    if connection.vendor == "postgresql":
        other, made_by, told = f"sqlite:///{tmp_path / 'portal.sqlite3'}", "PostgreSQL", "SQLite"
    else:  # refused before any connection is made: no server needs to listen there
        other, made_by, told = "postgres://postgres@127.0.0.1:1/portal", "SQLite", "PostgreSQL"
    result = restore(other, tmp_path / "media", backed_up["archive"])
    assert result.returncode != 0
    assert f"holds a {made_by} database and this site's database is {told}" in result.stderr
    assert not (tmp_path / "media").exists() and not (tmp_path / "portal.sqlite3").exists()


def test_backup_keep_deletes_all_but_the_newest_archives(backed_up, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for old in ("portal-20240101-020000.tar.gz", "portal-20240102-020000.tar.gz"):
        shutil.copy(backed_up["archive"], folder / old)
    result = succeed({**backed_up["env"], "BACKUP_DIR": str(folder)}, "manage.py", "backup_portal", "--keep", "2")
    remaining = sorted(path.name for path in folder.iterdir())
    assert len(remaining) == 2 and remaining[0] == "portal-20240102-020000.tar.gz"
    assert ARCHIVE_NAME.fullmatch(remaining[1]) and "Removed" in result.stdout


# The newcomer's first run


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """(status, content type, body) as a browser receives them."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.fixture
def make_run(sqlite_portal, tmp_path):
    """`make run PORT=...` itself (the install step taken as done), on a copy of a first run's database."""
    shutil.copy(sqlite_portal, tmp_path / "portal.sqlite3")
    port = free_port()
    log = (tmp_path / "make-run.log").open("w")
    server = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "run", f"PORT={port}", f"PY={sys.executable}"],  # noqa: S607
        cwd=ROOT, env=environment(f"sqlite:///{tmp_path / 'portal.sqlite3'}", tmp_path / "media"),
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "make-run.log").read_text()
            try:
                fetch(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "make-run.log").read_text()
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


def test_make_run_shows_the_site_as_a_visitor_sees_it(make_run):
    status, _, body = fetch(f"{make_run}/no-such-page/")
    html = body.decode()
    assert status == 404
    assert "We can't find that page" in html and "Browse every career" in html
    assert "URLconf" not in html and "DEBUG = True" not in html and "wagtail_serve" not in html

    status, content_type, html = fetch(f"{make_run}/")
    assert status == 200 and b'href="/static/portal/css/portal.css"' in html
    status, content_type, css = fetch(f"{make_run}/static/portal/css/portal.css")
    assert status == 200 and content_type.startswith("text/css")
    assert css == (ROOT / "portal/static/portal/css/portal.css").read_bytes()
