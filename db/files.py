"""Reading a user's file safely: only a regular file (not a device, a pipe or a folder), and
never more than a stated size, whatever the file claims (`/dev/zero` has size 0 and no end)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from db.errors import BadFile, ValidationError


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _open_regular(path: Path, what: str) -> tuple[int, int]:
    """An open descriptor of `path` and its size, if it is a regular file (symbolic links
    followed); `BadFile` saying why not otherwise. Opened without blocking, so a named pipe
    cannot hang the caller; the check is made on the opened file, not on its name."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BadFile(f"无法读取{what} {path}：{exc.strerror or exc}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise BadFile(f"{what} {path} 不是普通文件，拒绝读取")
    return fd, info.st_size


def regular_file_size(path: Path, what: str) -> int:
    """The size of `path` if it is a regular file; `BadFile` otherwise."""
    fd, size = _open_regular(path, what)
    os.close(fd)
    return size


def read_regular_file(path: Path, limit: int, what: str) -> bytes:
    """The content of the regular file `path`, refused (`ValidationError`) past `limit` bytes:
    the size is checked before reading and the read itself stops one byte past the limit."""
    fd, size = _open_regular(path, what)
    with os.fdopen(fd, "rb") as fh:
        if size > limit:
            raise ValidationError(f"{what} {path.name} 超过 {_megabytes(limit)}")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise BadFile(f"无法读取{what} {path}：{exc.strerror or exc}") from None
    if len(data) > limit:  # the file grew between the check and the read
        raise ValidationError(f"{what} {path.name} 超过 {_megabytes(limit)}")
    return data
