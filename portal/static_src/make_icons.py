"""Draw the favicon set from the mark (a VU meter), for a designer to rerun after changing it.

    .venv/bin/python portal/static_src/make_icons.py

Writes into portal/static/portal/img/: favicon.svg (with its own dark-mode colours), favicon.ico (16, 32
and 48 px), apple-touch-icon.png (180 px, opaque), icon-192.png and icon-512.png (full-bleed, the mark
inside the maskable safe zone) and site.webmanifest. Pillow draws each PNG at 16 times its size and
downsamples it, so the edges are smooth; nothing is fetched. The geometry below is the one place the
favicon's drawing lives; mark.svg (with its frame) is the mark for pages.
"""

import json
import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "portal" / "img"

NAME = "Music Production & Engineering Careers"
SHORT_NAME = "Music Careers"
ACCENT = "#3b2a86"  # the site's deep studio violet
ACCENT_LIGHT = "#b9a8ff"  # the accent in dark mode
WARM = "#ffb547"  # the warm second colour (amber)
INK = "#121218"  # the dark-mode background
WHITE = "#ffffff"

# On a 48-unit grid, without the face's frame (the tile is the frame): the pivot, the scale's radius and
# its sweep in degrees from twelve o'clock, the peak zone (thicker, warm) and the needle.
PIVOT = (24.0, 34.0)
RADIUS = 20.0
SCALE = (-50.0, 14.0)
PEAK = (24.0, 50.0)
PEAK_RADIUS = 21.0
NEEDLE = (-20.0, 17.0)  # angle, length (inside the scale)
HUB = 4.0  # the pivot's radius
STROKE = 4.0
PEAK_STROKE = 6.0
CORNER = 10.0


def polar(radius, degrees):
    t = math.radians(degrees)
    return PIVOT[0] + radius * math.sin(t), PIVOT[1] - radius * math.cos(t)


def fmt(*values):
    return " ".join(f"{v:.1f}".removesuffix(".0") for v in values)


def favicon_svg():
    s0, s1 = polar(RADIUS, SCALE[0]), polar(RADIUS, SCALE[1])
    p0, p1 = polar(PEAK_RADIUS, PEAK[0]), polar(PEAK_RADIUS, PEAK[1])
    tip = polar(NEEDLE[1], NEEDLE[0])
    light = f".t{{fill:{ACCENT}}}.f{{stroke:{WHITE}}}.h{{fill:{WHITE}}}.p{{stroke:{WARM}}}"
    dark = f".t{{fill:{ACCENT_LIGHT}}}.f,.p{{stroke:{INK}}}.h{{fill:{INK}}}"
    style = f"<style>{light}@media (prefers-color-scheme:dark){{{dark}}}</style>"
    peak = f"M{fmt(*p0)}A{fmt(PEAK_RADIUS)} {fmt(PEAK_RADIUS)} 0 0 1 {fmt(*p1)}"
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">
<title>{NAME.replace("&", "&amp;")}</title>
{style}
<rect class="t" width="48" height="48" rx="{fmt(CORNER)}"/>
<g fill="none" stroke-linecap="round" stroke-width="{fmt(STROKE)}">
<path class="f" d="M{fmt(*s0)}A{fmt(RADIUS)} {fmt(RADIUS)} 0 0 1 {fmt(*s1)}M{fmt(*PIVOT)} {fmt(*tip)}"/>
<path class="p" d="{peak}" stroke-width="{fmt(PEAK_STROKE)}"/>
</g>
<circle class="h" cx="{fmt(PIVOT[0])}" cy="{fmt(PIVOT[1])}" r="{fmt(HUB)}"/>
</svg>
"""


def draw(size, *, full_bleed=False, inset=1.0, boost=1.0):
    """The icon at ``size`` px: a rounded tile (or a full-bleed square) with the mark scaled by ``inset``."""
    big = size * 16
    k = big / 48
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    if full_bleed:
        d.rectangle((0, 0, big, big), fill=ACCENT)
    else:
        d.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * k, fill=ACCENT)

    def xy(point):  # 48-grid units to pixels, scaled about the centre
        return ((24 + (point[0] - 24) * inset) * k, (24 + (point[1] - 24) * inset) * k)

    def stroke_arc(radius, sweep, width, colour):
        w = width * inset * k * boost
        cx, cy = xy(PIVOT)
        r = radius * inset * k + w / 2
        d.arc((cx - r, cy - r, cx + r, cy + r), sweep[0] - 90, sweep[1] - 90, fill=colour, width=round(w))
        for angle in sweep:  # round caps
            x, y = xy(polar(radius, angle))
            d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=colour)

    stroke_arc(RADIUS, SCALE, STROKE, WHITE)
    stroke_arc(PEAK_RADIUS, PEAK, PEAK_STROKE, WARM)
    w = STROKE * inset * k * boost
    a, b = xy(PIVOT), xy(polar(NEEDLE[1], NEEDLE[0]))
    d.line((a, b), fill=WHITE, width=round(w))
    d.ellipse((b[0] - w / 2, b[1] - w / 2, b[0] + w / 2, b[1] + w / 2), fill=WHITE)
    hub = HUB * inset * k * boost
    d.ellipse((a[0] - hub, a[1] - hub, a[0] + hub, a[1] + hub), fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(favicon_svg())
    # The smallest sizes get slightly heavier strokes so the needle survives at 16 px.
    ico = [draw(16, boost=1.3), draw(32, boost=1.1), draw(48)]
    ico[2].save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)], append_images=ico[:2])
    # iOS fills transparency with black: an opaque square, the mark a little inside; 192/512 maskable too
    # (everything within the central 80 %).
    draw(180, full_bleed=True, inset=0.8).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    for size in (192, 512):
        draw(size, full_bleed=True, inset=0.72).convert("RGB").save(OUT / f"icon-{size}.png", optimize=True)
    manifest = {
        "name": NAME,
        "short_name": SHORT_NAME,
        "start_url": "/",
        "display": "browser",
        "theme_color": ACCENT,
        "background_color": WHITE,
        "icons": [
            {"src": "icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": "favicon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    (OUT / "site.webmanifest").write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
