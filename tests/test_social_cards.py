"""The social card: a 1200 x 630 PNG whose text stays inside its margins, in colours at WCAG AA."""

import io

import pytest
from PIL import Image, ImageDraw

from portal import social_cards
from portal.social_cards import COLOURS, HEIGHT, MARGIN_BOTTOM, MARGIN_X, TEXT_PAIRS, WIDTH, contrast_ratio

SITE = "Music Production & Engineering Careers"
LONG_TITLE = (
    "Live Sound Monitor Engineer for Touring Productions, Festivals, Theatres, Arenas and Broadcast "
    "Events Around the World, Night After Night"
)
LONG_SUMMARY = " ".join(["Builds the mixes the performers hear on stage, in wedges and in-ear monitors."] * 6)


@pytest.fixture(params=["dejavu", "pillow"])
def font(request, monkeypatch):
    """Both fonts the card may be set in: DejaVu Sans where installed, Pillow's own font elsewhere."""
    if request.param == "pillow":
        monkeypatch.setattr(social_cards, "_FONT_DIRS", ())
    social_cards._font.cache_clear()
    yield request.param
    social_cards._font.cache_clear()


def text_boxes(**card):
    draw = ImageDraw.Draw(Image.new("RGB", (WIDTH, HEIGHT)))
    blocks, chip = social_cards.layout_card(site_name=SITE, **card)
    return [(block.text, block.bbox(draw), block.role) for block in blocks], chip


def test_png_opens_at_1200_by_630(font):
    png = social_cards.render_card(
        title="Recording Engineer", summary="Captures performances.", label="In the studio", site_name=SITE
    )
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_long_title_wraps_inside_the_margins(font):
    boxes, chip = text_boxes(title=LONG_TITLE, summary=LONG_SUMMARY, label="Live sound and venues")
    title = [(text, box) for text, box, role in boxes if role == "title"]
    summary = [(text, box) for text, box, role in boxes if role == "summary"]
    assert 2 <= len(title) <= 3
    assert 1 <= len(summary) <= 3
    for _text, (x0, y0, x1, y1) in [(t, b) for t, b, _ in boxes]:
        assert x0 >= MARGIN_X and x1 <= WIDTH - MARGIN_X
        assert y0 >= 0 and y1 <= HEIGHT - MARGIN_BOTTOM
    assert chip[2] <= WIDTH - MARGIN_X
    # Lines do not overlap, and the title ends with an ellipsis at a word, never mid-word.
    tops = [box[1] for _, box, _ in boxes[1:]]
    assert tops == sorted(tops)
    assert title[-1][0].endswith("\u2026")
    words = set(LONG_TITLE.replace(",", "").split())
    for text, _box in title:
        assert all(word in words for word in text.rstrip("\u2026").replace(",", "").split())
    assert summary[-1][0].endswith("\u2026")


def test_short_title_is_set_large_on_one_line(font):
    boxes, _ = text_boxes(title="Mastering Engineer", summary="", label="")
    title = [box for text, box, role in boxes if role == "title"]
    assert len(title) == 1
    assert title[0][3] - title[0][1] >= 50  # the largest size, not the smallest


def test_hyphenated_title_breaks_at_a_hyphen(font):
    boxes, _ = text_boxes(
        title="Supercalifragilisticexpialidocious-Interactive-Audio-Implementation Specialist",
        summary="Short.",
        label="Sound designer at Example Games",
    )
    title = [text for text, box, role in boxes if role == "title"]
    assert title[0].endswith("-") and not title[1].startswith("-")
    assert "".join(title).replace(" ", "") == (
        "Supercalifragilisticexpialidocious-Interactive-Audio-ImplementationSpecialist"
    )


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_colours_pass_wcag_aa(text, background):
    assert contrast_ratio(COLOURS[text], COLOURS[background]) >= 4.5


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#3b2a86", "#ffffff") == pytest.approx(11.28, abs=0.01)
