"""The reader's settings: a JSON file in the user config folder, written atomically.

A damaged file never stops the app: the defaults are used, the file is kept aside, and
`Settings.problem` says what happened in one line for the window to show. That includes a file
nested 100,000 levels deep, one of many megabytes, and a FIFO or device in its place (refused
before it is opened, so start-up never blocks on it).
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path

from companion.store.files import atomic_write_text
from companion.store.paths import config_dir
from companion.store.validate import InvalidRecord, load_json, read_text_file

log = logging.getLogger(__name__)
MAX_RECENT = 12


@dataclass(frozen=True)
class Settings:
    theme: str = "light"                  # "light" | "dark"
    font_family: str = ""                 # "" = the reader's default serif
    font_size: int = 12
    column_width: int = 72                # reading column, in average characters
    line_spacing: float = 1.5
    geometry: str = ""                    # Tk geometry "WxH+X+Y" of the last window
    last_article: str = ""
    recent: tuple[str, ...] = ()
    shown: tuple[str, ...] = ("PERSON", "ORG", "glossary")   # highlight types switched on
    problem: str | None = field(default=None, compare=False)  # set when the file was unreadable

    def with_recent(self, path: str) -> "Settings":
        recent = (path,) + tuple(p for p in self.recent if p != path)
        return replace(self, recent=recent[:MAX_RECENT], last_article=path)


_LIMITS = {"font_size": (6, 48), "column_width": (30, 200), "line_spacing": (1.0, 3.0)}
_MAX_TEXT = 4096          # a path, a font name or a geometry is never longer
_MAX_ITEMS = {"recent": MAX_RECENT, "shown": 32}
_MAX_SETTINGS_BYTES = 1024 * 1024


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults (with `problem` set) when the file is missing or damaged."""
    path = path or settings_path()
    if not path.exists() and not path.is_symlink():
        return Settings()
    try:
        data = load_json(read_text_file(path, max_bytes=_MAX_SETTINGS_BYTES), max_depth=4)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return _from_dict(data)
    except (OSError, ValueError, TypeError, InvalidRecord) as exc:
        aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
        try:
            path.replace(aside)
            kept = f"; the damaged file was kept as {aside.name}"
        except OSError:
            kept = ""
        log.warning("settings file %s unreadable: %s", path, exc)
        return Settings(problem=f"Your settings could not be read ({exc}), so the defaults are used{kept}.")


def save_settings(settings: Settings, path: Path | None = None) -> None:
    data = {k: v for k, v in asdict(settings).items() if k != "problem"}
    atomic_write_text(path or settings_path(), json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _from_dict(data: dict) -> Settings:
    defaults = Settings()
    values = {}
    for f in fields(Settings):
        if f.name == "problem" or f.name not in data:
            continue
        value, default = data[f.name], getattr(defaults, f.name)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= _MAX_TEXT
                                                      for v in value):
                raise ValueError(f"{f.name} should be a list of strings")
            value = tuple(value[:_MAX_ITEMS.get(f.name, MAX_RECENT)])
        else:
            expected = (int, float) if isinstance(default, float) else type(default)
            if isinstance(value, bool) or not isinstance(value, expected):
                raise ValueError(f"{f.name} should be a {type(default).__name__}")
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{f.name} should be a finite number")
            if isinstance(value, str) and len(value) > _MAX_TEXT:
                raise ValueError(f"{f.name} is too long")
        if f.name in _LIMITS:
            low, high = _LIMITS[f.name]
            value = min(high, max(low, value))
        values[f.name] = value
    if values.get("theme", "light") not in ("light", "dark"):
        values["theme"] = "light"
    return replace(defaults, **values)
