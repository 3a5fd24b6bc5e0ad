"""Big articles: highlights chunk by chunk while the analysis runs, percent, Cancel, and a job
whose article was replaced never shows its results."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from companion.core.analysis import Analysis, Entity, Mention
from companion.ui.shell.worker import Finished, Partial

pytestmark = pytest.mark.ui

PERSON, ORG = "ent-PERSON", "ent-ORG"
PARAGRAPH = "Ada Lovelace met Charles Babbage in London to talk about engines and numbers.\n"


def mention(document, name: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(name, start + 1)
    return Mention(start, start + len(name), name, label, name)


def tagged(app, tag: str) -> list[str]:
    ranges = app.reader.text.tag_ranges(tag)
    return [app.reader.text.get(a, b) for a, b in zip(ranges[::2], ranges[1::2])]


class Stepped:
    """A fake analysis in four chunks, each sent as preliminary mentions, one step per `step()`.

    Chunk k's "Ada Lovelace" is a PERSON while it runs; the final analysis calls every one an ORG,
    so the test can tell preliminary highlights from final ones.
    """

    def __init__(self) -> None:
        self.steps = threading.Semaphore(0)
        self.cancelled_seen = threading.Event()

    def step(self) -> None:
        self.steps.release()

    def __call__(self, document, *, progress, cancelled, partial=None):
        total = 4
        progress(0, total)
        for k in range(total):
            while not self.steps.acquire(timeout=0.01):
                if cancelled():
                    self.cancelled_seen.set()
                    raise InterruptedError("cancelled")
            partial([mention(document, "Ada Lovelace", "PERSON", k)])
            progress(k + 1, total)
        mentions = [mention(document, "Ada Lovelace", "ORG", k) for k in range(total)]
        return Analysis(document, mentions, [Entity("Ada Lovelace", "ORG", mentions=mentions)], [],
                        model="stepped")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "engines.txt"
    path.write_text(PARAGRAPH * 4, encoding="utf-8")
    return path


def test_highlights_come_chunk_by_chunk_then_the_final_ones_replace_them(make_app, article, wait_until):
    analyzer = Stepped()
    app = make_app(article, analyzer=analyzer)
    wait_until(app.root, lambda: app.status.busy, what="the analysis to start")
    assert tagged(app, PERSON) == []

    analyzer.step()
    wait_until(app.root, lambda: len(tagged(app, PERSON)) == 1, what="the first chunk's highlights")
    assert app.analysis is None  # still running: these are the preliminary ones
    assert float(app.status.progress.cget("value")) == 25
    assert app.status.message == "Analysing… 25%"

    analyzer.step()
    wait_until(app.root, lambda: len(tagged(app, PERSON)) == 2, what="the second chunk's highlights")
    first = app.document.text.index("Ada Lovelace")
    assert app.reader.mention_at(first + 1).label == "PERSON"  # the hover knows them too
    assert app.status.message == "Analysing… 50%"

    analyzer.step()
    analyzer.step()
    wait_until(app.root, lambda: app.analysis is not None, what="the final analysis")
    assert tagged(app, PERSON) == []  # replaced, not added to
    assert tagged(app, ORG) == ["Ada Lovelace"] * 4
    assert not app.status.busy


def test_cancel_stops_the_analysis_and_drops_the_preliminary_highlights(make_app, article, wait_until, pump):
    analyzer = Stepped()
    app = make_app(article, analyzer=analyzer)
    analyzer.step()
    wait_until(app.root, lambda: tagged(app, PERSON), what="the first chunk's highlights")
    assert app.status.cancel_button.winfo_ismapped()
    app.status.cancel_button.invoke()
    assert analyzer.cancelled_seen.wait(5)
    assert not app.status.busy and not app.busy
    assert "cancelled" in app.status.message
    assert tagged(app, PERSON) == [] and tagged(app, ORG) == []
    analyzer.step()  # nothing of the cancelled job arrives any more
    pump(app.root, 0.2)
    assert app.analysis is None and tagged(app, PERSON) == []
    assert app.reader.text.get("1.0", "end-1c") == app.document.text


class Stubborn:
    """Ignores `cancelled()`: the first article's analysis finishes (with preliminary mentions)
    only when released, after a second article was opened; any other article's at once."""

    def __init__(self, first_title: str) -> None:
        self.first_title = first_title
        self.release = threading.Event()
        self.finished_first = threading.Event()

    def __call__(self, document, *, progress, cancelled, partial=None):
        if document.title == self.first_title:
            progress(0, 1)
            self.release.wait(10)
            found = [mention(document, "Ada Lovelace", "PERSON")]
            partial(found)
            progress(1, 1)
            self.finished_first.set()
            return Analysis(document, found, [Entity("Ada Lovelace", "PERSON", mentions=found)], [],
                            model="first")
        found = [mention(document, "Ottawa", "ORG")]
        return Analysis(document, found, [Entity("Ottawa", "ORG", mentions=found)], [], model="second")


def test_opening_another_article_while_analysing_never_shows_the_first_ones_results(
        make_app, article, tmp_path, wait_until, pump, analysed):
    analyzer = Stubborn(first_title="engines")
    app = make_app(article, analyzer=analyzer)
    wait_until(app.root, lambda: app.worker.running, what="the first analysis")
    other = tmp_path / "other.txt"
    other.write_text("News from Ottawa, and Ada Lovelace again.\n", encoding="utf-8")
    assert app.open_path(other)
    analysed(app)
    assert app.analysis.model == "second"

    analyzer.release.set()  # the first job ends now, with a preliminary highlight and a result
    assert analyzer.finished_first.wait(5)
    pump(app.root, 0.3)
    assert app.document.path == str(other) and app.analysis.model == "second"
    assert tagged(app, PERSON) == []
    assert tagged(app, ORG) == ["Ottawa"]
    assert app.panel.people.names() == ["Ottawa"]


def test_the_real_analysis_sends_chunks_before_it_finishes(make_app, tmp_path, seed, real_analyzer,
                                                            monkeypatch, wait_until):
    import companion.core.nlp as nlp
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 20_000)
    article = tmp_path / "big.txt"
    # ~200 KB, unique so that the mention cache (shared by the session's analyzer) misses.
    body = seed.read_text(encoding="utf-8")
    text = f"Big file {uuid.uuid4().hex}\n\n" + body * (200_000 // len(body) + 1)
    article.write_text(text, encoding="utf-8")
    assert len(text) > 190_000

    app = make_app(article, analyzer=real_analyzer)
    seen: list[str] = []
    drain = app.worker.drain

    def watching_drain():
        messages = drain()
        seen.extend(type(m).__name__ for m in messages if isinstance(m, (Partial, Finished)))
        return messages

    monkeypatch.setattr(app.worker, "drain", watching_drain)
    highlighted_before_the_end: list[int] = []
    add = app.reader.add_mentions

    def watching_add(mentions):
        add(mentions)
        if app.analysis is None:
            highlighted_before_the_end.append(len(app.reader.text.tag_ranges(PERSON)))

    monkeypatch.setattr(app.reader, "add_mentions", watching_add)
    began = time.monotonic()
    wait_until(app.root, lambda: app.analysis is not None or not app.busy, timeout=120, what="the analysis")
    assert app.analysis is not None, app.status.message
    assert "Finished" in seen and seen.index("Partial") < seen.index("Finished")
    assert seen.count("Partial") >= 3
    assert highlighted_before_the_end and max(highlighted_before_the_end) > 0
    assert tagged(app, PERSON)  # the final highlights
    print(f"200 KB analysed in {time.monotonic() - began:.1f}s with {seen.count('Partial')} partials")
