"""Run against a portal database on disk, in its own process, for the backup tests (tests/test_operations.py):

    python -m tests.portal_state add       # a published edit with a new skill, a draft, an alumnus with a story
                                           # waiting in the moderation workflow, an image, a rendition, a document
    python -m tests.portal_state snapshot  # every table's rows and every media file's SHA-256, as JSON

Settings come from the environment as for manage.py (DATABASE_URL, MEDIA_ROOT; the development settings).
"""

import hashlib
import io
import json
import os
import sys
from pathlib import Path

SUBJECT_SKILL = "Tape archiving"
SUBJECT_ALUMNUS = "Ada Lovelace-Backup"
DRAFT_SUMMARY = "An unpublished draft summary that only a revision holds."


def add():
    from PIL import Image as PillowImage

    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole
    from careers.models import RolePage

    role = RolePage.objects.get(slug="sound-designer")
    role.tags.add(SUBJECT_SKILL)
    role.summary = "Sound designers create the sounds of films, games and theatre (published before the backup)."
    role.save_revision().publish()
    role.summary = DRAFT_SUMMARY
    role.save_revision()

    alumnus = Alumnus.objects.create(
        name=SUBJECT_ALUMNUS, class_year=2019, major="Music Production", job_title="Archivist", email="ada@example.org"
    )
    AlumnusRole.objects.create(alumnus=alumnus, role=role)
    story = AlumniInterviewPage(
        title=SUBJECT_ALUMNUS, slug="ada-backup", alumnus=alumnus, intro="Ada keeps the tapes.", live=False
    )
    AlumniIndexPage.objects.get().add_child(instance=story)
    story.save_revision()
    story.get_workflow().start(story, user=None)

    picture = io.BytesIO()
    PillowImage.frombytes("RGB", (32, 24), os.urandom(32 * 24 * 3)).save(picture, format="PNG")
    image = get_image_model().objects.create(title="Tape machine", file=ImageFile(picture, name="tape-machine.png"))
    image.get_rendition("fill-16x16")
    get_document_model().objects.create(title="Rider", file=ContentFile(os.urandom(2048), name="rider.txt"))


def snapshot():
    from django.conf import settings
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(json.dumps(list(row), default=str) for row in cursor.fetchall())
    media_root = Path(settings.MEDIA_ROOT)
    media = {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }
    json.dump({"tables": tables, "media": media}, sys.stdout)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    {"add": add, "snapshot": snapshot}[sys.argv[1]]()
