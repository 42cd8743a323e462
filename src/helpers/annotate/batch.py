"""Many articles: the public entry points annotate_articles and annotate_articles_with_set_aside. Decides how
articles are read in chunks and worker processes, which sentences are parsed (the prefilter, the figures cap) and
in what batches, and how one failing article is recorded as a problem without stopping the others.
"""
from __future__ import annotations

import gc

import pandas as pd

from helpers.bounds import MAX_FIGURES_PER_ARTICLE
from helpers.schemas import MENTIONS_COLUMNS
from helpers.annotate.words import CANDIDATE_WORDS
from helpers.annotate.sentences import _parse_ready, candidate_counts, split_sentences
from helpers import figure_kinds
from helpers.annotate.pipeline import _has_unknown_proper_noun, build_nlp, load_gazetteer
from helpers.annotate.rows import (
    EXTRA_COLUMNS, SET_ASIDE_COLUMNS, _check_row, _empty_mentions, _empty_set_aside, _typed, _typed_set_aside,
    assign_mention_ids,
)
from helpers.annotate.article import annotate_article


PROBLEM_COLUMNS = ["article_id", "stage", "problem"]

# Sentences the trained pipeline reads at a time: candidate sentences are short (about 20 words), and batches of
# 256 of them take about 5 % less CPU in its tok2vec and parser than batches of 64, with the same parses (checked
# on the dev split's and 1,000 generated articles' 6,157 candidate sentences: tags, heads, labels and entities).
PARSE_BATCH_SIZE = 256


def annotate_articles(articles: pd.DataFrame, *, n_process: int = 1, batch_size: int = PARSE_BATCH_SIZE,
                      problems: list[dict] | None = None) -> pd.DataFrame:
    """Annotate every article: mentions with the contract columns first, extras after, sorted by mention_id.

    With n_process > 1 the articles are split into contiguous chunks annotated by forked worker processes that
    share the pipeline built here; mention ids depend only on each article, so the output is the same.

    A failure inside one article stops only that article: it gets no mentions, and a row of `problems` (a list
    of {article_id, stage, problem}, when given) says why; so do numbers refused as out of bounds.
    """
    return annotate_articles_with_set_aside(articles, n_process=n_process, batch_size=batch_size,
                                            problems=problems)[0]


def _concat(frames: list[pd.DataFrame], empty, keys: list[str]) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return empty()
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True)


def annotate_articles_with_set_aside(articles: pd.DataFrame, *, n_process: int = 1, batch_size: int = PARSE_BATCH_SIZE,
                                     problems: list[dict] | None = None,
                                     progress=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annotate every article (see annotate_articles, `problems` included); also return the figures set aside,
    one row each (SET_ASIDE_COLUMNS: kind, reason, the words and their sentence), sorted by article and offset.
    An article that fails sets nothing aside. `progress`, when given, is called with the number of articles
    done as each chunk of articles is done (a bar's update: see helpers.progress)."""
    problems = [] if problems is None else problems
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"parameter n_process must be a positive integer; got {n_process!r}")
    build_nlp()
    load_gazetteer()
    figure_kinds.load_model()  # read once here, inherited by forked workers
    records = articles.reset_index(drop=True)
    if n_process > 1 and len(records) >= 4 * n_process:
        import multiprocessing

        n_chunks = max(n_process * 4, -(-len(records) // ARTICLES_PER_WORKER))
        bounds = [round(i * len(records) / n_chunks) for i in range(n_chunks + 1)]
        chunks = [records.iloc[bounds[i]:bounds[i + 1]] for i in range(n_chunks) if bounds[i] < bounds[i + 1]]
        # A worker is replaced by a fresh fork once it has read about ARTICLES_PER_WORKER articles
        # (maxtasksperchild): what spaCy's string store and the parse caches grow while reading is given back, so
        # a worker's memory does not grow with the corpus; below that, one worker reads several chunks and keeps
        # its warm caches and the pages it has already copied from the parent.
        tasks_per_worker = max(1, ARTICLES_PER_WORKER // max(len(chunk) for chunk in chunks))
        # Objects built so far (the pipeline, the gazetteer, the models) are left out of the collector's scans:
        # a forked worker's collections would otherwise write into, and so copy, every page the parent shares.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(n_process, maxtasksperchild=tasks_per_worker) as pool:
                pending = [pool.apply_async(_annotate_chunk_to_arrow, (chunk, batch_size)) for chunk in chunks]
                results = []
                for chunk, job in zip(chunks, pending):  # in order: the output does not depend on timing
                    results.append(job.get())
                    if progress is not None:
                        progress(len(chunk))
        finally:
            gc.unfreeze()
        for _, _, chunk_problems in results:
            problems.extend(chunk_problems)
        mentions = _concat_arrow([mentions for mentions, _, _ in results], _empty_mentions, ["mention_id"])
        aside = _concat_arrow([aside for _, aside, _ in results], _empty_set_aside, ["article_id", "figure_start"])
        return mentions, aside
    gc.freeze()  # the pipeline and models built above are never garbage: the collector need not scan them
    try:
        return _annotate_serial(records, batch_size, problems, progress)
    finally:
        gc.unfreeze()


# Articles a worker process reads before it is replaced by a fresh one (a chunk of the pool's work).
ARTICLES_PER_WORKER = 2048


def _annotate_chunk_to_arrow(records: pd.DataFrame, batch_size: int) -> tuple[object, object, list[dict]]:
    """A worker's chunk annotated, its two frames as Arrow tables (None when empty): Arrow holds a column's
    text in one buffer instead of a Python object per value, so the parent gathers the chunks' rows in a few
    times less memory than as frames, and builds the one frame it returns at the end."""
    import pyarrow as pa

    mentions, aside, problems = _annotate_serial_with_problems(records, batch_size)
    # without pandas' schema metadata, so that every chunk's schema is the same (the dtypes are set at the end)
    return tuple(pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None) if len(frame)
                 else None for frame in (mentions, aside)) + (problems,)


def _concat_arrow(tables: list, empty, keys: list[str]) -> pd.DataFrame:
    """The chunks' Arrow tables as one frame sorted by `keys`, with the dtypes a chunk's frame has (nullable
    integers, floats and booleans, text as "string"): the same frame _concat gives from the chunks' frames."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tables = [table for table in tables if table is not None]
    if not tables:
        return empty()
    table = pa.concat_tables(tables)
    del tables
    # a stable sort, as mergesort: text sorts by code point in both (UTF-8 bytes keep code point order)
    table = table.take(pc.sort_indices(table, sort_keys=[(key, "ascending") for key in keys]))  # nulls last
    dtypes = {pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(),
              pa.float64(): pd.Float64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return table.to_pandas(types_mapper=dtypes.get, self_destruct=True, split_blocks=True)


ARTICLES_PER_CHUNK = 256  # parsed sentences are kept for one chunk at a time, so memory does not grow with the corpus


def _annotate_serial_with_problems(records: pd.DataFrame,
                                   batch_size: int) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    problems: list[dict] = []
    mentions, aside = _annotate_serial(records, batch_size, problems)
    return mentions, aside, problems


def _annotate_serial(records: pd.DataFrame, batch_size: int,
                     problems: list[dict], progress=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annotate articles in this process, a chunk at a time; each chunk's mentions become a typed frame."""
    records = records.reset_index(drop=True)
    results = []
    for start in range(0, len(records), ARTICLES_PER_CHUNK):
        chunk = records.iloc[start:start + ARTICLES_PER_CHUNK]
        results.append(_annotate_chunk(chunk, batch_size, problems))
        if progress is not None:
            progress(len(chunk))
    return (_concat([mentions for mentions, _ in results], _empty_mentions, ["mention_id"]),
            _concat([aside for _, aside in results], _empty_set_aside, ["article_id", "figure_start"]))


def _problem(article_id, problem: str) -> dict:
    return {"article_id": str(article_id), "stage": "annotate", "problem": problem}


def _failure(error: Exception) -> str:
    return f"article not annotated: {type(error).__name__}: {str(error)[:300]}"


def _parse_all(nlp, jobs: list, batch_size: int, failed: dict[int, str]) -> dict[int, dict[int, object]]:
    """Parse the candidate sentences in batches; when a batch fails, parse its sentences one by one so that
    only the article whose sentence fails is set aside (its position goes to `failed` with the reason)."""
    parsed: dict[int, dict[int, object]] = {}
    # The statistical NER is the costliest pipe and only adds names the dictionaries do not know, so it runs
    # only on sentences with a capitalised word no ruler covered; it keeps the rulers' entities either way.
    ner = nlp.get_pipe("ner")
    for first in range(0, len(jobs), batch_size * 16):
        batch = jobs[first:first + batch_size * 16]
        try:
            _parse_batch(nlp, ner, batch, batch_size, parsed)
        except Exception:  # noqa: BLE001 - find the sentence, keep the others
            for job in batch:
                position = job[1][0]
                if position in failed:
                    continue
                try:
                    _parse_batch(nlp, ner, [job], 1, parsed)
                except Exception as error:  # noqa: BLE001
                    failed[position] = _failure(error)
    return parsed


def _parse_batch(nlp, ner, jobs: list, batch_size: int, parsed: dict[int, dict[int, object]]) -> None:
    needs_ner = []
    with nlp.select_pipes(disable=["ner"]):
        for doc, (position, index) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
            parsed.setdefault(position, {})[index] = doc
            if _has_unknown_proper_noun(doc):
                needs_ner.append((position, index))
    for (position, index), doc in zip(needs_ner, ner.pipe((parsed[p][i] for p, i in needs_ner),
                                                          batch_size=batch_size)):
        parsed[position][index] = doc


def _annotate_chunk(records: pd.DataFrame, batch_size: int,
                    problems: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annotate a chunk of articles: parse candidate sentences in batches, then build the mentions and the
    records of the figures set aside (kept only for articles that were annotated to the end)."""
    from helpers.numbers import refused_numbers

    nlp = build_nlp()
    gazetteer = load_gazetteer()
    records = records.reset_index(drop=True)
    jobs = []
    failed: dict[int, str] = {}
    read_until: dict[int, int] = {}
    for position, row in enumerate(records.itertuples(index=False)):
        try:
            text = "" if pd.isna(row.text) else str(row.text)
            article_jobs = []
            cuts: list[str] = []
            n_figures = 0
            for index, (start, end) in enumerate(split_sentences(text, cuts)):
                sentence = text[start:end]
                if CANDIDATE_WORDS.search(sentence):
                    problems.extend(_problem(row.article_id, f"sentence at {start}: {reason}")
                                    for reason in refused_numbers(sentence))
                counts = candidate_counts(sentence)
                if counts and n_figures + counts > MAX_FIGURES_PER_ARTICLE:
                    read_until[position] = start
                    problems.append(_problem(row.article_id, (
                        f"more than {MAX_FIGURES_PER_ARTICLE} counts in casualty sentences (cap); the text from "
                        f"offset {start} of {len(text):,} characters is not read for figures")))
                    break
                n_figures += counts
                if counts:
                    article_jobs.append((_parse_ready(sentence), (position, index)))
            problems.extend(_problem(row.article_id, cut) for cut in cuts)
            jobs.extend(article_jobs)
        except Exception as error:  # noqa: BLE001 - one article never stops the others
            failed[position] = _failure(error)
    parsed = _parse_all(nlp, jobs, batch_size, failed)
    rows, set_aside = [], []
    for position, row in enumerate(records.itertuples(index=False)):
        if position in failed:
            problems.append(_problem(row.article_id, failed[position]))
            continue
        article_aside: list[dict] = []
        try:
            text = "" if pd.isna(row.text) else str(row.text)
            article_rows = annotate_article(str(row.article_id), text, getattr(row, "published", None),
                                            parsed.get(position, {}), nlp, gazetteer, read_until.get(position),
                                            article_aside)
            for article_row in article_rows:
                _check_row(article_row)
        except Exception as error:  # noqa: BLE001 - one article never stops the others
            problems.append(_problem(row.article_id, _failure(error)))
            continue
        rows.extend(assign_mention_ids(str(row.article_id), sorted(article_rows, key=lambda r: r["_order"])))
        set_aside.extend(article_aside)
    aside = _typed_set_aside(pd.DataFrame(set_aside, columns=SET_ASIDE_COLUMNS)) if set_aside else _empty_set_aside()
    if not rows:
        return _empty_mentions(), aside
    frame = pd.DataFrame(rows).drop(columns=["_order", "_kind"])
    frame = frame[MENTIONS_COLUMNS + EXTRA_COLUMNS]
    return _typed(frame).sort_values("mention_id", kind="mergesort").reset_index(drop=True), aside
