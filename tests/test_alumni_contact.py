"""Students write to an alumnus who opted in: a relayed e-mail, the alumnus's address never shown,
rate limits, a honeypot, CSRF, and a story page that stays cacheable."""

import pytest

from django.core import mail
from django.test import Client

from alumni.models import Alumnus

SECRET = "private-robin@example.com"


@pytest.fixture
def contactable(interview):
    Alumnus.objects.filter(pk=interview.alumnus_id).update(email=SECRET, contact_opt_in=True)
    interview.alumnus.refresh_from_db()
    return interview


def contact_url(page):
    return f"/alumni/contact/{page.slug}/"


def message(**overrides):
    return {
        "name": "Sam Student",
        "email": "sam@example.edu",
        "message": "How did you learn to align a tape machine?",
        "website_honeypot": "",
        **overrides,
    }


def test_an_opted_in_story_links_to_a_contact_form_without_showing_the_address(client, contactable):
    story = client.get(contactable.url)
    html = story.content.decode()
    assert f'href="{contact_url(contactable)}"' in html
    assert SECRET not in html
    # The story page itself carries no form token and sets no cookie: it stays cacheable.
    assert "csrfmiddlewaretoken" not in html and not story.cookies

    form = client.get(contact_url(contactable))
    html = form.content.decode()
    assert form.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in html and 'name="website_honeypot"' in html
    assert SECRET not in html
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]


def test_a_message_is_relayed_by_email_with_the_student_as_reply_to(client, contactable):
    response = client.post(contact_url(contactable), message())
    assert response.status_code == 302
    assert response["Location"] == f"{contact_url(contactable)}sent/"
    sent = client.get(response["Location"])
    assert "Your message is on its way" in sent.content.decode() and SECRET not in sent.content.decode()
    assert "no-store" in sent["Cache-Control"]

    [relayed] = mail.outbox
    assert relayed.to == [SECRET]
    assert relayed.reply_to == ["sam@example.edu"]
    assert "How did you learn to align a tape machine?" in relayed.body
    assert contactable.full_url in relayed.body


def test_without_the_opt_in_there_is_no_form(client, interview):
    Alumnus.objects.filter(pk=interview.alumnus_id).update(email=SECRET, contact_opt_in=False)
    assert contact_url(interview) not in client.get(interview.url).content.decode()
    assert client.get(contact_url(interview)).status_code == 404
    assert client.post(contact_url(interview), message()).status_code == 404
    assert not mail.outbox


def test_a_draft_story_cannot_be_contacted(client, contactable):
    contactable.unpublish()
    assert client.get(contact_url(contactable)).status_code == 404
    assert client.get("/alumni/contact/no-such-story/").status_code == 404


def test_invalid_message_is_explained_and_nothing_sent(client, contactable):
    response = client.post(contact_url(contactable), message(email="not-an-address", message="Hi"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your message was not sent" in html
    assert 'id="id_email_error">Enter a valid email address.' in html
    assert 'id="id_message_error">Write a little more: at least 20 characters.' in html
    assert not mail.outbox


def test_honeypot_drops_the_message_quietly(client, contactable):
    response = client.post(contact_url(contactable), message(website_honeypot="http://spam.example"))
    assert response.status_code == 302
    assert not mail.outbox


def test_a_post_without_the_form_token_is_refused(contactable):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(contact_url(contactable), message()).status_code == 403
    assert not mail.outbox


def test_messages_are_rate_limited_per_address(client, settings, contactable):
    settings.CONTACT_RATE_LIMIT_PER_ADDRESS = (2, 3600)
    for _ in range(2):
        assert client.post(contact_url(contactable), message()).status_code == 302
    refused = client.post(contact_url(contactable), message(message="A third question about tape alignment."))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Your message was not sent" in html and "A third question about tape alignment." in html
    assert len(mail.outbox) == 2
    other = client.post(contact_url(contactable), message(), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302 and len(mail.outbox) == 3


def test_messages_are_rate_limited_per_alumnus(client, settings, contactable):
    settings.CONTACT_RATE_LIMIT_PER_ALUMNUS = (2, 86400)
    for n in range(2):
        assert client.post(contact_url(contactable), message(), REMOTE_ADDR=f"10.0.0.{n}").status_code == 302
    assert client.post(contact_url(contactable), message(), REMOTE_ADDR="10.0.0.9").status_code == 429
    assert len(mail.outbox) == 2


def test_an_invalid_post_does_not_count_against_the_limit(client, settings, contactable):
    settings.CONTACT_RATE_LIMIT_PER_ADDRESS = (1, 3600)
    client.post(contact_url(contactable), message(message="short"))
    assert client.post(contact_url(contactable), message()).status_code == 302


def test_the_contact_form_is_never_kept_by_the_page_cache(settings, contactable):
    """Even for a visitor who already has a CSRF cookie (so the response sets none), the form is not
    stored: another visitor never gets the first one's token."""
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    first, second = Client(), Client()
    first.get(contact_url(contactable))
    token = first.cookies["csrftoken"].value
    first.get(contact_url(contactable))  # now with the cookie: nothing new is set
    html = second.get(contact_url(contactable)).content.decode()
    assert "csrfmiddlewaretoken" in html
    assert second.cookies["csrftoken"].value != token
    # The story page itself is cached for anonymous visitors.
    first_story = Client().get(contactable.url)
    again = Client().get(contactable.url)
    assert first_story.status_code == again.status_code == 200
    assert again.has_header("Age")
