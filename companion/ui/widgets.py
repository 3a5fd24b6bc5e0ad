"""Small widgets the side-panel tabs share: a list with a scrollbar, a read-only detail box."""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from dataclasses import dataclass

import ttkbootstrap as ttk

from companion.ui import theme


@dataclass(frozen=True)
class Column:
    id: str          # "#0" is the tree column
    heading: str
    width: int
    stretch: bool = False
    anchor: str = "w"


def scrolled_tree(master: tk.Misc, columns: list[Column], *, height: int = 10) -> ttk.Treeview:
    """A Treeview with a vertical scrollbar, packed into its own frame inside `master`."""
    frame = ttk.Frame(master)
    frame.pack(fill="both", expand=True)
    data_columns = [c.id for c in columns if c.id != "#0"]
    show = "tree headings" if any(c.id == "#0" for c in columns) else "headings"
    tree = ttk.Treeview(frame, columns=data_columns, show=show, selectmode="browse", height=height)
    for column in columns:
        tree.heading(column.id, text=column.heading, anchor="w")
        tree.column(column.id, width=column.width, minwidth=40, stretch=column.stretch,
                    anchor=column.anchor)
    bar = ttk.Scrollbar(frame, orient="vertical", command=tree.yview)
    tree.configure(yscrollcommand=bar.set)
    tree.pack(side="left", fill="both", expand=True)
    bar.pack(side="right", fill="y")
    return tree


class DetailText(tk.Text):
    """A short read-only, word-wrapped text for the details of the selected row."""

    def __init__(self, master: tk.Misc, *, height: int = 5, placeholder: str = "") -> None:
        super().__init__(master, height=height, wrap="word", relief="flat", borderwidth=0,
                         highlightthickness=0, padx=10, pady=8, background="#f6f7f8",
                         foreground=theme.TEXT_FOREGROUND, font="TkDefaultFont",
                         spacing2=3, cursor="arrow", state="disabled")
        # A font description, not a Font object: no __del__ that could reach Tk from another thread.
        default = tkfont.nametofont("TkDefaultFont", root=self).actual()
        self.tag_configure("strong", font=(default["family"], default["size"], "bold"))
        self.tag_configure("muted", foreground=theme.MUTED_FOREGROUND)
        self.placeholder = placeholder
        self.show()

    def show(self, *parts: tuple[str, str]) -> None:
        """Replace the content with (text, tag) parts; tag "" for plain text. None: the placeholder."""
        self.configure(state="normal")
        self.delete("1.0", "end")
        if not parts:
            parts = ((self.placeholder, "muted"),)
        for text, tag in parts:
            self.insert("end", text, tag or ())
        self.configure(state="disabled")

    @property
    def content(self) -> str:
        return self.get("1.0", "end-1c")


def hint(master: tk.Misc, text: str) -> ttk.Label:
    label = ttk.Label(master, text=text, foreground=theme.MUTED_FOREGROUND, wraplength=380,
                      justify="left")
    label.pack(fill="x", padx=2, pady=(8, 6))
    return label
