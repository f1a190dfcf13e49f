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


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_sitemap_lists_every_live_page_and_the_explorer(client, featured_interview, shared_skill):
    xml = client.get("/sitemap.xml").content.decode()
    for role in RolePage.objects.live():
        assert f"<loc>http://testserver{role.url}</loc>" in xml
    skill_page = f"/careers/skills/{shared_skill.slug}/"
    for path in ["/", "/careers/", "/alumni/", featured_interview.url, skill_page, "/careers/explore/"]:
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
        ("{interview}", "profile"),
        ("/careers/skills/{skill}/", "website"),
        ("/careers/explore/", "website"),
    ],
)
def test_every_page_has_canonical_description_and_social_tags(client, url, og_type, featured_interview, shared_skill):
    url = url.format(interview=featured_interview.url, skill=shared_skill.slug)
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert re.search(r'<meta property="og:description" content="[^"]{20,}">', html)
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert f'<meta property="og:type" content="{og_type}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.png">', html)
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Newest alumni stories" href="/alumni/feed/">' in html
    )


def test_role_pages_carry_occupation_json_ld_with_onet_code(client, published_role):
    published_role.onet_code = "27-4014.00"
    published_role.save_revision().publish()
    html = client.get(published_role.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Occupation"
    assert data["name"] == published_role.title
    assert all(tag.name in data["skills"] for tag in published_role.tags.all())
    assert data["occupationalCategory"]["codeValue"] == "27-4014.00"
    assert 'href="https://www.onetonline.org/link/summary/27-4014.00"' in html


def test_json_ld_stays_valid_with_quotes_and_script_tags_in_content(client):
    role = RolePage.objects.get(slug="programmer")
    role.summary = 'Writes "MIDI" parts </script><script>alert(1)</script> & more.'
    role.save_revision().publish()
    html = client.get(role.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)["description"] == role.summary


def test_interview_pages_carry_profile_page_json_ld_without_email(client, interview):
    Alumnus.objects.filter(pk=interview.alumnus_id).update(email="private-robin@example.com")
    html = client.get(interview.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == interview.alumnus.name
    assert data["mainEntity"]["worksFor"]["name"] == interview.alumnus.organisation
    assert "private-robin@example.com" not in html


def test_feed_of_latest_interviews_parses(client, interview):
    response = client.get("/alumni/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert any(entry.link == f"http://testserver{interview.url}" for entry in feed.entries)


def test_api_lists_every_live_role_with_fields(client):
    live_roles = RolePage.objects.live().count()
    data = client.get("/api/v2/pages/", {"type": "careers.RolePage", "limit": 50}).json()
    assert data["meta"]["total_count"] == live_roles
    role = RolePage.objects.get(slug="assistant-engineer")
    detail = client.get(f"/api/v2/pages/{role.pk}/").json()
    assert detail["summary"] == role.summary
    assert len(detail["tags"]) >= 3
    assert {"id", "title", "slug"} <= set(detail["leads_to"][0])
    assert detail["related_roles"]
    assert isinstance(detail["tools"], list)
    role.unpublish()
    assert client.get("/api/v2/pages/", {"type": "careers.RolePage"}).json()["meta"]["total_count"] == live_roles - 1


def test_api_alumni_never_expose_email_or_unpublished_records(client, interview):
    Alumnus.objects.filter(pk=interview.alumnus_id).update(email="private-robin@example.com")
    hidden = Alumnus.objects.create(
        name="Pending Person", class_year=2020, major="MPE", job_title="Editor", email="pending@example.com"
    )
    AlumnusRole.objects.create(alumnus=hidden, role=RolePage.objects.get(slug="music-editor"))
    listing = client.get("/api/v2/alumni/", {"fields": "*"})
    body = listing.content.decode()
    assert listing.status_code == 200
    assert interview.alumnus.name in body
    assert "Pending Person" not in body and "@example.com" not in body
    assert client.get(f"/api/v2/alumni/{hidden.pk}/").status_code == 404
    detail = client.get(f"/api/v2/pages/{interview.pk}/").content.decode()
    assert "private-robin@example.com" not in detail and interview.alumnus.organisation in detail


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


def test_feed_readers_show_submitted_markup_as_words_never_as_elements(client, story_form):
    name = 'Eve <img src=x onerror=alert(1)> <a href="javascript:alert(2)">me</a>'
    job = "<b>Boss</b> & <script>alert(3)</script>"
    client.post("/alumni/share-your-story/", story_form(name=name, job_title=job))
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
