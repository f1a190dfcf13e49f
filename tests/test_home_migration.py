"""The home page moved from the portal app to the home app, keeping its tables: a database migrated
before the move, with its home page, still serves it after migrating."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from home.models import HomePage

MOVED = ["homepage", "homefeaturedrole"]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_home_page_made_before_the_move_is_served_after_it(client):
    migrate([("home", None), ("portal", "0001_initial")])  # as before the move
    assert set(ContentType.objects.filter(model__in=MOVED).values_list("app_label", flat=True)) == {"portal"}

    migrate()
    assert set(ContentType.objects.filter(model__in=MOVED).values_list("app_label", flat=True)) == {"home"}
    home = HomePage.objects.get()
    assert home.specific_class is HomePage and home.get_latest_revision().as_object().featured_role_links.exists()
    response = client.get("/")
    assert response.status_code == 200 and "Featured careers" in response.content.decode()
