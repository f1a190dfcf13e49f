"""Every gunicorn worker is fresh after a publish: the pages they cached are keyed on the content
version, which lives in Redis beside them.

The production settings under gunicorn with several workers sharing the page cache in Redis, and a
role published from another process, as the admin would.
"""

import os
import secrets
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from django.utils.html import escape

from .conftest import E2E_REDIS_URL, ROOT, _free_port, api_page
from .test_cache_layers import _get, _wait_for

WORKERS = 3
ROLE_URL, LISTING_URL = "/careers/sound-designer/", "/careers/"


@pytest.fixture(scope="module")
def workers(tmp_path_factory):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('workers') / 'workers.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "REDIS_URL": E2E_REDIS_URL,
        "PAGE_CACHE_SECONDS": "600",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(WORKERS),
        "BIND": f"127.0.0.1:{port}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "shell", "-c", "from django.core.cache import cache; cache.clear()"], env=env, check=True)
    for command in (["migrate", "--no-input"], ["load_portal_content"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *command, "-v0"], env=env, check=True, cwd=ROOT)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:portal.gunicorn", "portal.wsgi"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        yield {"env": env, "base": f"http://127.0.0.1:{port}"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def _pages_at_once(base, count=48):
    """``count`` GETs of the role page and the listing, 8 at a time, so every worker answers some."""
    urls = [base + (ROLE_URL if i % 2 else LISTING_URL) for i in range(count)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda url: _get(url)[1], urls))


def test_a_publish_reaches_every_worker_at_once(workers):
    title = api_page(workers["base"], "careers.RolePage", "sound-designer")["title"]
    before = _pages_at_once(workers["base"])  # the page cache now holds both pages
    assert all(escape(title) in html for html in before)

    summary = f"Sound designers, published to every worker {secrets.token_hex(4)}."
    publish = (
        "from careers.models import RolePage; "
        "role = RolePage.objects.get(slug='sound-designer'); "
        f"role.summary = {summary!r}; role.save_revision().publish()"
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "shell", "-c", publish], env=workers["env"], check=True, cwd=ROOT)

    after = _pages_at_once(workers["base"])
    stale = sum(summary not in html for html in after)
    assert stale == 0, f"{stale} of {len(after)} pages still showed the old summary"
