"""Load and faults: concurrent story submissions, PostgreSQL stopped under load, Redis stopped under load.

    .venv/bin/python bench/faults.py

Starts its own throwaway PostgreSQL 15 and Redis on free ports (never the machine's shared ones),
migrates and loads the portal's content into it, and serves the portal with gunicorn under the
production settings as bench/http_bench.py does (portal/gunicorn.py, 4 sync workers), with the Redis
cache (REDIS_URL), the page cache on, and the story rate limit lifted (STORY_SUBMISSION_RATE_LIMIT=1000).
Then it proves:

1. 50 story submissions sent at once by 50 visitors (each its own cookie jar) are all thanked and
   become exactly 50 drafts: an unpublished interview page with its alumnus, role, revision and
   submission record each, waiting for its writer to confirm it (as alumni/services.py creates them).
2. PostgreSQL stopped for 5 s under load (pages, /healthz, story POSTs): pages answer a cached copy
   (200) or the site's own outage or error page (templates/503.html, 500.html), never a traceback;
   /healthz answers 503;
   a story POST is thanked or gets the 503 page that keeps the answers. After PostgreSQL starts, the
   site recovers by itself (seconds measured) and every thanked story is in the database, whole.
3. Redis stopped for 5 s under load: pages keep answering 200, gunicorn's log has a line from the
   ``portal.cache`` logger, and /healthz is 200 again once Redis is back.

Throughout: no alumnus without its page and a consistent page tree. Prints a Markdown table of the
checks and figures, then the details of any failure; exits 1 if a check fails. Everything it starts
(gunicorn, Redis, PostgreSQL, the temporary directory) is stopped and removed at the end.
"""

import html
import itertools
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # initdb refuses root

FORM = "/alumni/share-your-story/"
THANKS = "/alumni/share-your-story/thanks/"
ROLE_PAGE = "/careers/recording-engineer-mixer/"
PAGES = ["/", ROLE_PAGE, "/alumni/miles-walker/", "/search/?q=mixing", FORM]
FRIENDLY_ERROR = "Something went wrong on our side"  # templates/500.html
OUTAGE_PAGE = "We will be back in a few minutes"  # templates/503.html (portal/unavailable.py)
SAVE_ERROR = "We could not save your story"  # alumni/templates/alumni/share_story.html
PAGE_OK_WHILE_DOWN = ("200", "503 outage page", "500 error page", "503 error page")
SUBMISSIONS = 50
OUTAGE_SECONDS = 5
RECOVERY_LIMIT_SECONDS = 5


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


# HTTP: one Client is one visitor with its own cookie jar ------------------------------------------


@dataclass
class Answer:
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    body: str
    location: str = ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is the answer to look at, not to follow


class Client:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)

    def send(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return Answer(response.status, response.read().decode(errors="replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(errors="replace"), error.headers.get("Location", ""))
        except OSError as error:
            return Answer(0, repr(error))


def get(base, path):
    return Client(base).send(path)


class _Inputs(HTMLParser):
    """The form's inputs, and the options of each select (by the select's name)."""

    def __init__(self):
        super().__init__()
        self.inputs = []
        self.options = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            self.inputs.append(attrs)
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and attrs.get("value"):
            self.options.setdefault(self._select, []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@dataclass
class StoryForm:
    client: Client
    hidden: dict  # csrfmiddlewaretoken and the one-time submission_token, as rendered
    role: str  # the first role offered for the career history


def open_form(base):
    """GET the story form as a new visitor, as a browser would before sending it."""
    client = Client(base)
    answer = client.send(FORM)
    if answer.status != 200:
        raise RuntimeError(f"the story form answered {answer.status}: {answer.body[:300]}")
    parser = _Inputs()
    parser.feed(answer.body)
    by_name = {tag.get("name"): tag for tag in parser.inputs}
    if by_name["website_honeypot"].get("value"):
        raise RuntimeError("the honeypot field is rendered with a value")
    hidden = {name: by_name[name]["value"] for name in ("csrfmiddlewaretoken", "submission_token")}
    return StoryForm(client, hidden, parser.options["history_0_role"][0])


def story_answer(name):
    return f"{name} started by mixing the college big band, then assisted at a studio for two years."


def submit(form, name):
    """POST a valid story (honeypot left empty) from the visitor who opened the form."""
    fields = {
        "name": name,
        "email": f"{name.lower().replace(' ', '.')}@example.org",
        "class_year": "2015",
        "major": "Music Production and Engineering",
        "job_title": "Mix Engineer",
        "organisation": "Fault Line Studios",
        "history_0_role": form.role,
        "history_0_start_year": "2015",
        "history_0_current": "on",
        "how_started": story_answer(name),
        "typical_day": "Recall the session, mix until six, print stems, send notes to the client.",
        "advice": "Finish things: a finished mix teaches more than ten half-done ones.",
        "consent": "on",
        "website_honeypot": "",
    }
    return form.client.send(FORM, {**form.hidden, **fields})


def kind(label, answer, name=""):
    """What a visitor saw, in a few words. Anything the site must never answer starts "unexpected"."""
    if "Traceback" in answer.body:
        return f"unexpected {answer.status} traceback"
    if label == "/healthz":
        return {(200, "ok\n"): "200 ok", (503, "unavailable\n"): "503 unavailable"}.get(
            (answer.status, answer.body), f"unexpected {answer.status}"
        )
    if label == "POST":
        if answer.status == 302 and answer.location.endswith(THANKS):
            return "302 thank-you"
        kept = html.escape(story_answer(name)) in answer.body
        if answer.status == 503 and kept and (SAVE_ERROR in answer.body or OUTAGE_PAGE in answer.body):
            return "503 answers kept"
    elif answer.status == 200:
        return "200"
    if answer.status == 503 and OUTAGE_PAGE in answer.body:
        return "503 outage page"
    if answer.status in (500, 503) and FRIENDLY_ERROR in answer.body:
        return f"{answer.status} error page"
    return f"unexpected {answer.status}"


# The throwaway services and the portal ---------------------------------------------------------------


class Stack:
    """PostgreSQL, Redis and gunicorn of one run, in one temporary directory, on free ports."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="portal-faults-"))
        self.dir.chmod(0o755)  # the postgres user must reach its data directory
        self.pgdata = self.dir / "pgdata"
        self.gunicorn_log = self.dir / "gunicorn.log"
        self.pg_port, self.redis_port, web_port = free_port(), free_port(), free_port()
        self.base = f"http://127.0.0.1:{web_port}"
        self.postgres_running = False
        self.redis = self.gunicorn = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/portal_faults",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "PAGE_CACHE_SECONDS": "600",
            "STORY_SUBMISSION_RATE_LIMIT": "1000",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "4",
            "BIND": f"127.0.0.1:{web_port}",
        }

    def setup(self):
        self.pgdata.mkdir()
        if AS_POSTGRES:
            shutil.chown(self.pgdata, "postgres", "postgres")
        self._quiet(
            [*AS_POSTGRES, PG_BIN / "initdb", "-D", self.pgdata, "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        )
        self.start_postgres()
        self._quiet(
            [PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "portal_faults"]
        )
        self.start_redis()
        for command in (["migrate", "--no-input"], ["load_portal_content"], ["collectstatic", "--no-input"]):
            self._quiet([sys.executable, "manage.py", *command, "-v0"])
        self.gunicorn = subprocess.Popen(
            [VENV_BIN / "gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi"],
            cwd=ROOT, env=self.env, stdout=self.gunicorn_log.open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        if seconds_until_200(self.base, ["/healthz"], time.monotonic(), timeout=60)["/healthz"] is None:
            raise RuntimeError("the portal did not start:\n" + "\n".join(self.log_lines()[-30:]))

    def _quiet(self, command):
        subprocess.run(command, cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)

    def _pg_ctl(self, *args):
        self._quiet([*AS_POSTGRES, PG_BIN / "pg_ctl", "-D", self.pgdata, "-w", *args])

    def start_postgres(self):
        options = f"-p {self.pg_port} -k {self.pgdata} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-o", options, "-l", self.pgdata / "server.log", "start")
        self.postgres_running = True

    def stop_postgres(self, mode="fast"):
        self._pg_ctl("-m", mode, "stop")
        self.postgres_running = False

    def start_redis(self):
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=(self.dir / "redis.log").open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for_port(self.redis_port)

    def stop_redis(self):
        self.redis.terminate()
        self.redis.wait(timeout=10)
        self.redis = None

    def log_lines(self, offset=0):
        with self.gunicorn_log.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace").splitlines()

    def close(self):
        if self.gunicorn:
            os.killpg(self.gunicorn.pid, signal.SIGTERM)
            self.gunicorn.wait(timeout=30)
        if self.redis:
            self.stop_redis()
        if self.postgres_running:
            self.stop_postgres(mode="immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def seconds_until_200(base, paths, since, timeout=60):
    """For each path, seconds from ``since`` until it first answered 200 (None: not within the timeout)."""
    first = dict.fromkeys(paths)
    while None in first.values() and time.monotonic() - since < timeout:
        for path in [path for path, seconds in first.items() if seconds is None]:
            if get(base, path).status == 200:
                first[path] = round(time.monotonic() - since, 1)
        time.sleep(0.1)
    return first


# The database, read through the portal's own models --------------------------------------------------


def django_setup(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def draft_states(names):
    """For each story name: "draft" when its alumnus and draft page are whole, else what is found."""
    from django.db import connections

    from alumni.models import Alumnus, StorySubmission
    from alumni.moderation import WORKFLOW_NAME

    connections.close_all()  # PostgreSQL may have restarted since the last query
    found = {}
    for alumnus in Alumnus.objects.filter(name__in=names).prefetch_related("interviews", "role_links"):
        found.setdefault(alumnus.name, []).append(alumnus)

    def state(alumni):
        if len(alumni) != 1:
            return f"{len(alumni)} alumni" if alumni else "missing"
        alumnus = alumni[0]
        pages = list(alumnus.interviews.all())
        if len(pages) != 1:
            return f"{len(pages)} pages"
        page, workflow_state = pages[0], pages[0].current_workflow_state
        if page.live or alumnus.is_public:
            return "public"
        if page.latest_revision_id is None or len(alumnus.role_links.all()) != 1:
            return "incomplete"
        submission = StorySubmission.objects.filter(page=page).first()
        if submission is None:
            return "no submission record"
        if submission.confirmed_at is None:  # waits for its writer: moderation starts once they confirm
            return "draft" if workflow_state is None else f"workflow {workflow_state.status} before confirmation"
        if workflow_state is None or workflow_state.workflow.name != WORKFLOW_NAME:
            return "not in moderation"
        return "draft" if workflow_state.status == "in_progress" else f"workflow {workflow_state.status}"

    return {name: state(found.get(name, [])) for name in names}


def unpublished_interviews():
    from django.db import connections

    from alumni.models import AlumniInterviewPage

    connections.close_all()
    return AlumniInterviewPage.objects.filter(live=False).count()


def integrity():
    """Submitted alumni without a page, and problems treebeard finds in the page tree."""
    from django.db import connections

    from wagtail.models import Page

    from alumni.models import Alumnus

    connections.close_all()
    orphans = Alumnus.objects.filter(submission_token__isnull=False, interviews__isnull=True).count()
    return orphans, sum(len(problems) for problems in Page.find_problems())


# Load, with a fault in the middle ----------------------------------------------------------------


@dataclass
class Record:
    start: float
    end: float
    label: str  # a page's path, "/healthz" or "POST"
    kind: str
    answer: Answer
    name: str = ""  # the story's name, for a POST


class Load:
    """GET threads over the pages and /healthz, and POST threads sending stories from forms opened
    beforehand (so that some are sent while a service is down), until the block ends."""

    def __init__(self, base, prefix, get_threads=6, post_threads=2, forms=150):
        self.base, self.prefix = base, prefix
        self.records = []
        self.stopping = threading.Event()
        self.forms = queue.Queue()
        with ThreadPoolExecutor(8) as pool:
            for form in pool.map(lambda _: open_form(base), range(forms)):
                self.forms.put(form)
        self.numbers = itertools.count()
        targets = [*PAGES, "/healthz"]
        self.threads = [
            threading.Thread(target=self._get_loop, args=(targets[n:] + targets[:n],)) for n in range(get_threads)
        ]
        self.threads += [threading.Thread(target=self._post_loop) for _ in range(post_threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def _get_loop(self, targets):
        for path in itertools.cycle(targets):
            if self.stopping.is_set():
                return
            start = time.monotonic()
            answer = get(self.base, path)
            self.records.append(Record(start, time.monotonic(), path, kind(path, answer), answer))

    def _post_loop(self):
        while not self.stopping.is_set():
            try:
                form = self.forms.get_nowait()
            except queue.Empty:
                return
            name = f"{self.prefix} Story {next(self.numbers):03d}"
            start = time.monotonic()
            answer = submit(form, name)
            self.records.append(Record(start, time.monotonic(), "POST", kind("POST", answer, name), answer, name))
            time.sleep(0.3)

    def posts(self):
        return [record for record in self.records if record.label == "POST"]


@dataclass
class Outage:
    stopping: float  # the stop command was given
    down: float  # the stop command returned: the service is gone
    starting: float  # the start command was given
    up: float  # the start command returned: the service answers
    recovery: dict  # path: seconds from ``up`` until it answered 200 again

    def during(self, record):
        return record.start >= self.down and record.end <= self.starting


def outage_under_load(stack, prefix, stop, start):
    with Load(stack.base, prefix) as load:
        time.sleep(2)
        stopping = time.monotonic()
        stop()
        down = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        starting = time.monotonic()
        start()
        up = time.monotonic()
        recovery = seconds_until_200(stack.base, ["/healthz", ROLE_PAGE, FORM], up)
        time.sleep(2)
    return load, Outage(stopping, down, starting, up, recovery)


# The checks ------------------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.rows = []
        self.details = []
        self.notes = []

    def check(self, name, ok, figures, details=()):
        self.rows.append((name, "pass" if ok else "**FAIL**", figures))
        if not ok:
            self.details += [f"{name}: {detail}" for detail in details]

    def failed(self):
        return any(result != "pass" for _, result, _ in self.rows)

    def print(self):
        print("| check | result | figures |\n|---|---|---|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")
        for title, lines in (("Failures", self.details), ("Notes", self.notes)):
            if lines:
                print(f"\n{title}:")
                print("\n".join(f"- {line}" for line in lines))


def counts(records):
    """Tally of what each path answered, e.g. "`/`: 200 x12; `/search/?q=mixing`: 500 error page x11"."""
    tally = Counter((record.label, record.kind) for record in records)
    return "; ".join(f"`{label}`: {kind} x{number}" for (label, kind), number in sorted(tally.items())) or "none"


def latency(records):
    seconds = [record.end - record.start for record in records] or [0]
    return f"median {statistics.median(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"


def excerpt(answer):
    title = re.search(r"<title>(.*?)</title>", answer.body, re.DOTALL)
    return f"title {title.group(1).strip()!r}" if title else repr(" ".join(answer.body.split())[:200])


def examples(records, predicate):
    return [
        f"{record.label} {record.name} -> {record.kind}, {excerpt(record.answer)}"
        for record in records
        if predicate(record)
    ][:5]


def log_summary(lines):
    """The log's error and warning lines (their first line, timestamp dropped), counted."""
    pattern = re.compile(r"^\S+ \S+ (ERROR|WARNING|CRITICAL) (.*)$|^\[.*?\] \[\d+\] \[(ERROR|WARNING|CRITICAL)\] (.*)$")
    tally = Counter(" ".join(part for part in match.groups() if part) for match in map(pattern.match, lines) if match)
    return "; ".join(f"`{line[:120]}` x{number}" for line, number in tally.most_common(6)) or "none"


def check_no_unexpected(report, title, load):
    unexpected = [record for record in load.records if record.kind.startswith("unexpected")]
    report.check(
        f"{title}: no traceback, no answer but the site's own",
        not unexpected,
        f"{len(load.records)} requests, {len(unexpected)} unexpected",
        examples(unexpected, lambda record: True),
    )


def check_recovery(report, service, load, outage):
    """Recovered: every request answered OK from some moment after the start, within the limit."""
    after_start = [record for record in load.records if record.start >= outage.up]
    bad = [record for record in after_start if record.kind not in ("200", "200 ok", "302 thank-you")]
    settled = max((record.end - outage.up for record in bad), default=0.0)
    steady = [record for record in after_start if record.start - outage.up > settled]
    first_200 = outage.recovery.values()
    recovered = all(seconds is not None for seconds in first_200) and settled <= RECOVERY_LIMIT_SECONDS
    report.check(
        f"{service} started again: recovery",
        recovered and bool(steady),
        "seconds from start to first 200: "
        + ", ".join(f"`{path}` {seconds}" for path, seconds in outage.recovery.items())
        + f" (stop took {outage.down - outage.stopping:.1f} s, start {outage.up - outage.starting:.1f} s); "
        f"every answer OK from {settled:.1f} s after the start ({len(bad)} not OK before that), "
        f"then {len(steady)} requests, all OK",
        examples(bad, lambda record: settled > RECOVERY_LIMIT_SECONDS),
    )


def check_thanked_stories_saved(report, title, posts):
    thanked = [record.name for record in posts if record.kind == "302 thank-you"]
    refused = [record.name for record in posts if record.kind != "302 thank-you"]
    states = draft_states(thanked + refused)
    lost = [f"{name}: {states[name]}" for name in thanked if states[name] != "draft"]
    half = [f"{name}: {states[name]}" for name in refused if states[name] not in ("missing", "draft")]
    report.check(
        f"{title}: every thanked story saved",
        not lost and not half,
        f"{len(posts)} POSTs, {len(thanked)} thank-yous, {len(thanked) - len(lost)} whole drafts for them; "
        f"{len(refused)} not thanked, {sum(states[name] == 'missing' for name in refused)} of them absent",
        lost + half,
    )


def concurrent_submissions(stack, report):
    before = unpublished_interviews()
    names = [f"Concurrent Story {number:02d}" for number in range(SUBMISSIONS)]
    barrier = threading.Barrier(SUBMISSIONS)

    def send_at_once(form, name):
        barrier.wait(timeout=60)
        return submit(form, name)

    with ThreadPoolExecutor(SUBMISSIONS) as pool:
        forms = list(pool.map(lambda _: open_form(stack.base), range(SUBMISSIONS)))
        start = time.monotonic()
        answers = list(pool.map(send_at_once, forms, names))
        seconds = time.monotonic() - start
    kinds = Counter(kind("POST", answer, name) for answer, name in zip(answers, names, strict=True))
    states = Counter(draft_states(names).values())
    new_drafts = unpublished_interviews() - before
    orphans, tree_problems = integrity()
    report.check(
        f"{SUBMISSIONS} concurrent story submissions",
        kinds["302 thank-you"] == states["draft"] == new_drafts == SUBMISSIONS and not orphans and not tree_problems,
        f"sent {SUBMISSIONS} (all answered in {seconds:.1f} s); answers {dict(kinds)}; whole drafts "
        f"{states['draft']} (found {dict(states)}); new unpublished interview pages {new_drafts}; "
        f"alumni without page {orphans}; page tree problems {tree_problems}",
        [
            f"{name} -> {kind('POST', answer, name)}, {excerpt(answer)}"
            for answer, name in zip(answers, names, strict=True)
            if answer.status != 302
        ][:5],
    )


def postgres_outage(stack, report):
    log_offset = stack.gunicorn_log.stat().st_size
    load, outage = outage_under_load(stack, "Postgres Outage", stack.stop_postgres, stack.start_postgres)
    down = [record for record in load.records if outage.during(record)]
    pages = [record for record in down if record.label in PAGES]
    report.check(
        "PostgreSQL down: pages cached (200) or the error page",
        bool(pages) and all(record.kind in PAGE_OK_WHILE_DOWN for record in pages),
        f"{counts(pages)}; {latency(pages)}",
        examples(pages, lambda record: record.kind not in PAGE_OK_WHILE_DOWN),
    )
    health = [record for record in down if record.label == "/healthz"]
    report.check(
        "PostgreSQL down: /healthz 503",
        bool(health) and all(r.kind == "503 unavailable" for r in health),
        counts(health),
    )
    posts = load.posts()
    report.check(
        "PostgreSQL run: story POSTs thanked or 503 with answers kept",
        all(record.kind in ("302 thank-you", "503 answers kept") for record in posts),
        f"while down: {counts([r for r in posts if outage.during(r)])}; whole run: {counts(posts)}",
        examples(posts, lambda record: record.kind not in ("302 thank-you", "503 answers kept")),
    )
    check_no_unexpected(report, "PostgreSQL run", load)
    check_recovery(report, "PostgreSQL", load, outage)
    check_thanked_stories_saved(report, "PostgreSQL run", posts)
    report.notes.append(f"gunicorn log during the PostgreSQL run: {log_summary(stack.log_lines(log_offset))}")


def redis_outage(stack, report):
    log_offset = stack.gunicorn_log.stat().st_size
    load, outage = outage_under_load(stack, "Redis Outage", stack.stop_redis, stack.start_redis)
    down = [record for record in load.records if outage.during(record)]
    pages = [record for record in down if record.label in PAGES or record.label == "POST"]
    report.check(
        "Redis down: pages 200, stories thanked",
        bool(pages) and all(record.kind in ("200", "302 thank-you") for record in pages),
        f"{counts(pages)}; {latency(pages)}",
        examples(pages, lambda record: record.kind not in ("200", "302 thank-you")),
    )
    health = [record for record in down if record.label == "/healthz"]
    report.check("Redis down: /healthz", all(r.kind in ("200 ok", "503 unavailable") for r in health), counts(health))
    log = stack.log_lines(log_offset)
    cache_lines = [line for line in log if "portal.cache" in line]
    report.check(
        "Redis down: the log says so",
        bool(cache_lines),
        f"{len(cache_lines)} `portal.cache` lines, first: `{cache_lines[0][:160]}`" if cache_lines else "none",
    )
    check_no_unexpected(report, "Redis run", load)
    check_recovery(report, "Redis", load, outage)
    check_thanked_stories_saved(report, "Redis run", load.posts())
    report.notes.append(f"gunicorn log during the Redis run: {log_summary(log)}")


def main():
    stack = Stack()
    report = Report()
    try:
        stack.setup()
        django_setup(stack.env)
        concurrent_submissions(stack, report)
        postgres_outage(stack, report)
        redis_outage(stack, report)
        orphans, tree_problems = integrity()
        report.check(
            "Afterwards: nothing half-saved",
            not orphans and not tree_problems,
            f"alumni without page {orphans}; page tree problems {tree_problems}",
        )
    finally:
        stack.close()
    print(f"gunicorn 4 sync workers, production settings, Redis cache, page cache 600 s; outages {OUTAGE_SECONDS} s\n")
    report.print()
    sys.exit(1 if report.failed() else 0)


if __name__ == "__main__":
    main()
