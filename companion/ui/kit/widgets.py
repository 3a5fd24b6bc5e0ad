"""Small widgets the side-panel tabs share: a list with a scrollbar whose long cells end in "…",
a read-only detail box, a hint line."""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from dataclasses import dataclass
from typing import Callable, Sequence

import ttkbootstrap as ttk

from companion.ui.look import theme
from companion.ui.look.theme import Palette


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
        tree.heading(column.id, text=column.heading, anchor=column.anchor)
        tree.column(column.id, width=column.width, minwidth=40, stretch=column.stretch,
                    anchor=column.anchor)
    bar = ttk.Scrollbar(frame, orient="vertical", command=tree.yview)
    tree.configure(yscrollcommand=bar.set)
    tree.pack(side="left", fill="both", expand=True)
    bar.pack(side="right", fill="y")
    return tree


class DetailText(ttk.Text):
    """A short read-only, word-wrapped text for the details of the selected row.

    It grows up to `max_height` lines to show a long definition whole (the list above gives
    up the room), and shrinks back to `height` for a short one.
    """

    def __init__(self, master: tk.Misc, *, height: int = 5, max_height: int | None = None,
                 placeholder: str = "") -> None:
        self._min_height, self._max_height = height, max(height, max_height or height)
        self._fit_after: str | None = None
        # autostyle=False: our palette's detail colours (apply_palette), not the theme's inputs.
        super().__init__(master, autostyle=False, height=height, wrap="word", relief="flat",
                         borderwidth=0, highlightthickness=0, padx=10, pady=8,
                         font="TkDefaultFont", spacing2=3, cursor="arrow", state="disabled")
        # A font description, not a Font object: no __del__ that could reach Tk from another thread.
        default = tkfont.nametofont("TkDefaultFont", root=self).actual()
        self.tag_configure("strong", font=(default["family"], default["size"], "bold"))
        self.placeholder = placeholder
        self.apply_palette(theme.current_palette(self))
        self.show()

    def apply_palette(self, palette: Palette) -> None:
        self.configure(background=palette.detail, foreground=palette.text,
                       selectbackground=palette.selection, selectforeground=palette.text,
                       inactiveselectbackground=palette.selection)
        self.tag_configure("muted", foreground=palette.muted)

    def show(self, *parts: tuple[str, str]) -> None:
        """Replace the content with (text, tag) parts; tag "" for plain text. None: the placeholder."""
        self.configure(state="normal")
        self.delete("1.0", "end")
        if not parts:
            parts = ((self.placeholder, "muted"),)
        for text, tag in parts:
            self.insert("end", text, tag or ())
        self.configure(state="disabled")
        if self._max_height > self._min_height and self._fit_after is None:
            self._fit_after = self.after_idle(self._fit)

    def _fit(self) -> None:
        self._fit_after = None
        pixels = self.count("1.0", "end", "update", "ypixels")
        linespace = int(self.tk.call("font", "metrics", self.cget("font"), "-linespace"))
        if not pixels or self.winfo_width() <= 1:
            return
        lines = -(-int(pixels[0] if isinstance(pixels, tuple) else pixels) // linespace)
        height = min(self._max_height, max(self._min_height, lines))
        if height != int(self.cget("height")):
            self.configure(height=height)

    def destroy(self) -> None:
        if self._fit_after is not None:
            self.after_cancel(self._fit_after)
            self._fit_after = None
        super().destroy()

    @property
    def content(self) -> str:
        return self.get("1.0", "end-1c")


def elide(text: str, width: int, measure: Callable[[str], int]) -> str:
    """`text` cut at the end with "…" so that `measure` of it is at most `width` (pixels)."""
    if measure(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class FittedTree:
    """Keeps the full text of a Treeview's cells and shows each cut to its column's width.

    A Treeview clips a long cell mid-letter; an ellipsis says there is more (the detail box
    below the list shows it in full). Cells are refitted when the tree or a column is resized.
    """

    CELL_MARGIN = 14   # the cell's padding, in pixels
    TREE_INDENT = 20   # per level in the "#0" column (the expander's room)

    def __init__(self, tree: ttk.Treeview, fitted: Sequence[str]) -> None:
        self.tree = tree
        self._fitted = tuple(fitted)
        self._columns = tuple(tree.cget("columns"))
        self._full: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._after: str | None = None
        self._widths: tuple[int, ...] = ()
        style = ttk.Style()
        self._font = style.lookup(str(tree.cget("style") or "Treeview"), "font") or "TkDefaultFont"
        tree.bind("<Configure>", self._schedule, add=True)
        tree.bind("<ButtonRelease-1>", self._schedule, add=True)  # a column resized by hand
        tree.bind("<Destroy>", self._cancel, add=True)

    def insert(self, parent: str, *, text: str = "", values: Sequence[object] = (), **options) -> str:
        row = self.tree.insert(parent, "end", text=text, values=list(values), **options)
        self._full[row] = (text, tuple(str(v) for v in values))
        self._fit_row(row, self._current_widths())
        return row

    def text(self, row: str) -> str:
        """The full text of the row's "#0" cell."""
        return self._full[row][0] if row in self._full else str(self.tree.item(row, "text"))

    def values(self, row: str) -> tuple[str, ...]:
        """The full values of the row's data columns."""
        return self._full[row][1] if row in self._full else tuple(self.tree.item(row, "values"))

    def clear(self) -> None:
        self.tree.delete(*self.tree.get_children())
        self._full.clear()

    def refit(self) -> None:
        self._after = None
        widths = self._current_widths()
        if widths == self._widths:
            return
        self._widths = widths
        for row in self._full:
            self._fit_row(row, widths)

    def _current_widths(self) -> tuple[int, ...]:
        return tuple(int(self.tree.column(c, "width")) for c in ("#0", *self._columns))

    def _fit_row(self, row: str, widths: tuple[int, ...]) -> None:
        text, values = self._full[row]
        if "#0" in self._fitted:
            depth = 0
            parent = self.tree.parent(row)
            while parent:
                depth, parent = depth + 1, self.tree.parent(parent)
            room = widths[0] - self.CELL_MARGIN - 6 - self.TREE_INDENT * depth
            self.tree.item(row, text=elide(text, room, self._measure))
        if values:
            shown = [elide(v, widths[i + 1] - self.CELL_MARGIN, self._measure)
                     if column in self._fitted else v
                     for i, (column, v) in enumerate(zip(self._columns, values))]
            self.tree.item(row, values=shown)

    def _measure(self, text: str) -> int:
        return int(self.tree.tk.call("font", "measure", self._font, text))

    def _schedule(self, event: tk.Event | None = None) -> None:
        if self._after is None:
            self._after = self.tree.after_idle(self.refit)

    def _cancel(self, event: tk.Event | None = None) -> None:
        if self._after is not None and event is not None and event.widget is self.tree:
            try:
                self.tree.after_cancel(self._after)
            except tk.TclError:
                pass
            self._after = None


class SearchEntry(ttk.Entry):
    """A search box that calls `on_change` at every keystroke (filter as you type); Esc clears it."""

    def __init__(self, master: tk.Misc, on_change: Callable[[], None], **kwargs) -> None:
        super().__init__(master, **kwargs)
        # A plain Tcl variable, not a tk.StringVar (see legend.Legend), traced for every change.
        self._variable = f"{self}.query"
        self.setvar(self._variable, "")
        self.configure(textvariable=self._variable)
        self._trace = self.register(lambda *args: on_change())
        self.tk.call("trace", "add", "variable", self._variable, "write", self._trace)
        self.bind("<Escape>", lambda e: self.set_query(""), add=True)

    @property
    def query(self) -> str:
        return str(self.getvar(self._variable))

    def set_query(self, text: str) -> None:
        """Type into the box (the list filters as the variable changes)."""
        self.setvar(self._variable, text)


def button_row(master: tk.Misc, *, pady: tuple[int, int] = (8, 0)) -> ttk.Frame:
    """A row for a tab's buttons, under its list and detail box."""
    frame = ttk.Frame(master)
    frame.pack(fill="x", pady=pady)
    return frame


def edit_delete_buttons(row: ttk.Frame, *, edit: Callable[[], object],
                        delete: Callable[[], object]) -> tuple[ttk.Button, ttk.Button]:
    """A tab's Edit… and Delete, on the right of its button row; (edit, delete)."""
    delete_button = ttk.Button(row, text="Delete", bootstyle="danger-outline", command=delete)
    delete_button.pack(side="right")
    edit_button = ttk.Button(row, text="Edit…", bootstyle="secondary-outline", command=edit)
    edit_button.pack(side="right", padx=(0, 6))
    return edit_button, delete_button


def hint(master: tk.Misc, text: str) -> ttk.Label:
    """A muted line of help above a list; it wraps to the width it is given."""
    label = ttk.Label(master, text=text, style=theme.MUTED_LABEL, wraplength=380, justify="left")
    label.pack(fill="x", padx=2, pady=(8, 6))
    label.bind("<Configure>", lambda e: label.configure(wraplength=max(120, e.width - 4)), add=True)
    return label


def configure_lists(root: tk.Misc) -> None:
    """Rows with a little air: ttkbootstrap's tree rows are flush to the text line."""
    linespace = int(root.tk.call("font", "metrics", "TkDefaultFont", "-linespace"))
    ttk.Style().configure("Treeview", rowheight=linespace + max(4, linespace // 3))
