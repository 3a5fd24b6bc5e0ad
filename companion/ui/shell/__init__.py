"""The window that assembles the rooms: `app` (builds and wires, nothing else), `launch`
(run_app/open_app: the article is read once, before the window), `menus` (the menu bar and what
each shortcut does), `analysis` (runs the worker and shows its results), `worker` (the thread),
`opening` (URL, clipboard, drop), `dnd`, `recent`, `start_page`, `status`, `help`.

May import every other room. Nothing imports shell/ except the CLI (`launch.run_app`).
"""
