"""Every caching layer stays fresh: Varnish in front, Django's page cache in Redis behind it.

A real server (Redis cache, page cache on, VARNISH_URL set) runs behind a real varnishd with the
repository's VCL. A role is edited and published from another process, as the admin would; within a
second the change shows through Varnish, on the role page and on the listing that shows it.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import E2E_REDIS_URL, ROOT, _free_port, api_page

VARNISHD = "/usr/sbin/varnishd"


def _wait_for(url, attempts=100):
    for _ in range(attempts):
        try:
            return urllib.request.urlopen(url, timeout=2)  # noqa: S310 - local test servers
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer")


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test servers
        return response.headers, response.read().decode()


@pytest.fixture(scope="module")
def layers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("layers")
    django_port, varnish_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'layers.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "REDIS_URL": E2E_REDIS_URL,
        "VARNISH_URL": f"http://127.0.0.1:{varnish_port}",
        "PAGE_CACHE_SECONDS": "600",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "shell", "-c", "from django.core.cache import cache; cache.clear()"], env=env, check=True)
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_portal_content", "-v0"], env=env, check=True, cwd=ROOT)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{django_port}", "--noreload", "--insecure"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=(workdir / "server.log").open("w"),
    )  # fmt: skip
    # varnishd compiles the VCL as its own unprivileged user: the file must be readable by it.
    varnish_dir = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    varnish_dir.chmod(0o755)
    vcl = varnish_dir / "portal.vcl"
    vcl.write_text((ROOT / "portal" / "varnish.vcl").read_text().replace('"8000"', f'"{django_port}"'))
    vcl.chmod(0o644)
    varnish = subprocess.Popen(
        [VARNISHD, "-F", "-a", f"127.0.0.1:{varnish_port}", "-f", str(vcl), "-n", str(varnish_dir / "state"),
         "-s", "malloc,64m"],
        stdout=subprocess.DEVNULL, stderr=(workdir / "varnish.log").open("w"),
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{django_port}/healthz")
        _wait_for(f"http://127.0.0.1:{varnish_port}/healthz")
        yield {"env": env, "django": f"http://127.0.0.1:{django_port}", "varnish": f"http://127.0.0.1:{varnish_port}"}
    finally:
        varnish.terminate()
        server.terminate()
        varnish.wait(timeout=10)
        server.wait(timeout=10)
        shutil.rmtree(varnish_dir, ignore_errors=True)


def test_varnish_serves_cached_pages_and_passes_search(layers):
    url = layers["varnish"] + "/careers/sound-designer/"
    _get(url)
    headers, _ = _get(url)
    assert headers["X-Cache"] == "HIT"
    _get(layers["varnish"] + "/search/?q=mixing")
    headers, _ = _get(layers["varnish"] + "/search/?q=mixing")
    assert headers["X-Cache"] == "MISS"


def _fresh_within_a_second(layers, paths, change, shown):
    """Run ``change`` (Python, in a ``manage.py shell`` of its own, as the admin would) once every
    layer holds ``paths``; then ``shown`` must appear on each of them, through each layer, within 1 s."""
    for base in (layers["varnish"], layers["django"]):
        for path in paths:
            _get(base + path)  # both layers now hold the old pages
    assert _get(layers["varnish"] + paths[0])[0]["X-Cache"] == "HIT"

    subprocess.run([sys.executable, str(ROOT / "manage.py"), "shell", "-c", change], env=layers["env"], check=True)
    deadline = time.monotonic() + 1.0
    views = {(base, path) for base in (layers["varnish"], layers["django"]) for path in paths}
    fresh = set()
    while time.monotonic() < deadline and fresh != views:
        for base, path in views - fresh:
            if shown in _get(base + path)[1]:
                fresh.add((base, path))
    assert fresh == views, f"still stale after a second: {sorted(views - fresh)}"


def test_a_published_change_is_fresh_within_a_second_at_every_layer(layers):
    summary = f"Sound designers, freshly edited {secrets.token_hex(4)}."
    publish = (
        "from careers.models import RolePage; "
        "role = RolePage.objects.get(slug='sound-designer'); "
        f"role.summary = {summary!r}; role.save_revision().publish()"
    )
    _fresh_within_a_second(layers, ["/careers/sound-designer/", "/careers/"], publish, summary)


def test_a_renamed_skill_is_fresh_within_a_second_at_every_layer(layers):
    name = f"Sound for picture {secrets.token_hex(4)}"
    rename = (
        "from careers.models import RolePage; "
        "tag = RolePage.objects.get(slug='sound-designer').tags.order_by('name').first(); "
        f"tag.name = {name!r}; tag.save()"
    )
    _fresh_within_a_second(layers, ["/careers/sound-designer/", "/careers/skills/"], rename, name)


def test_an_edited_alumnus_is_fresh_within_a_second_at_every_layer(layers):
    slug = api_page(layers["django"], "alumni.AlumniInterviewPage")["meta"]["slug"]
    job_title = f"Mixing engineer and studio owner {secrets.token_hex(4)}"
    edit = (
        "from alumni.models import AlumniInterviewPage; "
        f"alumnus = AlumniInterviewPage.objects.get(slug={slug!r}).alumnus; "
        f"alumnus.job_title = {job_title!r}; alumnus.save()"
    )
    _fresh_within_a_second(layers, [f"/alumni/{slug}/", "/alumni/"], edit, job_title)
