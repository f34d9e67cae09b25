"""Photos attached at intake (来电登记): size and type checked on the content (not the file
name), and the GPS position in the EXIF data removed unless the center keeps it.

Pillow reads the image: `Image.open` + `verify()` sniffs the real format, so a text file named
`.jpg` is refused. A photo without a position keeps its bytes as they came; one with a
position that must go is written again without it (JPEG with its own quantisation tables,
`quality="keep"`, so it loses nothing visible; PNG losslessly; WebP at quality 90). XMP
metadata, which may repeat the position, is dropped with it."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.cases.intake import MAX_PHOTO_BYTES, Photo, read_photo_file
from db.errors import ValidationError

if TYPE_CHECKING:
    from PIL import Image

# Pillow is imported where a photo is read: the desk imports this module at its start.

MAX_PHOTOS = 9  # per case, as a grid worker's app takes them
MAX_PIXELS = 60_000_000  # a bigger picture is no phone photo (and may be a decompression bomb)
GPS_IFD = 0x8825  # ExifTags.IFD.GPSInfo
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
ACCEPTED = "JPEG、PNG、WebP"
# What the window offers in its file dialog and accepts on a drop (the content decides).
FILE_PATTERNS = ("*.jpg", "*.jpeg", "*.png", "*.webp")


@dataclass(frozen=True)
class CheckedPhoto:
    """A photo ready to attach: its bytes (without the position if it had to go)."""

    filename: str
    content_type: str
    data: bytes
    width: int
    height: int
    had_location: bool  # the original carried a GPS position
    location_kept: bool

    def as_photo(self) -> Photo:
        return Photo(self.filename, self.content_type, self.data)


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_photo(filename: str, data: bytes, *, keep_location: bool) -> CheckedPhoto:
    """Check one photo and remove its position unless `keep_location`; a bad one is refused
    in one sentence naming the file."""
    from PIL import Image, UnidentifiedImageError

    name = Path(filename).name.strip() or "照片"
    if not data:
        raise ValidationError(f"照片 {name} 是空文件")
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(
            f"照片 {name} 有 {_size_text(len(data))}，超过 {_size_text(MAX_PHOTO_BYTES)} 的上限"
        )
    not_image = f"文件 {name} 不是图片（只接受 {ACCEPTED} 照片）"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format or ""
                probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(f"照片 {name} 的像素过多，不像一张照片") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(not_image) from exc
    if kind not in CONTENT_TYPES:
        raise ValidationError(f"文件 {name} 是 {kind} 图片，只接受 {ACCEPTED} 照片")
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(f"照片 {name} 的像素过多（{width}×{height}），不像一张照片")
            exif = image.getexif()
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
            xmp_text = xmp.decode("utf-8", "ignore") if isinstance(xmp, bytes) else str(xmp)
            had_location = bool(exif.get_ifd(GPS_IFD)) or "GPSLatitude" in xmp_text
            if had_location and not keep_location:
                data = _without_location(image, exif, kind)
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(f"照片 {name} 已损坏，无法读取") from exc
    return CheckedPhoto(
        name,
        CONTENT_TYPES[kind],
        data,
        width,
        height,
        had_location,
        had_location and keep_location,
    )


def _without_location(image: Image.Image, exif: Image.Exif, kind: str) -> bytes:
    """The image written again with its EXIF data less the GPS block (and without XMP)."""
    exif.pop(GPS_IFD, None)
    extra: dict[str, object] = {"exif": exif.tobytes()}
    icc = image.info.get("icc_profile")
    if icc:
        extra["icc_profile"] = icc
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, "JPEG", quality="keep", subsampling="keep", **extra)
    elif kind == "PNG":
        image.save(out, "PNG", **extra)
    else:
        image.save(out, "WEBP", quality=90, **extra)
    return out.getvalue()


def read_photo(path: Path, *, keep_location: bool) -> CheckedPhoto:
    """A photo file read (size checked before reading) and checked as `check_photo` does."""
    return check_photo(path.name, read_photo_file(path), keep_location=keep_location)


def thumbnail_png(data: bytes, size: int) -> bytes:
    """A PNG of at most `size`×`size` pixels, upright (EXIF orientation applied), for the
    window's thumbnails: Qt then needs no image plugin for JPEG or WebP."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((size, size))
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        out = io.BytesIO()
        upright.save(out, "PNG")
        return out.getvalue()
