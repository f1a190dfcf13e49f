import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from bench.synthetic_content import generate
from careers.models import CareersIndexPage
from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real portal content once per run; each test then runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("load_portal_content", verbosity=0)
        # A transactional test empties every table when it ends; one marked serialized_rollback=True
        # starts again from this snapshot, so it sees the portal content whatever ran before it.
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _clear_cache(db):
    """Every test gets the database and an empty cache (the browser tests override this)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` ends as a commit would: each test runs in one transaction, and the
    content version (so every cache and search) changes only when a change commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def careers_index(db):
    return CareersIndexPage.objects.get()


@pytest.fixture
def more_content(db):
    """Generated roles and interviews (each with its alumnus) beside the shipped content, in bulk."""
    return lambda roles=200, interviews=500: generate(roles=roles, interviews=interviews)
