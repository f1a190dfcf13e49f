"""What the story tests send and do: files a visitor might send (made in memory, or the audio fixtures),
what the media storage holds, and a moderator's approval."""

import io
import wave
from pathlib import Path

from PIL import Image

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

# One-second 440 Hz tones (about 5 KB each), made once with ffmpeg, e.g.
# `ffmpeg -f lavfi -i sine=frequency=440:duration=1 -ac 1 -ar 22050 -c:a libvorbis tone.ogg`.
AUDIO = Path(__file__).resolve().parent / "fixtures" / "audio"
MB = 1024 * 1024


# Files a visitor might send ------------------------------------------------------------------------------


def jpeg_with_gps_and_rotation(width=60, height=40):
    """A landscape JPEG whose EXIF says "rotate 90°" and holds a GPS position and a camera model."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show it rotated 90° clockwise
    exif[0x0110] = "Secret Camera 3000"  # Model
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, "JPEG", exif=exif)
    return out.getvalue()


def image_bytes(kind, size=(30, 20)):
    out = io.BytesIO()
    Image.new("RGBA" if kind == "PNG" else "RGB", size, "teal").save(out, kind)
    return out.getvalue()


def wav_bytes(seconds=1, rate=8000):
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"\0\0" * rate * seconds)
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files():
    """Every file in the media storage (the tests' in-memory storage), by name."""
    found, folders = set(), [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        found |= {f"{folder}/{name}".lstrip("/") for name in files}
        folders += [f"{folder}/{name}".lstrip("/") for name in subfolders]
    return found


def approve(client, moderator, page):
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code in (200, 302)
    client.logout()
    page.refresh_from_db()
    assert page.live
    return page
