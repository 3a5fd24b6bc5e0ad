"""Speed and memory of companion, measured in one run and printed side by side.

    python benchmarks/run.py [--quick]
    python benchmarks/run.py --window [RUNS]   # only the window's start: seed cold, then cached

Builds its inputs (the seed article, and a ~1 MB text made from the seed's paragraphs in a
seeded random order), then measures, each scenario in a fresh process:
- raw spaCy `nlp.pipe` (tok2vec + ner, the app's components) vs the app's analysis, chars/s;
- `companion annotate --jobs 1` vs `--jobs 2` on four 256 KB files;
- window visible, first highlight, all highlights: seed cold, seed cached, 1 MB cold (Xvfb);
- applying 50,000 highlights in the reader;
- the UI event loop's delay while the 1 MB text is analysed (p50, p99, max);
- peak memory (max RSS) of each window process;
- the latency of one note save (NoteStore.add, durable when it returns): p50, p99.
Targets (issue 6) are printed beside the numbers. Nothing here is a test: it only measures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
T0_WALL = time.time()  # with the parent's spawn time: marks count from the process start
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_8d5592569a17af2b.txt"


def big_text(size: int = 1_000_000, seed: int = 7) -> str:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    rng = random.Random(seed)
    out, total = [], 0
    while total < size:
        p = rng.choice(paragraphs)
        out.append(p)
        total += len(p) + 1
    return "\n".join(out)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


# -- scenarios that run in a child process -----------------------------------------------------

def child_throughput(size: int) -> dict:
    from companion.core.document import document_from_text
    from companion.core.nlp import BATCH_CHUNKS, chunks, load_model
    from companion.core.pipeline import Analyzer
    text = big_text(size)
    nlp = load_model()
    list(nlp.pipe(["warm up the model."]))

    def raw(batch_size: int | None) -> float:
        kwargs = {"batch_size": batch_size} if batch_size else {}
        t = time.perf_counter()
        for _ in nlp.pipe((piece for _, piece in chunks(text)), **kwargs):
            pass
        return time.perf_counter() - t
    raw_default = raw(None)
    raw_same = raw(BATCH_CHUNKS)
    t = time.perf_counter()
    Analyzer(nlp)(document_from_text(text))
    app = time.perf_counter() - t
    return {"chars": len(text), "raw_default_s": raw_default, "raw_s": raw_same, "app_s": app}


def child_window(article: str, track_delay: bool) -> dict:
    try:
        from companion.ui.shell.launch import open_app  # what `companion FILE` runs: the file read once
    except ImportError:  # before ui/ had rooms (to compare with an older commit)
        from companion.ui.app import open_app
    t_import = time.perf_counter()
    app = open_app(article)
    root, text = app.root, app.reader.text
    # Python's own start-up happens before T0: count from the moment the parent spawned us.
    spawned = float(os.environ.get("COMPANION_BENCH_SPAWNED", T0_WALL))
    start = T0 - (T0_WALL - spawned)
    marks: dict[str, float] = {"imported": t_import - start}
    delays: list[float] = []
    expected = [time.perf_counter() + 0.01]

    def tick() -> None:
        now = time.perf_counter()
        delays.append(max(0.0, now - expected[0]))
        expected[0] = now + 0.01
        root.after(10, tick)
    if track_delay:
        root.after(10, tick)
    deadline = time.perf_counter() + 300
    while time.perf_counter() < deadline:
        root.update()
        now = time.perf_counter() - start
        if "visible" not in marks and root.winfo_viewable():
            marks["visible"] = now
        if "first_highlight" not in marks and (text.tag_ranges("ent-PERSON") or text.tag_ranges("ent-ORG")):
            marks["first_highlight"] = now
        if app.analysis is not None and not app.busy:
            marks["all_highlights"] = now
            break
        time.sleep(0.002)
    marks["mentions"] = len(app.analysis.mentions) if app.analysis else 0
    analyse = app.runner.analyse if hasattr(app, "runner") else app.analyzer
    marks["model_loaded"] = bool(getattr(analyse, "model_loaded", True))
    if track_delay:
        marks["delay_p50_ms"] = percentile(delays, 0.50) * 1000
        marks["delay_p99_ms"] = percentile(delays, 0.99) * 1000
        marks["delay_max_ms"] = max(delays, default=0) * 1000
    marks["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    app.destroy()
    return marks


def child_highlights(count: int) -> dict:
    import ttkbootstrap as ttk

    from companion.core.analysis import Mention
    from companion.core.document import document_from_text
    from companion.ui.reading.reader import ReaderView
    text = big_text()
    root = ttk.Window()
    reader = ReaderView(root)
    reader.pack(fill="both", expand=True)
    reader.show_document(document_from_text(text))
    root.update()
    step = len(text) // count
    mentions = [Mention(i * step, i * step + 5, text[i * step:i * step + 5], ("PERSON", "ORG")[i % 2], "x")
                for i in range(count)]
    t = time.perf_counter()
    reader.show_mentions(mentions)
    root.update_idletasks()
    took = time.perf_counter() - t
    spans = len(reader.text.tag_ranges("ent-PERSON")) // 2 + len(reader.text.tag_ranges("ent-ORG")) // 2
    root.destroy()
    return {"spans": spans, "seconds": took}


def child_saves(count: int) -> dict:
    from companion.core.anchoring import anchor_for
    from companion.store.notes import Note, NoteStore
    text = big_text(20_000)
    folder = Path(tempfile.mkdtemp(prefix="companion-saves-"))
    try:
        store = NoteStore(folder / "notes.sqlite3")
        times = []
        for i in range(count):
            start = (i * 97) % (len(text) - 200)
            note = Note(fingerprint=f"fp{i % 10}", anchor=anchor_for(text, start, start + 80),
                        comment=f"note {i} " + "why this matters " * 8, path="/bench.txt", title="Bench")
            t = time.perf_counter()
            store.add(note)
            times.append(time.perf_counter() - t)
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    times = times[5:]  # the first saves also create the file and the day's backup
    return {"count": len(times), "p50_ms": percentile(times, 0.50) * 1000,
            "p99_ms": percentile(times, 0.99) * 1000}


def report_saves(env: dict[str, str], count: int) -> None:
    s = run_child(["saves", str(count)], env)
    print(f"\nOne note save (NoteStore.add, fsynced), {s['count']} saves: p50 {s['p50_ms']:.2f} ms, "
          f"p99 {s['p99_ms']:.2f} ms  (target: unchanged by issue 16)")


# -- the driver ------------------------------------------------------------------------------

def run_child(args: list[str], env: dict[str, str]) -> dict:
    env = {**env, "COMPANION_BENCH_SPAWNED": repr(time.time())}
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                            env=env, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_xvfb() -> tuple[subprocess.Popen | None, str]:
    if os.environ.get("DISPLAY"):
        return None, os.environ["DISPLAY"]
    display = f":{random.randint(150, 250)}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return proc, display


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs (a smoke run)")
    parser.add_argument("--window", nargs="?", type=int, const=5, metavar="RUNS",
                        help="only the window's start (seed, cached), the median of RUNS runs")
    parser.add_argument("--saves-only", action="store_true", help="only the save-latency scenario")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"throughput": lambda: child_throughput(int(rest[0])),
                  "window": lambda: child_window(rest[0], rest[1] == "delay"),
                  "highlights": lambda: child_highlights(int(rest[0])),
                  "saves": lambda: child_saves(int(rest[0]))}[kind]()
        print(json.dumps(result))
        return 0

    size = 200_000 if args.quick else 1_000_000
    if args.saves_only:
        report_saves(dict(os.environ), 200 if args.quick else 1000)
        return 0
    work = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    xvfb, display = start_xvfb()
    env = {**os.environ, "DISPLAY": display}
    try:
        if args.window:
            report_window(work, env, args.window)
        else:
            report(work, env, size)
    finally:
        if xvfb:
            xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report_window(work: Path, env: dict[str, str], runs: int) -> None:
    """Process start → window visible and → the seed's highlights, with the mention cache warm."""
    wenv = {**env, "COMPANION_DATA_DIR": str(work / "data"), "COMPANION_CONFIG_DIR": str(work / "config")}
    run_child(["window", str(SEED), "nodelay"], wenv)  # fills the cache (spaCy runs once)
    rows = [run_child(["window", str(SEED), "nodelay"], wenv) for _ in range(runs)]
    median = {key: sorted(r[key] for r in rows)[len(rows) // 2] for key in ("imported", "visible", "all_highlights")}
    print(f"Window start, seed cached, median of {runs} (seconds from process start; Xvfb):")
    print(f"  imported {median['imported']:.3f}   visible {median['visible']:.3f}   "
          f"highlights {median['all_highlights']:.3f}   (target: visible < 0.3 s, highlights with it)")


def report(work: Path, env: dict[str, str], size: int) -> None:
    big = work / "big.txt"
    big.write_text(big_text(size), encoding="utf-8")
    print(f"companion benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"1 MB text = {big.stat().st_size:,} bytes\n")

    t = run_child(["throughput", str(size)], env)
    raw_cps, app_cps = t["chars"] / t["raw_s"], t["chars"] / t["app_s"]
    print("Throughput (same components: tok2vec + ner; 20k-char chunks)")
    print(f"  raw spaCy nlp.pipe      {t['chars'] / t['raw_default_s']:10,.0f} chars/s   (spaCy's default batch size)")
    print(f"  raw spaCy nlp.pipe      {raw_cps:10,.0f} chars/s   (the app's batch size)")
    print(f"  companion analysis      {app_cps:10,.0f} chars/s   ratio {app_cps / raw_cps:.2f}×  (target ≥ 0.95×)")

    files = []
    for i in range(4):
        f = work / f"part{i}.txt"
        f.write_text(big_text(size // 4, seed=i), encoding="utf-8")
        files.append(str(f))
    walls = {}
    for jobs in (1, 2):
        data = work / f"data-jobs{jobs}"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "companion", "annotate", "--json", "--no-cache", "--jobs",
                        str(jobs), *files], env={**env, "COMPANION_DATA_DIR": str(data)},
                       stdout=subprocess.DEVNULL, check=True)
        walls[jobs] = time.perf_counter() - t0
    total = sum(Path(f).stat().st_size for f in files)
    print(f"  annotate --jobs 1       {total / walls[1]:10,.0f} chars/s   ({walls[1]:.1f} s for 4 files, model load included)")
    print(f"  annotate --jobs 2       {total / walls[2]:10,.0f} chars/s   speed-up {walls[1] / walls[2]:.2f}×  (target ≥ 1.5×)")

    print("\nWindow (seconds from process start; Xvfb)")
    print(f"  {'scenario':<16} {'visible':>8} {'1st highlight':>14} {'all':>8} {'max RSS':>9}")
    data = work / "data-window"
    wenv = {**env, "COMPANION_DATA_DIR": str(data)}
    rows = [("seed, cold", run_child(["window", str(SEED), "nodelay"], wenv)),
            ("seed, cached", run_child(["window", str(SEED), "nodelay"], wenv)),
            ("1 MB, cold", run_child(["window", str(big), "delay"], {**env, "COMPANION_DATA_DIR": str(work / "d2")}))]
    for name, m in rows:
        print(f"  {name:<16} {m['visible']:8.2f} {m.get('first_highlight', float('nan')):14.2f} "
              f"{m['all_highlights']:8.2f} {m['max_rss_mb']:7.0f} MB" + ("" if m["model_loaded"] else "   (spaCy not loaded)"))
    print("  targets: visible < 0.5 s; seed highlights < 1.5 s cold, < 0.3 s cached")
    d = rows[2][1]
    print(f"\nUI event-loop delay while the 1 MB text is analysed: p50 {d['delay_p50_ms']:.1f} ms, "
          f"p99 {d['delay_p99_ms']:.1f} ms, max {d['delay_max_ms']:.1f} ms  (target p99 < 100 ms)")

    h = run_child(["highlights", "50000"], env)
    print(f"\nApplying {h['spans']:,} highlights: {h['seconds']:.3f} s  (target < 0.3 s)")
    report_saves(env, 1000)


if __name__ == "__main__":
    raise SystemExit(main())
