"""A photo file read for a case (上报 or the department's 处置后照片): its bytes and its type from
the file's own signature, not its name."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from db.cases.intake import Photo, read_photo_file
from db.errors import BadFile

IMAGE_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
)


def photo_from_file(path: Path) -> Photo:
    """The photo at `path` (at most 10 MB); a file that is no JPEG, PNG, GIF or WebP is refused."""
    data = read_photo_file(path)
    for signature, offset, content_type in IMAGE_SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return Photo(filename=path.name, content_type=content_type, data=data)
    guessed = mimetypes.guess_type(path.name)[0] or "未知类型"
    raise BadFile(f"{path.name} 不是 JPEG、PNG、GIF 或 WebP 图片（{guessed}）")
