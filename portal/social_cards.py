"""Social cards: the 1200 x 630 PNG a shared link shows (``og:image``, ``twitter:image``).

``render_card(title=..., summary=..., label=..., site_name=...)`` returns the PNG's bytes; the caller
stores them (a role or an interview, when it is published). It imports no app and needs only Pillow:
the text is set in DejaVu Sans (on nearly every Debian machine) or, where it is missing, in the
scalable font that ships inside Pillow, so the card renders the same way offline everywhere.

Layout: the mark and the site name at the top, the label (the sector or the alumnus's role) on an amber
chip, the title as large as it can be on at most three lines (it shrinks before it wraps further, and
is cut at a word with an ellipsis only at the smallest size), the summary beneath on at most three
lines. No word is broken unless a single word is wider than the card at the smallest size.
"""

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 80, 64, 72

# The colours (proposed site tokens): the card is the deep accent with white, lavender and amber on it.
COLOURS = {
    "background": "#2d2070",  # --accent-deep: between --accent #3b2a86 and --accent-dark #271b5e
    "title": "#ffffff",
    "summary": "#ddd5ff",  # lavender
    "site_name": "#ffffff",
    "chip": "#ffb547",  # --warm, the amber second colour
    "chip_text": "#1b1433",
    "mark": "#ffffff",
    "mark_peak": "#ffb547",
    "band": "#ffb547",
    "watermark": "#352780",  # decorative only, no text on it
}
# Every pair of text and what it is set on; tests check each at 4.5:1 or better (WCAG AA).
TEXT_PAIRS = [
    ("title", "background"),
    ("summary", "background"),
    ("site_name", "background"),
    ("chip_text", "chip"),
    ("title", "watermark"),  # long lines may run over the faint mark at the right
    ("summary", "watermark"),
]

TITLE_SIZES = range(76, 47, -4)  # 76, 72, ... 48 px
TITLE_MAX_LINES = 3
SUMMARY_SIZE = 32
SUMMARY_MAX_LINES = 3
LABEL_SIZE = 26
SITE_NAME_SIZE = 30
ELLIPSIS = "\u2026"

_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")


def _relative_luminance(colour):
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first, second):
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours, 1 to 21."""
    lighter, darker = sorted((_relative_luminance(first), _relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@cache
def _font(size, bold=False):
    """DejaVu Sans (Bold) when installed, else Pillow's own scalable font. Returns (font, faux-bold stroke)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return ImageFont.truetype(str(path), size), 0
    # Pillow's bundled font has one weight: a hairline stroke of the same colour stands in for bold.
    return ImageFont.load_default(size=size), (max(1, size // 36) if bold else 0)


@dataclass
class TextBlock:
    role: str  # "site_name", "label", "title" or "summary"
    text: str
    xy: tuple
    font: object
    stroke: int
    fill: str

    def bbox(self, draw):
        return draw.textbbox(self.xy, self.text, font=self.font, stroke_width=self.stroke)


def _tokens(text):
    """Words and the glue before each: a space between words, nothing after a hyphen inside a word
    ("Front-of-house" may break after either hyphen, never elsewhere)."""
    for word in text.split():
        for i, piece in enumerate(re.findall(r"[^-]*-|[^-]+", word)):
            yield ("" if i else " "), piece


def _width(font, text, stroke=0):
    return font.getlength(text) + 2 * stroke


def _wrap(text, font, width, stroke=0):
    """Greedy wrap at spaces and hyphens; a piece wider than the line is left as its own (too wide) line."""
    lines, line = [], ""
    for glue, piece in _tokens(text):
        candidate = f"{line}{glue}{piece}" if line else piece
        if line and _width(font, candidate, stroke) > width:
            lines.append(line)
            candidate = piece
        line = candidate
    return [*lines, line] if line else lines


def _clip(lines, max_lines, font, width, stroke=0):
    """At most ``max_lines``; when text is dropped the last line ends at a word with an ellipsis."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    words = kept[-1].split()
    while words and _width(font, " ".join(words) + ELLIPSIS, stroke) > width:
        words.pop()
    kept[-1] = (" ".join(words) if words else kept[-1]).rstrip(",;:.-\u2013\u2014") + ELLIPSIS
    return kept


def _one_line(text, font, width, stroke):
    """The text on a single line, cut at a word with an ellipsis if it is longer ("" for no text)."""
    return (_clip(_wrap(text, font, width, stroke), 1, font, width, stroke) or [""])[0]


def _break_long_words(lines, font, width, stroke=0):
    """Last resort at the smallest size: a single word wider than the card is split with a hyphen."""
    out = []
    for line in lines:
        while _width(font, line, stroke) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and _width(font, line[:cut] + "-", stroke) > width:
                cut -= 1
            out.append(line[:cut] + "-")
            line = line[cut:]
        out.append(line)
    return out


def _line_height(font, factor):
    ascent, descent = font.getmetrics()
    return round((ascent + descent) * factor)


def layout_card(*, title, summary, label, site_name):
    """Where every piece of text goes: a list of TextBlock, plus the label chip's box."""
    width = WIDTH - 2 * MARGIN_X
    summary, label = " ".join(summary.split()), " ".join(label.split())

    # The header: the mark (drawn by _draw_mark, 56 px) and the site name beside it.
    name_font, name_stroke = _font(SITE_NAME_SIZE, bold=True)
    name = _one_line(site_name, name_font, width - 76, name_stroke)
    name_xy = (MARGIN_X + 76, MARGIN_TOP + 28 - _line_height(name_font, 1.0) // 2)
    blocks = [TextBlock("site_name", name, name_xy, name_font, name_stroke, COLOURS["site_name"])]

    # The label chip.
    chip = None
    y = MARGIN_TOP + 56 + 40
    if label:
        label_font, label_stroke = _font(LABEL_SIZE, bold=True)
        label_text = _one_line(label, label_font, width - 40, label_stroke)
        pad_x, pad_y = 20, 10
        text_w = round(_width(label_font, label_text, label_stroke))
        line_h = _line_height(label_font, 1.0)
        chip = (MARGIN_X, y, MARGIN_X + text_w + 2 * pad_x, y + line_h + 2 * pad_y)
        xy = (MARGIN_X + pad_x + label_stroke, y + pad_y)
        blocks.append(TextBlock("label", label_text, xy, label_font, label_stroke, COLOURS["chip_text"]))
        y = chip[3] + 28

    # The title: the largest size that fits in three lines and leaves room for a line of summary.
    summary_font, _ = _font(SUMMARY_SIZE)
    summary_line = _line_height(summary_font, 1.3)
    bottom = HEIGHT - MARGIN_BOTTOM
    room = bottom - y - (24 + summary_line if summary else 0)
    for size in TITLE_SIZES:
        title_font, title_stroke = _font(size, bold=True)
        lines = _wrap(title, title_font, width, title_stroke)
        line_h = _line_height(title_font, 1.12)
        fits = all(_width(title_font, line, title_stroke) <= width for line in lines)
        if len(lines) <= TITLE_MAX_LINES and len(lines) * line_h <= room and fits:
            break
    else:  # the smallest size: cut at a word (or, for one enormous word, split it)
        lines = _break_long_words(lines, title_font, width, title_stroke)
        max_lines = max(1, min(TITLE_MAX_LINES, room // line_h))
        lines = _clip(lines, max_lines, title_font, width, title_stroke)
    for line in lines:
        xy = (MARGIN_X + title_stroke, y)
        blocks.append(TextBlock("title", line, xy, title_font, title_stroke, COLOURS["title"]))
        y += line_h

    # The summary: as many lines (up to three) as the space left holds.
    if summary:
        y += 24
        max_lines = min(SUMMARY_MAX_LINES, (bottom - y) // summary_line)
        if max_lines >= 1:
            lines = _break_long_words(_wrap(summary, summary_font, width), summary_font, width)
            for line in _clip(lines, max_lines, summary_font, width):
                blocks.append(TextBlock("summary", line, (MARGIN_X, y), summary_font, 0, COLOURS["summary"]))
                y += summary_line
    return blocks, chip


def _draw_mark(draw, x, y, size, *, colour, peak, width=None):
    """The site's mark (portal/static/portal/img/mark.svg, a VU meter) at (x, y), ``size`` px square."""
    k = size / 48
    w = width or max(2, round(3 * k))

    def p(px, py):
        return x + px * k, y + py * k

    draw.rounded_rectangle((*p(3.5, 7.5), *p(44.5, 40.5)), radius=5 * k, outline=colour, width=w)
    cx, cy = p(24, 36)
    for radius, start, end, stroke, fill in ((19, -50, 14, w, colour), (20, 24, 50, round(w * 5 / 3), peak)):
        r = radius * k + stroke / 2
        draw.arc((cx - r, cy - r, cx + r, cy + r), start - 90, end - 90, fill=fill, width=stroke)
    draw.line((p(24, 36), p(18.5, 21)), fill=colour, width=w)
    hub = 3.5 * k
    draw.ellipse((cx - hub, cy - hub, cx + hub, cy + hub), fill=colour)


def render_card(*, title, summary, label, site_name):
    """The card as PNG bytes, 1200 x 630."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOURS["background"])
    draw = ImageDraw.Draw(image)
    # Decoration first, under the text: a large faint mark at the right, an amber band along the foot.
    _draw_mark(draw, WIDTH - 430, HEIGHT - 470, 480, colour=COLOURS["watermark"], peak=COLOURS["watermark"], width=22)
    draw.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=COLOURS["band"])
    _draw_mark(draw, MARGIN_X, MARGIN_TOP, 56, colour=COLOURS["mark"], peak=COLOURS["mark_peak"])

    blocks, chip = layout_card(title=title, summary=summary, label=label, site_name=site_name)
    if chip:
        draw.rounded_rectangle(chip, radius=(chip[3] - chip[1]) // 2, fill=COLOURS["chip"])
    for block in blocks:
        draw.text(
            block.xy, block.text, font=block.font, fill=block.fill, stroke_width=block.stroke, stroke_fill=block.fill
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
