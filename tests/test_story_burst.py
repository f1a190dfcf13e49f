"""50 stories sent at once (on PostgreSQL, by 50 threads released together; SQLite, whose test database
serialises writers, takes them one after another): nothing lost. 50 drafts, 50 confirmation e-mails
queued in the database mail queue, delivered by the worker; the writers follow the links in them and 50
drafts await moderation."""

import threading

import pytest
from django_tasks_db.models import DBTaskResult

from django.db import connection
from django.test import Client

from wagtail.models import Page, WorkflowState

from alumni.models import AlumniInterviewPage, StorySubmission
from alumni.moderation import WORKFLOW_NAME
from alumni.selectors import stories_awaiting_moderation
from tests.story_mail import FORM_URL, emails_to, link_in
from tests.test_mail_queue import run_in_worker

WRITERS = 50
AT_ONCE = connection.vendor == "postgresql"


def each_at_once(work, count):
    """Run ``work(n)`` for n in range(count): in threads released together on PostgreSQL, else in turn.
    Returns the results in order."""
    results = [None] * count
    if not AT_ONCE:
        return [work(number) for number in range(count)]
    start = threading.Barrier(count)

    def run(number):
        try:
            start.wait(timeout=60)
            results[number] = work(number)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def queued_mail(part):
    """The messages waiting in the database mail queue whose text holds ``part``, by recipient."""
    rows = DBTaskResult.objects.filter(task_path="portal.mail.send_mail", status="READY")
    found = {}
    for row in rows:
        kwargs = row.args_kwargs["kwargs"]
        if part in kwargs["body"]:
            for address in kwargs["to"]:
                found.setdefault(address, []).append(row)
    return found


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_stories_sent_at_once_make_fifty_drafts_and_fifty_emails_then_fifty_stories_in_moderation(
    settings, story_form
):
    settings.TASKS = {**settings.TASKS, "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    drafts_before = AlumniInterviewPage.objects.filter(live=False).count()
    waiting_before = stories_awaiting_moderation()[1]
    names = [f"Burst Writer {number:02d}" for number in range(WRITERS)]
    addresses = [f"burst{number:02d}@example.com" for number in range(WRITERS)]

    def send(number):
        data = story_form(name=names[number], email=addresses[number])
        return Client(raise_request_exception=False).post(FORM_URL, data, REMOTE_ADDR=f"10.50.0.{number}").status_code

    answers = each_at_once(send, WRITERS)
    assert answers == [302] * WRITERS
    drafts = AlumniInterviewPage.objects.filter(live=False, alumnus__email__in=addresses)
    assert sorted(drafts.values_list("title", flat=True)) == names
    assert AlumniInterviewPage.objects.filter(live=False).count() - drafts_before == WRITERS
    assert StorySubmission.objects.filter(page__in=drafts, confirmed_at__isnull=True).count() == WRITERS
    assert not WorkflowState.objects.filter(object_id__in=[str(pk) for pk in drafts.values_list("pk", flat=True)])
    assert not any(Page.find_problems())  # the page tree whole: every path, depth and child count right

    # 50 confirmation e-mails queued, one per writer; the worker delivers them.
    confirmations = queued_mail("/share-your-story/confirm/")
    assert sorted(confirmations) == addresses and all(len(rows) == 1 for rows in confirmations.values())
    for (row,) in confirmations.values():
        assert run_in_worker(row).status == "SUCCESSFUL"
    links = [link_in(emails_to(address)[0], "/confirm/") for address in addresses]

    def confirm(number):
        writer = Client(raise_request_exception=False)
        assert writer.get(links[number]).status_code == 200
        return writer.post(links[number]).status_code

    assert each_at_once(confirm, WRITERS) == [302] * WRITERS
    in_moderation = WorkflowState.objects.filter(
        workflow__name=WORKFLOW_NAME,
        status=WorkflowState.STATUS_IN_PROGRESS,
        object_id__in=[str(pk) for pk in drafts.values_list("pk", flat=True)],
    )
    assert in_moderation.count() == WRITERS
    assert stories_awaiting_moderation()[1] - waiting_before == WRITERS
    assert sorted(queued_mail("/share-your-story/manage/")) == addresses  # and 50 "in review" e-mails
    assert not drafts.filter(live=True).exists()
    print(
        f"\n{connection.vendor}: {WRITERS} sent {'at once' if AT_ONCE else 'in turn'}; {answers.count(302)} thanked; "
        f"{drafts.count()} drafts; {len(confirmations)} confirmation e-mails queued; "
        f"{in_moderation.count()} drafts awaiting moderation after their writers confirmed"
    )
