"""The notes shots of take_screenshots.py (kept apart so that script stays short):
  notes-detached.png  the article edited since its notes were written: the line saying so, the
                      Notes tab with coloured, tagged notes and a detached one selected
  notes-filter.png    the Notes tab searched and filtered by a tag
  all-notes.png       Notes ▸ All notes… over notes of two articles
"""

from __future__ import annotations

import os
from drive import note_on_selection
from pathlib import Path
from typing import Callable


def notes_views(app, out: Path, shoot: Callable[..., None], wait_for: Callable[..., None]) -> None:
    """Open a copy of the article, note three passages, edit one away, and shoot the results."""
    root, document = app.root, app.document
    folder = Path(os.environ["COMPANION_DATA_DIR"])
    copy = folder / "Carney and the tariffs.txt"
    copy.write_text(document.text, encoding="utf-8")
    app.open_path(copy)
    wait_for(root, lambda: not app.busy)
    text = app.document.text
    paragraphs = [p for p in text.split("\n") if len(p) > 120]
    chosen = []
    for paragraph, (comment, color, tags) in zip(paragraphs[1:4], [
            ("Turnout figures? Compare with 2021.", "green", ("polls", "follow up")),
            ("This is the claim to check against the trade data.", "blue", ("trade",)),
            ("Who said this first?", "pink", ("quotes", "follow up"))]):
        start = text.index(paragraph)
        end = text.find(" ", start + 50)
        chosen.append(text[start:end])
        app.reader.text.tag_add("sel", app.reader.index(start), app.reader.index(end))
        note_on_selection(app, comment, color=color, tags=tags)
    if len(chosen) < 3:
        return
    # The article is edited: the third passage is rewritten, so its note cannot be placed.
    copy.write_text(text.replace(chosen[2], "A different opening for this paragraph"), encoding="utf-8")
    app.open_path(copy)
    wait_for(root, lambda: not app.busy)
    app.panel.show_tab("notes")
    tab = app.panel.notes
    detached = [i for i in tab.shown_ids() if tab.is_detached(i)]
    if detached:
        tab.tree.selection_set(str(detached[0]))
    shoot(root, out / "notes-detached.png", settle=1.4)
    tab.set_query("follow")
    tab.set_filters(tag="follow up")
    shoot(root, out / "notes-filter.png")
    tab.set_query("")
    tab.set_filters()

    # A note on another article, then All notes.
    if document.path:
        app.open_path(document.path)
        wait_for(root, lambda: not app.busy)
    window = app.notes.library.show()
    window.geometry(f"+{root.winfo_rootx() + 120}+{root.winfo_rooty() + 90}")
    rows = window.tree.get_children()
    if rows:
        window.tree.selection_set(rows[0])
    shoot(root, out / "all-notes.png")
    window.close()
