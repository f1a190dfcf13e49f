"""A form refused by the CSRF check: the site's own 403 page, and a story's words are not lost."""

import pytest

from django.test import Client

from alumni.models import Alumnus

FORM_URL = "/alumni/share-your-story/"


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def story(story_form):
    """A story with markup in its name and a field the form does not have."""
    return story_form(name="Dana <b>Okafor</b>", password="not-to-be-shown-42")


def assert_the_sites_403_page(response):
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in html
    assert "expired" in html and "cookies" in html
    assert '<link rel="stylesheet"' in html  # the site's design
    assert "no-store" in response["Cache-Control"]
    return html


def test_a_story_sent_with_cookies_blocked_is_shown_back_on_the_sites_403_page(browser, story):
    response = browser.post(FORM_URL, story)  # no CSRF cookie: the browser blocks cookies
    html = assert_the_sites_403_page(response)
    assert "Content-Security-Policy" in response.headers  # the public site's policy, which the page keeps to
    assert "Say yes to every load-in you can." in html
    assert "I mixed bands at my college&#x27;s student venue." in html
    assert "Dana &lt;b&gt;Okafor&lt;/b&gt;" in html and "<b>Okafor" not in html
    assert "dana@example.com" not in html and "not-to-be-shown-42" not in html
    assert f'<a href="{FORM_URL}">open the form again</a>' in html
    assert not Alumnus.objects.filter(email="dana@example.com").exists()


def test_a_story_sent_from_an_expired_page_is_shown_back(browser, story):
    browser.get(FORM_URL)  # sets the CSRF cookie
    response = browser.post(FORM_URL, {**story, "csrfmiddlewaretoken": "x" * 64})  # an old page's token
    html = assert_the_sites_403_page(response)
    assert "Load-in at noon, line check, then the show." in html


def test_another_refused_form_gets_the_page_without_words(browser):
    response = browser.post("/admin/login/", {"username": "editor", "password": "secret-password-1"})
    html = assert_the_sites_403_page(response)
    assert "secret-password-1" not in html and "not saved" not in html
    assert "go back, reload the page" in html
