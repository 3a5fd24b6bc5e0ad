"""Files dropped on the window, through tkdnd (the tkinterdnd2 package ships it).

The whole window is the drop target: tkdnd looks for a registered window from the one under the
pointer up to its toplevel, so registering the root is enough. The root is a Tk, not a widget,
so tkinterdnd2's `drop_target_register`/`dnd_bind` methods (added to widgets only) are not on
it: the two tkdnd commands they wrap are called directly.

When tkdnd cannot be loaded (no tkinterdnd2, or no build for this platform) the window works
without it; that is said at INFO, not as an error.
"""

from __future__ import annotations

import logging
import tkinter as tk
from typing import Callable

log = logging.getLogger(__name__)

DND_FILES = "DND_Files"  # tkinterdnd2.DND_FILES
COPY = "copy"            # the action a drop handler answers (tkinterdnd2.COPY)


def enable_drop(root: tk.Tk, on_drop: Callable[[list[str]], object]) -> bool:
    """Call `on_drop(paths)` when files are dropped on `root`'s window. False when drag and drop
    is not available here."""
    try:
        from tkinterdnd2 import TkinterDnD
        TkinterDnD._require(root)  # `package require tkdnd` in this interpreter
    except (ImportError, RuntimeError, tk.TclError) as exc:
        log.info("Drag and drop is not available: %s", exc)
        return False

    def dropped(data: str) -> str:
        on_drop(list(root.tk.splitlist(data)))  # paths with spaces come {braced}
        return COPY

    command = root.register(dropped)
    # tkdnd substitutes %D (the dropped data, as a Tcl list) itself before it runs the script.
    root.tk.call("bind", root._w, "<<Drop>>", f"{command} %D")

    # Registering lays the window out and maps it at once (tkdnd updates it), so it waits for the
    # window's own mapping: the start-up order stays window, text, then the analysis.
    registered = False

    def register(event: tk.Event | None = None) -> None:
        nonlocal registered
        if registered or (event is not None and event.widget is not root):
            return
        registered = True
        try:
            root.tk.call("tkdnd::drop_target", "register", root._w, (DND_FILES,))
        except tk.TclError as exc:
            log.info("Drag and drop is not available: %s", exc)

    if root.winfo_ismapped():
        register()
    else:
        root.bind("<Map>", register, add=True)
    return True


def accepts_files(root: tk.Tk) -> bool:
    """The window is registered with tkdnd as a target for files (tkdnd notes the types it
    registered, in the platform's own names, as a binding)."""
    registered = str(root.tk.call("bind", root._w, "<<DropTargetTypes>>"))
    if not registered:
        return False
    wanted = root.tk.splitlist(root.tk.call("tkdnd::platform_specific_types", (DND_FILES,)))
    return all(kind in root.tk.splitlist(registered) for kind in wanted)


def drop_script(root: tk.Tk) -> str:
    """The script bound to a drop on the window ("" when there is none): for tests."""
    return str(root.tk.call("bind", root._w, "<<Drop>>"))
