"""E-mail leaves through the task queue, never from inside a request.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``: whatever sends mail (Wagtail's moderation notices, Django's
password reset, ``django.core.mail.send_mail``) hands each message to the ``send_mail`` task once the
transaction that produced it has committed (a story rolled back sends nothing). The task delivers it
through ``EMAIL_DELIVERY_BACKEND`` (SMTP when ``EMAIL_HOST`` is set) with ``EMAIL_TIMEOUT``.

The task runs on the ``mail`` task backend: a database queue that ``manage.py db_worker --backend mail``
runs in production, so a slow or silent mail server holds a worker, never a visitor; at once (after the
commit) in development and tests. A failed delivery is logged and, on a queue that can defer a task,
tried again after ``EMAIL_RETRY_DELAYS`` seconds; the visitor never sees it.
"""

import logging
from datetime import timedelta
from functools import partial

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAIL_TASK_BACKEND = "mail"


@task(backend=MAIL_TASK_BACKEND)
def send_mail(*, subject, body, to, from_email=None, cc=(), bcc=(), reply_to=(), headers=None, html=None, attempt=1):
    """Deliver one message; on failure log it and, while attempts remain, enqueue the next one."""
    message = EmailMultiAlternatives(
        subject, body, from_email, list(to), bcc=list(bcc), cc=list(cc), reply_to=list(reply_to),
        headers=headers or {}, connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )  # fmt: skip
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except Exception:
        delays = settings.EMAIL_RETRY_DELAYS
        if attempt > len(delays) or not send_mail.get_backend().supports_defer:
            logger.error("Mail %r to %s not sent after %d attempt(s); given up", subject, ", ".join(to), attempt)
            raise
        delay = delays[attempt - 1]
        logger.warning(
            "Mail %r to %s not sent (attempt %d); trying again in %d s", subject, ", ".join(to), attempt, delay
        )
        send_mail.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            subject=subject, body=body, to=to, from_email=from_email, cc=cc, bcc=bcc, reply_to=reply_to,
            headers=headers, html=html, attempt=attempt + 1,
        )  # fmt: skip
        raise  # this attempt is recorded as failed, with its traceback


def _as_task_arguments(message):
    if message.attachments:
        raise ValueError("Mail with attachments cannot go through the mail queue")
    html = [content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"]
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "to": [str(address) for address in message.to],
        "from_email": message.from_email,
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "html": str(html[0]) if html else None,
    }


class QueuedEmailBackend(BaseEmailBackend):
    """Django's ``EMAIL_BACKEND``: each message becomes a ``send_mail`` task, enqueued on commit."""

    def send_messages(self, email_messages):
        for message in email_messages:
            transaction.on_commit(partial(send_mail.enqueue, **_as_task_arguments(message)), robust=True)
        return len(email_messages)


def forget_mail_to(address):
    """Delete every message to ``address`` from the database mail queue, sent or waiting (each holds
    its text): for someone who asked for all their data to be deleted. Returns how many."""
    rows = DBTaskResult.objects.filter(task_path=send_mail.module_path)
    mine = [
        row.pk
        for row in rows.only("pk", "args_kwargs").iterator()
        if address in (row.args_kwargs.get("kwargs") or {}).get("to", [])
    ]
    return DBTaskResult.objects.filter(pk__in=mine).delete()[0]
