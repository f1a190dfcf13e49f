"""Settings come from the environment alone: read the settings module afresh under a given environment."""

import importlib

import pytest

from django.db import connection

import portal.settings.base as base_settings


@pytest.fixture
def settings_with(monkeypatch):
    def load(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(base_settings)

    yield load
    monkeypatch.undo()
    importlib.reload(base_settings)


def test_search_url_switches_to_opensearch_by_settings_alone(settings_with):
    assert settings_with(SEARCH_URL="").WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == (
        "wagtail.search.backends.database"
    )
    backend = settings_with(SEARCH_URL="http://search:9200").WAGTAILSEARCH_BACKENDS["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert backend["URLS"] == ["http://search:9200"]
    backend = settings_with(SEARCH_URL="http://search:9200", SEARCH_BACKEND="elasticsearch8")
    assert backend.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"


def test_database_url_selects_the_database(settings_with):
    database = settings_with(DATABASE_URL="postgres://u@db:5432/portal").DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 600 and database["CONN_HEALTH_CHECKS"]
    assert settings_with(DATABASE_URL="sqlite:///x.sqlite3").DATABASES["default"]["ENGINE"] == (
        "django.db.backends.sqlite3"
    )


def test_postgresql_prepares_repeated_statements_unless_turned_off(settings_with):
    options = settings_with(DATABASE_URL="postgres://u@db:5432/portal").DATABASES["default"]["OPTIONS"]
    assert options["server_side_binding"] and options["prepare_threshold"] == 2
    off = settings_with(DATABASE_URL="postgres://u@db:5432/portal", DB_PREPARE_THRESHOLD="0")
    assert off.DATABASES["default"]["OPTIONS"]["prepare_threshold"] is None


@pytest.mark.django_db
def test_a_page_seen_again_reuses_the_statements_postgresql_prepared(client, published_role):
    """On PostgreSQL, a page's statements are planned once per connection, not on every visit."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(3):
        assert client.get(published_role.url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = cursor.fetchone()[0]
    assert prepared >= 5


def test_hosts_and_debug_come_from_the_environment(settings_with):
    loaded = settings_with(ALLOWED_HOSTS="careers.example.org, www.careers.example.org", DEBUG="0")
    assert loaded.ALLOWED_HOSTS == ["careers.example.org", "www.careers.example.org"]
    assert loaded.DEBUG is False
