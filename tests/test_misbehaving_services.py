"""Nothing lost when a service misbehaves: the story limit under a burst, the page cache under junk
query strings, the logs during a database outage, and what /healthz tells a load balancer."""

import threading

import pytest

from django.db import connection
from django.test import Client

from alumni.models import AlumniInterviewPage
from tests.test_alumni import FORM_URL, story

# The story limit under a burst ------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="20 writers at once need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_stories_sent_at_once_from_one_address_make_only_the_limit_of_drafts(settings):
    settings.STORY_SUBMISSION_RATE_LIMIT = (5, 3600)
    senders = 20
    before = AlumniInterviewPage.objects.count()
    at_once = threading.Barrier(senders)
    answers = []

    def send(number):
        try:
            client = Client(raise_request_exception=False)
            data = story(name=f"Burst Sender {number:02d}")
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
