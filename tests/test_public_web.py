"""The site as search engines, other sites and machines see it."""

import json
import re
from html.parser import HTMLParser

import feedparser
import pytest

from django.template.loader import render_to_string
from django.test import RequestFactory

from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole
from careers.models import RolePage
from tests.test_alumni import story


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_sitemap_lists_every_live_page_and_the_explorer(client):
    xml = client.get("/sitemap.xml").content.decode()
    for role in RolePage.objects.live():
        assert f"<loc>http://testserver{role.url}</loc>" in xml
    for path in ["/", "/careers/", "/alumni/", "/alumni/miles-walker/", "/careers/skills/mixing/", "/careers/explore/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml
    RolePage.objects.get(slug="programmer").unpublish()
    assert "/careers/programmer/" not in client.get("/sitemap.xml").content.decode()


def test_robots_allows_the_site_keeps_admin_out_and_names_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "User-agent: *" in text and "Allow: /" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize(
    ("url", "og_type"),
    [
        ("/", "website"),
        ("/careers/", "website"),
        ("/careers/sound-designer/", "article"),
        ("/alumni/miles-walker/", "profile"),
        ("/careers/skills/mixing/", "website"),
        ("/careers/explore/", "website"),
    ],
)
def test_every_page_has_canonical_description_and_social_tags(client, url, og_type):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert re.search(r'<meta property="og:description" content="[^"]{20,}">', html)
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert f'<meta property="og:type" content="{og_type}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Newest alumni stories" href="/alumni/feed/">' in html
    )


def test_role_pages_carry_occupation_json_ld_with_onet_code(client):
    html = client.get("/careers/recording-engineer-mixer/").content.decode()
    data = json_ld(html)
    assert data["@type"] == "Occupation"
    assert data["name"] == "Recording Engineer/Mixer"
    assert "Mixing" in data["skills"]
    assert data["occupationalCategory"]["codeValue"] == "27-4014.00"
    assert 'href="https://www.onetonline.org/link/summary/27-4014.00"' in html


def test_json_ld_stays_valid_with_quotes_and_script_tags_in_content(client):
    role = RolePage.objects.get(slug="programmer")
    role.summary = 'Writes "MIDI" parts </script><script>alert(1)</script> & more.'
    role.save_revision().publish()
    html = client.get(role.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)["description"] == role.summary


def test_interview_pages_carry_profile_page_json_ld_without_email(client):
    Alumnus.objects.filter(name="Miles Walker").update(email="private-miles@example.com")
    html = client.get("/alumni/miles-walker/").content.decode()
    data = json_ld(html)
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == "Miles Walker"
    assert data["mainEntity"]["worksFor"]["name"] == "MixedbyMiles Inc."
    assert "private-miles@example.com" not in html


def test_feed_of_latest_interviews_parses(client):
    response = client.get("/alumni/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert any(entry.link == "http://testserver/alumni/miles-walker/" for entry in feed.entries)


def test_api_lists_every_live_role_with_fields(client):
    data = client.get("/api/v2/pages/", {"type": "careers.RolePage", "limit": 50}).json()
    assert data["meta"]["total_count"] == 23
    role = RolePage.objects.get(slug="assistant-engineer")
    detail = client.get(f"/api/v2/pages/{role.pk}/").json()
    assert detail["summary"] == role.summary
    assert len(detail["tags"]) >= 3
    assert {"id", "title", "slug"} <= set(detail["leads_to"][0])
    assert detail["related_roles"]
    assert isinstance(detail["tools"], list)
    role.unpublish()
    assert client.get("/api/v2/pages/", {"type": "careers.RolePage"}).json()["meta"]["total_count"] == 22


def test_api_alumni_never_expose_email_or_unpublished_records(client):
    Alumnus.objects.filter(name="Miles Walker").update(email="private-miles@example.com")
    hidden = Alumnus.objects.create(
        name="Pending Person", class_year=2020, major="MPE", job_title="Editor", email="pending@example.com"
    )
    AlumnusRole.objects.create(alumnus=hidden, role=RolePage.objects.get(slug="music-editor"))
    listing = client.get("/api/v2/alumni/", {"fields": "*"})
    body = listing.content.decode()
    assert listing.status_code == 200
    assert "Miles Walker" in body
    assert "Pending Person" not in body and "@example.com" not in body
    assert client.get(f"/api/v2/alumni/{hidden.pk}/").status_code == 404
    interview = AlumniInterviewPage.objects.get(slug="miles-walker")
    detail = client.get(f"/api/v2/pages/{interview.pk}/").content.decode()
    assert "private-miles@example.com" not in detail and "MixedbyMiles Inc." in detail


def test_api_is_read_only(client):
    assert client.post("/api/v2/pages/", {}).status_code == 405


def test_friendly_404_in_the_sites_design(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can't find that page" in html and 'class="site-header"' in html


def test_500_page_renders_without_the_database(django_db_blocker):
    with django_db_blocker.block():
        html = render_to_string("500.html", {"request": RequestFactory().get("/")})
    assert "Something went wrong on our side" in html and 'class="site-header"' in html


class _Elements(HTMLParser):
    """The elements (start tags) and the text of an HTML fragment, as a feed reader would render it."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def as_rendered(detail):
    """What a reader shows for a feedparser text construct: (elements, text)."""
    if detail.type in ("text/html", "application/xhtml+xml"):
        rendered = _Elements(detail.value)
        return rendered.tags, rendered.text
    return [], detail.value


def test_feed_readers_show_submitted_markup_as_words_never_as_elements(client):
    name = 'Eve <img src=x onerror=alert(1)> <a href="javascript:alert(2)">me</a>'
    job = "<b>Boss</b> & <script>alert(3)</script>"
    client.post("/alumni/share-your-story/", story(name=name, job_title=job))
    page = AlumniInterviewPage.objects.child_of(AlumniIndexPage.objects.get()).get(alumnus__name=name)
    page.get_latest_revision().publish()

    feed = feedparser.parse(client.get("/alumni/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    entry = next(entry for entry in feed.entries if entry.link.endswith(f"/alumni/{page.slug}/"))
    title_tags, title = as_rendered(entry.title_detail)
    summary_tags, summary = as_rendered(entry.summary_detail)
    assert title_tags == [] and summary_tags == []
    assert title == name
    assert summary.startswith(f"{name}, class of 2014, works as {job} at Northside Touring")


@pytest.mark.parametrize("host", ["localhost:99999", "127.0.0.1:8443", "localhost"])
def test_full_urls_come_from_the_sites_address_not_the_requests_host(client, host):
    """The Site's address (http://testserver in the tests), whatever Host a request names."""
    html = client.get("/careers/compare/?roles=producer", HTTP_HOST=host).content.decode()
    assert '<link rel="canonical" href="http://testserver/careers/compare/">' in html
    assert '<meta property="og:url" content="http://testserver/careers/compare/">' in html
    assert '"url": "http://testserver/careers/producer/"' in client.get(
        "/careers/producer/", HTTP_HOST=host
    ).content.decode().replace("\\u002F", "/")

    feed = feedparser.parse(client.get("/alumni/feed/", HTTP_HOST=host).content)
    assert feed.feed.link == "http://testserver/alumni/"
    assert {link.href for link in feed.feed.links} == {"http://testserver/alumni/", "http://testserver/alumni/feed/"}
    assert feed.entries and all(entry.link.startswith("http://testserver/alumni/") for entry in feed.entries)

    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt", HTTP_HOST=host).content.decode()
    sitemap = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    assert "<loc>http://testserver/careers/</loc>" in sitemap and host not in sitemap
