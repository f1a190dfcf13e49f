"""Settings come from the environment alone: read the settings module afresh under a given environment."""

import importlib

import pytest

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


def test_hosts_and_debug_come_from_the_environment(settings_with):
    loaded = settings_with(ALLOWED_HOSTS="careers.example.org, www.careers.example.org", DEBUG="0")
    assert loaded.ALLOWED_HOSTS == ["careers.example.org", "www.careers.example.org"]
    assert loaded.DEBUG is False
