"""Nothing lost when a service misbehaves: the story limit under a burst, the page cache under junk
query strings, the logs during a database outage, and what /healthz tells a load balancer."""

import os
import subprocess
import sys
import threading

import pytest

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alumni.models import AlumniInterviewPage
from tests.test_alumni import FORM_URL
from tests.test_production import ROOT

# The story limit under a burst ------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="20 writers at once need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_stories_sent_at_once_from_one_address_make_only_the_limit_of_drafts(settings, story_form):
    settings.STORY_SUBMISSION_RATE_LIMIT = (5, 3600)
    senders = 20
    before = AlumniInterviewPage.objects.count()
    at_once = threading.Barrier(senders)
    answers = []

    def send(number):
        try:
            client = Client(raise_request_exception=False)
            data = story_form(name=f"Burst Sender {number:02d}")
            at_once.wait(timeout=30)
            answers.append(client.post(FORM_URL, data).status_code)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=send, args=(number,)) for number in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [302] * 5 + [429] * 15
    assert AlumniInterviewPage.objects.count() - before == 5


# The page cache under junk query strings --------------------------------------------------------


def stored_pages():
    return [key for key in caches["default"]._cache if ":page:" in key]  # Django's LocMemCache store


def test_tracking_and_unknown_parameters_share_the_pages_one_cached_copy(client, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    for number in range(30):
        assert client.get("/careers/", {"utm_source": f"x{number}", "fbclid": number}).status_code == 200
    with CaptureQueriesContext(connection) as plain:
        response = client.get("/careers/")
    assert len(plain.captured_queries) == 0 and "Age" in response  # the copy the tracked visits stored
    assert len(stored_pages()) == 1


def test_a_parameter_the_page_reads_still_has_its_own_copy(client, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    everything = client.get("/careers/").content.decode()
    studio = client.get("/careers/", {"sector": "studio", "utm_source": "newsletter"}).content.decode()
    assert studio != everything
    with CaptureQueriesContext(connection) as again:
        assert client.get("/careers/", {"sector": "studio"}).content.decode() == studio
    assert len(again.captured_queries) == 0
    assert len(stored_pages()) == 2
    # The API refuses a parameter it does not know, so nothing is stored for it.
    assert client.get("/api/v2/pages/", {"utm_source": "x"}).status_code == 400
    assert len(stored_pages()) == 2


# The logs during a database outage --------------------------------------------------------------

OUTAGE_SCRIPT = """
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
paths = ["/careers/sound-designer/", "/", "/alumni/", "/careers/?sector=studio", "/healthz"]
statuses = {client.get(paths[number % len(paths)]).status_code for number in range(50)}
print(sorted(statuses))
"""


def test_fifty_requests_while_the_database_is_unreachable_log_one_traceback_a_logger(tmp_path):
    """The first of each kind says it with its traceback; the rest are counted in the next line (10 s)."""
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
             "DATABASE_URL": "postgres://postgres@127.0.0.1:1/portal", "ALLOWED_HOSTS": "testserver"},
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip() == "[503]", result.stderr[-3000:]
    log = result.stderr
    assert log.count("Database unavailable while serving") == 1  # portal.unavailable, with its traceback
    assert log.count("Service Unavailable: ") == 1  # django.request
    assert log.count("Health check: the database does not answer") == 1  # portal.health, with its traceback
    tracebacks = [line for line in log.splitlines() if line.startswith("django.db.utils.OperationalError")]
    assert len(tracebacks) == 2
    assert len(log.splitlines()) < 200  # was 50 tracebacks: 4,500 lines
