"""Writing files so that a crash never leaves half of one: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from companion.errors import UserError


def atomic_write_text(path: Path | str, text: str, *, overwrite: bool = True) -> Path:
    """Write `text` (UTF-8) to `path` atomically; see write_atomically."""
    return write_atomically(Path(path), text.encode("utf-8"), overwrite=overwrite)


class ExportExistsError(UserError, FileExistsError):
    """The file to write exists already and overwriting it was not asked for."""


def write_atomically(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, made durable, then
    renamed into place. Without `overwrite`, an existing file is left alone (ExportExistsError)."""
    path = Path(path)
    if not overwrite and path.exists():
        raise _exists(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UserError(f"{path.parent}: cannot write here ({exc.strerror or exc}).") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            _link_without_overwriting(temp, path)
        fsync_dir(path.parent)
    finally:
        if temp.exists():
            temp.unlink()
    return path


def _link_without_overwriting(temp: Path, path: Path) -> None:
    """Give `temp` the name `path` unless something has taken that name meanwhile."""
    try:
        os.link(temp, path)  # fails if `path` exists: no window in which it could be overwritten
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # no hard links on this file system: the check above has to do
        if path.exists():
            raise _exists(path) from None
        os.replace(temp, path)


def _exists(path: Path) -> ExportExistsError:
    return ExportExistsError(f"{path} exists already; choose another name or allow overwriting it.")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; where a folder cannot be opened, a no-op)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
