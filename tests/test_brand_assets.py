"""The mark, the favicon set and the sector illustrations: well-formed, CSP-safe, the sizes they claim."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from django.template.loader import render_to_string

IMG = Path(__file__).resolve().parent.parent / "portal" / "static" / "portal" / "img"
SVG = "{http://www.w3.org/2000/svg}"
SECTORS = ["studio", "live", "media", "business"]


def parse(source):
    """The project's own files, not untrusted input."""
    text = source.read_text() if isinstance(source, Path) else source
    return ET.fromstring(text)  # noqa: S314


def drawing(root):
    """The shapes of an SVG as (tag, attributes without class), in order."""
    return [
        (el.tag, {k: v for k, v in el.attrib.items() if k != "class"})
        for el in root.iter()
        if el.tag in {f"{SVG}{t}" for t in ("rect", "path", "circle")}
    ]


@pytest.mark.parametrize("name", ["mark.svg", "logo.svg", "favicon.svg"])
def test_static_svgs_are_small_titled_and_well_formed(name):
    root = parse(IMG / name)
    assert root.find(f"{SVG}title").text.strip()
    assert (IMG / name).stat().st_size < 2048


def test_inline_mark_draws_the_static_mark_in_current_color():
    inline = parse(render_to_string("portal/includes/mark.svg"))
    assert inline.get("aria-hidden") == "true"
    assert drawing(inline) == drawing(parse(IMG / "mark.svg"))
    assert drawing(inline)[:4] == drawing(parse(IMG / "logo.svg"))[:4]
    labelled = parse(render_to_string("portal/includes/mark.svg", {"alt": "Home", "size": 40}))
    assert labelled.get("role") == "img" and labelled.find(f"{SVG}title").text == "Home"
    assert labelled.get("width") == "40"


@pytest.mark.parametrize("sector", SECTORS)
def test_illustrations_are_inline_safe(sector):
    markup = render_to_string(f"portal/illustrations/{sector}.svg")
    root = parse(markup)
    assert root.get("viewBox") == "0 0 320 180"
    assert (root.get("width"), root.get("height")) == ("320", "180")
    assert root.get("aria-hidden") == "true" and root.find(f"{SVG}title") is None
    # The CSP (style-src 'self') forbids style attributes and elements; colours come from the text.
    assert all("style" not in el.attrib for el in root.iter())
    assert root.find(f".//{SVG}style") is None
    colours = {el.get(attr) for el in root.iter() for attr in ("fill", "stroke") if el.get(attr)}
    assert colours <= {"none", "currentColor"}
    assert "illustration__accent" in markup
    described = parse(render_to_string(f"portal/illustrations/{sector}.svg", {"alt": "A stage"}))
    assert described.get("role") == "img" and described.find(f"{SVG}title").text == "A stage"
    assert not re.search(r"\{[%{]", markup)


def test_favicon_set_sizes():
    ico = Image.open(IMG / "favicon.ico")
    assert ico.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        image = Image.open(IMG / name)
        assert image.size == (size, size)
        assert image.mode == "RGB"  # opaque: iOS would fill transparency with black
    assert "prefers-color-scheme:dark" in (IMG / "favicon.svg").read_text()


def test_web_manifest_points_at_the_icons():
    manifest = json.loads((IMG / "site.webmanifest").read_text())
    assert manifest["name"] and manifest["short_name"]
    assert manifest["theme_color"] and manifest["background_color"]
    for icon in manifest["icons"]:
        assert (IMG / icon["src"]).is_file()
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
