"""Shared fixtures. The suite runs on the shipped content (loaded once per run), but no test depends on
its wording: what a test checks on a shipped page it reads from the database, and what it needs of its
own it makes with the apps' factories (``careers/factories.py``, ``alumni/factories.py``)."""

import uuid
from pathlib import Path

import pytest

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.db.models import Count, Q
from django.test import Client

from taggit.models import Tag

from alumni.factories import AlumniInterviewPageFactory, AlumnusFactory
from alumni.models import AlumniIndexPage
from alumni.moderation import MODERATORS_GROUP
from bench.synthetic_content import generate
from careers.factories import RolePageFactory
from careers.models import CareersIndexPage
from home.models import HomePage
from tests.story_files import AUDIO, jpeg_with_gps_and_rotation, upload

PASSWORD = "a-long-test-password-42"
SEARCH_CORPUS = Path(__file__).resolve().parent / "fixtures" / "search-corpus.yaml"


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


# The site tree as the content file builds it ---------------------------------------------------------


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def careers_index(db):
    return CareersIndexPage.objects.get()


@pytest.fixture
def alumni_index(db):
    return AlumniIndexPage.objects.get()


@pytest.fixture
def featured_interview(home):
    """The shipped interview the home page features (whoever the content file names)."""
    return home.live_featured_interview()


@pytest.fixture
def shared_skill(db):
    """The skill that the most live roles list, from the shipped content (a tie goes to the first name)."""
    live = Q(careers_rolepagetag_items__content_object__live=True)
    return Tag.objects.annotate(roles=Count("careers_rolepagetag_items", filter=live)).order_by("-roles", "name")[0]


@pytest.fixture(scope="module")
def search_corpus(django_db_setup, django_db_blocker):
    """For the tests of search quality, whose queries are phrased from the content's own wording: the content
    as it was when they were written (tests/fixtures/search-corpus.yaml) loaded over the shipped content for
    the whole module, and rolled back after it. An editor's copy change cannot fail them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_portal_content", "--reset", "--file", str(SEARCH_CORPUS), verbosity=0)
        yield
        transaction.set_rollback(True)


# Content a test makes for itself ----------------------------------------------------------------------


@pytest.fixture
def published_role(careers_index):
    """A published role with three skills of its own, made by the factory."""
    role = RolePageFactory(
        parent=careers_index,
        title="Tape Op",
        slug="tape-op",
        summary="Tape ops thread the machines and keep the session log.",
        skills=["Tape Threading", "Session Logging", "Alignment"],
    )
    role.save_revision().publish()
    return role


@pytest.fixture
def interview(alumni_index, published_role):
    """A published interview with a pull quote and skills, by an alumnus who works in ``published_role``."""
    alumnus = AlumnusFactory(
        name="Robin Vance", class_year=2011, job_title="Tape Op", organisation="Reel House", roles=[published_role]
    )
    page = AlumniInterviewPageFactory(
        parent=alumni_index,
        alumnus=alumnus,
        slug="robin-vance",
        pull_quote="Label every reel before you leave.",
        skills=["Tape Threading", "Alignment"],
    )
    page.save_revision().publish()
    alumnus.refresh_from_db()
    return page


@pytest.fixture
def story_form(published_role):
    """``story_form(**overrides)``: the fields of a valid story for the public form, about ``published_role``."""

    def fields(**overrides):
        data = {
            "name": "Dana Okafor",
            "email": "dana@example.com",
            "class_year": "2014",
            "major": "Music Production and Engineering",
            "job_title": "Monitor Engineer",
            "organisation": "Northside Touring",
            "history_0_role": str(published_role.pk),
            "history_0_start_year": "2015",
            "history_0_current": "on",
            "how_started": "I mixed bands at my college's student venue.",
            "typical_day": "Load-in at noon, line check, then the show.",
            "advice": "Say yes to every load-in you can.",
            "consent": "on",
            "website_honeypot": "",
            "submission_token": str(uuid.uuid4()),
        }
        return {**data, **overrides}

    return fields


# People ------------------------------------------------------------------------------------------------


@pytest.fixture
def second_role(careers_index):
    """A published role besides ``published_role``: the first step of a story's career history."""
    role = RolePageFactory(
        parent=careers_index, title="Splice Editor", slug="splice-editor", skills=["Razor Blade Editing"]
    )
    role.save_revision().publish()
    return role


@pytest.fixture
def full_story(story_form, published_role, second_role):
    """``full_story(**overrides)``: the public form with every part of a story filled in, a photo and a
    clip included (the public form's tests and the writer's edit share it)."""

    def fields(**overrides):
        return story_form(
            **{
                "history_0_role": str(second_role.pk),
                "history_0_start_year": "2009",
                "history_0_current": "",
                "history_1_role": str(published_role.pk),
                "history_1_start_year": "2014",
                "history_1_current": "on",
                "skills": [tag.pk for tag in published_role.tags.all()][:2],
                "credits_url": "https://credits.example.org/dana-okafor",
                "portfolio_url": "http://dana.example.net/reel",
                "pull_quote": "Every load-in is a lesson.",
                "intro": "Dana runs monitors for touring bands.",
                "photo": upload("dana.jpg", jpeg_with_gps_and_rotation(), "image/jpeg"),
                "photo_alt": "Dana at the monitor desk",
                "audio": upload("clip.mp3", (AUDIO / "tone.mp3").read_bytes(), "audio/mpeg"),
                "audio_transcript": "A sine tone, one second long.",
                "contact_opt_in": "on",
                **overrides,
            }
        )

    return fields


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", PASSWORD)


@pytest.fixture
def staff_client(superuser):
    """A client signed in as a superuser (``client`` stays anonymous: the public's view)."""
    staff = Client()
    staff.force_login(superuser)
    return staff


@pytest.fixture
def moderator(django_user_model):
    """A user in the "Alumni moderators" group, as `create_staff` makes one."""
    user = django_user_model.objects.create_user("moderator", "moderator@example.com", PASSWORD)
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@pytest.fixture
def more_content(db):
    """Generated roles and interviews (each with its alumnus) beside the shipped content, in bulk."""
    return lambda roles=200, interviews=500: generate(roles=roles, interviews=interviews)
