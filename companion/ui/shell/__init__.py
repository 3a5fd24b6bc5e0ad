"""The window that assembles the rooms: `app` (builds and wires, nothing else), `menus` (the
menu bar), `analysis` (runs the worker and hands results to the views), `worker` (the thread),
`opening` (URL, clipboard, drop), `dnd`, `recent`, `start_page`, `status`, `prefs`, `help`.

May import every other room. Nothing imports shell/ except the CLI (`run_app`).
"""
