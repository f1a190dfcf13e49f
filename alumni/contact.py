"""Students write to an alumnus who said they may: a form on its own address (``/alumni/contact/<story>/``)
relays the message by e-mail, through the mail queue, with the student's address as Reply-To. The
alumnus's address is never shown: the student learns it only if the alumnus answers.

Only for a live, public story whose alumnus ticked "students may contact me" and left an address; any
other answers 404. Protections: CSRF (the form has its own, never-cached address, so the story page
itself stays cacheable and carries no token), a honeypot field, and two rate limits counted atomically
in the cache, per client address and per alumnus (``CONTACT_RATE_LIMIT_PER_ADDRESS`` and
``CONTACT_RATE_LIMIT_PER_ALUMNUS``); a post refused or dropped does not count.
"""

import contextlib
import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from alumni.models.stories import AlumniInterviewPage

logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = 3000


class ContactForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=120)
    email = forms.EmailField(
        label="Your e-mail address", max_length=254, help_text="They answer you here, if they choose to."
    )
    message = forms.CharField(
        label="Your message",
        min_length=20,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"A question about their work or their career (at most {MESSAGE_MAX_LENGTH} characters).",
        error_messages={"min_length": "Write a little more: at least 20 characters."},
    )
    # A trap for bots, hidden from people and screen readers: anything typed here drops the post.
    website_honeypot = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def is_spam(self):
        return bool(self.data.get("website_honeypot"))


def contactable_story(index, slug):
    """The live story at ``slug`` whose alumnus may be contacted, or 404."""
    page = (
        AlumniInterviewPage.objects.live()
        .public()
        .child_of(index)
        .select_related("alumnus")
        .filter(slug=slug, alumnus__contact_opt_in=True, alumnus__is_public=True)
        .exclude(alumnus__email="")
        .first()
    )
    if page is None:
        raise Http404("This alumnus cannot be contacted through the portal.")
    return page


# Rate limits --------------------------------------------------------------------------------------------


def _take_slot(key, limit, window):
    """Count one message against ``key`` (``add``, else ``incr``: atomic, so posts sent at once cannot
    all pass); False when over ``limit``. With the cache down nothing can be counted and it passes."""
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1 if cache.add(key, 1, timeout=window) else None
    return count is None or count <= limit


def _give_back(key):
    with contextlib.suppress(ValueError):
        cache.decr(key)


def _limits(request, page):
    address = request.META.get("REMOTE_ADDR", "unknown")
    return [
        (f"contact:address:{address}", *settings.CONTACT_RATE_LIMIT_PER_ADDRESS),
        (f"contact:alumnus:{page.alumnus_id}", *settings.CONTACT_RATE_LIMIT_PER_ALUMNUS),
    ]


def _take_slots(request, page):
    """Take a slot from each limit; if any is full, give back what was taken and return False."""
    taken = []
    for key, limit, window in _limits(request, page):
        taken.append(key)
        if not _take_slot(key, limit, window):
            for done in taken:
                _give_back(done)
            return False
    return True


def _give_back_slots(request, page):
    for key, _limit, _window in _limits(request, page):
        _give_back(key)


# The message --------------------------------------------------------------------------------------------


def relay(request, page, data):
    """Queue the student's message to the alumnus (sent once the request's transaction commits)."""
    alumnus = page.alumnus
    story_url = page.get_full_url(request)
    body = (
        f"Hello {alumnus.name},\n\n"
        f"{data['name']} wrote to you through your story on {settings.WAGTAIL_SITE_NAME}:\n"
        f"{story_url}\n\n"
        f"{'-' * 60}\n{data['message']}\n{'-' * 60}\n\n"
        f"To answer, reply to this e-mail: it goes to {data['name']} at {data['email']}. They do not have "
        "your address unless you answer.\n\n"
        "You receive this because you said students may contact you. To stop these messages, reply to our "
        f"moderators at {settings.DEFAULT_FROM_EMAIL} and we will turn the form off.\n"
    )
    EmailMessage(
        subject=f"A student wrote to you through {settings.WAGTAIL_SITE_NAME}",
        body=body,
        to=[alumnus.email],
        reply_to=[data["email"]],
    ).send()


# The views (routes of the alumni index) ---------------------------------------------------------------


def _render(index, request, template, context, status=200):
    response = index.render(request, template=template, context_overrides=context)
    response.status_code = status
    add_never_cache_headers(response)  # a form token, or a visitor's own result: never in a shared cache
    return response


def contact(request, index, slug):
    page = contactable_story(index, slug)
    context = {
        "story": page,
        "meta_title": f"Write to {page.alumnus.name}",
        "meta_description": f"Send {page.alumnus.name} a question about their career.",
    }
    if request.method != "POST":
        return _render(index, request, "alumni/contact.html", {**context, "form": ContactForm()})
    form = ContactForm(request.POST)
    if not _take_slots(request, page):
        refused = (
            f"Too many messages have been sent to {page.alumnus.name}, or from your connection, in a short "
            "time. Please try again in a few hours: your message is still below to copy."
        )
        return _render(index, request, "alumni/contact.html", {**context, "form": form, "refused": refused}, 429)
    if form.is_spam():
        _give_back_slots(request, page)
        logger.info("Contact form honeypot filled from %s; dropped", request.META.get("REMOTE_ADDR"))
        return redirect(index.url + index.reverse_subpage("contact_sent", args=[page.slug]))
    if not form.is_valid():
        _give_back_slots(request, page)
        return _render(index, request, "alumni/contact.html", {**context, "form": form})
    relay(request, page, form.cleaned_data)
    return redirect(index.url + index.reverse_subpage("contact_sent", args=[page.slug]))


def contact_sent(request, index, slug):
    page = contactable_story(index, slug)
    return _render(index, request, "alumni/contact_sent.html", {"story": page, "meta_title": "Message sent"})
