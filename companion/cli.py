"""Command line: `companion [PATH]` opens the window; `companion annotate [--json] FILE...` prints."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Sequence

from companion import __version__
from companion.errors import UserError

EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion", description="A calm reading companion for news articles.")
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    sub = parser.add_subparsers(dest="command")
    annotate = sub.add_parser("annotate", help="analyse articles without a window")
    annotate.add_argument("files", nargs="+", metavar="FILE", help=".txt, .md or .html article")
    annotate.add_argument("--json", action="store_true", help="one JSON object per file, per line")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="companion: %(message)s")
    if argv and argv[0] == "annotate" or argv[:1] in (["-h"], ["--help"], ["--version"]):
        args = _parser().parse_args(argv)
        return annotate(args.files, as_json=args.json)
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        _parser().print_usage(sys.stderr)
        print("companion: expected one article PATH, or `annotate FILE...`", file=sys.stderr)
        return EXIT_USER_ERROR
    from companion.ui.app import run_app  # Tk only when a window is wanted
    return run_app(argv[0] if argv else None)


def annotate(files: Sequence[str], *, as_json: bool = False) -> int:
    """Analyse each file in order; a file that cannot be read is reported and the rest go on."""
    from companion.core.document import load_document
    from companion.core.nlp import load_model
    from companion.core.pipeline import analyze
    from companion.store.corrections import CorrectionStore
    from companion.store.user_glossary import UserGlossary

    status = 0
    nlp = None
    corrections = None
    try:
        user_glossary = UserGlossary().entries()
    except UserError as exc:
        print(f"companion: your glossary was not used: {exc}", file=sys.stderr)
        user_glossary = []
    for path in files:
        try:
            document = load_document(path)
            nlp = nlp or load_model()
            corrections = corrections or CorrectionStore()
            mine = [c for _, c in corrections.for_article(document.fingerprint, document.path)]
            analysis = analyze(document, nlp, corrections=mine, user_glossary=user_glossary)
        except UserError as exc:
            print(f"companion: {exc}", file=sys.stderr)
            status = EXIT_USER_ERROR
            continue
        if as_json:
            print(json.dumps(analysis.to_json(), ensure_ascii=False), flush=True)
        else:
            _print_summary(analysis)
    return status


def _print_summary(analysis) -> None:
    doc = analysis.document
    print(f"{doc.path}  ({doc.fingerprint})")
    for label, heading in (("PERSON", "People"), ("ORG", "Organizations")):
        ents = [e for e in analysis.entities if e.label == label]
        print(f"  {heading} ({len(ents)}):")
        for e in ents:
            role = f" — {e.role}" if e.role else ""
            print(f"    {e.name} ×{len(e.mentions)}{role}")
    print(f"  Glossary ({len(analysis.glossary)}):")
    for g in analysis.glossary:
        print(f"    {g.term}: {g.expansion or g.definition or ''} [{g.source}]")
