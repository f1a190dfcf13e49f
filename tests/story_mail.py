"""A writer's side of a story, as tests play it: send the public form, read the e-mails they receive
(``django.core.mail.outbox``; the mail task runs at once in tests, when the transaction commits) and
follow the links in them."""

import re

from django.core import mail
from django.test import TestCase

FORM_URL = "/alumni/share-your-story/"
LINK = re.compile(r"https?://[^\s<>\"]+")


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def html_of(message):
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return html


def link_in(message, part):
    """The one link in a message's text whose address holds ``part`` (also in its HTML, the same)."""
    (link,) = {link for link in LINK.findall(message.body) if part in link}
    assert f'href="{link}"' in html_of(message)
    return link


def committed():
    """``with committed():`` ends as a commit would (each test runs in one transaction): what waits for
    the commit (the mail task) runs. In a test whose requests commit for real, it changes nothing."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def send_story(client, data, **extra):
    """POST the story form as committed: its confirmation e-mail is then in the outbox."""
    with committed():
        return client.post(FORM_URL, data, **extra)


def confirmation_email(address):
    (message,) = [message for message in emails_to(address) if "/confirm/" in message.body]
    return message


def confirm(client, address):
    """Follow the confirmation link of the e-mail sent to ``address``: GET shows a button, POST presses it."""
    link = link_in(confirmation_email(address), "/confirm/")
    assert client.get(link).status_code == 200
    with committed():
        return client.post(link)


def send_and_confirm(client, data):
    """Send a story and confirm it as its writer would: the story is then with the moderators."""
    assert send_story(client, data).status_code == 302
    return confirm(client, data["email"])
