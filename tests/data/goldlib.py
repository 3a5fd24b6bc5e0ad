"""Gold data for measuring entity quality: the inline markup, a reader-like scorer, a CoNLL reader.

No spaCy here: tests import this module directly (tests/data is put on sys.path by them).

Markup: an article's text with `[[Mark Carney|PERSON]]` around each PERSON and ORG mention.
Stripping the markup gives the article's text exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

LABELS = ("PERSON", "ORG")

# [[text|LABEL]]: the text may not contain brackets or a pipe; the label is upper-case letters.
MARKUP_RE = re.compile(r"\[\[([^\[\]|]*)\|([A-Za-z_]*)\]\]")


class MarkupError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    label: str
    text: str = field(default="", compare=False)


# ---------------------------------------------------------------------------------------------
# Markup


def parse_markup(marked: str) -> tuple[str, list[Span]]:
    """(plain text, gold spans) of a marked-up article. Raises MarkupError on broken markup."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0       # in `marked`
    length = 0    # of the plain text so far
    for m in MARKUP_RE.finditer(marked):
        between = marked[pos:m.start()]
        _check_no_stray(between, marked, pos)
        out.append(between)
        length += len(between)
        inner, label = m.group(1), m.group(2)
        if not inner:
            raise MarkupError(f"empty mention at {_where(marked, m.start())}")
        spans.append(Span(length, length + len(inner), label, inner))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    rest = marked[pos:]
    _check_no_stray(rest, marked, pos)
    out.append(rest)
    return "".join(out), spans


def strip_markup(marked: str) -> str:
    return parse_markup(marked)[0]


def to_markup(text: str, spans: Iterable[Span]) -> str:
    """The inverse of parse_markup (spans must not overlap)."""
    parts, pos = [], 0
    for s in sorted(spans):
        if s.start < pos:
            raise MarkupError(f"overlapping spans at {s.start}")
        parts.append(text[pos:s.start])
        parts.append(f"[[{text[s.start:s.end]}|{s.label}]]")
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


def _check_no_stray(chunk: str, marked: str, offset: int) -> None:
    for token in ("[[", "]]"):
        i = chunk.find(token)
        if i != -1:
            raise MarkupError(f"stray {token!r} at {_where(marked, offset + i)}")


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {col}"


def load_gold_dir(gold_dir: str | Path) -> dict[str, tuple[str, list[Span]]]:
    """{name: (text, spans)} for every NAME.gold.txt in `gold_dir`, sorted by name."""
    result = {}
    for path in sorted(Path(gold_dir).glob("*.gold.txt")):
        name = path.name[: -len(".gold.txt")]
        try:
            result[name] = parse_markup(path.read_text(encoding="utf-8"))
        except MarkupError as exc:
            raise MarkupError(f"{path}: {exc}") from None
    return result


# ---------------------------------------------------------------------------------------------
# Reader-like normalisation and scoring

_LEADING_THE = re.compile(r"the\s+", re.I)
_POSSESSIVES = ("'s", "’s", "'", "’")


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of text[start:end] without surrounding spaces, a leading "the " and a trailing
    possessive ("'s", "’s", "'", "’"; any case)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _LEADING_THE.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    tail = text[start:end].lower()
    for suffix in _POSSESSIVES:
        if tail.endswith(suffix) and len(tail) > len(suffix):
            end -= len(suffix)
            break
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalise_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    out = []
    for s in spans:
        start, end = normalise(text, s.start, s.end)
        out.append(Span(start, end, s.label, text[start:end]))
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def empty(self) -> bool:
        return self.tp + self.fp + self.fn == 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Counts per label and the micro total, plus the mismatched spans (normalised)."""
    by_label: dict[str, Counts]
    false_positives: list[Span]
    false_negatives: list[Span]

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.by_label.values():
            total += c
        return total

    def __iadd__(self, other: "Score") -> "Score":
        for label, c in other.by_label.items():
            self.by_label.setdefault(label, Counts())
            self.by_label[label] += c
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        return self


def empty_score(labels: Iterable[str] = LABELS) -> Score:
    return Score({label: Counts() for label in labels}, [], [])


def score(text: str, gold: Iterable[Span], predicted: Iterable[Span],
          labels: Iterable[str] = LABELS) -> Score:
    """Compare like a reader: a predicted mention is right when its span and label equal a gold
    mention's, after normalise() on both sides. Spans with other labels are ignored."""
    labels = tuple(labels)
    g = {(s.start, s.end, s.label): s for s in normalise_spans(text, gold) if s.label in labels}
    p = {(s.start, s.end, s.label): s for s in normalise_spans(text, predicted) if s.label in labels}
    by_label = {label: Counts() for label in labels}
    for key in g.keys() & p.keys():
        by_label[key[2]].tp += 1
    fps = sorted(p[k] for k in p.keys() - g.keys())
    fns = sorted(g[k] for k in g.keys() - p.keys())
    for s in fps:
        by_label[s.label].fp += 1
    for s in fns:
        by_label[s.label].fn += 1
    return Score(by_label, fps, fns)


@dataclass(frozen=True)
class Error:
    kind: str       # "FP" (predicted, not in gold) or "FN" (in gold, not predicted)
    category: str   # short, for counting: "type: predicted ORG", "boundary", "missed: spaCy said GPE", …
    span: Span
    detail: str = ""  # the other side's text, when there is one


def classify_errors(score_: Score, gold: Iterable[Span], predicted: Iterable[Span],
                    text: str, hints: Iterable[Span] = ()) -> list[Error]:
    """One Error per false positive / false negative of `score_`.

    FN categories: "type: predicted ORG" (same span, the other label), "boundary" (a predicted
    span of the same label overlaps), "missed: spaCy said GPE" (`hints`, spaCy's mentions of any
    label, has the span or an overlapping one with a label that is not scored), "missed".
    FP categories: "type: gold PERSON" (same span, another gold label — LOC/MISC too when the
    gold has them), "boundary" (overlaps a gold span of the same label), "type+boundary"
    (overlaps a gold span of another label), "spurious" (overlaps nothing in the gold)."""
    gold_n = normalise_spans(text, gold)
    pred_n = normalise_spans(text, predicted)
    hints_n = [h for h in normalise_spans(text, hints) if h.label not in LABELS]
    out: list[Error] = []

    def overlaps(a: Span, b: Span) -> bool:
        return a.start < b.end and b.start < a.end

    def same(a: Span, b: Span) -> bool:
        return (a.start, a.end) == (b.start, b.end)

    for s in score_.false_negatives:
        retyped = [p for p in pred_n if same(p, s) and p.label != s.label]
        near = [p for p in pred_n if p.label == s.label and overlaps(p, s)]
        hint = sorted((h for h in hints_n if overlaps(h, s)), key=lambda h: not same(h, s))
        if retyped:
            out.append(Error("FN", f"type: predicted {retyped[0].label}", s))
        elif near:
            out.append(Error("FN", "boundary", s, f"predicted {near[0].text!r}"))
        elif hint:
            detail = "" if same(hint[0], s) else f"spaCy: {hint[0].text!r}"
            out.append(Error("FN", f"missed: spaCy said {hint[0].label}", s, detail))
        else:
            out.append(Error("FN", "missed", s))
    for s in score_.false_positives:
        retyped = [g for g in gold_n if same(g, s) and g.label != s.label]
        near = [g for g in gold_n if g.label == s.label and overlaps(g, s)]
        other = [g for g in gold_n if overlaps(g, s)]
        if retyped:
            out.append(Error("FP", f"type: gold {retyped[0].label}", s))
        elif near:
            out.append(Error("FP", "boundary", s, f"gold {near[0].text!r}"))
        elif other:
            out.append(Error("FP", f"type+boundary: gold {other[0].label}", s, f"gold {other[0].text!r}"))
        else:
            out.append(Error("FP", "spurious", s))
    return out


# ---------------------------------------------------------------------------------------------
# CoNLL (wikigold)

CONLL_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'re", "'ve", "'d",
                   "'ll", "'m", "..."}
NO_SPACE_AFTER = {"(", "[", "$"}


@dataclass
class ConllDoc:
    text: str
    spans: list[Span]                     # every tagged mention, labels PERSON, ORG, LOC, MISC
    tokens: list[tuple[int, int]] = field(default_factory=list)  # token offsets into text


def _joins_left(token: str) -> bool:
    return token in NO_SPACE_BEFORE or token.lower() in NO_SPACE_BEFORE


def read_conll(lines: Iterable[str], sentence_sep: str = "\n") -> list[ConllDoc]:
    """Articles of a CoNLL file (`TOKEN TAG` lines, blank line between sentences, `-DOCSTART-`
    between articles; IO or IOB tags). Running text is rebuilt with the spacing rules above;
    sentences are joined with `sentence_sep`."""
    docs: list[ConllDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def end_sentence():
        nonlocal current
        if current:
            sentences.append(current)
            current = []

    def end_doc():
        end_sentence()
        if sentences:
            docs.append(_build_doc(sentences, sentence_sep))
            sentences.clear()

    for raw in lines:
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip():
            end_sentence()
            continue
        token, _, tag = line.strip().rpartition(" ")
        if not token:  # a line with a single field
            token, tag = tag, "O"
        if token == "-DOCSTART-":
            end_doc()
            continue
        current.append((token, tag))
    end_doc()
    return docs


def _build_doc(sentences: list[list[tuple[str, str]]], sentence_sep: str) -> ConllDoc:
    parts: list[str] = []
    length = 0
    offsets: list[tuple[int, int]] = []
    tags: list[str] = []
    glue = False  # the previous token wants no space after it
    for si, sentence in enumerate(sentences):
        for ti, (token, tag) in enumerate(sentence):
            if si or ti:
                if ti == 0:
                    sep = sentence_sep
                elif glue or _joins_left(token):
                    sep = ""
                else:
                    sep = " "
                parts.append(sep)
                length += len(sep)
            offsets.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
            tags.append(tag)
            glue = token in NO_SPACE_AFTER
        # a mention never runs across a sentence boundary
        tags.append("O")
        offsets.append((length, length))
    text = "".join(parts)
    spans: list[Span] = []
    start = end = None
    kind = None
    for (s, e), tag in zip(offsets, tags):
        prefix, _, name = tag.partition("-")
        new = CONLL_LABELS.get(name) if tag != "O" else None
        if kind and (new != kind or prefix == "B"):
            spans.append(Span(start, end, kind, text[start:end]))
            kind = None
        if new and kind is None:
            kind, start = new, s
        if kind:
            end = e
    if kind:
        spans.append(Span(start, end, kind, text[start:end]))
    token_offsets = [o for o, t in zip(offsets, tags) if o[0] != o[1]]
    return ConllDoc(text, spans, token_offsets)


def read_conll_file(path: str | Path, sentence_sep: str = "\n") -> list[ConllDoc]:
    with open(path, encoding="utf-8") as f:
        return read_conll(f, sentence_sep)
