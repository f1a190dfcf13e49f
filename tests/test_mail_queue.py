"""E-mail through the task queue: a mail server that never answers holds a worker, never a visitor."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from alumni.models import AlumniInterviewPage
from tests.test_alumni import FORM_URL


@pytest.fixture
def silent_mail_server():
    """A mail server that accepts every connection and never says a word. Yields its port and the
    connections it accepted."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    accepted, stopping = [], threading.Event()

    def accept():
        while not stopping.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stopping.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture
def production_mail(settings, silent_mail_server):
    """Mail as production sends it: the queue in the database, SMTP to the silent server."""
    port, accepted = silent_mail_server
    settings.TASKS = {**settings.TASKS, "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"  # pytest-django swaps in its outbox
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_RETRY_DELAYS = (60,)
    return accepted


def run_in_worker(queued):
    """What ``manage.py db_worker --backend mail`` does with a task it takes from the queue."""
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="mail", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    queued.claim(worker.worker_id)
    worker.run_task(queued)
    queued.refresh_from_db()
    return queued


def test_a_story_is_thanked_and_saved_at_once_while_the_mail_server_never_answers(
    client, moderator, production_mail, settings, committed, caplog, story_form
):
    settings.EMAIL_TIMEOUT = 6  # longer than the visitor may wait: only a request that sends no mail is in time
    started = time.monotonic()
    with committed():
        response = client.post(FORM_URL, story_form())
    assert time.monotonic() - started < 5
    assert response.status_code == 302 and response["Location"].endswith("/share-your-story/thanks/")
    page = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor")
    assert not page.live and page.current_workflow_state is None  # moderation waits for the writer

    # The writer's confirmation e-mail waits in the queue; nobody has talked to the mail server yet.
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "portal.mail.send_mail" and queued.status == "READY"
    assert queued.args_kwargs["kwargs"]["to"] == ["dana@example.com"]
    assert "/alumni/share-your-story/confirm/" in queued.args_kwargs["kwargs"]["body"]
    assert not production_mail

    # The worker tries it: the server never answers, the attempt fails after EMAIL_TIMEOUT and is retried later.
    settings.EMAIL_TIMEOUT = 1
    with caplog.at_level("WARNING", logger="portal.mail"):
        first = run_in_worker(queued)
    assert production_mail  # it did connect
    assert first.status == "FAILED" and "timed out" in first.traceback
    (retry,) = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    assert "not sent (attempt 1); trying again in 60 s" in caplog.text

    # The last attempt gives up and says so, queueing nothing more.
    with caplog.at_level("WARNING", logger="portal.mail"):
        last = run_in_worker(retry)
    assert last.status == "FAILED"
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert "not sent after 2 attempt(s); given up" in caplog.text
