"""Search latency at scale: p50 and p95 of /search/ for a fixed query list, through Django's full
request cycle (middleware, view, ranking, template), in one process, on the database in DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/search_latency.py

Run ``make bench-search`` to build both benchmark databases (the real content plus
``bench/synthetic_content.py``: 1,000+ roles, 10,000 interviews and alumni) and measure both.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from alumni.models import AlumniInterviewPage, Alumnus  # noqa: E402
from careers.models import RolePage  # noqa: E402
from search import services as search_services  # noqa: E402

QUERIES = [
    "mixing",
    "engineer",
    "studio",
    "transfer vinyl records to digital",
    "unloading gear with the road crew",
    "soundboard during a live performance",
    "temp track for a film score",
    "MIDI keyboard synthesizer tracks",
    "acoustic design for concert halls",
    "Miles Walker",
    "MixedbyMiles",
    "remastring",
    "sound tecnician",
    "studio desiner",
    "video game sound effects",
    "booking acts and marketing the studio",
    "circuitry and audio electronics repair",
    "mechanical licensing fee",
    "artist development A&R",
    "zzqxv nothing matches this",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="Passes over the query list (default 20).")
    parser.add_argument(
        "--cold-documents",
        action="store_true",
        help="Empty the per-process memo of candidate documents before every request (as right after a publish).",
    )
    args = parser.parse_args()

    client = Client(HTTP_HOST="localhost")
    for query in QUERIES:  # warm: vocabulary, site root paths, database caches
        assert client.get("/search/", {"q": query}).status_code == 200
    per_query = {query: [] for query in QUERIES}
    queries_per_request = set()
    for _ in range(args.runs):
        for query in QUERIES:
            if args.cold_documents:
                search_services._documents.clear()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get("/search/", {"q": query})
                per_query[query].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            queries_per_request.add(len(captured.captured_queries))
    every = [ms for timings in per_query.values() for ms in timings]
    print(
        f"database: {connection.vendor}; content: {RolePage.objects.count()} roles, "
        f"{AlumniInterviewPage.objects.count()} interviews, {Alumnus.objects.count()} alumni"
    )
    print(
        f"requests: {len(every)} ({args.runs} runs x {len(QUERIES)} queries); "
        f"SQL queries per request: {min(queries_per_request)}-{max(queries_per_request)}"
    )
    print(f"p50 {statistics.median(every):.1f} ms   p95 {percentile(every, 0.95):.1f} ms   max {max(every):.1f} ms")
    print("\n| query | median ms |\n|---|---|")
    for query, timings in per_query.items():
        print(f"| {query} | {statistics.median(timings):.1f} |")


if __name__ == "__main__":
    main()
