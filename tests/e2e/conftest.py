"""Browser tests: a real server on a fresh SQLite database, driven by Debian's Chromium."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The Redis database the caching-layer tests use (and empty): one at a time, so they can share it.
E2E_REDIS_URL = os.environ.get("E2E_REDIS_URL", "redis://127.0.0.1:6379/7")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _clear_cache():
    """The browser tests talk to a server with its own database: no test database here."""


def api_page(base, page_type, slug=None):
    """A live page of ``page_type`` (its ``slug``, else the first) as the server's API lists it: ``id``,
    ``title``, ``meta.slug``. What a test expects on a shipped page comes from here, never from the
    content file's wording."""
    query = f"type={page_type}" + (f"&slug={slug}" if slug else "")
    with urllib.request.urlopen(f"{base}/api/v2/pages/?{query}", timeout=10) as response:  # noqa: S310 - our server
        return json.load(response)["items"][0]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    """The environment of the test server: its settings and its own SQLite database."""
    database = tmp_path_factory.mktemp("e2e") / "e2e.sqlite3"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "STORY_SUBMISSION_RATE_LIMIT": "1000",
    }


@pytest.fixture(scope="session")
def manage(server_env):
    """Runs a management command against the test server's database."""

    def run(*args, **env):
        command = [sys.executable, str(ROOT / "manage.py"), *args]
        return subprocess.run(command, env={**server_env, **env}, check=True, cwd=ROOT, capture_output=True, text=True)

    return run


@pytest.fixture(scope="session")
def server_url(server_env, manage):
    env = server_env
    manage("migrate", "--no-input", "-v0")
    manage("load_portal_content", "-v0")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1)  # noqa: S310 - our own local server
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("The test server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[375, 1280], ids=["phone", "desktop"])
def page(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


@pytest.fixture(
    params=[(375, "light"), (1280, "light"), (375, "dark"), (1280, "dark")],
    ids=["phone", "desktop", "phone-dark", "desktop-dark"],
)
def themed_page(request, browser):
    """A page at both widths, in light and in dark mode (``prefers-color-scheme``)."""
    width, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.width, page.scheme = width, scheme
    yield page
    context.close()


def screenshot(page, name):
    """``artifacts/screenshots/<name>-<width>.png`` (``-dark`` added in dark mode), the whole page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dark = "-dark" if getattr(page, "scheme", "light") == "dark" else ""
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.width}{dark}.png"), full_page=True)
