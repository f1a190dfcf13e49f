"""Career editors and alumni moderators, through the real Wagtail admin views."""

import re
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

from alumni.models import AlumniInterviewPage
from careers.models import RolePage
from tests.story_mail import send_and_confirm

from .test_admin_editing import _edit_form

PASSWORD = "a-long-test-password-42"


def staff(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
    call_command("add_to_group", username, group, verbosity=0)
    return user


@pytest.fixture
def editor(client):
    return staff("editor", "Career editors")


@pytest.fixture
def moderator():
    return staff("moderator", "Alumni moderators")


def submit_story(client, story_form, name="Dana Okafor"):
    """A story sent and confirmed by its writer (each with an address of their own): with the moderators."""
    send_and_confirm(client, story_form(name=name, email=f"{slugify(name)}@example.com"))
    return AlumniInterviewPage.objects.get(title=name)


def test_groups_exist_and_loading_again_creates_no_duplicates():
    call_command("load_portal_content", verbosity=0)
    assert Group.objects.filter(name="Career editors").count() == 1
    assert Group.objects.filter(name="Alumni moderators").count() == 1


def test_anonymous_visitor_is_sent_to_log_in(client):
    for url in ["/admin/", f"/admin/pages/{RolePage.objects.first().pk}/edit/", "/admin/snippets/alumni/alumnus/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_editor_edits_and_publishes_a_role(client, editor):
    client.force_login(editor)
    role = RolePage.objects.get(slug="music-editor")
    data = _edit_form(role, summary="Music editors fit music to picture, from temp track to final score.")
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{role.pk}/edit/", data)
    assert response.status_code == 302
    client.logout()
    assert "from temp track to final score" in client.get(role.url).content.decode()


def test_editor_can_unpublish_a_role(client, editor):
    client.force_login(editor)
    role = RolePage.objects.get(slug="programmer")
    response = client.post(f"/admin/pages/{role.pk}/unpublish/")
    assert response.status_code == 302
    role.refresh_from_db()
    assert not role.live


def test_editor_is_refused_interviews_and_alumni(client, editor, featured_interview):
    interview = featured_interview
    client.force_login(editor)
    response = client.get(f"/admin/pages/{interview.pk}/edit/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/snippets/alumni/alumnus/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{interview.pk}/unpublish/").status_code in (302, 403)
    interview.refresh_from_db()
    assert interview.live


def test_editor_manages_skills_images_and_documents(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/taggit/tag/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200


def test_moderator_approves_a_story_which_goes_live(client, moderator, story_form):
    page = submit_story(client, story_form)
    assert not page.live
    client.force_login(moderator)
    state = page.current_workflow_task_state
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get(page.url).status_code == 200


def test_moderator_rejects_a_story_with_a_comment_and_it_stays_private(client, moderator, story_form):
    page = submit_story(client, story_form)
    client.force_login(moderator)
    state = page.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.pk}/", {"comment": "Please add your job title."}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"


def test_moderator_edits_alumni_and_is_refused_roles(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/snippets/alumni/alumnus/").status_code == 200
    interview = AlumniInterviewPage.objects.get(slug="miles-walker")
    assert client.get(f"/admin/pages/{interview.pk}/edit/").status_code == 200
    role = RolePage.objects.get(slug="producer")
    assert client.get(f"/admin/pages/{role.pk}/edit/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{role.pk}/unpublish/").status_code in (302, 403)
    role.refresh_from_db()
    assert role.live


def test_dashboard_lists_waiting_stories_in_a_fixed_number_of_queries(client, moderator, settings, story_form):
    from alumni.wagtail_hooks import StoriesAwaitingModerationPanel

    settings.STORY_SUBMISSION_RATE_LIMIT = (None, 3600)
    submit_story(client, story_form, "First Waiting")
    with CaptureQueriesContext(connection) as one_story:
        StoriesAwaitingModerationPanel().render_html({})
    queries_for_one = len(one_story.captured_queries)  # read now: the query log is a ring buffer
    for n in range(6):
        submit_story(client, story_form, f"Waiting Story {n}")
    with CaptureQueriesContext(connection) as seven_stories:
        StoriesAwaitingModerationPanel().render_html({})
    assert len(seven_stories.captured_queries) == queries_for_one

    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Alumni stories waiting for review (7)" in html
    page = AlumniInterviewPage.objects.get(title="Waiting Story 5")
    assert f'href="/admin/pages/{page.pk}/edit/">Waiting Story 5</a>' in html


def test_editors_do_not_see_the_moderation_panel(client, editor):
    client.force_login(editor)
    assert "Alumni stories waiting for review" not in client.get("/admin/").content.decode()


def test_login_locks_out_after_repeated_failures(client, editor):
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong-password"})
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_login_works_before_the_limit(client, editor):
    client.post("/admin/login/", {"username": "editor", "password": "wrong-password"})
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_passwords_must_pass_the_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password1")
    validate_password(PASSWORD)


def test_add_to_group_explains_unknown_names():
    from django.core.management.base import CommandError

    get_user_model().objects.create_user("someone", "s@example.com", PASSWORD)
    with pytest.raises(CommandError, match="No group named 'Story editors'"):
        call_command("add_to_group", "someone", "Story editors")
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("add_to_group", "nobody", "Career editors")


def test_preview_renders_the_draft_through_the_real_template_for_interviews(client, moderator, story_form):
    page = submit_story(client, story_form, "Preview Person")
    client.force_login(moderator)
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "Preview Person" in response.content.decode()
    assert "Say yes to every load-in you can." in response.content.decode()


def offered_actions(client, page):
    """The actions the page editor's menu offers: (form action names, "Submit to ..." labels)."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return set(re.findall(r'name="(action-[\w-]+)"', html)), re.findall(r"(?:Resubmit|Submit) to ([^<\"]+?)\s*<", html)


def test_editors_and_moderators_are_offered_only_actions_that_lead_somewhere(client, editor, moderator, story_form):
    role = RolePage.objects.get(slug="producer")
    interview = submit_story(client, story_form, "Menu Checker")
    for user, page in [(editor, role), (moderator, interview), (moderator, AlumniInterviewPage.objects.first())]:
        client.force_login(user)
        actions, workflows = offered_actions(client, page)
        assert "action-publish" in actions
        for name in workflows:
            workflow = Workflow.objects.get(name=name, active=True)
            for task in workflow.tasks.filter(active=True).specific():
                able = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all())
                assert able.exists(), f"{user}: {name!r} goes to {task.name!r}, which nobody can act on"
    # Career editors publish role pages themselves; stories go to the alumni moderators.
    client.force_login(editor)
    assert offered_actions(client, role)[1] == []
    client.force_login(moderator)
    assert offered_actions(client, AlumniInterviewPage.objects.first())[1] == ["Alumni story moderation"]


def wagtail_default_staff_setup():
    """What a new Wagtail site starts with: two groups and a site-wide workflow to "Moderators"."""
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())


def load_content():
    out = StringIO()
    call_command("load_portal_content", stdout=out)
    return out.getvalue().splitlines()[:-1]  # the last line counts the pages


def test_loading_removes_wagtails_default_groups_and_workflow_says_so_and_then_nothing(client, editor):
    wagtail_default_staff_setup()
    client.force_login(editor)
    assert offered_actions(client, RolePage.objects.get(slug="producer"))[1] == ["Moderators approval"]
    assert load_content() == [
        "removed group Editors",
        "removed group Moderators",
        "removed workflow Moderators approval",
    ]
    assert load_content() == []
    assert set(Group.objects.values_list("name", flat=True)) == {"Career editors", "Alumni moderators"}
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert offered_actions(client, RolePage.objects.get(slug="producer"))[1] == []


def test_a_default_group_with_members_is_kept_with_a_note(client):
    wagtail_default_staff_setup()
    staff("old-moderator", "Moderators")
    note = "kept group Moderators: it has 1 member(s); move them to the portal's groups, then delete it"
    assert load_content() == ["removed group Editors", "removed workflow Moderators approval", note]
    assert load_content() == [note]


def test_the_groups_page_lists_exactly_the_portals_two_groups(admin_client):
    html = admin_client.get("/admin/groups/").content.decode()
    names = [name.strip() for name in re.findall(r'href="/admin/groups/edit/\d+/"[^>]*>([^<]*)<', html)]
    assert sorted(names) == ["Alumni moderators", "Career editors"]
