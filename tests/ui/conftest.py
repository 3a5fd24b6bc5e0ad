"""UI tests drive the real window. Xvfb is started here when DISPLAY is unset.

As in Porcupine's conftest: user data and settings go to temporary folders per test
(tests/conftest.py), and a test fails when a Tk callback raised (`callback_errors`, whatever the
logging) or anything was logged at ERROR (a test that expects an error log asks for `caplog`).
Tests marked `ui` get the display; the others run without one.
"""

from __future__ import annotations

import gc
import logging
import os
import select
import shutil
import subprocess
import time
import tkinter
from pathlib import Path
from typing import Callable, Iterator

import pytest

from companion.resources import DEFAULT_ARTICLE

SCREEN = "1400x900x24"


def start_xvfb(screen: str = SCREEN, timeout: float = 10.0) -> tuple[subprocess.Popen, str]:
    """Start Xvfb on a free display number (Xvfb picks it: -displayfd); returns (process, ":N")."""
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen,
                                "-nolisten", "tcp"], pass_fds=(write_fd,),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + timeout
    try:
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise RuntimeError("Xvfb did not report its display number in time")
            chunk = os.read(read_fd, 16)
            if not chunk:
                raise RuntimeError(f"Xvfb exited (status {process.poll()}) before it was ready")
            number += chunk
    except BaseException:
        process.kill()
        raise
    finally:
        os.close(read_fd)
    return process, f":{number.decode().strip()}"


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        pytest.skip("no DISPLAY and Xvfb is not installed")
    process, name = start_xvfb()
    os.environ["DISPLAY"] = name
    try:
        yield name
    finally:
        del os.environ["DISPLAY"]
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(autouse=True)
def _display_for_ui_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    if not request.node.get_closest_marker("ui"):
        yield
        return
    request.getfixturevalue("display")
    # A Tk interpreter freed by a worker thread aborts the process ("Tcl_AsyncDelete: async
    # handler deleted by the wrong thread"), and the windows of earlier tests become garbage late
    # (pytest holds a test's arguments, and a failed test's frames, past its teardown). So they
    # are collected here, on the Tk thread, and no automatic collection runs during the test
    # (one started by an analysis thread would free them there).
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture
def data_dir() -> Path:
    """This test's notes folder (tests/conftest.py gives every test its own)."""
    return Path(os.environ["COMPANION_DATA_DIR"])


class CallbackErrors:
    """Exceptions raised in Tk callbacks during one test (see `fail_on_tk_callback_errors`)."""

    def __init__(self) -> None:
        self.raised: list[BaseException] = []
        self.expected: list[type[BaseException]] = []

    def expect(self, kind: type[BaseException]) -> None:
        """A test that makes a callback raise on purpose says so; each one is then allowed once."""
        self.expected.append(kind)

    def record(self, exc: BaseException) -> None:
        for kind in self.expected:
            if isinstance(exc, kind):
                self.expected.remove(kind)
                return
        self.raised.append(exc)


@pytest.fixture(autouse=True)
def callback_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[CallbackErrors]:
    """Fail the test when a Tk callback raised: the App's own handler (after its line in the
    status bar) ends in `app.callback_failed`, and any other root in Tk's
    `report_callback_exception`; both are replaced here by a recorder. Logging plays no part.
    As in Porcupine's conftest; the check runs at teardown."""
    import companion.ui.shell.app as shell_app
    errors = CallbackErrors()
    errors.original = shell_app.callback_failed
    monkeypatch.setattr("companion.ui.shell.app.callback_failed", lambda t, exc, tb: errors.record(exc))
    monkeypatch.setattr(tkinter.Tk, "report_callback_exception", lambda self, t, exc, tb: errors.record(exc))
    yield errors
    if errors.raised:
        pytest.fail("a Tk callback raised: " + "; ".join(f"{type(e).__name__}: {e}" for e in errors.raised),
                    pytrace=False)


@pytest.fixture(autouse=True)
def fail_on_error_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test when something was logged at ERROR (a test that expects one asks for caplog)."""
    problems: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda r: problems.append(f"{r.getMessage()} {r.exc_info and r.exc_info[1]!r}")
    watch = "caplog" not in request.fixturenames
    if watch:
        logging.getLogger().addHandler(handler)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(handler)
    if problems:
        pytest.fail("logged at ERROR: " + "; ".join(problems), pytrace=False)


def _wait_until(root: tkinter.Misc, condition: Callable[[], bool], timeout: float = 20.0,
                what: str = "condition") -> None:
    """Pump Tk events until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        root.update()
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def wait_until():
    """wait_until(root, condition, timeout=20, what="…"): pump update() until condition() holds."""
    return _wait_until


@pytest.fixture
def pump():
    """pump(root, seconds=0.1): let Tk run its events for a while."""
    def pump(root: tkinter.Misc, seconds: float = 0.1) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            root.update()
            time.sleep(0.01)
    return pump


@pytest.fixture(scope="session")
def real_analyzer():
    """The real analysis (the window's default), with the spaCy model loaded once per session."""
    from companion.service import ReaderAnalysis
    return ReaderAnalysis()


@pytest.fixture
def seed() -> Path:
    return DEFAULT_ARTICLE


@pytest.fixture
def make_app(display: str, real_analyzer) -> Iterator[Callable[..., "App"]]:
    """Create Apps (real analysis unless `analyzer=` is given); all are destroyed after the test."""
    from companion.ui.shell.app import App
    apps: list[App] = []

    def make(path=None, **kwargs) -> App:
        kwargs.setdefault("analyzer", real_analyzer)
        app = App(path, **kwargs)
        apps.append(app)
        app.root.update()
        return app

    yield make
    for app in apps:
        app.destroy()
    # Free the dead widgets here, on the Tk thread, not whenever the collector next runs.
    gc.collect()


@pytest.fixture
def analysed():
    """analysed(app): wait for the app's analysis and return it; fails with the status if it failed."""
    def analysed(app, timeout: float = 60.0):
        _wait_until(app.root, lambda: app.analysis is not None or not app.busy, timeout, "the analysis")
        assert app.analysis is not None, f"the analysis failed: {app.status.message}"
        return app.analysis
    return analysed


@pytest.fixture
def settled(wait_until):
    """settled(app): wait for the re-analysis a correction started; returns the new analysis."""
    def settled(app):
        wait_until(app.root, lambda: not app.busy, what="the re-analysis")
        assert app.analysis is not None, app.status.message
        return app.analysis
    return settled
