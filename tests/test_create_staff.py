"""``manage.py create_staff``: a staff member who is not an administrator, in one command."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import RolePage

PASSWORD = "a-long-staff-password-42"


class Terminal(StringIO):
    def isatty(self):
        return True


def create_staff(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("create_staff", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def sign_in(client, username, password):
    response = client.post("/admin/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def can_edit_roles(client, username, password):
    assert sign_in(client, username, password)
    role = RolePage.objects.get(slug="producer")
    return client.get("/admin/").status_code == 200 and client.get(f"/admin/pages/{role.pk}/edit/").status_code == 200


def test_asks_for_the_password_twice_until_it_matches_and_passes_the_validators(client, monkeypatch):
    answers = iter(["first-try-password-1", "typo-try-password-1", "password123", "password123", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    out, err = create_staff("dana", "Career editors", "--email", "dana@example.com", stdin=Terminal())
    assert "The two passwords differ" in err
    assert "This password is too common" in err
    assert "Created dana in 'Career editors'" in out
    user = get_user_model().objects.get(username="dana")
    assert list(user.groups.values_list("name", flat=True)) == ["Career editors"]
    assert not user.is_superuser and not user.is_staff
    assert can_edit_roles(client, "dana", PASSWORD)
    assert client.get("/admin/users/").status_code in (302, 403)  # not an administrator


def test_scripts_give_the_password_on_standard_input_or_in_the_environment(client, monkeypatch):
    create_staff("sam", "Alumni moderators", "--password-stdin", stdin=StringIO(PASSWORD + "\n"))
    assert sign_in(client, "sam", PASSWORD)
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    create_staff("lee", "Career editors", stdin=StringIO())
    assert can_edit_roles(client, "lee", PASSWORD)


def test_clear_errors_and_nothing_created(monkeypatch):
    get_user_model().objects.create_user("taken", "t@example.com", PASSWORD)
    with pytest.raises(CommandError, match=r"No group named 'Editors'\. Groups: 'Alumni moderators', 'Career editors'"):
        create_staff("new", "Editors", "--password-stdin", stdin=StringIO(PASSWORD))
    with pytest.raises(CommandError, match=r"A user named 'taken' already exists: .* add_to_group"):
        create_staff("taken", "Career editors", "--password-stdin", stdin=StringIO(PASSWORD))
    with pytest.raises(CommandError, match="too common"):
        create_staff("new", "Career editors", "--password-stdin", stdin=StringIO("password123"))
    with pytest.raises(CommandError, match="No terminal to ask for the password"):
        create_staff("new", "Career editors", stdin=StringIO())
    assert not get_user_model().objects.filter(username="new").exists()
