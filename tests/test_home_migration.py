"""The home page moved from the portal app to the home app, keeping its tables: a database migrated
before the move, with its home page, still serves it after migrating. Run as an operator would, in its
own processes on a new database of the suite's vendor, so the suite's own database is never migrated
back and forth."""

import json

import pytest

from tests.test_operations import build_portal, empty_database, environment, postgres_server, succeed  # noqa: F401

MOVED = ["homepage", "homefeaturedrole"]

LABELS = """
import json
from django.contrib.contenttypes.models import ContentType
print(json.dumps(sorted(set(ContentType.objects.filter(model__in={moved!r}).values_list("app_label", flat=True)))))
"""
SERVED = """
import json
from django.test import Client
from django.utils.html import escape
from home.models import HomePage
home = HomePage.objects.get()
response = Client().get("/")
print(json.dumps({"status": response.status_code, "title": escape(home.title) in response.content.decode(),
                  "links": home.get_latest_revision().as_object().featured_role_links.count()}))
"""


def shell(env, code):
    out = succeed(env, "manage.py", "shell", "-c", code).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_home_page_made_before_the_move_is_served_after_it(tmp_path, empty_database):  # noqa: F811
    env = environment(empty_database(), tmp_path / "media", ALLOWED_HOSTS="testserver,localhost")
    build_portal(env)
    succeed(env, "manage.py", "migrate", "home", "zero", "--no-input", "-v0")
    succeed(env, "manage.py", "migrate", "portal", "0001", "--no-input", "-v0")
    assert shell(env, LABELS.format(moved=MOVED)) == ["portal"]  # as before the move

    succeed(env, "manage.py", "migrate", "--no-input", "-v0")
    assert shell(env, LABELS.format(moved=MOVED)) == ["home"]
    served = shell(env, SERVED)
    assert served["status"] == 200 and served["title"] and served["links"] > 0
