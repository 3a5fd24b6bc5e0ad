"""Screenshots of the real window, for a person to look at.

    python tests/ui/take_screenshots.py [--out assets/screenshots] [--article PATH]
                                        [--only main,main-dark,...] [--colors 256]

Starts its own Xvfb (unless --display is given), opens the article with the real analysis,
waits for the highlights, and saves the window (menu bar included) with ImageMagick's `import`:
  main.png         the article with its highlights, People tab (light theme)
  main-dark.png    the same in the dark theme
  find-dark.png    the find bar (Ctrl+F) with its matches, dark theme
  find.png         the same in the light theme, with the Glossary tab
  shortcuts.png    Help ▸ Keyboard shortcuts
  about.png        Help ▸ About
  view-menu.png    the View menu (theme, text size, column, line spacing)
  people.png       the most mentioned person chosen in the People tab (its mention flashes)
  hover.png        the pointer over a highlighted name
  note-dialog.png  the note dialog on a selected passage
  note.png         the note saved, Notes tab
  glossary.png     the Glossary tab
  glossary-term.png      CUSMA chosen in the Glossary tab (its mention flashes)
  hover-glossary.png     the pointer over a glossary term
  glossary-search.png    the Glossary tab filtered by "trade"
  menu.png               the right-click menu on a highlighted name
  merge-dialog.png       the question a merge asks
  glossary-dialog.png    the dialog adding a selected word to the reader's glossary
  corrections.png        two corrections made, and their list
  start.png              the start page (no article), with recent articles
  open-url.png           File ▸ Open URL…
  web-article.png        a web page (served on 127.0.0.1) with its title, byline, date and site
  notes-detached.png, notes-filter.png, all-notes.png   see notes_screenshots.py
User data and settings go to a temporary folder, so your own notes are never touched.
`--colors 256` reduces each PNG to 256 colours (PNG8, about 40 % of the size) for the README.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import SCREEN, start_xvfb  # noqa: E402  (the same Xvfb starter as the tests)


def pump(root, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.02)


def wait_for(root, condition, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the window")
        root.update()
        time.sleep(0.02)


WANTED: set[str] = set()   # --only: the names to save (empty: all)
COLORS = 0                 # --colors


def shoot(root, path: Path, settle: float = 0.4) -> None:
    """Save the main window's area of the screen (its dialogs and menus on top of it included)."""
    pump(root, settle)  # also when not saved: the script's steps stay the same
    if WANTED and path.stem not in WANTED:
        return
    # The window sits at +0+0 with no window manager: its menu bar is above the client area.
    width, height = root.winfo_width(), root.winfo_rooty() + root.winfo_height()
    command = ["import", "-window", "root", "-crop", f"{width}x{height}+0+0", "+repage"]
    if COLORS:  # no dithering: its noise would make the file larger, not smaller
        command += ["-dither", "None", "-colors", str(COLORS)]
    subprocess.run(command + [f"{'png8' if COLORS and COLORS <= 256 else 'png'}:{path}"], check=True)
    print(f"saved {path} ({path.stat().st_size // 1024} KB)")


def take(out: Path, article: str | None) -> None:
    from companion.resources import DEFAULT_ARTICLE
    from companion.ui.shell.app import App

    app = App(article or DEFAULT_ARTICLE)
    root = app.root
    root.geometry("1280x800+0+0")
    wait_for(root, lambda: app.analysis is not None or not app.busy)
    if app.analysis is None:
        print(f"analysis failed: {app.status.message}", file=sys.stderr)
    app.panel.show_tab("people")
    shoot(root, out / "main.png")
    dark_and_find(app, out)
    people = [e for e in (app.analysis.entities if app.analysis else []) if e.label == "PERSON"]
    if people:
        app.panel.people.choose(max(people, key=lambda e: len(e.mentions)).name)
        shoot(root, out / "people.png")

    text, document = app.reader.text, app.document
    if app.analysis and app.analysis.mentions:
        mention = app.analysis.mentions[0]
        index = app.reader.index(mention.start)
        text.see(index)
        pump(root, 0.2)
        x, y, _, height = text.bbox(index)
        text.event_generate("<Motion>", x=x + 3, y=y + height // 2,
                            rootx=text.winfo_rootx() + x + 3, rooty=text.winfo_rooty() + y + height // 2)
        shoot(root, out / "hover.png")
        text.event_generate("<Leave>")

    # A note on the second paragraph's first sentence, added through the dialog.
    paragraphs = document.text.split("\n")
    start = len(paragraphs[0]) + 1 if len(paragraphs) > 1 else 0
    end = document.text.find(" ", start + 60)
    text.tag_add("sel", app.reader.index(start), app.reader.index(end))
    dialog = app.notes.request_note()
    if dialog is not None:
        dialog.text.insert("1.0", "Why was the election framed around the tariffs? Check the polling.")
        shoot(root, out / "note-dialog.png")
        dialog.save_button.invoke()
    text.tag_remove("sel", "1.0", "end")
    app.panel.show_tab("notes")
    shoot(root, out / "note.png", settle=1.4)  # after the flash: the note's own mark
    app.panel.show_tab("glossary")
    shoot(root, out / "glossary.png")
    glossary = app.panel.glossary
    if "CUSMA" in glossary.terms():
        glossary.choose("CUSMA")
        shoot(root, out / "glossary-term.png", settle=0.2)
        hover(app, document.text.index("CUSMA"))
        shoot(root, out / "hover-glossary.png")
        text.event_generate("<Leave>")
    glossary.set_query("trade")
    shoot(root, out / "glossary-search.png")
    glossary.set_query("")

    # The right-click menu on a highlighted name, then the merge question.
    if app.analysis and app.analysis.mentions:
        app.panel.show_tab("people")
        mention = app.analysis.mentions[0]
        x, y = hover(app, mention.start)
        text.event_generate("<Button-3>", x=x, y=y, rootx=text.winfo_rootx() + x,
                            rooty=text.winfo_rooty() + y)
        shoot(root, out / "menu.png")
        app.notes.menu.unpost()
        root.update()
        dialog = app.corrections.request("merge", mention.entity)
        if dialog is not None:
            shoot(root, out / "merge-dialog.png")
            dialog.cancel()
    start = document.text.find("CUSMA")
    if start >= 0:
        text.tag_add("sel", app.reader.index(start), app.reader.index(start + 5))
        dialog = app.glossary.new_entry_from_selection()
        if dialog is not None:
            dialog.fill(definition="The trade pact that replaced NAFTA.")
            shoot(root, out / "glossary-dialog.png")
            dialog.cancel()
    text.tag_remove("sel", "1.0", "end")

    # Two corrections, then their list.
    people = [e for e in (app.analysis.entities if app.analysis else []) if e.mentions]
    if len(people) >= 2:
        app.panel.show_tab("people")
        app.corrections.request("relabel", people[0].name)
        wait_for(root, lambda: not app.busy)
        app.corrections.request("hide", people[-1].name)
        wait_for(root, lambda: not app.busy)
        dialog = app.corrections.show_list()
        shoot(root, out / "corrections.png")
        dialog.close()
    from notes_screenshots import notes_views
    notes_views(app, out, shoot, wait_for)
    app.destroy()


def dark_and_find(app, out: Path) -> None:
    """The dark theme, the find bar in both themes, the help windows; back to light after."""
    root = app.root
    app.appearance.set_theme("dark")
    app.status.show_message("Ready. Hover a highlighted name to see who it is; right-click it to correct it.")
    shoot(root, out / "main-dark.png")
    app.panel.show_tab("glossary")
    app.reader.find_bar.find_selection()
    app.reader.find_bar.set_query("Canada")
    app.reader.find_bar.step(True)
    shoot(root, out / "find-dark.png")
    app.appearance.set_theme("light")
    shoot(root, out / "find.png")
    app.reader.find_bar.close()
    app.reader.clear_selection()  # the last match stays selected after Esc, as in a browser
    app.reader.text.yview_moveto(0)
    window = app.show_shortcuts()
    shoot(root, out / "shortcuts.png")
    window.close()
    window = app.show_about()
    shoot(root, out / "about.png")
    window.close()
    view = root.nametowidget(app.menubar.entrycget(2, "menu"))
    x = root.winfo_rootx() + 110
    view.post(x, root.winfo_rooty())
    shoot(root, out / "view-menu.png")
    view.unpost()
    app.panel.show_tab("people")
    root.update()


WEB_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title} | The Daily Paper</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2025-05-06">
<meta property="og:site_name" content="The Daily Paper"></head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1><p class="byline">By Jane Doe</p>{body}</article>
<footer>Copyright 2025</footer></body></html>"""


def ways_in(out: Path) -> None:
    """The start page, the Open URL dialog and a web page (from a server on 127.0.0.1)."""
    import gc
    gc.collect()  # the last window, here: freed by the analysis thread, Tk would abort
    from companion.resources import DEFAULT_ARTICLE
    from companion.store.settings import Settings, save_settings
    from companion.ui.shell.app import App
    sys.path.insert(0, str(ROOT / "tests"))
    from local_http import local_server

    lines = [line for line in DEFAULT_ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    page = WEB_PAGE.format(title="Carney and Trump meet at the White House",
                           body="".join(f"<p>{line}</p>" for line in lines[1:]))
    save_settings(Settings(recent=(str(DEFAULT_ARTICLE), str(Path.home() / "news" / "budget-day.txt"),
                                   str(Path.home() / "news" / "tariffs-explained.html"))))
    app = App(None)
    root = app.root
    root.geometry("1280x800+0+0")
    shoot(root, out / "start.png", settle=0.8)
    with local_server({"/2025/05/06/carney-trump": (200, "text/html; charset=utf-8", page.encode())}) as base:
        address = f"{base}/2025/05/06/carney-trump"
        dialog = app.opener.ask_url()
        dialog.entry.delete(0, "end")
        dialog.entry.insert(0, address)
        shoot(root, out / "open-url.png")
        dialog.open_button.invoke()
        wait_for(root, lambda: app.document is not None)
        wait_for(root, lambda: app.analysis is not None or not app.busy)
    app.panel.show_tab("people")
    shoot(root, out / "web-article.png")
    app.destroy()


def hover(app, offset: int) -> tuple[int, int]:
    """Move the pointer over the character at `offset`; its (x, y) in the text."""
    text, root = app.reader.text, app.root
    index = app.reader.index(offset)
    text.see(index)
    pump(root, 0.2)
    x, y, _, height = text.bbox(index)
    x, y = x + 3, y + height // 2
    text.event_generate("<Motion>", x=x, y=y, rootx=text.winfo_rootx() + x, rooty=text.winfo_rooty() + y)
    return x, y


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "screenshots")
    parser.add_argument("--article", default=None, help="the article to open (default: the sample)")
    parser.add_argument("--display", default=None, help="use this X display instead of a new Xvfb")
    parser.add_argument("--only", default="", help="comma-separated names to save (default: all)")
    parser.add_argument("--colors", type=int, default=0, help="reduce each PNG to this many colours")
    args = parser.parse_args()
    global COLORS
    WANTED.update(name.strip().removesuffix(".png") for name in args.only.split(",") if name.strip())
    COLORS = args.colors
    args.out.mkdir(parents=True, exist_ok=True)
    xvfb = None
    if args.display:
        os.environ["DISPLAY"] = args.display
    else:
        xvfb, os.environ["DISPLAY"] = start_xvfb(SCREEN)
    try:
        with tempfile.TemporaryDirectory() as data:
            os.environ["COMPANION_DATA_DIR"] = data
            take(args.out, args.article)
            ways_in(args.out)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
