"""Starting the window: `run_app(path)` (what `companion [PATH]` calls) and `open_app(path)`.

The article is read once, here, before the window is made; a problem with it is said in the
window (or, with no display, on stderr with the CLI's user-error status).
"""

from __future__ import annotations

import logging
import os
import sys

from companion.core.document import Document, load_document
from companion.errors import UserError
from companion.resources import DEFAULT_ARTICLE
from companion.store.settings import load_settings
from companion.ui.kit.prefs import startup_article
from companion.ui.shell.app import App, NoDisplayError
from companion.ui.shell.opening import is_url

log = logging.getLogger(__name__)


def run_app(path: str | None = None) -> int:
    """Open the window on `path` — a file or an http(s) address (default: the last article read
    if it is still there, else the bundled sample article); the exit status.

    2 when there is no display (the CLI's user-error status, with one line on stderr: the
    article's problem when it has one), else 0 once the window is closed. An article that cannot
    be opened is said in the window, over the start page.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="companion: %(levelname)s: %(message)s")
    try:
        app = open_app(path)
    except UserError as exc:  # NoDisplayError, or the article's problem with no display
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    return app.run()


def open_app(path: str | os.PathLike | None = None, **options) -> App:
    """The window on `path`, or on the last article (else the sample) when `path` is None.

    The article is read once, here. A bad `path` is said in the window, over the start page (or,
    with no display, raised as the UserError it is); a web address is downloaded once the window
    is up. A remembered article that no longer loads gives way to the sample, and a missing
    sample to the start page.
    """
    settings = options.pop("settings", None) or load_settings()
    target: Document | str | os.PathLike | None = None
    problem: UserError | None = None
    if path is not None and is_url(str(path)):
        target = str(path)
    elif path is not None:
        try:
            target = load_document(path)
        except UserError as exc:
            log.info("Not opened: %s", exc)
            problem = exc
    else:
        for candidate in dict.fromkeys((startup_article(settings), DEFAULT_ARTICLE)):
            try:
                target = load_document(candidate)
                break
            except UserError as exc:
                log.info("Not opened at start: %s", exc)
    try:
        return App(target, settings=settings, problem=problem, **options)
    except NoDisplayError:
        if problem is not None:  # the article's problem is the one to fix first
            raise problem from None
        raise
