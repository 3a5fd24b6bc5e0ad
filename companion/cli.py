"""Command line: `companion [PATH]` opens the window; `companion annotate [--json] FILE|URL...` prints."""

from __future__ import annotations

import argparse
import functools
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
    annotate.add_argument("files", nargs="+", metavar="FILE",
                          help=".txt, .md or .html article, or an http(s):// address")
    annotate.add_argument("--json", action="store_true", help="one JSON object per file, per line")
    annotate.add_argument("--jobs", type=int, default=1, metavar="N",
                          help="spread the files over N processes (default 1)")
    annotate.add_argument("--no-cache", action="store_true", help="run spaCy even when a cached result exists")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="companion: %(message)s")
    if argv and argv[0] == "annotate" or argv[:1] in (["-h"], ["--help"], ["--version"]):
        args = _parser().parse_args(argv)
        if args.jobs < 1:
            print("companion: --jobs must be 1 or more", file=sys.stderr)
            return EXIT_USER_ERROR
        return annotate(args.files, as_json=args.json, jobs=args.jobs, use_cache=not args.no_cache)
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        _parser().print_usage(sys.stderr)
        print("companion: expected one article PATH, or `annotate FILE...`", file=sys.stderr)
        return EXIT_USER_ERROR
    from companion.ui.shell.launch import run_app  # Tk only when a window is wanted
    return run_app(argv[0] if argv else None)


def annotate(files: Sequence[str], *, as_json: bool = False, jobs: int = 1, use_cache: bool = True) -> int:
    """Analyse each file, printing results in the order given; a file that cannot be read is
    reported on stderr and the rest go on. With jobs > 1, files are spread over processes."""
    status = 0
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            results = pool.map(_annotate_one, files, [as_json] * len(files), [use_cache] * len(files))
            for ok, text in results:
                status = _emit(ok, text) or status
    else:
        for path in files:
            status = _emit(*_annotate_one(path, as_json, use_cache)) or status
    return status


def _emit(ok: bool, text: str) -> int:
    if ok:
        print(text, flush=True)
        return 0
    print(f"companion: {text}", file=sys.stderr)
    return EXIT_USER_ERROR


def _annotate_one(path: str, as_json: bool, use_cache: bool) -> tuple[bool, str]:
    """(True, output) or (False, one-line error) for one file or URL; runs in a worker process too."""
    from companion.core.document import load_document
    from companion.core.fetch import fetch_document, is_url
    try:
        document = fetch_document(path) if is_url(path) else load_document(path)
        analysis = _reader_analysis(use_cache)(document)
    except UserError as exc:
        return False, str(exc)
    if as_json:
        record = analysis.to_json()
        record["path"] = record["path"] or document.source_url  # a fetched page: its address
        return True, json.dumps(record, ensure_ascii=False)
    return True, _summary(analysis)


@functools.lru_cache(maxsize=None)
def _reader_analysis(use_cache: bool):
    """One per process (one model); the reader's glossary is read once, so every file of one run
    sees the same entries."""
    from companion.service import ReaderAnalysis
    from companion.store.user_glossary import user_entries
    return ReaderAnalysis(use_cache=use_cache, user_glossary=user_entries())


def _summary(analysis) -> str:
    doc = analysis.document
    lines = [f"{doc.path or doc.source_url}  ({doc.fingerprint})"]
    for label, heading in (("PERSON", "People"), ("ORG", "Organizations")):
        ents = [e for e in analysis.entities if e.label == label]
        lines.append(f"  {heading} ({len(ents)}):")
        lines += [f"    {e.name} ×{len(e.mentions)}" + (f" — {e.role}" if e.role else "") for e in ents]
    lines.append(f"  Glossary ({len(analysis.glossary)}):")
    lines += [f"    {g.term}: {g.expansion or g.definition or ''} [{g.source}]" for g in analysis.glossary]
    return "\n".join(lines)
