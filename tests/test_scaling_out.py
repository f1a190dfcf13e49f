"""Settings that take the portal beyond one machine: a read replica for anonymous reads, media on
S3-compatible storage."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext

from careers.models import RolePage
from tests.test_production import run_manage

ROLE_URL = "/careers/sound-designer/"


@pytest.fixture
def replica_reads(settings):
    """What DATABASE_REPLICA_URL switches on (portal/settings/base.py)."""
    settings.DATABASE_ROUTERS = ["portal.db_routing.ReplicaRouter"]
    middleware = settings.MIDDLEWARE
    settings.MIDDLEWARE = [*middleware[:2], "portal.db_routing.ReplicaReadsMiddleware", *middleware[2:]]


def queries_on_each_database(client, method, url, data=None):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, data)
        counts = len(primary.captured_queries), len(replica.captured_queries)
    return response, counts


@pytest.fixture
def replica_connection():
    yield
    connections["replica"].close()  # else the test database cannot be dropped at the end of the run


@pytest.mark.django_db(databases=["default", "replica"])
def test_anonymous_visitors_read_from_the_replica(client, replica_reads, replica_connection):
    response, (primary, replica) = queries_on_each_database(client, "get", ROLE_URL)
    assert response.status_code == 200 and "Sound Designer" in response.content.decode()
    assert replica > 0 and primary == 0


def test_right_after_a_change_anonymous_reads_stay_on_the_primary(client, replica_reads, committed):
    """A replica may still lag behind a publish: what is read (and cached) just after it must come
    from the primary. Only the primary is open to this test: a query sent to the replica would fail it.
    (With no recent change, the first test reads from the replica.)"""
    role = RolePage.objects.get(slug="sound-designer")
    role.title = "Sound Designer for Games"
    with committed():
        role.save_revision().publish()
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(ROLE_URL)
        assert response.status_code == 200 and len(primary.captured_queries) > 0
    assert "Sound Designer for Games" in response.content.decode()


def test_staff_and_forms_read_and_write_on_the_primary(client, replica_reads):
    """Only the primary is open to this test: a single query sent to the replica would fail it."""
    from tests.test_alumni import story

    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.post("/alumni/share-your-story/", story())
        assert response.status_code == 302 and len(primary.captured_queries) > 0
    user = get_user_model().objects.create_superuser("ed", "ed@example.com", "a-long-test-password-42")
    client.force_login(user)
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(ROLE_URL)
        assert response.status_code == 200 and len(primary.captured_queries) > 0


def test_a_bucket_name_puts_media_on_s3_compatible_storage():
    result = run_manage(
        "shell", "--no-imports", "-c",
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)",
        AWS_STORAGE_BUCKET_NAME="portal-media", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        SECRET_KEY="test-only-" + "x" * 50, ALLOWED_HOSTS="careers.example.org", REDIS_URL="redis://127.0.0.1:6379/9",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["S3Storage", "portal-media", "http://127.0.0.1:9000"]
