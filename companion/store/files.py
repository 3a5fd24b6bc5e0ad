"""Writing files so that a crash never leaves half of one: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from companion.errors import UserError


def atomic_write_text(path: Path | str, text: str, *, overwrite: bool = True) -> Path:
    """Write `text` to `path` atomically. Without `overwrite`, an existing file is never replaced."""
    path = Path(path)
    if not overwrite and path.exists():
        raise UserError(f"{path} already exists; choose another name or allow replacing it.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UserError(f"{path.parent}: cannot write here ({exc.strerror or exc}).") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
