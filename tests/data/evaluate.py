"""Entity quality: raw spaCy vs the app's analysis, against the gold articles (and wikigold).

    python tests/data/evaluate.py [--gold-dir tests/data/gold] [--article NAME] [--errors]
                                  [--wikigold PATH/TO/wikigold.conll]

A mention counts when its span and label (PERSON or ORG) are exactly right, after dropping a
leading "the " and a trailing possessive from both sides (see goldlib.normalise).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
for p in (str(HERE), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)

import goldlib  # noqa: E402
from goldlib import LABELS, Score, Span, classify_errors, empty_score, score  # noqa: E402


def raw_mentions(nlp, text: str) -> list[Span]:
    """spaCy's own mentions, every label (the caller filters to PERSON/ORG).

    The model is called directly, not through companion.core.nlp.run_ner: run_ner is part of
    the app (it may rewrite what the model reads, e.g. ALL-CAPS headlines), and this is the
    baseline the app is measured against. The pipeline is the app's (load_model: tok2vec+ner),
    whose entities are those of the full en_core_web_sm pipeline."""
    if len(text) > nlp.max_length:
        raise ValueError(f"text of {len(text)} characters is longer than nlp.max_length")
    return [Span(e.start_char, e.end_char, e.label_, e.text) for e in nlp(text).ents]


def app_mentions(nlp, text: str) -> list[Span]:
    from companion.core.document import document_from_text
    from companion.core.pipeline import analyze
    document = document_from_text(text)
    if document.text != text:  # offsets would not be comparable
        raise ValueError("document_from_text changed the text (line endings?)")
    analysis = analyze(document, nlp)
    return [Span(m.start, m.end, m.label, text[m.start:m.end]) for m in analysis.mentions
            if m.label in LABELS]


def _fmt(c: goldlib.Counts) -> str:
    if c.empty:
        return f"{'-':>5} {'-':>5} {'-':>5}"
    return f"{c.precision:5.3f} {c.recall:5.3f} {c.f1:5.3f}"


def _rows(name: str, raw: Score, app: Score) -> tuple[str, bool]:
    cells, worse = [], False
    for label in LABELS:
        r, a = raw.by_label[label], app.by_label[label]
        cells += [_fmt(r), _fmt(a)]
        worse |= (not a.empty or not r.empty) and a.f1 < r.f1 - 1e-9
    r, a = raw.micro, app.micro
    cells += [f"{r.f1:5.3f}", f"{a.f1:5.3f}"]
    worse |= a.f1 < r.f1 - 1e-9
    mark = "  <-- app below raw" if worse else ""
    return f"{name:<18} " + " | ".join(cells) + mark, worse


def _app_or_nothing(nlp, text: str, name: str, failed: dict[str, str]) -> list[Span]:
    """The app's mentions; when the app raises, no mentions, and the failure noted in `failed`."""
    try:
        return app_mentions(nlp, text)
    except Exception as exc:  # the app is mid-edit or broken: measure raw spaCy anyway, say so
        message = f"{type(exc).__name__}: {exc}"
        if message not in failed.values():  # once per distinct failure
            print(f"!! the app failed on {name}: {message}", file=sys.stderr)
        failed[name] = message
        return []


def print_table(results: dict[str, tuple[Score, Score, int]], failed: dict[str, str] | None = None
                ) -> None:
    failed = failed or {}
    head1 = f"{'':<18} " + " | ".join(
        [f"{'PERSON raw P/R/F1':<17}", f"{'PERSON app P/R/F1':<17}",
         f"{'ORG raw P/R/F1':<17}", f"{'ORG app P/R/F1':<17}", "micro F1 raw/app"])
    print(head1)
    print("-" * len(head1))
    total_raw, total_app = empty_score(), empty_score()
    for name, (raw, app, _n) in results.items():
        print(_rows(name, raw, app)[0] + ("  APP FAILED (counted as no mentions)" if name in failed else ""))
        total_raw += raw
        total_app += app
    print("-" * len(head1))
    print(_rows("OVERALL", total_raw, total_app)[0])
    print()
    print("Overall counts (tp/fp/fn):")
    for label in LABELS + ("micro",):
        r = total_raw.micro if label == "micro" else total_raw.by_label[label]
        a = total_app.micro if label == "micro" else total_app.by_label[label]
        print(f"  {label:<7} raw {r.tp}/{r.fp}/{r.fn}  P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}"
              f"   app {a.tp}/{a.fp}/{a.fn}  P {a.precision:.3f} R {a.recall:.3f} F1 {a.f1:.3f}")


def print_errors(name: str, text: str, errors: list[goldlib.Error]) -> None:
    n_fp = sum(1 for e in errors if e.kind == "FP")
    print(f"\n== {name}: app errors ({n_fp} FP, {len(errors) - n_fp} FN)")
    for e in sorted(errors, key=lambda e: (e.span.start, e.kind)):
        line = text.count("\n", 0, e.span.start) + 1
        detail = f" ({e.detail})" if e.detail else ""
        print(f"  line {line:<3} {e.kind} {e.span.label:<6} {e.span.text!r:<36} {e.category}{detail}")


def tally_errors(errors: list[goldlib.Error]) -> Counter:
    return Counter(f"{e.kind} {e.span.label:<6} {e.category}" for e in errors)


def evaluate_gold(nlp, gold_dir: Path, only: str | None, show_errors: bool) -> None:
    articles = goldlib.load_gold_dir(gold_dir)
    if only:
        if only not in articles:
            sys.exit(f"no article {only!r} in {gold_dir} (have: {', '.join(articles)})")
        articles = {only: articles[only]}
    if not articles:
        sys.exit(f"no *.gold.txt files in {gold_dir}")
    results, all_errors, failed = {}, {}, {}
    for name, (text, gold) in articles.items():
        raw_all = raw_mentions(nlp, text)
        app = _app_or_nothing(nlp, text, name, failed)
        raw_s, app_s = score(text, gold, raw_all), score(text, gold, app)
        results[name] = (raw_s, app_s, len(gold))
        all_errors[name] = (text, classify_errors(app_s, gold, app, text, hints=raw_all))
    print(f"Gold articles in {gold_dir} ({sum(n for *_, n in results.values())} gold mentions)\n")
    print_table(results, failed)
    if show_errors:
        tally: Counter = Counter()
        for name, (text, errors) in all_errors.items():
            print_errors(name, text, errors)
            tally.update(tally_errors(errors))
        print("\nApp error categories, all articles:")
        for cat, n in tally.most_common():
            print(f"  {n:4d}  {cat}")


def evaluate_wikigold(nlp, path: Path, show_errors: bool) -> None:
    docs = goldlib.read_conll_file(path)
    t0 = time.time()
    raw_total, app_total = empty_score(), empty_score()
    tally: Counter = Counter()
    failed: dict[str, str] = {}
    for i, doc in enumerate(docs):
        raw_all = raw_mentions(nlp, doc.text)
        app = _app_or_nothing(nlp, doc.text, f"wikigold article {i + 1}", failed)
        raw_total += score(doc.text, doc.spans, raw_all)
        app_s = score(doc.text, doc.spans, app)
        app_total += app_s
        if show_errors:
            tally.update(tally_errors(classify_errors(app_s, doc.spans, app, doc.text, raw_all)))
    n_gold = sum(1 for d in docs for s in d.spans if s.label in LABELS)
    print(f"\nwikigold: {len(docs)} articles, {n_gold} PERSON/ORG gold mentions "
          f"({time.time() - t0:.1f}s)")
    print(f"  {'':<7} {'raw P':>6} {'raw R':>6} {'raw F1':>6}   {'app P':>6} {'app R':>6} {'app F1':>6}")
    for label in LABELS + ("micro",):
        r = raw_total.micro if label == "micro" else raw_total.by_label[label]
        a = app_total.micro if label == "micro" else app_total.by_label[label]
        mark = "  <-- app below raw" if a.f1 < r.f1 - 1e-9 else ""
        print(f"  {label:<7} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f}   "
              f"{a.precision:6.3f} {a.recall:6.3f} {a.f1:6.3f}{mark}")
    print("  (README, raw en_core_web_sm 3.8.0: PER F1 0.653, ORG F1 0.466)")
    if failed:
        print(f"  !! the app failed on {len(failed)} articles (counted as no mentions)")
    if show_errors:
        print("\nApp error categories, wikigold:")
        for cat, n in tally.most_common(15):
            print(f"  {n:5d}  {cat}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", type=Path, default=HERE / "gold")
    ap.add_argument("--wikigold", type=Path, help="path to wikigold.conll (also scored when given)")
    ap.add_argument("--article", help="only this gold article (NAME of NAME.gold.txt)")
    ap.add_argument("--errors", action="store_true", help="list the app's errors per article")
    args = ap.parse_args(argv)

    from companion.core.nlp import load_model, model_id
    nlp = load_model()
    print(f"model {model_id(nlp)}, components {nlp.pipe_names}\n")
    evaluate_gold(nlp, args.gold_dir, args.article, args.errors)
    if args.wikigold:
        evaluate_wikigold(nlp, args.wikigold, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
