"""Building blocks every room uses: list and detail widgets (`widgets`), the dialog base
(`dialogs`), the shortcut table (`shortcuts`), the undo stack (`undo`), the notice bar (`notices`)
and the stand-in for a store that could not be opened (`unavailable`).

May import: tkinter/ttkbootstrap, `look/`, `companion.ui.events`, `companion.errors`. No other room.
"""
