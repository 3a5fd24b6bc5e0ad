"""The base of the window's small dialogs (the note, a glossary entry, a correction's question…).

Thin shells: what a button does is the caller's callback. None is modal
(the event loop and the analysis keep running). A callback that raises UserError keeps the
dialog open and shows the message on its error line; Escape cancels.
"""

from __future__ import annotations

import tkinter as tk
from typing import Callable

import ttkbootstrap as ttk

from companion.errors import UserError
from companion.ui import events
from companion.ui.look import theme


def place_over(window: tk.Toplevel, master: tk.Misc) -> None:
    """Put `window` over the middle of `master`'s window, a third of the way down."""
    window.update_idletasks()
    top = master.winfo_toplevel()
    x = top.winfo_rootx() + max(0, (top.winfo_width() - window.winfo_reqwidth()) // 2)
    y = top.winfo_rooty() + max(0, (top.winfo_height() - window.winfo_reqheight()) // 3)
    window.geometry(f"+{x}+{y}")


class OneAtATime:
    """At most one dialog of a kind: asking for another raises the open one and says `busy`."""

    def __init__(self, root: tk.Misc, busy: str) -> None:
        self.root, self.busy = root, busy
        self.dialog: Dialog | None = None

    def open(self, make: Callable[[Callable[[], None]], "Dialog"]) -> "Dialog | None":
        """`make(on_close)` builds the dialog; None (and the line) when one is open already."""
        if self.dialog is not None:
            self.dialog.lift()
            events.say(self.root, self.busy)
            return None
        self.dialog = make(self._closed)
        return self.dialog

    def _closed(self) -> None:
        self.dialog = None

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.cancel()


class Dialog(ttk.Toplevel):
    """A titled window with a body, an error line and a row of buttons (primary on the right)."""

    def __init__(self, master: tk.Misc, *, title: str, minsize: tuple[int, int] = (380, 150),
                 on_close: Callable[[], None] | None = None) -> None:
        super().__init__(title=title, master=master, transient=master.winfo_toplevel(), minsize=minsize)
        self._on_closed = on_close
        self.body = ttk.Frame(self, padding=(18, 16, 18, 4))
        self.body.pack(fill="both", expand=True)
        self.error_label = ttk.Label(self, text="", style=theme.ERROR_LABEL, anchor="w",
                                     wraplength=420, justify="left")
        self.error_label.pack(fill="x", padx=18)
        self.buttons = ttk.Frame(self, padding=(18, 8, 18, 16))
        self.buttons.pack(fill="x")
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)

    @property
    def error(self) -> str:
        return str(self.error_label.cget("text"))

    def show_error(self, message: str) -> None:
        self.error_label.configure(text=message.strip().splitlines()[0] if message.strip() else "")

    def add_button(self, text: str, command: Callable[[], None], *, primary: bool = False) -> ttk.Button:
        button = ttk.Button(self.buttons, text=text, command=command,
                            bootstyle="primary" if primary else "secondary-outline")
        button.pack(side="right", padx=(8, 0))
        return button

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run `action`; close on success, keep the dialog with the message on a UserError."""
        try:
            action()
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self.close()
        return True

    def cancel(self) -> None:
        self.close()

    def close(self) -> None:
        if self._on_closed:
            self._on_closed()
            self._on_closed = None
        self.destroy()

    def _show(self, master: tk.Misc, focus: tk.Misc) -> None:
        place_over(self, master)
        focus.focus_set()
