"""The window (Tkinter + ttkbootstrap). Draws what core/ returns; holds no NLP and no SQL.

Rooms (each package's docstring says what lives there and what it may import):
- `events`   the one list of virtual events the rooms talk with (names and payloads);
- `look/`    theme and colours, fonts, the View menu's appearance settings;
- `kit/`     small building blocks every room uses: lists, dialogs, the shortcut table, undo;
- `reading/` the article: the reader, its highlights and hover, find, heading, legend;
- `panel/`   the side panel: Glossary and People tabs, corrections and the reader's glossary;
- `notes/`   notes: the controller, the dialog, the tab, marks in the text, All notes, import/export;
- `shell/`   the window that assembles them: app, menus, opening, the analysis worker, status.

Imports run one way: shell → (notes, panel) → reading → kit → look; every room may import
`events`, core/ and store/ (never the other way). Entry point: `companion.ui.shell.app.run_app(path)`.
"""
