"""The mention cache: used when it can be, equal to an uncached analysis, rebuilt when damaged."""

import pytest
import spacy

import companion.core.pipeline as pipeline
from companion.core.document import document_from_text
from companion.core.pipeline import Analyzer
from companion.store.cache import MentionCache

TEXT = "Prime Minister Mark Carney met Donald Trump. Carney and Trump spoke about CUSMA."


@pytest.fixture()
def nlp():
    """A real, fast, predictable pipeline: spaCy's blank English plus an entity ruler."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Mark Carney"},
                        {"label": "PERSON", "pattern": "Donald Trump"},
                        {"label": "GPE", "pattern": "Carney"}, {"label": "ORG", "pattern": "Trump"}])
    return nlp


@pytest.fixture()
def counted(monkeypatch):
    calls = []
    real = pipeline.run_ner

    def run_ner(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "run_ner", run_ner)
    return calls


def test_second_opening_uses_the_cache_and_equals_the_uncached_result(nlp, counted, tmp_path):
    doc = document_from_text(TEXT)
    cache = MentionCache(tmp_path / "cache")
    first = Analyzer(nlp, cache)(doc)
    again = Analyzer(nlp, cache)(doc)
    uncached = Analyzer(nlp)(doc)
    assert len(counted) == 2  # the cached run did not call the model
    assert again.mentions == first.mentions == uncached.mentions
    assert [(m.text, m.label, m.entity) for m in again.mentions if m.text == "Carney"] == [
        ("Carney", "PERSON", "Mark Carney")]


def test_another_text_is_another_entry(nlp, counted, tmp_path):
    cache = MentionCache(tmp_path / "cache")
    Analyzer(nlp, cache)(document_from_text(TEXT))
    Analyzer(nlp, cache)(document_from_text(TEXT + " More."))
    assert len(counted) == 2


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "other", "mentions": []}',
                                    b'{"key": "%s", "mentions": [["a"]]}'])
def test_a_damaged_entry_is_rebuilt(nlp, counted, tmp_path, damage):
    doc = document_from_text(TEXT)
    cache = MentionCache(tmp_path / "cache")
    first = Analyzer(nlp, cache)(doc)
    (entry,) = (tmp_path / "cache").glob("*.json")
    entry.write_bytes(damage.replace(b"%s", entry.stem.encode()))
    rebuilt = Analyzer(nlp, cache)(doc)
    assert len(counted) == 2 and rebuilt.mentions == first.mentions
    assert Analyzer(nlp, cache)(doc).mentions == first.mentions and len(counted) == 2


def test_cancel_stops_the_analysis(nlp, tmp_path):
    with pytest.raises(InterruptedError):
        Analyzer(nlp, MentionCache(tmp_path))(document_from_text(TEXT), cancelled=lambda: True)
    assert not list(tmp_path.glob("*.json"))  # nothing half-done was cached


def test_preliminary_mentions_arrive_chunk_by_chunk(nlp, monkeypatch):
    import companion.core.nlp as nlp_module
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 200)
    text = "\n".join(["Mark Carney met Donald Trump. " * 3] * 6)
    batches = []
    final = Analyzer(nlp)(document_from_text(text), partial=batches.append)
    assert len(batches) >= 3
    seen = [(m.start, m.end) for batch in batches for m in batch]
    assert all(text[s:e] in ("Mark Carney", "Donald Trump") for s, e in seen)
    assert set(seen) <= {(m.start, m.end) for m in final.mentions}


@pytest.mark.parametrize("damage", [
    b"[" * 100_000 + b"]" * 100_000, b'{"key": "K", "mentions": [[-5, 3, "PERSON"]]}',
    b'{"key": "K", "mentions": [[5, 3, "PERSON"]]}', b'{"key": "K", "mentions": [[1, 1e400, "ORG"]]}',
    b'{"key": "K", "mentions": [[1, 3, "PERSON", 4]]}', b'{"key": "K", "mentions": [[true, 3, "ORG"]]}',
    b'{"key": "K", "mentions": [[0, 2, ""]]}', b'{"key": "K", "mentions": [[0, 9223372036854775808, "ORG"]]}',
    b'{"key": "K", "mentions": "abc"}', b"\xff\xfe not utf-8"])
def test_a_hostile_entry_is_removed_never_raised(tmp_path, damage):
    from companion.store.cache import MentionCache
    cache = MentionCache(tmp_path / "cache")
    cache.folder.mkdir()
    (cache.folder / "K.json").write_bytes(damage)
    assert cache.get("K") is None and not (cache.folder / "K.json").exists()


def test_a_fifo_entry_does_not_block(tmp_path):
    import os
    import threading
    from companion.store.cache import MentionCache
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    cache = MentionCache(tmp_path / "cache")
    cache.folder.mkdir()
    os.mkfifo(cache.folder / "K.json")
    got: list = []
    worker = threading.Thread(target=lambda: got.append(cache.get("K")), daemon=True)
    worker.start()
    worker.join(20)
    assert got == [None]
