"""What a process loads before its first request (``portal.wsgi`` calls it when the application loads).

Otherwise each process would load at its first request: the URLconf (and with it every view and the
search vocabulary's word lists), the cache's client library and the site's templates, parsed. Under
gunicorn (``preload_app``) this happens once, in the master, before the workers are forked: a new
worker answers its first request as fast as its thousandth (it took 1-3 s each, several workers at
once after a restart), and the memory stays shared with the master. Nothing here reads the database.
"""

from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.template import engines
from django.urls import get_resolver

TEMPLATE_SUFFIXES = {".html", ".svg", ".txt", ".xml"}


def site_templates():
    """The names of the templates in the project's own template directories (not those of the admin or
    of other installed packages)."""
    base = Path(settings.BASE_DIR)
    for directory in map(Path, engines["django"].template_dirs):  # DIRS, then each installed app's
        if not directory.is_relative_to(base) or {".venv", "site-packages"} & set(directory.parts):
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES:
                yield path.relative_to(directory).as_posix()


def load_before_requests():
    get_resolver().url_patterns  # noqa: B018  (imports the URLconf and every module it names)
    caches["default"]  # imports the cache's client library; it connects at its first command
    engine = engines["django"]
    for name in site_templates():
        engine.get_template(name)
