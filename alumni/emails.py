"""The e-mails a story's writer receives, in text and HTML (templates ``alumni/emails/<kind>.txt`` and
``.html``), each queued through the mail task (``portal.mail.send_mail``) once the transaction that
caused it commits: never sent inside a request, never sent for a change that was rolled back.

``alumni.submissions.email_writer`` gives every one the writer's manage link (freshly signed) and the
privacy notice's address."""

from functools import partial

from django.db import transaction
from django.template.loader import render_to_string

from portal.mail import send_mail

SUBJECTS = {
    "confirm": "Please confirm your alumni story",
    "received": "Your alumni story is with our moderators",
    "changes_requested": "Our moderators ask for changes to your alumni story",
    "published": "Your alumni story is published",
}


def queue_story_email(kind, *, to, context):
    """Render the ``kind`` e-mail for one writer and queue it when the current transaction commits."""
    body = render_to_string(f"alumni/emails/{kind}.txt", context)
    html = render_to_string(f"alumni/emails/{kind}.html", context)
    transaction.on_commit(
        partial(send_mail.enqueue, subject=SUBJECTS[kind], body=body, to=[to], html=html), robust=True
    )
