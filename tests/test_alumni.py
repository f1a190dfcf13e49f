import uuid

import pytest

from django.core import mail
from django.db import DatabaseError
from django.utils.html import escape

from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole
from alumni.moderation import MODERATORS_GROUP, WORKFLOW_NAME
from careers.models import RolePage

FORM_URL = "/alumni/share-your-story/"


@pytest.fixture
def moderator(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "moderator", "moderator@example.com", "a-long-test-password-42", is_active=True
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def publish(parent, page):
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def story(**overrides):
    roles = overrides.pop("roles", None) or [RolePage.objects.get(slug="live-sound-engineer").pk]
    data = {
        "name": "Dana Okafor",
        "email": "dana@example.com",
        "class_year": "2014",
        "major": "Music Production and Engineering",
        "job_title": "Monitor Engineer",
        "organisation": "Northside Touring",
        "roles": roles,
        "how_started": "I mixed bands at my college's student venue.",
        "typical_day": "Load-in at noon, line check, then the show.",
        "advice": "Say yes to every load-in you can.",
        "consent": "on",
        "website_honeypot": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


# Miles Walker ----------------------------------------------------------------------------------


def test_miles_walker_has_a_record_and_a_live_interview(client):
    miles = Alumnus.objects.get(name="Miles Walker")
    assert (miles.class_year, miles.major, miles.job_title, miles.organisation) == (
        2003,
        "Music Production and Engineering",
        "Mixing Engineer",
        "MixedbyMiles Inc.",
    )
    assert [link.role.slug for link in miles.role_links.all()] == ["recording-engineer-mixer"]
    page = AlumniInterviewPage.objects.live().get(alumnus=miles)
    assert page.title == "Miles Walker"
    html = client.get(page.url).content.decode()
    assert "<blockquote><p>You are making music for a living. You already won.</p></blockquote>" in html
    assert "<figcaption>Miles Walker" in html
    assert "MixedbyMiles Inc." in html and "2003" in html
    assert 'href="/careers/recording-engineer-mixer/"' in html


def test_role_page_lists_its_alumni_with_links_to_their_interviews(client):
    html = client.get("/careers/recording-engineer-mixer/").content.decode()
    assert 'href="/alumni/miles-walker/">Miles Walker</a>' in html


def test_alumni_on_a_role_page_take_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/careers/recording-engineer-mixer/"
    client.get(url)
    with CaptureQueriesContext(connection) as one_alumnus:
        client.get(url)
    queries_for_one_alumnus = len(one_alumnus.captured_queries)  # read now: the query log is a ring buffer
    index = AlumniIndexPage.objects.get()
    role = RolePage.objects.get(slug="recording-engineer-mixer")
    for n in range(15):
        alumnus = Alumnus.objects.create(name=f"Grad {n}", class_year=2010, major="MPE", job_title="Mixer")
        AlumnusRole.objects.create(alumnus=alumnus, role=role)
        publish(index, AlumniInterviewPage(title=f"Grad {n}", slug=f"grad-{n}", alumnus=alumnus, intro="x"))
    with django_assert_max_num_queries(queries_for_one_alumnus):
        html = client.get(url).content.decode()
    assert "Grad 14" in html


def test_alumni_index_lists_interviews_newest_first_and_filters(client):
    html = client.get("/alumni/").content.decode()
    assert 'href="/alumni/miles-walker/"' in html
    assert 'href="/alumni/miles-walker/"' in client.get("/alumni/?role=recording-engineer-mixer").content.decode()
    assert 'href="/alumni/miles-walker/"' not in client.get("/alumni/?role=sound-designer").content.decode()
    assert 'href="/alumni/miles-walker/"' in client.get("/alumni/?skill=mixing").content.decode()
    assert 'href="/alumni/miles-walker/"' not in client.get("/alumni/?skill=acoustics").content.decode()
    unknown = client.get("/alumni/?role=nope&skill=nope&page=abc")
    assert unknown.status_code == 200
    assert "That role was not found" in unknown.content.decode()


def test_alumni_index_paginates(client):
    index = AlumniIndexPage.objects.get()
    for n in range(13):
        alumnus = Alumnus.objects.create(name=f"Pager {n}", class_year=2012, major="MPE", job_title="Editor")
        publish(index, AlumniInterviewPage(title=f"Pager {n}", slug=f"pager-{n}", alumnus=alumnus, intro="x"))
    first = client.get("/alumni/").content.decode()
    assert "Page 1 of 2" in first and "Pager 12" in first
    for page in ["2", "99999", "-1", "0"]:
        assert client.get(f"/alumni/?page={page}").status_code == 200
    assert "miles-walker" in client.get("/alumni/?page=2").content.decode()


def test_contact_email_is_never_shown(client):
    Alumnus.objects.filter(name="Miles Walker").update(email="private-miles@example.com")
    for url in ["/alumni/", "/alumni/miles-walker/", "/careers/recording-engineer-mixer/"]:
        assert "private-miles@example.com" not in client.get(url).content.decode()


# The story form ---------------------------------------------------------------------------------


def test_form_renders_with_csrf_and_a_hidden_honeypot(client):
    response = client.get(FORM_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<div class="hp" aria-hidden="true">' in html and 'name="website_honeypot"' in html
    assert 'name="submission_token"' in html
    for role in RolePage.objects.live():
        assert escape(role.title) in html


def test_valid_story_becomes_a_draft_in_moderation_and_moderators_are_emailed(client, moderator):
    response = client.post(FORM_URL, story())
    assert response.status_code == 302
    assert response["Location"].endswith("/alumni/share-your-story/thanks/")
    assert "not public" in client.get(response["Location"]).content.decode()

    alumnus = Alumnus.objects.get(name="Dana Okafor")
    assert alumnus.email == "dana@example.com"
    assert [link.role.slug for link in alumnus.role_links.all()] == ["live-sound-engineer"]
    page = AlumniInterviewPage.objects.get(alumnus=alumnus)
    assert not page.live
    assert page.current_workflow_state.workflow.name == WORKFLOW_NAME
    assert page.current_workflow_task.name == "Moderator approval"
    assert any("moderator@example.com" in message.to for message in mail.outbox)

    # Not public anywhere.
    assert client.get(f"/alumni/{page.slug}/").status_code == 404
    assert "Dana Okafor" not in client.get("/alumni/").content.decode()
    assert "Dana Okafor" not in client.get("/careers/live-sound-engineer/").content.decode()


def test_moderator_approval_publishes_the_story(client, moderator):
    client.post(FORM_URL, story())
    page = AlumniInterviewPage.objects.get(alumnus__name="Dana Okafor")
    task_state = page.current_workflow_task_state

    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Lovely story."}
    )
    assert response.status_code in (200, 302)
    client.logout()
    page.refresh_from_db()
    assert page.live
    html = client.get(page.url).content.decode()
    assert "Say yes to every load-in you can." in html
    assert "dana@example.com" not in html
    assert (
        'href="/alumni/' + page.slug + '/">Dana Okafor</a>'
        in client.get("/careers/live-sound-engineer/").content.decode()
    )


def test_empty_form_shows_every_error_and_saves_nothing(client):
    response = client.post(FORM_URL, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct" in html
    assert html.count('class="field__error"') >= 9
    assert "We can only publish your story with your consent." in html
    assert not Alumnus.objects.filter(name="").exists()
    assert AlumniInterviewPage.objects.count() == 1


def test_invalid_form_keeps_the_visitors_text(client):
    response = client.post(FORM_URL, story(email="not-an-email", class_year="1800"))
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Ensure this value is greater than or equal to 1950." in html
    assert "Say yes to every load-in you can." in html
    assert 'value="Dana Okafor"' in html
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


def test_over_long_answers_are_refused_with_a_message(client):
    response = client.post(FORM_URL, story(advice="x" * 4001, name="N" * 121))
    html = response.content.decode()
    assert "Ensure this value has at most 4000 characters (it has 4001)." in html
    assert "Ensure this value has at most 120 characters (it has 121)." in html
    assert not Alumnus.objects.filter(email="dana@example.com").exists()


def test_hostile_text_stays_inert_on_the_live_page_and_in_the_admin_preview(client, moderator, admin_client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(FORM_URL, story(name=f"Eve {payload}", how_started=payload, job_title=payload))
    page = AlumniInterviewPage.objects.get(alumnus__email="dana@example.com")

    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    for html in [preview.content.decode()]:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html

    page.get_latest_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_honeypot_submission_is_dropped_quietly(client):
    response = client.post(FORM_URL, story(website_honeypot="http://spam.example"))
    assert response.status_code == 302
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


def test_double_submit_creates_one_draft(client):
    data = story()
    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)
    assert first.status_code == second.status_code == 302
    assert Alumnus.objects.filter(name="Dana Okafor").count() == 1
    assert AlumniInterviewPage.objects.filter(alumnus__name="Dana Okafor").count() == 1


def test_rate_limit_answers_a_friendly_429(client, settings):
    settings.STORY_SUBMISSION_RATE_LIMIT = (2, 3600)
    for n in range(2):
        assert client.post(FORM_URL, story(name=f"Sender {n}")).status_code == 302
    response = client.post(FORM_URL, story(name="Sender 3"))
    assert response.status_code == 429
    assert "Please wait before sending another story" in response.content.decode()
    assert not Alumnus.objects.filter(name="Sender 3").exists()
    other = client.post(FORM_URL, story(name="Other person"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_database_error_keeps_the_text_and_saves_nothing(client, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("database went away")

    # The alumnus row is written first; the failure comes after it, inside the same transaction.
    monkeypatch.setattr(AlumniInterviewPage, "save_revision", fail)
    response = client.post(FORM_URL, story())
    html = response.content.decode()
    assert response.status_code == 503
    assert "could not save your story" in html
    assert "Say yes to every load-in you can." in html
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()
    assert not AlumniInterviewPage.objects.filter(title="Dana Okafor").exists()


def test_home_page_features_miles_walker_with_his_quote(client):
    html = client.get("/").content.decode()
    assert "Meet an alumnus: Miles Walker" in html
    assert "You are making music for a living. You already won." in html
    assert 'href="/alumni/miles-walker/"' in html
