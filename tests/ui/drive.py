"""Driving the real window the way a reader does, for the tests and the screenshot script."""

from __future__ import annotations


def note_on_selection(app, comment: str, *, color: str | None = None, tags: tuple[str, ...] = ()):
    """Add a note on the selected passage through the note dialog (Add note, type, Save), as the
    reader does; the saved Note, or None when it was not saved (the status bar says why)."""
    before = {p.id for p in app.notes.placed}
    dialog = app.notes.request_note()
    if dialog is None:
        return None
    dialog.text.insert("1.0", comment)
    if color:
        dialog.choose_color(color)
    if tags:
        dialog.set_tags(", ".join(tags))
    dialog.save_button.invoke()
    if app.notes.dialog is not None:  # kept open: saving failed
        dialog.cancel()
        return None
    return next((p.note for p in app.notes.placed if p.id not in before), None)
