"""Link a large collection one country at a time: score and group the reports of each block on its own.

An attack happens in one country, so reports placed in two different countries are never one event, and
linking can take the collection's reports country by country: Splink scores the pairs of one block's reports,
the grouping joins them, and what the block needs (its reports, DuckDB's pairs, the grouping's graph) is
freed before the next one. Memory then grows with the largest country, not with the collection, and blocks
are independent, so two worker processes can link two countries at once.

A collection small enough to compare every pair of its reports (`compare_all_pairs_max_reports`: the world
corpus's splits, the seeds, a researcher's folder) is one block, linked exactly as before. From that size on
the collection is split by country (`link_by_country_blocks`): a report's block is the first, in sorted
order, of the countries its mentions name, and reports that name no country form one block of their own.
What this gives up: a report placed in two countries is compared only with the first one's reports, and an
unplaced report only with other unplaced reports (blocking compared them with placed reports of the same day
and perpetrator before).
"""
from __future__ import annotations

import concurrent.futures
import multiprocessing

import numpy as np
import pandas as pd

from helpers import event_clustering, linkage, linkage_dates
from helpers.linkage_session import SplinkSession

NO_COUNTRY_BLOCK = ""


def link_reports(reports: pd.DataFrame, settings: dict, *, threshold: float, merges: list[tuple[str, str]],
                 splits: list[tuple[str, str]], train: bool = False, seed: int = 42, explain: bool = False,
                 collection_reports: int | None = None, threads: int | None = None, sample_u: bool = True,
                 session: SplinkSession | None = None) -> tuple[pd.DataFrame, pd.Series, dict, int]:
    """Score the pairs of `reports` with Splink and group them (event_clustering.cluster_reports): the pairs at or above
    the threshold (all scored pairs when explaining), the cluster key of each report, the model and the number
    of candidate pairs compared. Merges and splits are pairs of report ids."""
    position = {report_id: index for index, report_id in enumerate(reports["report_id"].astype(str))}
    merged = [(position[a], position[b]) for a, b in merges if a in position and b in position]
    table, model, n_compared = linkage.score_pair_table(
        reports, settings, train=train, seed=seed, explain=explain, grouping=(threshold, merged),
        collection_reports=collection_reports, threads=threads, sample_u=sample_u, session=session)
    # every scored pair takes part in the grouping (below the threshold it counts against); the table keeps those
    # at or above the threshold, or all of them when asked to explain
    kept = table["match_probability"].to_numpy() >= float(settings["clustering"].get("min_pair_probability") or 0)
    scored = tuple(table[name].to_numpy()[kept] for name in ("report_id_l", "report_id_r", "match_probability"))
    pairs = linkage.pairs_frame(table, reports, None if explain else threshold)
    del table
    clustering = settings["clustering"]
    clusters = event_clustering.cluster_reports(
        reports, pairs, threshold=threshold, max_date_gap_days=clustering["max_date_gap_days"],
        max_relative_date_gap_days=clustering["max_relative_date_gap_days"],
        max_distance_km=clustering["max_distance_km"], merges=merges, splits=splits, scored=scored,
        firm_dates_by_place=linkage.firm_dates_by_place(settings, int(collection_reports or len(reports))),
        join_order=str(clustering.get("join_order", "sum")))
    return pairs, clusters, model, n_compared


def uses_blocks(settings: dict, n_reports: int, *, train: bool = False, explain: bool = False) -> bool:
    """Whether a collection of n reports is linked country by country: too large to compare every pair, with
    `link_by_country_blocks` set, and neither training (which learns from the whole collection) nor explaining."""
    return (bool(settings.get("link_by_country_blocks")) and not train and not explain
            and not linkage.compares_all_pairs(settings, n_reports))


def report_blocks(typed: pd.DataFrame, codes: np.ndarray, n_reports: int,
                  merges: list[tuple[int, int]] = ()) -> np.ndarray:
    """The block (a country name, or NO_COUNTRY_BLOCK) of each report, by report code (`codes`: each mention's
    report code). A report's block is the first of its mentions' countries in sorted order; two reports a manual
    merge joins are put in one block (the first one's)."""
    first = linkage_dates.map_distinct(typed["country"], _first_name)
    # the smallest name per report, taken on the names' sorted codes (a groupby min of text runs in Python)
    name_codes, names = pd.factorize(pd.Series(first.to_numpy(), dtype=object), sort=True)
    known = name_codes >= 0
    smallest = np.full(n_reports, len(names), dtype=np.int64)  # len(names): no country named
    np.minimum.at(smallest, np.asarray(codes)[known], name_codes[known])
    of_report = np.append(np.asarray(names, dtype=object), NO_COUNTRY_BLOCK)[smallest]
    for a, b in merges:  # rare: relabel the second block as the first, wherever it occurs
        if of_report[a] != of_report[b]:
            of_report[of_report == of_report[b]] = of_report[a]
    return of_report


def _first_name(value: object) -> object:
    """The first of the sorted names of a ';'-joined country value (None when blank)."""
    names = linkage.split_names(value)
    return names[0] if names else None


def link_by_blocks(typed: pd.DataFrame, settings: dict, decisions: pd.DataFrame, *, threshold: float,
                   seed: int = 42, n_process: int = 1
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series, dict, int]:
    """Link a large collection country by country (see the module's docstring).

    Returns the reports (sorted by report_id, the ids build_reports gives the whole collection), the pairs at or
    above the threshold, each mention's report_id (index as `typed`), each report's cluster key, the model of the
    largest block (each block's prior is its own) and the number of candidate pairs compared. With `n_process` above 1, blocks are scored and grouped in that many worker
    processes (DuckDB on one thread each) while this process builds the next blocks' reports."""
    group = linkage.report_group_keys(typed, decisions)
    codes, uniques = pd.factorize(group, sort=True)
    del group
    names = np.array([f"R{code:07d}" for code in range(len(uniques))], dtype=object)
    report_ids = pd.Series(names[codes], index=typed.index, dtype="string")
    merges, splits = linkage.decision_pairs(decisions, typed, report_ids)
    code_of = {name: code for code, name in enumerate(names)} if merges else {}
    blocks = report_blocks(typed, codes, len(uniques), [(code_of[a], code_of[b]) for a, b in merges])
    mention_block = blocks[codes]
    words_top = linkage.words_top(settings, len(typed))
    jobs = []
    for label in sorted(set(blocks.tolist())):
        rows = np.flatnonzero(mention_block == label)
        jobs.append((label, rows))
    # the largest blocks first, so that two workers finish together
    jobs.sort(key=lambda job: (-len(job[1]), job[0]))

    def block_reports(rows: np.ndarray) -> pd.DataFrame:
        part = typed.iloc[rows]
        reports, _ = linkage.build_reports(part, decisions, words_top=words_top,
                                             words_without_names=linkage.words_without_names(settings))
        # build_reports numbers a block's reports in the same sorted order as the whole collection's: rename
        reports["report_id"] = pd.Series(names[np.unique(codes[rows])].tolist(), index=reports.index)
        return reports

    if len(uniques) >= int(settings.get("min_reports_to_train", 1000)) and settings.get("u_from_collection_sample_reports"):
        # u is counted once, on reports drawn from the whole collection as an unblocked run would draw them
        sample = linkage._sample_positions(len(uniques), int(settings["u_from_collection_sample_reports"]), seed)
        settings = linkage.settings_with_sampled_u(block_reports(np.flatnonzero(np.isin(codes, sample))), settings)
    options = dict(threshold=threshold, seed=seed, collection_reports=len(uniques), sample_u=False)
    results = []
    if n_process <= 1:
        with SplinkSession() as session:  # one connection and one linker for every block (helpers.linkage_session)
            for label, rows in jobs:
                reports = block_reports(rows)
                results.append((reports, *_link_block(reports, settings, merges, splits, {**options, "session": session})))
    else:
        context = multiprocessing.get_context("spawn")  # fresh workers, children of this process
        with concurrent.futures.ProcessPoolExecutor(max_workers=n_process, mp_context=context,
                                                    initializer=_start_worker) as pool:
            futures = []
            for label, rows in jobs:
                reports = block_reports(rows)
                futures.append((reports, pool.submit(_link_block, reports, settings, merges, splits,
                                                     {**options, "threads": 1})))
            results = [(reports, *future.result()) for reports, future in futures]
            del futures
    # the blocks' reports are let go as soon as they are joined (at a million reports each copy is hundreds of MB)
    parts = [result[0] for result in results]
    results = [(None, *result[1:]) for result in results]
    reports = _joined_in_order(parts)
    del parts
    pairs = pd.concat([result[1] for result in results], ignore_index=True)
    pairs = pairs.sort_values(["report_id_l", "report_id_r"], kind="mergesort").reset_index(drop=True)
    clusters = pd.concat([result[2] for result in results]).sort_index()
    n_compared = sum(result[4] for result in results)
    return reports, pairs, report_ids, clusters, results[0][3], n_compared


def _joined_in_order(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The blocks' reports as one frame sorted by report_id (what pd.concat then sorting gives), built a column at a
    time: each block's column is let go once joined, so the collection's reports are never held twice (at a million
    reports they are about a GB). Empties `parts`."""
    ids = np.concatenate([part["report_id"].to_numpy(dtype=str) for part in parts])
    order = np.argsort(ids, kind="stable")
    del ids
    joined = {}
    for name in list(parts[0].columns):
        column = pd.concat([part.pop(name) for part in parts], ignore_index=True)
        joined[name] = column.take(order).reset_index(drop=True)
        del column
    return pd.DataFrame(joined, copy=False)


_worker_session: SplinkSession | None = None  # a worker process's session (_start_worker)


def _start_worker() -> None:
    """Import the linkage libraries in a worker process and open its session, on one DuckDB thread (the workers
    share the cores)."""
    global _worker_session
    linkage.warm_up()
    _worker_session = SplinkSession(threads=1)


def _link_block(reports: pd.DataFrame, settings: dict, merges: list, splits: list, options: dict
                ) -> tuple[pd.DataFrame, pd.Series, dict, int]:
    """Score and group one block's reports (in a worker process, on its session, or this one)."""
    if "session" not in options and _worker_session is not None:
        options = {**options, "session": _worker_session}
    if len(reports) < 2:
        clusters = pd.Series(reports["report_id"].astype(str).tolist(), index=reports["report_id"].astype(str).tolist(),
                             dtype="string").rename_axis("report_id").rename("cluster_key")
        empty = pd.DataFrame({"report_id_l": pd.Series([], dtype="string"), "report_id_r": pd.Series([], dtype="string"),
                              "match_weight": pd.Series([], dtype="float64"),
                              "match_probability": pd.Series([], dtype="float64")})
        return empty, clusters, linkage.splink_settings_dict(settings), 0
    return link_reports(reports, settings, merges=merges, splits=splits, **options)
