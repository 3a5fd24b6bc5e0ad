"""The Help menu's windows: Keyboard shortcuts (built from `shortcuts.SHORTCUTS`) and About."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
import sys
import tkinter as tk
from pathlib import Path
from tkinter import font as tkfont

import ttkbootstrap as ttk

from companion import __version__
from companion.errors import UserError
from companion.ui.look import theme
from companion.ui.kit import shortcuts
from companion.ui.kit.dialogs import Dialog


class ShortcutsWindow(Dialog):
    """Every shortcut of the table, by menu, in two columns."""

    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, title="Keyboard shortcuts", minsize=(560, 300))
        self.rows: list[tuple[str, str, str]] = []  # (section, key, what it does), as shown
        sections = shortcuts.sections()
        total = sum(len(items) + 2 for _, items in sections)
        # One grid per column, so that the keys of all its sections line up.
        columns = [ttk.Frame(self.body), ttk.Frame(self.body)]
        for i, grid in enumerate(columns):
            grid.pack(side="left", fill="both", expand=True, anchor="n", padx=(0, 32) if i == 0 else 0)
            grid.columnconfigure(1, weight=1)
        default = tkfont.nametofont("TkDefaultFont", root=self).actual()
        bold = (default["family"], default["size"], "bold")
        used, rows = 0, [0, 0]
        for name, items in sections:
            side = 0 if used < total / 2 else 1
            grid, row = columns[side], rows[side]
            used += len(items) + 2
            ttk.Label(grid, text=name, font=bold).grid(row=row, column=0, columnspan=2, sticky="w",
                                                       pady=(0 if row == 0 else 12, 4))
            for shortcut in items:
                row += 1
                ttk.Label(grid, text=shortcut.accelerator, style=theme.MUTED_LABEL).grid(
                    row=row, column=0, sticky="w", padx=(8, 20), pady=1)
                ttk.Label(grid, text=shortcut.label.rstrip("…")).grid(row=row, column=1, sticky="w", pady=1)
                self.rows.append((name, shortcut.accelerator, shortcut.label))
            rows[side] = row + 1
        self.close_button = self.add_button("Close", self.close, primary=True)
        self.bind("<Return>", lambda e: self.close())
        self._show(master, self.close_button)


def versions(tk_patchlevel: str = "") -> list[tuple[str, str]]:
    """(what, version) of the app and what it runs on; spaCy's without importing it."""
    from companion.core.nlp import installed_model_id  # spaCy itself is imported lazily there
    rows = [("companion", __version__), ("Python", platform.python_version()),
            ("spaCy", _distribution_version("spacy")),
            ("Model", installed_model_id() or "none installed"),
            ("ttkbootstrap", _distribution_version("ttkbootstrap"))]
    if tk_patchlevel:
        rows.append(("Tk", tk_patchlevel))
    return rows


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def open_folder(path: Path) -> None:
    """Show `path` in the system's file manager; UserError (one line) when that cannot be done."""
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        else:
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen([opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise UserError(f"Could not open the folder ({exc.strerror or exc}); its path is above, "
                        "to open it from your file manager.") from None


class AboutWindow(Dialog):
    """The versions in use and where the reader's data is, with a button to open that folder."""

    def __init__(self, master: tk.Misc, *, data_folder: Path, settings_file: Path) -> None:
        super().__init__(master, title="About companion", minsize=(500, 300))
        self.data_folder = data_folder
        default = tkfont.nametofont("TkDefaultFont", root=self).actual()
        ttk.Label(self.body, text=f"companion {__version__}",
                  font=(default["family"], default["size"] + 5, "bold")).pack(anchor="w")
        ttk.Label(self.body, text="A calm reading companion for news.", style=theme.MUTED_LABEL).pack(
            anchor="w", pady=(2, 14))
        grid = ttk.Frame(self.body)
        grid.pack(fill="x")
        grid.columnconfigure(1, weight=1)
        self.versions = versions(str(self.tk.call("info", "patchlevel")))
        for row, (what, version) in enumerate(self.versions):
            ttk.Label(grid, text=what, style=theme.MUTED_LABEL).grid(row=row, column=0, sticky="w",
                                                                   padx=(0, 18), pady=1)
            ttk.Label(grid, text=version).grid(row=row, column=1, sticky="w", pady=1)
        places = ttk.Frame(self.body)
        places.pack(fill="x", pady=(16, 0))
        places.columnconfigure(1, weight=1)
        self.folder_entry = self._path_row(places, 0, "Your data", data_folder)
        self.settings_entry = self._path_row(places, 1, "Settings", settings_file)
        self.open_button = ttk.Button(self.buttons, text="Open data folder", bootstyle="secondary-outline",
                                      command=self.open_data_folder)
        self.open_button.pack(side="left")
        self.close_button = self.add_button("Close", self.close, primary=True)
        self.bind("<Return>", lambda e: self.close())
        self._show(master, self.close_button)

    @staticmethod
    def _path_row(master: tk.Misc, row: int, label: str, path: Path) -> ttk.Entry:
        ttk.Label(master, text=label, style=theme.MUTED_LABEL).grid(row=row, column=0, sticky="w",
                                                                  padx=(0, 18), pady=2)
        entry = ttk.Entry(master, width=48)  # read-only, but it can be selected and copied
        entry.insert(0, str(path))
        entry.configure(state="readonly")
        entry.grid(row=row, column=1, sticky="ew", pady=2)
        return entry

    @property
    def text(self) -> str:
        """What the window says, as plain lines (for tests and bug reports)."""
        return "\n".join(f"{what}: {version}" for what, version in self.versions)

    def open_data_folder(self) -> bool:
        try:
            open_folder(self.data_folder)
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self.show_error("")
        return True
