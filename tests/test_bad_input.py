"""Bad input: every parameter a public page or the API reads answers 400 or is ignored, never a 5xx."""

import uuid
from urllib.parse import quote, urlencode

import pytest

from django.db import DatabaseError, transaction

from wagtail.images import get_image_model

from alumni.api_views import AlumniAPIViewSet, PortalImagesAPIViewSet
from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from portal.api import PortalPagesAPIViewSet

BAD_VALUES = {
    "nul": "\x00",
    "nul inside": "mixing\x00engineer",
    "control": "a\x1bb",
    "30 digits": "9" * 30,
    "negative": "-1",
    "3,000 characters": "x" * 3000,
    "quotes and brackets": "\"'><script>alert(1)</script>",
}

# Every parameter each public page reads (request.GET in careers/models.py, alumni/selectors.py and
# search/views.py; Django's sitemap pages; Wagtail's login), with the filters that make a listing read
# its page number, plus one parameter a page does not read.
PAGE_PARAMETERS = [
    ("/", {}, ["utm_source"]),
    ("/careers/", {}, ["sector", "page"]),
    ("/careers/", {"sector": "studio"}, ["page"]),
    ("/careers/live-sound-engineer/", {}, ["utm_source"]),
    ("/careers/explore/", {}, ["skills"]),
    ("/careers/explore/", {"skills": "{skill}"}, ["skills"]),
    ("/careers/compare/", {}, ["roles"]),
    ("/careers/compare/", {"roles": "producer"}, ["roles"]),
    ("/careers/paths/", {}, ["utm_source"]),
    ("/careers/skills/", {}, ["utm_source"]),
    ("/careers/skills/{skill}/", {}, ["page"]),
    ("/alumni/", {}, ["role", "skill", "page"]),
    ("/alumni/", {"role": "{role}"}, ["page", "skill"]),
    ("{interview}", {}, ["utm_source"]),
    ("/alumni/share-your-story/", {}, ["utm_source"]),
    ("/alumni/feed/", {}, ["utm_source"]),
    ("/search/", {}, ["q", "type", "skill", "page"]),
    ("/search/", {"q": "mixing"}, ["type", "skill", "page"]),
    ("/search/autocomplete/", {}, ["q"]),
    ("/sitemap.xml", {}, ["p"]),
    ("/robots.txt", {}, ["utm_source"]),
    ("/healthz", {}, ["utm_source"]),
    ("/admin/login/", {}, ["next"]),
]

# Parts of a path that name something: a skill's slug, an API object's id, a document's id.
PATH_TEMPLATES = [
    "/careers/skills/{}/",
    "/careers/{}/",
    "/alumni/{}/",
    "/api/v2/pages/{}/",
    "/api/v2/images/{}/",
    "/api/v2/alumni/{}/",
    "/documents/{}/file.pdf",
]

PAGE_TYPES = [RolePage, AlumniInterviewPage]
STORY_FORM_URL = "/alumni/share-your-story/"


def api_parameters():
    """(path, fixed parameters, parameter names) for everything the API reads: its own query parameters,
    pagination, the find view and every filterable field of every model it lists."""
    pages = sorted(PortalPagesAPIViewSet.known_query_parameters)
    cases = [("/api/v2/pages/", {}, pages)]
    for model in PAGE_TYPES:
        type_name = f"{model._meta.app_label}.{model.__name__}"
        fields = PortalPagesAPIViewSet.get_available_fields(model, db_fields_only=True)
        cases.append(("/api/v2/pages/", {"type": type_name}, sorted(fields)))
    cases.append(("/api/v2/pages/find/", {}, ["html_path", "id"]))
    endpoints = [("images", PortalImagesAPIViewSet, get_image_model()), ("alumni", AlumniAPIViewSet, Alumnus)]
    for endpoint, viewset, model in endpoints:
        names = viewset.known_query_parameters | set(viewset.get_available_fields(model, db_fields_only=True))
        cases += [(f"/api/v2/{endpoint}/", {}, sorted(names)), (f"/api/v2/{endpoint}/find/", {}, ["id"])]
    return cases


def status_of(send, url, data):
    """The status a request answers, sent in a savepoint: on PostgreSQL a failed query would otherwise
    abort the test's transaction for every request after it."""
    status = None
    try:
        with transaction.atomic():
            status = send(url, data).status_code
    except DatabaseError:  # the savepoint could not be released after the failed query
        pass
    return status


def bad_requests(story, shipped):
    """(method, path, parameters) for every parameter read anywhere, each with every bad value; ``shipped``
    names the slugs and paths of shipped content the addresses use (``{skill}``, ``{role}``, ``{interview}``)."""
    for path, fixed, names in PAGE_PARAMETERS + api_parameters():
        path, fixed = path.format(**shipped), {name: value.format(**shipped) for name, value in fixed.items()}
        for name in names:
            for value in BAD_VALUES.values():
                yield "get", f"{path}?{urlencode({**fixed, name: value})}", {}
    for template in PATH_TEMPLATES:
        for value in BAD_VALUES.values():
            yield "get", template.format(quote(value, safe="")), {}
    for name in story:
        for value in BAD_VALUES.values():
            yield "post", STORY_FORM_URL, {**story, name: value, "submission_token": str(uuid.uuid4())}


def test_bad_value_sweep_answers_no_5xx(client, settings, capsys, story_form, shared_skill, featured_interview):
    """Each parameter with each bad value: a 400, or a page that ignores it; never a server error."""
    settings.STORY_SUBMISSION_RATE_LIMIT = (None, 3600)
    client.raise_request_exception = False  # a server error is counted, not raised
    count, failures = 0, []
    shipped = {"skill": shared_skill.slug, "role": featured_interview.alumnus.role_links.first().role.slug}
    shipped["interview"] = featured_interview.url
    for method, url, data in bad_requests(story_form(), shipped):
        status = status_of(getattr(client, method), url, data)
        count += 1
        if status is None or status >= 500:
            shown = {name: value[:40] for name, value in data.items()} if data else ""
            failures.append(f"{status} {method.upper()} {url[:160]} {shown}")
    with capsys.disabled():
        print(f"\nbad-value sweep: {count} requests, {len(failures)} answered 5xx")
    assert count > 800
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "url",
    [
        "/alumni/?role=%00",
        "/alumni/?skill=%00",
        "/search/?skill=%00",
        "/search/?q=mix%00ing",
        "/careers/compare/?roles=%00",
        "/careers/explore/?skills=mixing&skills=%1b",
        "/?%00=1",
    ],
)
def test_a_nul_byte_in_a_page_address_answers_the_sites_400_page(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 400
    assert "We could not read that address" in html and "control character" in html
    assert '<link rel="stylesheet"' in html  # the site's own design, under its CSP
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("url", ["/api/v2/pages/find/?html_path=%00", "/api/v2/pages/find/?id=%00"])
def test_a_nul_byte_in_an_api_address_answers_400_json(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/json"
    assert "control character" in response.json()["message"]


def test_a_nul_byte_sent_to_the_autocomplete_answers_400_json(client):
    response = client.get("/search/autocomplete/?q=mix%00", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "control character" in response.json()["message"]


def test_a_nul_byte_in_a_story_is_refused_beside_its_field(client, story_form):
    data = {**story_form(), "advice": "Say yes\x00", "submission_token": str(uuid.uuid4())}
    response = client.post("/alumni/share-your-story/", data)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()


@pytest.mark.parametrize("endpoint", ["pages", "alumni", "images"])
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("offset=99999999999999999999999", "offset cannot be higher than 1000000000"),
        ("offset=-1", "offset must be a positive integer"),
        ("limit=99999999999999999999999", "limit cannot be higher than 100"),
        ("limit=-5", "limit must be a positive integer"),
    ],
)
def test_api_offset_and_limit_out_of_range_answer_400_with_a_message(client, endpoint, query, message):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_api_offset_within_range_past_the_end_lists_nothing(client):
    response = client.get("/api/v2/pages/?offset=1000000000")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("endpoint", ["pages", "alumni", "images"])
@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "9" * 30])
def test_api_find_by_id_needs_a_whole_number_in_range(client, endpoint, value):
    response = client.get(f"/api/v2/{endpoint}/find/?id={value}")
    assert response.status_code == 400
    assert "id must be" in response.json()["message"]


def test_api_find_by_id_still_finds(client, interview):
    alumnus = interview.alumnus
    response = client.get(f"/api/v2/alumni/find/?id={alumnus.pk}")
    assert response.status_code == 302
    assert f"/api/v2/alumni/{alumnus.pk}/" in response["Location"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("type=careers.RolePage&first_published_at=yesterday", "first_published_at: "),
        ("type=alumni.AlumniInterviewPage&alumnus=" + "9" * 30, "alumnus must be between 0 and"),
    ],
)
def test_api_field_filters_refuse_values_the_field_cannot_hold(client, query, message):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_a_role_number_past_any_id_is_refused_beside_its_field(client, story_form):
    data = {**story_form(), "history_0_role": "9" * 30, "submission_token": str(uuid.uuid4())}
    response = client.post("/alumni/share-your-story/", data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Alumnus.objects.filter(name="Dana Okafor").exists()
