"""The one place that knows where user data lives (appdirs; COMPANION_DATA_DIR overrides it)."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "companion"


def data_dir() -> Path:
    """The user data folder, created on first use."""
    override = os.environ.get("COMPANION_DATA_DIR")
    path = Path(override) if override else Path(appdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The user config folder (settings), created on first use; COMPANION_CONFIG_DIR overrides it,
    and without it COMPANION_DATA_DIR keeps tests' settings beside their data."""
    override = os.environ.get("COMPANION_CONFIG_DIR")
    if not override and os.environ.get("COMPANION_DATA_DIR"):
        override = str(Path(os.environ["COMPANION_DATA_DIR"]) / "config")
    path = Path(override) if override else Path(appdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def notes_db_path() -> Path:
    return data_dir() / "notes.sqlite3"
