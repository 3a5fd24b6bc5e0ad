"""How much the app agrees to read: the one place for size caps and the URL timeout.

Defaults suit news articles; each can be changed with an environment variable:

    COMPANION_MAX_FILE_MB    largest article file opened (default 50)
    COMPANION_MAX_URL_MB     largest page downloaded (default 10)
    COMPANION_URL_TIMEOUT_S  seconds to wait for a web page, in all (default 10)

Values may be decimals ("0.5"). A value that is not a positive number is ignored with a warning.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Mapping

MB = 1024 * 1024
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * MB
    max_url_bytes: int = 10 * MB
    url_timeout_s: float = 10.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Limits":
        """The defaults, overridden by the COMPANION_* variables that are set."""
        env = os.environ if environ is None else environ
        default = cls()
        return cls(
            max_file_bytes=int(_number(env, "COMPANION_MAX_FILE_MB", default.max_file_bytes / MB) * MB),
            max_url_bytes=int(_number(env, "COMPANION_MAX_URL_MB", default.max_url_bytes / MB) * MB),
            url_timeout_s=_number(env, "COMPANION_URL_TIMEOUT_S", default.url_timeout_s),
        )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        log.warning("%s=%r is not a positive number; using %g", name, raw, default)
        return default
    return value


def megabytes(n_bytes: float) -> str:
    """'50 MB', '50.2 MB', '0.5 MB', '3 KB': a size as the reader sees it in messages."""
    mb = n_bytes / MB
    if mb < 0.1:
        return f"{n_bytes / 1024:.0f} KB"
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
