"""A story's life as its writer lives it, through the public pages and the e-mails they receive: confirm
the address, hear what the moderators decided, see, edit, withdraw or delete the story with the private
link in every e-mail; stories never confirmed are deleted after a week; the privacy notice says so."""

import re
import time
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageLogEntry, Revision, WorkflowState

from alumni.models import AlumniInterviewPage, Alumnus, AlumnusRole, PrivacyNoticePage, StorySubmission
from alumni.moderation import WORKFLOW_NAME
from tests.story_mail import (
    committed,
    confirm,
    confirmation_email,
    emails_to,
    html_of,
    link_in,
    send_and_confirm,
    send_story,
)

WRITER = "dana@example.com"


def story_of(name="Dana Okafor"):
    return AlumniInterviewPage.objects.get(alumnus__name=name)


def latest_email(address=WRITER):
    return emails_to(address)[-1]


def manage_link(address=WRITER):
    return link_in(latest_email(address), "/manage/")


def moderate(client, moderator, page, action, comment=""):
    """A moderator approves or asks for changes ("reject") in the admin, as committed."""
    client.force_login(moderator)
    state = AlumniInterviewPage.objects.get(pk=page.pk).current_workflow_task_state
    with committed():
        response = client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", {"comment": comment})
    assert response.status_code in (200, 302)
    client.logout()


def csrf_token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


# Confirming the address -------------------------------------------------------------------------


def test_the_writer_gets_a_confirmation_email_in_text_and_html_with_their_links(client, story_form):
    response = send_story(client, story_form())
    assert response.status_code == 302
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()

    (message,) = emails_to(WRITER)
    assert message.body and html_of(message)
    confirm_url = link_in(message, "/alumni/share-your-story/confirm/")
    assert confirm_url.startswith("http://testserver/")
    manage_url = link_in(message, "/alumni/share-your-story/manage/")
    privacy_url = link_in(message, "/privacy/")
    assert client.get(privacy_url).status_code == 200
    assert "awaiting confirmation" in client.get(manage_url).content.decode()
    # Nothing for moderators yet.
    page = story_of()
    assert page.current_workflow_state is None and not page.live


def test_opening_the_link_confirms_nothing_pressing_the_button_sends_the_story_to_moderation(
    client, moderator, story_form
):
    send_story(client, story_form())
    link = link_in(confirmation_email(WRITER), "/confirm/")
    browser = Client(enforce_csrf_checks=True)
    page_with_button = browser.get(link)
    html = page_with_button.content.decode()
    assert page_with_button.status_code == 200
    assert '<form method="post"' in html and "Confirm my story" in html
    assert story_of().current_workflow_state is None  # a link scanner's GET confirms nothing

    assert browser.post(link).status_code == 403  # no CSRF token: the site's own 403 page
    assert story_of().current_workflow_state is None

    with committed():
        confirmed = browser.post(link, {"csrfmiddlewaretoken": csrf_token_of(page_with_button)})
    assert confirmed.status_code == 302 and "/share-your-story/manage/" in confirmed["Location"]
    state = story_of().current_workflow_state
    assert state.workflow.name == WORKFLOW_NAME and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert emails_to("moderator@example.com")  # Wagtail tells the moderators now
    received = latest_email()
    assert received is not confirmation_email(WRITER) and html_of(received)
    assert "in review" in browser.get(link_in(received, "/manage/")).content.decode()

    # A second press changes nothing and sends nothing more.
    sent = len(emails_to(WRITER))
    with committed():
        assert browser.post(link, {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}).status_code == 302
    assert len(emails_to(WRITER)) == sent
    assert WorkflowState.objects.filter(object_id=str(story_of().pk)).count() == 1


def test_a_forged_link_answers_404_and_an_expired_one_403_with_the_sites_own_pages(client, monkeypatch, story_form):
    send_story(client, story_form())
    confirm_url = link_in(confirmation_email(WRITER), "/confirm/")
    manage_url = manage_link()
    cut_short = [confirm_url[:-6] + "xxxxx/", manage_url[:-6] + "xxxxx/"]
    for forged in [*cut_short, manage_url.replace("/manage/", "/confirm/")]:
        response = client.get(forged)
        assert response.status_code == 404
        assert "This link does not lead to a story" in response.content.decode()
        assert client.post(forged).status_code == 404
    assert story_of().current_workflow_state is None

    # A link signed eight days ago.
    eight_days_ago = signing.b62_encode(int(time.time()) - 8 * 24 * 3600)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: eight_days_ago)
    send_story(client, story_form(name="Late Larry", email="larry@example.com"))
    monkeypatch.undo()
    expired = link_in(confirmation_email("larry@example.com"), "/confirm/")
    for response in [client.get(expired), client.post(expired)]:
        assert response.status_code == 403
        assert "This confirmation link has expired" in response.content.decode()
        assert "Traceback" not in response.content.decode()
    assert story_of("Late Larry").current_workflow_state is None


def test_unconfirmed_stories_are_hidden_from_moderators(client, moderator, story_form, alumni_index):
    send_story(client, story_form(name="Hidden Hana", email="hana@example.com"))
    page = story_of("Hidden Hana")
    staff = Client()
    staff.force_login(moderator)

    def admin_sees():
        explorer = staff.get(f"/admin/pages/{alumni_index.pk}/").content.decode()
        search = staff.get(f"/admin/pages/{alumni_index.pk}/", {"q": "Hana"}).content.decode()
        chooser = staff.get("/admin/choose-page/search/", {"q": "Hana"}).content.decode()
        everywhere = staff.get("/admin/pages/search/", {"q": "Hana"}).content.decode()  # the sidebar's search
        alumni = staff.get("/admin/snippets/alumni/alumnus/").content.decode()
        dashboard = staff.get("/admin/").content.decode()
        edit_link = f"/admin/pages/{page.pk}/edit/"
        return {
            "explorer": edit_link in explorer,
            "search": edit_link in search,
            "admin search": edit_link in everywhere,
            "chooser": "Hidden Hana" in chooser,
            "alumni": "Hidden Hana" in alumni,
            "dashboard": edit_link in dashboard,
        }

    assert not any(admin_sees().values())
    confirm(client, "hana@example.com")
    assert all(admin_sees().values())


# Hearing what the moderators decided, editing ---------------------------------------------------


def test_changes_requested_reach_the_writer_who_edits_and_the_story_goes_back_to_moderation(
    client, moderator, story_form
):
    send_and_confirm(client, story_form())
    page = story_of()
    moderate(client, moderator, page, "reject", comment="Please say which desk you mix on. <b>Thanks</b>")

    message = latest_email()
    assert "Please say which desk you mix on. <b>Thanks</b>" in message.body
    assert "Please say which desk you mix on. &lt;b&gt;Thanks&lt;/b&gt;" in html_of(message)
    manage = client.get(link_in(message, "/manage/"))
    html = manage.content.decode()
    assert "changes requested" in html and "Please say which desk you mix on." in html

    edit_url = re.search(r'href="([^"]+/edit/)"', html).group(1)
    form = client.get(edit_url).content.decode()
    assert 'value="Dana Okafor"' in form and "Say yes to every load-in you can." in form
    assert 'name="email"' not in form  # the confirmed address is not edited here
    edited = story_form(advice="Say yes to every load-in, and learn the Midas desk.")
    del edited["email"], edited["submission_token"]
    with committed():
        assert client.post(edit_url, edited).status_code == 302

    page = story_of()
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision == page.get_latest_revision()
    assert "learn the Midas desk" in client.get(link_in(latest_email(), "/manage/")).content.decode()
    assert "in review" in client.get(manage_link()).content.decode()

    moderate(client, moderator, page, "approve")
    published = latest_email()
    story_url = link_in(published, "/alumni/dana-okafor-")
    assert "learn the Midas desk" in client.get(story_url).content.decode()
    assert "published" in client.get(link_in(published, "/manage/")).content.decode()
    # Confirm, received, changes requested, received again, published: each with both links, text and HTML.
    assert len(emails_to(WRITER)) == 5
    for message in emails_to(WRITER):
        assert client.get(link_in(message, "/manage/")).status_code == 200
        assert client.get(link_in(message, "/privacy/")).status_code == 200


def test_an_edit_with_errors_shows_them_and_changes_nothing(client, story_form):
    send_and_confirm(client, story_form())
    revisions = story_of().revisions.count()
    edit_url = manage_link() + "edit/"
    response = client.post(edit_url, {**story_form(advice="x" * 4001), "consent": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 4000 characters (it has 4001)." in html
    assert "We can only publish your story with your consent." in html
    assert story_of().revisions.count() == revisions


def test_a_published_story_cannot_be_edited_only_withdrawn(client, moderator, story_form, published_role):
    send_and_confirm(client, story_form())
    moderate(client, moderator, story_of(), "approve")
    page = story_of()
    assert client.get(page.url).status_code == 200
    manage = client.get(manage_link()).content.decode()
    assert "/edit/" not in manage and "/withdraw/" in manage
    assert client.post(manage_link() + "edit/", story_form()).status_code == 409

    withdraw_url = manage_link() + "withdraw/"
    assert "Withdraw my story" in client.get(withdraw_url).content.decode()
    assert story_of().live  # the GET changed nothing
    with committed():
        assert client.post(withdraw_url).status_code == 302
    page = story_of()
    assert not page.live and page.current_workflow_state is None
    assert client.get(page.url).status_code == 404
    assert "Dana Okafor" not in client.get("/alumni/").content.decode()
    assert "Dana Okafor" not in client.get(published_role.url).content.decode()
    assert not Alumnus.objects.get(pk=page.alumnus_id).is_public
    assert "withdrawn" in client.get(manage_link()).content.decode()
    client.force_login(moderator)
    assert f"/admin/pages/{page.pk}/edit/" not in client.get("/admin/pages/search/", {"q": "Okafor"}).content.decode()


# Deleting everything --------------------------------------------------------------------------------


def all_data_of(alumnus_id, page_id):
    return {
        "alumnus": Alumnus.objects.filter(pk=alumnus_id).exists(),
        "roles": AlumnusRole.objects.filter(alumnus_id=alumnus_id).exists(),
        "page": AlumniInterviewPage.objects.filter(pk=page_id).exists(),
        "revisions": Revision.objects.filter(object_id=str(page_id)).exists(),
        "workflow": WorkflowState.objects.filter(object_id=str(page_id)).exists(),
        "log": PageLogEntry.objects.filter(page_id=page_id).exists(),
        "submission": StorySubmission.objects.filter(page_id=page_id).exists(),
    }


def test_the_writer_deletes_the_story_and_all_their_data_at_once(
    client, moderator, superuser, story_form, settings
):
    send_and_confirm(client, story_form())
    # From here, mail waits in the database queue as in production: its rows hold each message's text.
    settings.TASKS = {**settings.TASKS, "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_story(client, story_form(name="Someone Else", email="else@example.com"))
    moderate(client, moderator, story_of(), "approve")
    page = story_of()
    # The photo the writer sent (uploaded by nobody signed in), and one staff chose from the library.
    photo = get_image_model().objects.create(title="Dana", file=get_test_image_file())
    library = get_image_model().objects.create(title="Desk", file=get_test_image_file(), uploaded_by_user=superuser)
    AlumniInterviewPage.objects.filter(pk=page.pk).update(image=photo)
    draft = story_of().get_latest_revision_as_object()
    draft.image = library
    draft.save_revision()
    alumnus_id, page_id, url = page.alumnus_id, page.pk, page.url
    assert all(all_data_of(alumnus_id, page_id).values())

    assert [WRITER] in [row.args_kwargs["kwargs"]["to"] for row in DBTaskResult.objects.all()]  # "published"

    delete_url = manage_link() + "delete/"
    assert "Delete everything" in client.get(delete_url).content.decode()
    assert story_of().live  # the GET deleted nothing
    with committed():
        response = client.post(delete_url)
    assert response.status_code == 302
    assert "Your story and your data are deleted" in client.get(response["Location"]).content.decode()
    assert not any(all_data_of(alumnus_id, page_id).values())
    assert not get_image_model().objects.filter(pk=photo.pk).exists()
    assert get_image_model().objects.filter(pk=library.pk).exists()
    queued_to = [row.args_kwargs["kwargs"]["to"] for row in DBTaskResult.objects.all()]
    assert [WRITER] not in queued_to and ["else@example.com"] in queued_to
    assert client.get(url).status_code == 404
    assert client.get(manage_link()).status_code == 404


def test_unconfirmed_stories_are_deleted_after_a_week_with_their_files(client, story_form):
    send_story(client, story_form(name="Never Confirmed", email="never@example.com"))
    send_story(client, story_form(name="Just Sent", email="just@example.com"))
    send_and_confirm(client, story_form(name="Confirmed Carla", email="carla@example.com"))
    stale = story_of("Never Confirmed")
    photo = get_image_model().objects.create(title="Never", file=get_test_image_file())
    AlumniInterviewPage.objects.filter(pk=stale.pk).update(image=photo)
    eight_days_ago = timezone.now() - timedelta(days=8)
    StorySubmission.objects.exclude(page__title="Just Sent").update(created_at=eight_days_ago)

    call_command("purge_story_submissions", verbosity=0)
    assert not any(all_data_of(stale.alumnus_id, stale.pk).values())
    assert not get_image_model().objects.filter(pk=photo.pk).exists()
    assert story_of("Just Sent") and story_of("Confirmed Carla")
    assert client.get(manage_link("never@example.com")).status_code == 404


def test_withdrawn_stories_are_deleted_after_30_days(client, story_form):
    send_and_confirm(client, story_form())
    with committed():
        client.post(manage_link() + "withdraw/")
    page = story_of()
    call_command("purge_story_submissions", verbosity=0)
    assert story_of()
    StorySubmission.objects.update(withdrawn_at=timezone.now() - timedelta(days=31))
    call_command("purge_story_submissions", verbosity=0)
    assert not any(all_data_of(page.alumnus_id, page.pk).values())


# Private pages, the privacy notice -----------------------------------------------------------------


def test_the_writers_pages_are_never_cached_nor_indexed(client, settings, story_form):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    send_story(client, story_form())
    links = [link_in(confirmation_email(WRITER), "/confirm/"), manage_link(), manage_link() + "delete/"]
    for link in links:
        response = client.get(link)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "noindex" in response["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
        with CaptureQueriesContext(connection) as again:
            client.get(link)
        assert len(again.captured_queries) > 0  # rendered again, never served from the page cache


@pytest.mark.parametrize("route", ["confirm", "manage", "edit"])
def test_the_writers_pages_run_at_most_10_queries_cold(client, story_form, route, django_assert_max_num_queries):
    send_story(client, story_form())
    if route != "confirm":
        confirm(client, WRITER)
    link = {
        "confirm": link_in(confirmation_email(WRITER), "/confirm/"),
        "manage": manage_link(),
        "edit": manage_link() + "edit/",
    }[route]
    cache.clear()
    with django_assert_max_num_queries(10):
        assert client.get(link).status_code == 200


def test_the_privacy_notice_is_an_editable_page_linked_from_the_form_and_every_page(client, story_form):
    notice = PrivacyNoticePage.objects.live().get()
    assert client.get(notice.url).status_code == 200
    assert f'href="{notice.url}"' in client.get("/alumni/share-your-story/").content.decode()
    assert f'href="{notice.url}"' in client.get("/careers/").content.decode()
    call_command("load_portal_content", verbosity=0)  # loading again makes no second notice
    assert PrivacyNoticePage.objects.count() == 1
