from pathlib import Path

import yaml

from django.db import DatabaseError
from django.utils.html import escape

from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole
from alumni.moderation import WORKFLOW_NAME
from careers.models import RolePage
from tests.story_mail import confirm, emails_to, send_and_confirm, send_story

FORM_URL = "/alumni/share-your-story/"
CONTENT = Path(__file__).resolve().parents[1] / "home" / "content" / "portal.yaml"


def publish(parent, page):
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# Interviews ------------------------------------------------------------------------------------


def test_the_content_files_alumni_are_loaded_with_live_interviews():
    """Whatever the content file says of each alumnus is what the database holds."""
    for item in yaml.safe_load(CONTENT.read_text(encoding="utf-8"))["alumni"]:
        alumnus = Alumnus.objects.get(name=item["name"])
        fields = ("class_year", "major", "job_title", "organisation")
        assert [getattr(alumnus, field) for field in fields] == [item[field] for field in fields]
        assert [link.role.slug for link in alumnus.role_links.all()] == item["roles"]
        page = AlumniInterviewPage.objects.live().get(alumnus=alumnus)
        assert (page.slug, page.title, page.pull_quote) == (
            item["slug"],
            item["interview"]["title"],
            item["interview"]["pull_quote"],
        )


def test_an_interview_shows_the_alumnus_their_quote_and_their_roles(client, interview, published_role):
    alumnus = interview.alumnus
    html = client.get(interview.url).content.decode()
    assert f"<blockquote><p>{escape(interview.pull_quote)}</p></blockquote>" in html
    assert f"<figcaption>{escape(alumnus.name)}" in html
    assert escape(alumnus.organisation) in html and str(alumnus.class_year) in html
    assert f'href="{published_role.url}"' in html


def test_role_page_lists_its_alumni_with_links_to_their_interviews(client, interview, published_role):
    html = client.get(published_role.url).content.decode()
    assert f'href="{interview.url}">{escape(interview.alumnus.name)}</a>' in html


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


def test_alumni_index_lists_interviews_and_filters_them_by_role_and_skill(
    client, alumni_index, interview, published_role, shared_skill
):
    link = f'href="{interview.url}"'
    other_role = RolePage.objects.live().exclude(pk=published_role.pk).first()
    its_skill = interview.tags.first()
    assert link in client.get(alumni_index.url).content.decode()
    assert link in client.get(alumni_index.url, {"role": published_role.slug}).content.decode()
    assert link not in client.get(alumni_index.url, {"role": other_role.slug}).content.decode()
    assert link in client.get(alumni_index.url, {"skill": its_skill.slug}).content.decode()
    assert link not in client.get(alumni_index.url, {"skill": shared_skill.slug}).content.decode()
    unknown = client.get("/alumni/?role=nope&skill=nope&page=abc")
    assert unknown.status_code == 200
    assert "That role was not found" in unknown.content.decode()


def test_alumni_index_paginates(client, featured_interview):
    index = AlumniIndexPage.objects.get()
    for n in range(13):
        alumnus = Alumnus.objects.create(name=f"Pager {n}", class_year=2012, major="MPE", job_title="Editor")
        publish(index, AlumniInterviewPage(title=f"Pager {n}", slug=f"pager-{n}", alumnus=alumnus, intro="x"))
    first = client.get("/alumni/").content.decode()
    assert "Page 1 of 2" in first and "Pager 12" in first
    for page in ["2", "99999", "-1", "0"]:
        assert client.get(f"/alumni/?page={page}").status_code == 200
    assert f'href="{featured_interview.url}"' in client.get("/alumni/?page=2").content.decode()


def test_contact_email_is_never_shown(client, alumni_index, interview, published_role):
    Alumnus.objects.filter(pk=interview.alumnus_id).update(email="private-robin@example.com")
    for url in [alumni_index.url, interview.url, published_role.url]:
        assert "private-robin@example.com" not in client.get(url).content.decode()


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


def test_valid_story_becomes_a_draft_in_moderation_once_its_writer_confirms_it(
    client, moderator, story_form, published_role
):
    response = send_story(client, story_form())
    assert response.status_code == 302
    assert response["Location"].endswith("/alumni/share-your-story/thanks/")
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()

    alumnus = Alumnus.objects.get(name="Dana Okafor")
    assert alumnus.email == "dana@example.com"
    assert [link.role for link in alumnus.role_links.all()] == [published_role]
    page = AlumniInterviewPage.objects.get(alumnus=alumnus)
    assert not page.live
    assert page.current_workflow_state is None  # moderators see nothing yet
    assert not emails_to("moderator@example.com")

    confirm(client, "dana@example.com")
    assert page.current_workflow_state.workflow.name == WORKFLOW_NAME
    assert page.current_workflow_task.name == "Moderator approval"
    assert emails_to("moderator@example.com")

    # Not public anywhere.
    assert client.get(f"/alumni/{page.slug}/").status_code == 404
    assert "Dana Okafor" not in client.get("/alumni/").content.decode()
    assert "Dana Okafor" not in client.get(published_role.url).content.decode()


def test_moderator_approval_publishes_the_story(client, moderator, story_form, published_role):
    send_and_confirm(client, story_form())
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
    assert 'href="/alumni/' + page.slug + '/">Dana Okafor</a>' in client.get(published_role.url).content.decode()


def test_empty_form_shows_every_error_and_saves_nothing(client):
    interviews = AlumniInterviewPage.objects.count()
    response = client.post(FORM_URL, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct" in html
    assert html.count('class="field__error"') >= 9
    assert "We can only publish your story with your consent." in html
    assert not Alumnus.objects.filter(name="").exists()
    assert AlumniInterviewPage.objects.count() == interviews


def test_invalid_form_keeps_the_visitors_text(client, story_form):
    response = client.post(FORM_URL, story_form(email="not-an-email", class_year="1800"))
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Ensure this value is greater than or equal to 1950." in html
    assert "Say yes to every load-in you can." in html
    assert 'value="Dana Okafor"' in html
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


def test_over_long_answers_are_refused_with_a_message(client, story_form):
    response = client.post(FORM_URL, story_form(advice="x" * 4001, name="N" * 121))
    html = response.content.decode()
    assert "Ensure this value has at most 4000 characters (it has 4001)." in html
    assert "Ensure this value has at most 120 characters (it has 121)." in html
    assert not Alumnus.objects.filter(email="dana@example.com").exists()


def test_hostile_text_stays_inert_on_the_live_page_and_in_the_admin_preview(
    client, moderator, admin_client, story_form
):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(FORM_URL, story_form(name=f"Eve {payload}", how_started=payload, job_title=payload))
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


def test_honeypot_submission_is_dropped_quietly(client, story_form):
    response = client.post(FORM_URL, story_form(website_honeypot="http://spam.example"))
    assert response.status_code == 302
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


def test_double_submit_creates_one_draft(client, story_form):
    data = story_form()
    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)
    assert first.status_code == second.status_code == 302
    assert Alumnus.objects.filter(name="Dana Okafor").count() == 1
    assert AlumniInterviewPage.objects.filter(alumnus__name="Dana Okafor").count() == 1


def test_rate_limit_answers_a_friendly_429(client, settings, story_form):
    settings.STORY_SUBMISSION_RATE_LIMIT = (2, 3600)
    for n in range(2):
        assert client.post(FORM_URL, story_form(name=f"Sender {n}")).status_code == 302
    response = client.post(FORM_URL, story_form(name="Sender 3"))
    assert response.status_code == 429
    assert "Please wait before sending another story" in response.content.decode()
    assert not Alumnus.objects.filter(name="Sender 3").exists()
    other = client.post(FORM_URL, story_form(name="Other person"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_database_error_keeps_the_text_and_saves_nothing(client, monkeypatch, story_form):
    def fail(*args, **kwargs):
        raise DatabaseError("database went away")

    # The alumnus row is written first; the failure comes after it, inside the same transaction.
    monkeypatch.setattr(AlumniInterviewPage, "save_revision", fail)
    response = client.post(FORM_URL, story_form())
    html = response.content.decode()
    assert response.status_code == 503
    assert "could not save your story" in html
    assert "Say yes to every load-in you can." in html
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()
    assert not AlumniInterviewPage.objects.filter(title="Dana Okafor").exists()


def test_home_page_features_the_chosen_interview_with_its_quote(client, home, interview):
    home.featured_interview = interview
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert f"Meet an alumnus: {escape(interview.alumnus.name)}" in html
    assert escape(interview.pull_quote) in html
    assert f'href="{interview.url}"' in html
