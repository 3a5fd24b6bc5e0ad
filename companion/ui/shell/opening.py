"""The ways an article comes in besides File ▸ Open: a web address, the clipboard, a dropped file.

Whatever the route, the App's `show_document` shows the Document, so the same text has the same
fingerprint (and its notes come back). A web page is fetched in a daemon thread — `fetch_document`
has its own time limit — and the result comes back through a queue polled with `after()`; the
Tk thread never waits on the network. Opening something else meanwhile abandons the fetch.
"""

from __future__ import annotations

import logging
import queue
import threading
import tkinter as tk
from dataclasses import dataclass
from typing import Callable

import ttkbootstrap as ttk

from companion.core.document import Document, document_from_text
from companion.core.limits import Limits, megabytes
from companion.errors import InputError, UserError
from companion.ui import events
from companion.ui.kit import shortcuts
from companion.ui.kit.dialogs import Dialog

log = logging.getLogger(__name__)

POLL_MS = 50


@dataclass(frozen=True)
class _Fetched:
    job: int
    url: str
    document: Document | None = None
    error: BaseException | None = None


def is_url(text: str) -> bool:
    """core.fetch.is_url, with core.fetch (HTTP, TLS, certificates) imported only when the text has
    a scheme: the window starts without it."""
    if "://" not in text:  # every address is_url accepts has one
        return False
    from companion.core.fetch import is_url as fetch_is_url
    return fetch_is_url(text)


def _fetch_document(url: str) -> Document:
    from companion.core.fetch import fetch_document
    return fetch_document(url)


def web_address(typed: str) -> str:
    """The address to fetch for what was typed: "example.com/a" becomes "https://example.com/a".
    Raises InputError for something that cannot be an address."""
    address = typed.strip()
    if not address:
        raise InputError("Type or paste the address of an article, e.g. https://example.com/news/story.")
    if is_url(address):
        return address
    host = address.split("/", 1)[0]
    if " " in address or "." not in host or host.startswith(".") or host.endswith("."):
        raise InputError(f"{address[:80]}: is not a web address; it should look like https://example.com/story.")
    return f"https://{address}"


class OpenUrlDialog(Dialog):
    """File ▸ Open URL…: one entry; Open hands the address over and closes (the window says how
    the download goes in its status bar)."""

    def __init__(self, master: tk.Misc, *, on_open: Callable[[str], object], initial: str = "",
                 on_close: Callable[[], None] | None = None) -> None:
        super().__init__(master, title="Open a web page", minsize=(520, 150), on_close=on_close)
        ttk.Label(self.body, text="Address of the article:").pack(anchor="w", pady=(0, 6))
        self.entry = ttk.Entry(self.body, width=60)
        self.entry.pack(fill="x")
        if initial:
            self.entry.insert(0, initial)
            self.entry.select_range(0, "end")
        self.open_button = self.add_button("Open", lambda: self.attempt(lambda: on_open(web_address(self.address))),
                                           primary=True)
        self.cancel_button = self.add_button("Cancel", self.cancel)
        self.bind("<Return>", lambda e: self.open_button.invoke())
        self.bind("<KP_Enter>", lambda e: self.open_button.invoke())
        self._show(master, self.entry)

    @property
    def address(self) -> str:
        return self.entry.get().strip()


class ArticleOpener:
    """Open URL…, New from clipboard, dropped files and the command line's target.

    `open_path(path) -> bool` and `show_document(document)` are the App's; what happens is said
    in the status bar (events.say). Another article opened (events.DOCUMENT_OPENED) abandons a download.
    """

    def __init__(self, root: tk.Misc, *, open_path: Callable[[str], bool],
                 show_document: Callable[[Document], None],
                 fetch: Callable[[str], Document] | None = None) -> None:
        self.root = root
        self._open_path, self._show_document = open_path, show_document
        self._fetch = fetch or _fetch_document
        self._results: queue.Queue[_Fetched] = queue.Queue()
        self._job = 0
        self._pending: str | None = None  # the address being fetched, if any
        self._poll_after: str | None = None
        self.dialog: OpenUrlDialog | None = None
        events.listen(root, events.DOCUMENT_OPENED, self._on_document_opened)

    @property
    def actions(self) -> dict[str, Callable[[], object]]:
        """The shortcuts' actions (see shortcuts.SHORTCUTS)."""
        return {"open-url": self.ask_url, "paste-article": self.from_clipboard}

    def add_menu_entries(self, menu: tk.Menu) -> None:
        shortcuts.add_entry(menu, "open-url", self.ask_url)
        shortcuts.add_entry(menu, "paste-article", self.from_clipboard)

    # -- one entry point for a target ----------------------------------------------------------
    def open_target(self, target: str) -> bool:
        """A path or a web address (`companion https://…`). For an address, True means the
        download started; the article shows when it arrives."""
        if is_url(str(target)):
            self.open_url(str(target))
            return True
        return self._open_path(target)

    # -- web pages -----------------------------------------------------------------------------
    @property
    def fetching(self) -> str | None:
        """The address being downloaded, or None."""
        return self._pending

    def ask_url(self) -> OpenUrlDialog:
        """File ▸ Open URL… (Ctrl+L). The clipboard's address is offered when it holds one."""
        if self.dialog is not None and self.dialog.winfo_exists():
            self.dialog.lift()
            self.dialog.entry.focus_set()
            return self.dialog
        offered = self._clipboard_text() or ""
        offered = offered.strip() if is_url(offered) and "\n" not in offered.strip() else ""
        self.dialog = OpenUrlDialog(self.root, on_open=self.open_url, initial=offered,
                                    on_close=self._dialog_closed)
        return self.dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def open_url(self, url: str) -> None:
        """Download `url` in the background; the article replaces the current one when it comes."""
        self._job += 1
        self._pending = url
        job, fetch, results = self._job, self._fetch, self._results

        def run() -> None:
            try:
                results.put(_Fetched(job, url, document=fetch(url)))
            except Exception as exc:  # noqa: BLE001 — reported on the Tk thread
                results.put(_Fetched(job, url, error=exc))

        threading.Thread(target=run, name=f"fetch-{job}", daemon=True).start()
        timeout = Limits.from_env().url_timeout_s
        events.say(self.root, f"Downloading {url} … (up to {timeout:g} s)")
        if self._poll_after is None:
            self._poll_after = self.root.after(POLL_MS, self._poll)

    def _poll(self) -> None:
        self._poll_after = None
        while True:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                break
            if result.job != self._job or self._pending is None:
                continue  # superseded, or something else was opened meanwhile
            self._pending = None
            self._arrived(result)
        if self._pending is not None:
            self._poll_after = self.root.after(POLL_MS, self._poll)

    def _arrived(self, result: _Fetched) -> None:
        if result.document is not None:
            self._show_document(result.document)  # _poll forgot the address first: not abandoned
        elif isinstance(result.error, UserError):
            log.info("Not opened: %s", result.error)
            events.say(self.root, str(result.error), error=True)
        else:
            error = result.error
            log.error("Downloading %s failed", result.url, exc_info=(type(error), error, error.__traceback__))
            events.say(self.root, f"{result.url}: the download failed ({type(error).__name__}: {error}); "
                       "details are in the log.", error=True)

    def _on_document_opened(self, document: Document) -> None:
        if self._pending is not None:
            log.info("Download of %s abandoned: another article was opened", self._pending)
            self._pending = None  # its result, when it comes, is dropped

    # -- the clipboard -------------------------------------------------------------------------
    def from_clipboard(self) -> bool:
        """File ▸ New from clipboard (Ctrl+Shift+V): the copied text as an article; a copied web
        address is downloaded instead. False (and one line in the status bar) when there is none."""
        text = self._clipboard_text()
        if text is None or not text.strip():
            events.say(self.root, "The clipboard holds no text; copy an article's text (or its address) first.", error=True)
            return False
        if is_url(text) and len(text.split()) == 1:
            self.open_url(text.strip())
            return True
        limit = Limits.from_env().max_file_bytes
        if len(text) > limit:  # characters, not bytes: close enough for a cap, and no encoding pass
            events.say(self.root, f"The copied text is too large (the limit is {megabytes(limit)}; set "
                       "COMPANION_MAX_FILE_MB to change it).", error=True)
            return False
        try:
            document = document_from_text(text, title=None)
        except InputError as exc:
            events.say(self.root, str(exc), error=True)
            return False
        self._show_document(document)
        return True

    def _clipboard_text(self) -> str | None:
        try:
            return str(self.root.clipboard_get())
        except tk.TclError:  # empty, or holds an image or files rather than text
            return None

    # -- drag and drop -------------------------------------------------------------------------
    def open_dropped(self, items: list[str]) -> bool:
        """Files (or web addresses) dropped on the window: the first one is opened."""
        items = [item for item in items if item.strip()]
        if not items:
            events.say(self.root, "Nothing to open was dropped; drop an article file (.txt, .md or .html).", error=True)
            return False
        opened = self.open_target(items[0])
        if opened and len(items) > 1:
            events.say(self.root, f"Opened the first of {len(items)} dropped files; one article at a time.")
        return opened

    # -- lifetime ------------------------------------------------------------------------------
    def close(self) -> None:
        """Stop polling (Tcl timers outlive the window and the event loop is shared)."""
        self._pending = None
        if self._poll_after is not None:
            try:
                self.root.after_cancel(self._poll_after)
            except tk.TclError:
                pass
            self._poll_after = None
        if self.dialog is not None:
            try:
                self.dialog.destroy()
            except tk.TclError:
                pass
            self.dialog = None
