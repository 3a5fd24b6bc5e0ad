"""Building blocks every room uses: list and detail widgets (`widgets`), the dialog base
(`dialogs`), the shortcut table (`shortcuts`), the undo stack (`undo`), the notice bar above the
article (`notices`), the window's hold on the settings (`prefs`) and the stand-in for a store
that could not be opened (`unavailable`).

May import: tkinter/ttkbootstrap, `look.theme`, `companion.ui.events`, `companion.errors`,
store/settings. No other room.
"""
