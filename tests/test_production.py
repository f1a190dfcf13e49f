"""Production settings, health check, caching layers and security headers."""

import json
import logging
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from careers.models import RolePage
from portal.freshness import NO_VERSION, content_version
from portal.unavailable import is_connection_failure

ROOT = Path(__file__).resolve().parent.parent
DEAD_REDIS = "redis://127.0.0.1:1/0"
A_REDIS = "redis://127.0.0.1:6379/9"


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL")}
    environment.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="careers.example.org", REDIS_URL=A_REDIS,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="careers.example.org", REDIS_URL=A_REDIS)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    """Per-process caches would leave every gunicorn worker but one stale after a publish."""
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="careers.example.org")
    assert result.returncode != 0
    assert "Set REDIS_URL" in result.stderr


def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["X-Cache-Health"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "portal.cache"
    # Changing CACHES through the settings fixture makes Django drop its cache connections.


def test_healthz_stays_200_with_the_cache_down_and_reports_it_degraded(client, redis_down, caplog):
    """Every node shares the Redis: a 503 here would take them all out of the load balancer at once,
    while each can still serve every page."""
    health_log = logging.getLogger("portal.health").filters[0]
    health_log.reset()
    with caplog.at_level("WARNING", logger="portal.health"):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["X-Cache-Health"] == "unavailable"
    assert "the cache does not answer" in caplog.text
    assert client.get("/careers/sound-designer/").status_code == 200


def test_with_redis_down_pages_render_afresh(client, redis_down, settings):
    """No content version can be trusted, so every page is rendered from the database."""
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    assert content_version() == NO_VERSION
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/careers/sound-designer/").status_code == 200
        assert len(queries.captured_queries) > 0


def test_a_change_that_cannot_reach_redis_is_logged_as_an_error(redis_down, committed, caplog):
    role = RolePage.objects.get(slug="sound-designer")
    role.title = "Sound Designer, edited while Redis is down"
    with caplog.at_level("ERROR", logger="portal.freshness"), committed():
        role.save_revision().publish()
    errors = [record.getMessage() for record in caplog.records if record.name == "portal.freshness"]
    assert errors and "content version could not be changed" in errors[0]


@pytest.fixture
def cache_log(monkeypatch):
    """The portal.cache logger's once-per-interval filter, fresh, on a clock the test moves (a busy
    machine's slow requests must not count as the interval passing)."""
    (once,) = logging.getLogger("portal.cache").filters
    now = [1000.0]
    monkeypatch.setattr(once, "clock", lambda: now[0])
    once.advance = lambda seconds: now.__setitem__(0, now[0] + seconds)
    once.reset()
    yield once
    once.reset()


def test_site_keeps_serving_when_redis_is_down_and_says_so_in_the_logs(client, redis_down, settings, caplog, cache_log):
    """Said once with its traceback, then once an interval with a count: never a line per cache call."""
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    with caplog.at_level("ERROR", logger="portal.cache"):
        for _ in range(3):
            assert client.get("/careers/").status_code == 200
        assert client.get("/search/", {"q": "mixing"}).status_code == 200
        cache_log.advance(cache_log.seconds)
        assert client.get("/careers/sound-designer/").status_code == 200
    first, *later = [record for record in caplog.records if record.name == "portal.cache"]
    assert first.exc_info is not None
    assert len(later) == 1 and "more like it since the last one logged" in later[0].getMessage()


@pytest.fixture
def page_cache(settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600


def test_anonymous_pages_are_cached_and_fresh_after_a_publish(client, page_cache, committed):
    url = "/careers/sound-designer/"
    client.get(url)
    with CaptureQueriesContext(connection) as cached:
        response = client.get(url)
    assert len(cached.captured_queries) == 0
    assert "max-age=600" in response["Cache-Control"]
    role = RolePage.objects.get(slug="sound-designer")
    role.summary = "Freshly edited summary for the sound designer."
    with committed():
        role.save_revision().publish()
    assert "Freshly edited summary" in client.get(url).content.decode()
    assert "Freshly edited summary" in client.get("/careers/").content.decode()


def test_a_story_waiting_for_moderation_and_a_draft_leave_cached_pages_in_place(client, page_cache, story_form):
    """Neither changes what the public sees, so neither empties the page cache for everyone."""
    url = "/careers/sound-designer/"
    client.get(url)
    assert client.post("/alumni/share-your-story/", story_form()).status_code == 302
    role = RolePage.objects.get(slug="sound-designer")
    role.summary = "A draft summary nobody sees yet."
    role.save_revision()
    with CaptureQueriesContext(connection) as cached:
        html = client.get(url).content.decode()
        count = len(cached.captured_queries)
    assert count == 0
    assert "A draft summary nobody sees yet." not in html


def test_logged_in_users_forms_and_search_are_never_served_from_the_cache(client, page_cache, admin_user):
    client.get("/careers/")
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as logged_in:
        client.get("/careers/")
    assert len(logged_in.captured_queries) > 0
    client.logout()
    first = client.get("/alumni/share-your-story/").content.decode()
    second = client.get("/alumni/share-your-story/").content.decode()
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:20] != second.split(token)[1][:20] or "no-cache" in client.get(
        "/alumni/share-your-story/"
    ).get("Cache-Control", "")
    client.get("/search/", {"q": "mixing"})
    with CaptureQueriesContext(connection) as search:
        client.get("/search/", {"q": "mixing"})
    assert len(search.captured_queries) > 0


def test_public_pages_send_a_content_security_policy_their_own_markup_satisfies(client):
    response = client.get("/careers/recording-engineer-mixer/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    html = response.content.decode()
    scripts = [part.split(">")[0] for part in html.split("<script")[1:]]
    assert all('src="' in attrs or 'type="application/ld+json"' in attrs for attrs in scripts)
    assert ' style="' not in html and " onclick=" not in html
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


DATABASE_DOWN_SCRIPT = """
import django, json
django.setup()
from django.test import Client
client = Client()
story = {"name": "Dana Okafor", "how_started": "Say yes to every load-in you can.", "website_honeypot": ""}
answers = {}
urls = (("get", "/careers/sound-designer/"), ("get", "/search/?q=mixing"), ("post", "/alumni/share-your-story/"),
        ("get", "/healthz"))
for method, url in urls:
    response = getattr(client, method)(url, story if method == "post" else None)
    answers[url] = [response.status_code, response.content.decode(), response.get("Cache-Control", "")]
print(json.dumps(answers))
"""


def test_with_the_database_unreachable_pages_say_503_and_a_sent_form_is_shown_back():
    """A real outage: the portal pointed at a PostgreSQL port where nothing listens."""
    result = subprocess.run(
        [sys.executable, "-c", DATABASE_DOWN_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
             "DATABASE_URL": "postgres://postgres@127.0.0.1:1/portal", "ALLOWED_HOSTS": "testserver"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    status, html, cache_control = answers["/careers/sound-designer/"]
    assert status == 503 and "We will be back in a few minutes" in html and "Traceback" not in html
    assert answers["/search/?q=mixing"][0] == 503  # the failure comes while its template renders
    status, html, cache_control = answers["/alumni/share-your-story/"]
    assert status == 503 and "not saved" in html
    assert "Say yes to every load-in you can." in html and "Dana Okafor" in html
    assert "no-store" in cache_control
    assert answers["/healthz"][0] == 503 and answers["/healthz"][1] == "unavailable\n"


@pytest.mark.urls("tests.broken_query_urls")
def test_a_query_that_fails_on_a_database_that_answers_is_a_500_not_the_outage_page(caplog):
    response = Client(raise_request_exception=False).get("/failing-query/")
    assert response.status_code == 500
    assert "We will be back in a few minutes" not in response.content.decode()
    assert not any("Database unavailable" in record.getMessage() for record in caplog.records)


def _as_django_raises_it(cause):
    """``cause`` as Django's database layer raises it: its own OperationalError, from the driver's."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("cause", "outage"),
    [
        (psycopg.OperationalError("connection failed: Connection refused"), True),
        (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), True),
        (psycopg.errors.IdleSessionTimeout("terminating connection due to idle-session timeout"), True),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), False),
        (psycopg.errors.DeadlockDetected("deadlock detected"), False),
    ],
    ids=["refused", "server shut down", "idle session ended", "statement timeout", "deadlock"],
)
def test_postgresql_errors_that_mean_the_database_is_gone_and_those_that_do_not(cause, outage):
    assert is_connection_failure(_as_django_raises_it(cause)) is outage


def test_sqlite_errors_that_mean_the_database_is_gone_and_those_that_do_not(tmp_path):
    def sqlite_error(run):
        with pytest.raises(sqlite3.OperationalError) as raised:
            run()
        return _as_django_raises_it(raised.value)

    cannot_open = sqlite_error(lambda: sqlite3.connect(tmp_path / "no-such-folder" / "portal.sqlite3"))
    writer = sqlite3.connect(tmp_path / "portal.sqlite3", isolation_level=None)
    writer.execute("CREATE TABLE story (words TEXT)")
    writer.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(tmp_path / "portal.sqlite3", timeout=0)
    busy = sqlite_error(lambda: waiting.execute("INSERT INTO story VALUES ('hello')"))
    writer.close()
    missing_table = sqlite_error(lambda: waiting.execute("SELECT * FROM no_such_table"))
    waiting.close()
    assert is_connection_failure(cannot_open) and is_connection_failure(busy)
    assert not is_connection_failure(missing_table)
