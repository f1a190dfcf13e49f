"""The site's face as a visitor meets it: the icon a browser asks for, one search box a page, the home
page's sectors and stories without repeats, a breadcrumb that ends where you are, card titles that break
at their slash, and colours that keep their contrast in light and dark mode (from the stylesheet)."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from django.contrib.staticfiles import finders
from django.utils.html import escape

from alumni.factories import AlumniInterviewPageFactory, AlumnusFactory
from careers.factories import RolePageFactory
from careers.models import RolePage
from careers.models.taxonomy import Sector

CSS = Path(__file__).resolve().parent.parent / "portal" / "static" / "portal" / "css" / "portal.css"


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert "max-age" in response["Cache-Control"]


def test_every_page_links_the_icons_and_the_manifest_and_they_exist(client):
    html = client.get("/careers/").content.decode()
    for rel in ["icon", "apple-touch-icon", "manifest"]:
        hrefs = re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)
        assert hrefs, rel
        for href in hrefs:
            if href.startswith("/static/"):
                assert finders.find(href.removeprefix("/static/")), href
            else:
                assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("url", ["/", "/search/?q=mixing", "/careers/", "/alumni/"])
def test_each_page_has_one_search_box(client, url):
    html = client.get(url).content.decode()
    assert html.count('role="search"') == 1
    assert html.count('id="site-search"') == 1


def test_the_search_page_keeps_the_query_in_its_box(client):
    html = client.get("/search/?q=mixing").content.decode()
    assert re.search(r'<input id="site-search"[^>]*value="mixing"', html)


def test_home_shows_each_sector_with_its_live_role_count(client):
    main = client.get("/").content.decode().split("<main", 1)[1]
    for sector in Sector:
        count = RolePage.objects.live().filter(sector=sector.value).count()
        if count:
            assert re.search(rf">{re.escape(escape(sector.label))}</a></h3>\s*<p[^>]*>{count} roles?</p>", main), sector


def test_home_lists_newest_stories_without_the_featured_one(client, home, featured_interview, alumni_index):
    alumnus = AlumnusFactory(name="Dana Okafor", class_year=2019, job_title="Foley Artist", organisation="Stage Nine")
    newer = AlumniInterviewPageFactory(parent=alumni_index, alumnus=alumnus, slug="dana-okafor")
    newer.save_revision().publish()
    main = client.get("/").content.decode().split("<main", 1)[1]
    assert main.count(f'href="{featured_interview.url}"') == 1  # the featured alumnus's own link only
    assert f'href="{newer.url}"' in main


def test_home_names_no_role_twice(client, home):
    main = client.get("/").content.decode().split("<main", 1)[1]
    links = re.findall(r'href="(/careers/[^"?#]+/)"', main)
    roles = [link for link in links if link.count("/") == 3]
    assert roles and len(roles) == len(set(roles))


def test_the_breadcrumb_ends_with_the_page_as_text(client, published_role):
    html = client.get(published_role.url).content.decode()
    crumb = re.search(r'<nav class="breadcrumb[^"]*" aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert f'<span aria-current="page">{escape(published_role.title)}</span>' in crumb
    assert f'href="{published_role.url}"' not in crumb
    skills = client.get("/careers/skills/").content.decode()
    crumb = re.search(r'aria-label="Breadcrumb">(.*?)</nav>', skills, re.S).group(1)
    assert 'aria-current="page"' in crumb and 'href="/careers/skills/"' not in crumb


def test_card_titles_break_after_a_slash_not_inside_a_word(client, careers_index):
    role = RolePageFactory(parent=careers_index, title="Studio Technician/Maintenance <Lead>", slug="tech-lead")
    role.save_revision().publish()
    html = client.get("/careers/?sector=studio").content.decode()
    assert "Studio Technician/<wbr>Maintenance &lt;Lead&gt;</a>" in html


# Contrast, recomputed from the stylesheet's own tokens ------------------------------------------------


def _tokens(block):
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", block))


def themes():
    css = CSS.read_text()
    light = _tokens(css[css.index(":root {") : css.index("}", css.index(":root {"))])
    dark_start = css.index("@media (prefers-color-scheme: dark)")
    dark_block = css[dark_start : css.index("}\n}", dark_start)]
    return {"light": light, "dark": {**light, **_tokens(dark_block)}}


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


# Every text colour the stylesheet sets on each background it sets it on.
TEXT_PAIRS = [
    ("text", "bg"), ("text", "card"), ("text", "card-hover"), ("text", "warm-tint"),
    ("muted", "bg"), ("muted", "card"), ("muted", "card-hover"), ("muted", "warm-tint"),
    ("accent", "bg"), ("accent", "card"), ("accent", "card-hover"), ("accent", "warm-tint"),
    ("on-accent", "accent"), ("on-accent", "accent-dark"), ("on-warm", "warm"),
    ("warm-ink", "bg"), ("warm-ink", "card"), ("warm-ink", "card-hover"), ("error", "bg"),
    ("header-text", "header-bg"),
]  # fmt: skip


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_every_text_colour_meets_wcag_aa_on_its_background(theme, fg, bg):
    tokens = themes()[theme]
    assert tokens[fg] != tokens[bg]
    assert contrast(tokens[fg], tokens[bg]) >= 4.5, f"{theme}: --{fg} {tokens[fg]} on --{bg} {tokens[bg]}"


def test_the_focus_ring_and_input_edges_stand_out(db):
    """Non-text contrast (WCAG 1.4.11): 3:1 for the focus ring and the edges of cards and inputs."""
    for tokens in themes().values():
        assert contrast(tokens["warm"], tokens["header-bg"]) >= 3
        assert contrast(tokens["border-strong"], tokens["bg"]) >= 3
        assert contrast(tokens["muted"], tokens["bg"]) >= 3
