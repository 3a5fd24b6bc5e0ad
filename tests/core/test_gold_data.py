"""The gold data and the measuring tools in tests/data (no spaCy needed)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
GOLD = DATA / "gold"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_8d5592569a17af2b.txt"
if str(DATA) not in sys.path:
    sys.path.insert(0, str(DATA))

import goldlib  # noqa: E402
from goldlib import (LABELS, Counts, MarkupError, Span, classify_errors, normalise,  # noqa: E402
                     parse_markup, read_conll, score, strip_markup, to_markup)

GOLD_FILES = sorted(GOLD.glob("*.gold.txt"))


def _spans(text: str, *items: tuple[str, str, int]) -> list[Span]:
    """Spans from (surface, label, occurrence) — occurrence counts from 0."""
    out = []
    for surface, label, n in items:
        start = -1
        for _ in range(n + 1):
            start = text.index(surface, start + 1)
        out.append(Span(start, start + len(surface), label, surface))
    return out


# --- markup --------------------------------------------------------------------------------------

def test_seed_gold_strips_to_the_seed_article_exactly():
    marked = (GOLD / "seed.gold.txt").read_text(encoding="utf-8")
    assert strip_markup(marked) == SEED.read_text(encoding="utf-8")


def test_parse_markup_gives_offsets_into_the_plain_text():
    text, spans = parse_markup("Prime Minister [[Mark Carney|PERSON]] met [[CBC News|ORG]]’s editor.")
    assert text == "Prime Minister Mark Carney met CBC News’s editor."
    assert [(s.start, s.end, s.label) for s in spans] == [(15, 26, "PERSON"), (31, 39, "ORG")]
    assert [text[s.start:s.end] for s in spans] == ["Mark Carney", "CBC News"]
    assert to_markup(text, spans) == "Prime Minister [[Mark Carney|PERSON]] met [[CBC News|ORG]]’s editor."


@pytest.mark.parametrize("broken", ["[[Carney|PERSON] said", "Carney|PERSON]] said",
                                    "[[Carney said", "a [[|ORG]] b", "[[A [[B|ORG]]|ORG]]"])
def test_broken_markup_is_refused(broken):
    with pytest.raises(MarkupError):
        parse_markup(broken)


def test_there_are_the_seed_and_at_least_eight_more_articles():
    names = {p.name for p in GOLD_FILES}
    assert "seed.gold.txt" in names
    assert len(names) >= 9


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_well_formed(path):
    marked = path.read_text(encoding="utf-8")
    text, spans = parse_markup(marked)
    assert spans, "no mentions marked"
    assert {s.label for s in spans} <= set(LABELS), {s.label for s in spans} - set(LABELS)
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip(), f"span {s.text!r} starts or ends with whitespace"
        assert "\n" not in s.text, f"span {s.text!r} crosses a line"
        assert not re.match(r"the\s", s.text, re.I), f"span {s.text!r} includes a leading 'the'"
        assert not s.text.lower().endswith(("'s", "’s", "'", "’")), \
            f"span {s.text!r} includes a trailing possessive"
        assert normalise(text, s.start, s.end) == (s.start, s.end)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    # a government named after its leader is not a person mention (guidelines)
    assert not re.search(r"\|PERSON\]\] (administration|government)", marked)
    if path.name != "seed.gold.txt":
        words = len(text.split())
        # Composed articles run 250–550 words; real press releases are what they are (≥ 100).
        assert 100 <= words <= 550, f"{words} words"


def test_seed_marks_every_occurrence_of_its_people():
    text, spans = parse_markup((GOLD / "seed.gold.txt").read_text(encoding="utf-8"))
    person = {(s.start, s.end) for s in spans if s.label == "PERSON"}
    covered = lambda i, n: any(a <= i and i + n <= b for a, b in person)  # noqa: E731
    for name in ("Carney", "Trump", "Dawson", "LeBlanc", "Joly", "McGuinty", "Lutnick", "Rubio",
                 "Herman", "Trudeau", "Zelenskyy", "Vance", "Laing", "Eissenstat"):
        hits = [m.start() for m in re.finditer(rf"\b{name}\b", text)]
        assert hits, name
        assert all(covered(i, len(name)) for i in hits), name
    labels = {s.text: s.label for s in spans}
    assert labels["CBP"] == labels["Future Borders Coalition"] == labels["National Economic Council"] == "ORG"
    assert "CUSMA" not in labels and "Oval Office" not in labels and "Meet the Press" not in labels
    assert sum(1 for s in spans if s.text == "Trump") == 16
    assert sum(1 for s in spans if s.text == "Carney") == 15


# --- normalisation and scoring ---------------------------------------------------------------

@pytest.mark.parametrize("surface, expected", [
    ("the White House", "White House"),
    ("The Lakers", "Lakers"),
    ("THE LAKERS", "LAKERS"),
    ("Carney’s", "Carney"),
    ("Carney's", "Carney"),
    ("MUSK'S", "MUSK"),
    ("the Williams'", "Williams"),
    ("Theresa May", "Theresa May"),
    ("The", "The"),
    ("Thessaly", "Thessaly"),
    (" Rubio ", "Rubio"),
])
def test_normalise_drops_the_and_possessives(surface, expected):
    text = f"x {surface} y"
    start, end = normalise(text, 2, 2 + len(surface))
    assert text[start:end] == expected


def test_scorer_on_a_hand_example():
    text = "The Lakers beat Trump’s team. Carney met the CBC in Ottawa."
    gold = _spans(text, ("Lakers", "ORG", 0), ("Trump", "PERSON", 0), ("Carney", "PERSON", 0),
                  ("CBC", "ORG", 0))
    predicted = _spans(text, ("The Lakers", "ORG", 0),        # right after dropping "The "
                       ("Trump’s", "PERSON", 0),              # right after dropping "’s"
                       ("Carney", "ORG", 0),                  # wrong type: FP ORG + FN PERSON
                       ("the CBC", "ORG", 0),                 # right
                       ("Lakers beat", "PERSON", 0),          # spurious
                       ("Ottawa", "GPE", 0))                  # not scored
    s = score(text, gold, predicted)
    per, org = s.by_label["PERSON"], s.by_label["ORG"]
    assert (per.tp, per.fp, per.fn) == (1, 1, 1)
    assert (org.tp, org.fp, org.fn) == (2, 1, 0)
    assert per.precision == pytest.approx(0.5) and per.recall == pytest.approx(0.5)
    assert per.f1 == pytest.approx(0.5)
    assert org.precision == pytest.approx(2 / 3) and org.recall == pytest.approx(1.0)
    assert org.f1 == pytest.approx(0.8)
    micro = s.micro
    assert (micro.tp, micro.fp, micro.fn) == (3, 2, 1)
    assert micro.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert [x.text for x in s.false_negatives] == ["Carney"]
    assert sorted(x.text for x in s.false_positives) == ["Carney", "Lakers beat"]

    errors = {(e.kind, e.span.text): e.category for e in classify_errors(s, gold, predicted, text)}
    assert errors == {("FN", "Carney"): "type: predicted ORG", ("FP", "Carney"): "type: gold PERSON",
                      ("FP", "Lakers beat"): "type+boundary: gold ORG"}


def test_scorer_perfect_and_empty():
    text = "Serena Williams beat Venus Williams."
    gold = _spans(text, ("Serena Williams", "PERSON", 0), ("Venus Williams", "PERSON", 0))
    assert score(text, gold, gold).by_label["PERSON"].f1 == 1.0
    nothing = score(text, gold, [])
    assert nothing.by_label["PERSON"].recall == 0.0 and nothing.by_label["PERSON"].f1 == 0.0
    assert nothing.by_label["ORG"].empty and Counts().f1 == 0.0
    boundary = score(text, gold, _spans(text, ("Williams", "PERSON", 0)))
    assert boundary.by_label["PERSON"].tp == 0
    cats = {e.category for e in classify_errors(boundary, gold, _spans(text, ("Williams", "PERSON", 0)), text,
                                                hints=[])}
    assert cats == {"boundary", "missed"}


def test_missed_mentions_say_what_spacy_called_them():
    text = "Carney spoke."
    gold = _spans(text, ("Carney", "PERSON", 0))
    s = score(text, gold, [])
    [e] = classify_errors(s, gold, [], text, hints=_spans(text, ("Carney", "GPE", 0)))
    assert (e.kind, e.category) == ("FN", "missed: spaCy said GPE")


# --- CoNLL -----------------------------------------------------------------------------------

CONLL = """-DOCSTART- O

The I-ORG
U.S. I-ORG
Army I-ORG
's O
chief O
, O
John I-PER
Smith I-PER
( O
born O
1950 O
) O
, O
said O
it O
is O
n't O
100 O
% O
done O
. O

He O
paid O
$ O
5 O
to O
U.S. I-LOC
's O
Ann I-PER
Lee I-PER
. O

-DOCSTART- O

Acme I-ORG
Corp I-ORG
Bob I-PER
Ray I-PER
Al B-PER
Jo I-PER
"""


def test_conll_reader_rebuilds_running_text_and_spans():
    docs = read_conll(CONLL.splitlines(keepends=True))
    assert len(docs) == 2
    first = docs[0]
    assert first.text == ("The U.S. Army's chief, John Smith (born 1950), said it isn't 100% done.\n"
                          "He paid $5 to U.S.'s Ann Lee.")
    assert [(s.text, s.label) for s in first.spans] == [
        ("The U.S. Army", "ORG"), ("John Smith", "PERSON"), ("U.S.", "LOC"), ("Ann Lee", "PERSON")]
    for s in first.spans:
        assert first.text[s.start:s.end] == s.text
    tokens = [line.split()[0] for line in CONLL.splitlines()[2:35] if line.strip()]
    assert [first.text[a:b] for a, b in first.tokens] == tokens


def test_conll_reader_splits_mentions_on_tag_change_and_b_tags():
    second = read_conll(CONLL.splitlines())[1]
    assert second.text == "Acme Corp Bob Ray Al Jo"
    assert [(s.text, s.label) for s in second.spans] == [
        ("Acme Corp", "ORG"), ("Bob Ray", "PERSON"), ("Al Jo", "PERSON")]


def test_conll_mentions_do_not_cross_sentences():
    doc = read_conll(["Ann I-PER\n", "\n", "Lee I-PER\n"])[0]
    assert doc.text == "Ann\nLee"
    assert [s.text for s in doc.spans] == ["Ann", "Lee"]


def test_wikigold_scoring_strips_the_on_both_sides():
    doc = read_conll(["The I-ORG\n", "Mad I-ORG\n", "Capsule I-ORG\n", "Markets I-ORG\n", "'s O\n",
                      "album O\n"])[0]
    assert doc.text == "The Mad Capsule Markets's album"
    pred = [Span(4, 23, "ORG")]  # "Mad Capsule Markets"
    assert score(doc.text, doc.spans, pred).by_label["ORG"].tp == 1
    pred = [Span(0, 26, "ORG")]  # "The Mad Capsule Markets's"
    assert score(doc.text, doc.spans, pred).by_label["ORG"].tp == 1


# --- the evaluation command's table ------------------------------------------------------------

def test_table_marks_articles_where_the_app_is_below_raw_spacy(capsys):
    import importlib.util
    spec = importlib.util.spec_from_file_location("companion_gold_evaluate", DATA / "evaluate.py")
    evaluate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)  # imports no spaCy and no app module at load time
    text = "Carney met Trump."
    gold = _spans(text, ("Carney", "PERSON", 0), ("Trump", "PERSON", 0))
    raw = score(text, gold, gold)
    app = score(text, gold, gold[:1])
    evaluate.print_table({"worse": (raw, app, 2), "same": (raw, raw, 2)})
    out = capsys.readouterr().out
    worse = next(line for line in out.splitlines() if line.startswith("worse"))
    same = next(line for line in out.splitlines() if line.startswith("same"))
    assert "app below raw" in worse and "app below raw" not in same
    assert "1.000 0.500 0.667" in worse
