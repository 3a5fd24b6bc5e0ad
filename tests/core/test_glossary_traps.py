"""The glossary trap set (tests/data/glossary_traps.jsonl): short texts where a context-blind
lookup attaches the wrong body's definition, and controls that must keep working.

One JSON object a line: {"class", "text", "not": [...], "must": [...]}. Each item names a term as
written in the text and what the glossary says about it:

    X               X is matched (must) / not matched at all (not)
    X=*             X carries a definition (not: no definition at all)
    X=Body          X carries the definition of the reference entry whose term is Body
    X~Long          X's entry has the expansion Long (the article's own long form)
    X?A|B           X's entry names A and B as candidates ("could be") and has no definition
    X!status/YEAR   X's reference entry has this status and ended that year ("active": no year)
    X@YYYY-MM       X's reference entry was checked that month

Run as a script for a count of failing cases per class (also on older code, to compare):
    PYTHONPATH=$PWD python3 tests/core/test_glossary_traps.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

TRAPS = Path(__file__).resolve().parent.parent / "data" / "glossary_traps.jsonl"
_ITEM = re.compile(r"^(?P<term>.+?)(?:(?P<op>[=~?!@])(?P<arg>.*))?$")


def load_traps() -> list[dict]:
    return [json.loads(line) for line in TRAPS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _entries_for(glossary, text: str, term: str) -> list:
    return [g for g in glossary if any(text[s:e] == term for s, e in g.mentions)]


def _check(item: str, glossary, text: str, by_term: dict, must: bool) -> str | None:
    """A message when `item` does not hold (must) or holds (not); None when all is well."""
    m = _ITEM.match(item)
    term, op, arg = m.group("term"), m.group("op"), m.group("arg")
    found = _entries_for(glossary, text, term)
    if op is None:
        holds = bool(found)
    elif op == "=":
        if arg == "*":
            holds = any(g.definition for g in found)
        else:
            body = by_term.get(arg)
            holds = body is not None and any(g.definition == body.definition for g in found)
    elif op == "~":
        holds = any(g.expansion == arg for g in found)
    elif op == "?":
        wanted = set(arg.split("|"))
        holds = any(not g.definition and wanted <= {c.term for c in getattr(g, "candidates", ())}
                    for g in found)
    elif op == "!":
        status, _, year = arg.partition("/")
        holds = any(getattr(g, "status", None) == status
                    and (not year or getattr(g, "ended", None) == int(year)) for g in found)
    else:  # "@"
        holds = any(getattr(g, "as_of", None) == arg for g in found)
    if holds != must:
        seen = [(g.term, g.expansion, (g.definition or "")[:50], g.source) for g in found]
        return f"{'missing' if must else 'wrong'}: {item!r}; glossary has {seen}"
    return None


def failures(case: dict, glossary, by_term: dict) -> list[str]:
    text = case["text"]
    return [msg for items, must in ((case["must"], True), (case["not"], False)) for item in items
            if (msg := _check(item, glossary, text, by_term, must))]


@pytest.fixture(scope="module")
def analyse():
    from companion.core.document import document_from_text
    from companion.core.nlp import load_model
    from companion.core.pipeline import analyze
    nlp = load_model()
    return lambda text: analyze(document_from_text(text), nlp).glossary


@pytest.fixture(scope="module")
def by_term() -> dict:
    from companion.core.reference import load_reference
    return {e.term: e for e in load_reference()}


def test_the_trap_set_is_large_and_covers_every_class():
    traps = load_traps()
    assert len(traps) >= 100
    assert {t["class"] for t in traps} >= {"article-defined", "wrong-country", "region", "sentence-start",
                                          "person-name", "all-caps", "photo-credit", "could-be",
                                          "dated", "must-keep"}
    for t in traps:
        assert t["not"] or t["must"], t


@pytest.mark.parametrize("case", load_traps(), ids=lambda c: f"{c['class']}:{c['text'][:40]}")
def test_trap(case, analyse, by_term):
    assert failures(case, analyse(case["text"]), by_term) == []


def main() -> int:
    from collections import Counter

    from companion.core.document import document_from_text
    from companion.core.nlp import load_model
    from companion.core.pipeline import analyze
    from companion.core.reference import load_reference
    nlp, terms = load_model(), {e.term: e for e in load_reference()}
    failed, wrong, total = Counter(), Counter(), Counter()
    for case in load_traps():
        total[case["class"]] += 1
        problems = failures(case, analyze(document_from_text(case["text"]), nlp).glossary, terms)
        if problems:
            failed[case["class"]] += 1
            wrong[case["class"]] += sum(p.startswith("wrong") for p in problems)
            if "-v" in sys.argv:
                print(case["class"], "|", case["text"][:70].replace("\n", " / "), "\n   ", "\n    ".join(problems))
    for cls in total:
        print(f"{cls:16} {failed[cls]:3} of {total[cls]:3} failing ({wrong[cls]} wrong matches/definitions)")
    print(f"{'all':16} {sum(failed.values()):3} of {sum(total.values()):3} failing "
          f"({sum(wrong.values())} wrong matches/definitions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
