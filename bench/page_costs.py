"""What each benchmarked page costs inside Django, whatever the amount of content: SQL queries and
milliseconds, cold (every cache emptied) and on a repeat visit.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/page_costs.py

Runs the production settings in this process as the "uncached" layer of ``http_bench.py`` does
(page cache off, the only cache of rendered output; the content version in Redis), calls the WSGI
application directly and reports medians. Run it on the shipped content and on the
synthetic data set (`make bench-data`) to compare.
"""

import io
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings.production",
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS="127.0.0.1",
    SECURE_SSL_REDIRECT="0",
    PAGE_CACHE_SECONDS="0",
    LOG_LEVEL="WARNING",
    REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
)

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.http_bench import PAGES  # noqa: E402
from careers.models import RolePage  # noqa: E402

REPEATS = 30


def get(url):
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
    }  # fmt: skip
    statuses = []
    body = application(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()
    assert statuses[0].startswith("200"), (url, statuses[0])


def measure(url, cold):
    """Median milliseconds and the query count of one request; ``cold``: with every cache emptied
    (the content version, Wagtail's site root paths, search's vocabulary)."""
    times, queries = [], 0
    for _ in range(REPEATS):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            get(url)
            times.append((time.perf_counter() - start) * 1000)
            queries = len(captured.captured_queries)
    return statistics.median(times), queries


def main():
    for url in PAGES.values():
        get(url)  # warm the process: imports, templates, connections
    roles = RolePage.objects.live().count()
    print(f"{connection.vendor}, {roles:,} live roles; median of {REPEATS} requests each, in process")
    print("\n| page | queries, cold | ms, cold | queries, repeat | ms, repeat |\n|---|---|---|---|---|")
    for name, url in PAGES.items():
        cold_ms, cold_queries = measure(url, cold=True)
        warm_ms, warm_queries = measure(url, cold=False)
        print(f"| {name} | {cold_queries} | {cold_ms:.1f} | {warm_queries} | {warm_ms:.1f} |")


if __name__ == "__main__":
    main()
