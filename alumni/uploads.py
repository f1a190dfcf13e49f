"""The files a visitor may send with a story, checked by what they hold, never by their name alone.

- A **photo**: JPEG, PNG or WebP, at most 5 MB and 40 megapixels. Pillow must open and verify it, and
  the format read from its bytes must be the one its name says. It is then decoded and written again
  (``clean_photo``): turned upright by its EXIF orientation, at most 2,000 pixels on its longer side,
  saved without any of the original's metadata (EXIF, GPS position, camera, comments, colour profile
  chunks beyond the pixels): only the pixels survive.
- An **audio clip**: MP3, WAV, OGG (Vorbis or Opus) or M4A, at most 10 MB. Its stream must parse as the
  kind its name says and report a length: WAV through the standard library's ``wave`` module
  (mutagen's WAVE reader for the float and extensible kinds ``wave`` does not read), the others
  through mutagen's reader for that container. A file that parses as another kind, or as nothing, is
  refused.

Each check raises ``ValidationError`` with a message for the visitor, shown beside the field.
"""

import io
import wave
from dataclasses import dataclass
from pathlib import PurePath

from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE
from PIL import Image, ImageOps, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 2000
AUDIO_MAX_BYTES = 10 * 1024 * 1024

# Pillow's format name -> (the extensions that name it, the extension it is saved with, a name for people)
PHOTO_FORMATS = {
    "JPEG": ({".jpg", ".jpeg"}, ".jpg", "JPEG"),
    "PNG": ({".png"}, ".png", "PNG"),
    "WEBP": ({".webp"}, ".webp", "WebP"),
}
# extension -> the kind of audio it names
AUDIO_KINDS = {".mp3": "MP3", ".wav": "WAV", ".ogg": "OGG", ".oga": "OGG", ".opus": "OGG", ".m4a": "M4A"}
AUDIO_EXTENSION = {"MP3": ".mp3", "WAV": ".wav", "OGG": ".ogg", "M4A": ".m4a"}
AUDIO_CONTENT_TYPE = {"MP3": "audio/mpeg", "WAV": "audio/wav", "OGG": "audio/ogg", "M4A": "audio/mp4"}


def _extension(upload):
    return PurePath(upload.name or "").suffix.lower()


def _check_size(upload, limit, what):
    if upload.size > limit:
        raise ValidationError(
            f"The {what} is {filesizeformat(upload.size)}; the largest we take is {filesizeformat(limit)}.",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(f"The {what} file is empty.", code="empty")


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


# Photos -----------------------------------------------------------------------------------------------


@dataclass
class CleanPhoto:
    """A photo as it will be stored: re-encoded bytes, its format and its extension."""

    content: bytes
    format: str
    extension: str
    width: int
    height: int


def clean_photo(upload):
    """Check an uploaded photo and return it re-encoded (``CleanPhoto``); raise ``ValidationError``."""
    _check_size(upload, PHOTO_MAX_BYTES, "photo")
    allowed = "a JPEG, PNG or WebP image"
    extension = _extension(upload)
    named = next((name for name, (extensions, _, _) in PHOTO_FORMATS.items() if extension in extensions), None)
    if named is None:
        raise ValidationError(
            f"The photo must be {allowed} (a file ending .jpg, .jpeg, .png or .webp).", code="photo_type"
        )
    data = _read(upload)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            found = probe.format
            width, height = probe.size
            if found in PHOTO_FORMATS and width * height <= PHOTO_MAX_PIXELS:
                probe.verify()  # reads the whole file: a truncated or corrupt one fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"This file is not {allowed} we can read: it may be damaged, or another kind of file.",
            code="photo_unreadable",
        ) from exc
    if found not in PHOTO_FORMATS:
        raise ValidationError(f"This file holds a {found} image; the photo must be {allowed}.", code="photo_type")
    if found != named:
        raise ValidationError(
            f"The file's name says {PHOTO_FORMATS[named][2]} but it holds a {PHOTO_FORMATS[found][2]} image. "
            "Send it with its own extension.",
            code="photo_mismatch",
        )
    if width * height > PHOTO_MAX_PIXELS:
        raise ValidationError(
            f"The photo is {width} by {height} pixels; the most we take is {PHOTO_MAX_PIXELS // 1_000_000} megapixels.",
            code="photo_too_many_pixels",
        )
    try:
        return _reencode(data, found)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            f"This file is not {allowed} we can read: it may be damaged.", code="photo_unreadable"
        ) from exc


def _reencode(data, found):
    """Decode the pixels and write them again: upright, at most PHOTO_MAX_SIDE, no metadata."""
    with Image.open(io.BytesIO(data)) as original:
        original.seek(0)  # an animated PNG or WebP: its first frame
        image = ImageOps.exif_transpose(original)  # a copy, turned as its EXIF orientation says
        image.load()
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGB") if found == "JPEG" or not has_alpha else image.convert("RGBA")
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image holding only the pixels: nothing of the original's info (EXIF, XMP, text chunks, ICC)
    # can ride along into the saved file.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    if found == "JPEG":
        clean.save(out, "JPEG", quality=85, optimize=True)
    elif found == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=85)
    return CleanPhoto(out.getvalue(), found, PHOTO_FORMATS[found][1], clean.width, clean.height)


# Audio ------------------------------------------------------------------------------------------------


@dataclass
class CheckedAudio:
    """An audio clip that parsed as the kind its name says, with its length in seconds."""

    kind: str
    seconds: float
    extension: str
    content_type: str


def _sniff_audio(data):
    """The kind of audio container the bytes start like, or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "WAV"
    if data[:4] == b"OggS":
        return "OGG"
    if data[4:8] == b"ftyp":
        return "M4A"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "MP3"
    return None


def _wav_seconds(data):
    try:
        with wave.open(io.BytesIO(data)) as reader:
            frames, rate = reader.getnframes(), reader.getframerate()
        return frames / rate if rate else 0
    except (wave.Error, EOFError):  # not PCM (float, extensible): mutagen reads the header
        info = WAVE(io.BytesIO(data)).info
        if not info.sample_rate:
            raise MutagenError("no sample rate") from None
        return info.length


def _ogg_seconds(data):
    for reader in (OggVorbis, OggOpus):
        try:
            return reader(io.BytesIO(data)).info.length
        except MutagenError:
            continue
    raise MutagenError("neither Vorbis nor Opus")


def _m4a_seconds(data):
    info = MP4(io.BytesIO(data)).info
    if not getattr(info, "codec", "") or not info.codec.startswith(("mp4a", "alac", "ac-3", "ec-3")):
        raise MutagenError("no audio track")
    return info.length


def _mp3_seconds(data):
    return MP3(io.BytesIO(data)).info.length


SECONDS = {"WAV": _wav_seconds, "OGG": _ogg_seconds, "M4A": _m4a_seconds, "MP3": _mp3_seconds}


def check_audio(upload):
    """Check an uploaded audio clip by decoding its stream; return ``CheckedAudio`` or raise."""
    _check_size(upload, AUDIO_MAX_BYTES, "audio clip")
    allowed = "an MP3, WAV, OGG or M4A audio file"
    named = AUDIO_KINDS.get(_extension(upload))
    if named is None:
        raise ValidationError(
            f"The audio clip must be {allowed} (a file ending .mp3, .wav, .ogg or .m4a).", code="audio_type"
        )
    data = _read(upload)
    found = _sniff_audio(data)
    if found is not None and found != named:
        raise ValidationError(
            f"The file's name says {named} but it holds {found} audio. Send it with its own extension.",
            code="audio_mismatch",
        )
    try:
        seconds = SECONDS[named](data)
    except (MutagenError, wave.Error, EOFError, ValueError, OSError, ZeroDivisionError) as exc:
        raise ValidationError(
            f"This file is not {allowed} we can play: its sound could not be read. It may be damaged, or "
            "another kind of file.",
            code="audio_unreadable",
        ) from exc
    if not seconds or seconds <= 0:
        raise ValidationError("This audio clip has no sound we can read (its length is zero).", code="audio_unreadable")
    return CheckedAudio(named, float(seconds), AUDIO_EXTENSION[named], AUDIO_CONTENT_TYPE[named])


# The whole request ------------------------------------------------------------------------------------


def request_too_large(request):
    """Whether a post to the story form is larger than it can be (``STORY_FORM_MAX_REQUEST_SIZE``): checked
    on its declared length, before the body is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.STORY_FORM_MAX_REQUEST_SIZE
