"""Requests per second and latency of the portal's pages beside the framework floor, in one run.

    python bench/http_bench.py [--duration 10] [--runs 3] [--only "role page"] [--load 60]      (make bench)

Starts, on this machine: the floor (bench/floor.py) and the portal, both under the same gunicorn
configuration (portal/gunicorn.py), the portal twice (page cache off, and Django's page cache on;
both keep their caches in Redis, as production requires), and Varnish in front of the cached portal.
Every target is measured with the same wrk settings and `Connection: close` (gunicorn's sync workers
close connections anyway). Reports the median of the runs: requests/s, p50 and p99 latency, and the
ratio to the floor's requests/s; errors are non-2xx answers plus socket errors. ``--load`` then holds
32 connections on the role page of each layer; last, the resident memory of each gunicorn worker.
The portal uses DATABASE_URL (default: the PostgreSQL benchmark database of `make bench-data`).
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PAGES = {
    "/": "/",
    "/careers/": "/careers/",
    "role page": "/careers/recording-engineer-mixer/",
    "interview page": "/alumni/miles-walker/",
    "/search/?q=mixing": "/search/?q=mixing",
}


def wait_for(url):
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def start_gunicorn(app, port, env):
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "python:portal.gunicorn", app],
        cwd=ROOT, env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def wrk(url, duration, connections=16, keep_alive=False):
    close = [] if keep_alive else ["-H", "Connection: close"]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *close, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(map(int, socket_errors.groups())) if socket_errors else 0
    return rps, latency("50"), latency("99"), errors


def worker_memory_mb(master):
    """Resident memory of each gunicorn worker of ``master`` (a Popen), in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="measure only the targets whose name contains this")
    parser.add_argument("--load", type=int, default=0, help="then load the role page on each layer this long")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database,
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"),
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "5"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=base_env, check=True
    )
    # BENCH_PORT (default 8101) and the three after it; BENCH_REDIS_URL and BENCH_CACHE_REDIS_URL for the
    # uncached and the cached portal (default Redis databases 4 and 5): two runs side by side on one machine.
    first_port = int(os.environ.get("BENCH_PORT", "8101"))
    ports = dict(zip(("floor", "uncached", "django cache", "varnish"), range(first_port, first_port + 4), strict=True))
    processes = [
        start_gunicorn("bench.floor:application", ports["floor"], base_env),
        start_gunicorn("portal.wsgi", ports["uncached"], {**base_env, "PAGE_CACHE_SECONDS": "0"}),
        start_gunicorn("portal.wsgi", ports["django cache"],
                       {**base_env, "PAGE_CACHE_SECONDS": "600",
                        "REDIS_URL": os.environ.get("BENCH_CACHE_REDIS_URL", "redis://127.0.0.1:6379/5")}),
    ]  # fmt: skip
    varnish_dir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    varnish_dir.chmod(0o755)
    vcl = varnish_dir / "bench.vcl"
    vcl.write_text((ROOT / "portal" / "varnish.vcl").read_text().replace('"8000"', f'"{ports["django cache"]}"'))
    vcl.chmod(0o644)
    processes.append(subprocess.Popen(
        ["/usr/sbin/varnishd", "-F", "-a", f"127.0.0.1:{ports['varnish']}", "-f", str(vcl),
         "-n", str(varnish_dir / "state"), "-s", "malloc,256m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    ))  # fmt: skip
    try:
        for port in ports.values():
            wait_for(f"http://127.0.0.1:{port}/")
        targets = [("floor", "/", ports["floor"])]
        for layer in ("uncached", "django cache", "varnish"):
            targets += [(f"{name}, {layer}", path, ports[layer]) for name, path in PAGES.items()]
        # Varnish keeps connections open (gunicorn's sync workers cannot): measured that way too.
        targets += [(f"{name}, varnish keep-alive", path, ports["varnish"]) for name, path in PAGES.items()]
        targets = [t for t in targets if t[0] == "floor" or args.only in t[0]]
        results = {name: [] for name, _, _ in targets}
        for _ in range(args.runs):  # interleave the runs: the machine's noise spreads over every target
            for name, path, port in targets:
                url = f"http://127.0.0.1:{port}{path}"
                urllib.request.urlopen(url, timeout=10)
                results[name].append(wrk(url, args.duration, keep_alive=name.endswith("keep-alive")))
        floor_rps = statistics.median(r[0] for r in results["floor"])
        print(
            f"wrk -t2 -c16 -d{args.duration}s, Connection: close except the keep-alive rows; "
            f"median of {args.runs} runs; database {database}"
        )
        print("\n| target | req/s | p50 ms | p99 ms | ratio to floor | errors |\n|---|---|---|---|---|---|")
        for name, runs in results.items():
            rps = statistics.median(r[0] for r in runs)
            p50 = statistics.median(r[1] for r in runs)
            p99 = statistics.median(r[2] for r in runs)
            errors = sum(r[3] for r in runs)
            print(f"| {name} | {rps:,.0f} | {p50:.1f} | {p99:.1f} | {rps / floor_rps:.3f} | {errors} |")
        if args.load:
            print(f"\nLoad: wrk -t2 -c32 -d{args.load}s, Connection: close, the role page on each layer")
            print("\n| layer | requests | req/s | p99 ms | errors |\n|---|---|---|---|---|")
            role = PAGES["role page"]
            for layer in ("floor", "uncached", "django cache", "varnish"):
                path = "/" if layer == "floor" else role
                rps, _p50, p99, errors = wrk(f"http://127.0.0.1:{ports[layer]}{path}", args.load, connections=32)
                print(f"| {layer} | {rps * args.load:,.0f} | {rps:,.0f} | {p99:.1f} | {errors} |")
        print("\nResident memory per gunicorn worker (MB, after the runs):")
        for layer, master in zip(("floor", "uncached", "django cache"), processes, strict=False):
            sizes = worker_memory_mb(master)
            print(f"- {layer}: median {statistics.median(sizes):.0f}, max {max(sizes):.0f} ({len(sizes)} workers)")
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=20)
        shutil.rmtree(varnish_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
