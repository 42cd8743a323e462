"""Reconcile stage: link mentions into events, choose each event's figures, dates and place, list contradictions."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import linkage, linkage_blocks, linkage_dates, outlets
from helpers.actors import GENERIC_ARMED_GROUPS, actor_type_of
from helpers.dates import precision_of_days
from helpers.figures import (
    FIGURE_RULES_PATH,
    RULE_SETS,
    anonymous_speakers,
    check_rules,
    choose_figures,
    claimed_casualties,
    load_figure_rules,
    speaker_classes,
)
from helpers.numbers import is_vague_figure
from helpers.toll_readings import figure_readings
from helpers.event_clustering import haversine_km
from helpers.linkage import DECISIONS_PATH, LINKAGE_SETTINGS_PATH
from helpers.linkage_dates import days_to_iso, iso_to_days
from helpers.schemas import CONTRADICTIONS_COLUMNS, EVENTS_COLUMNS, MENTIONS_COLUMNS

__all__ = [
    "RULE_SETS", "reconcile", "link_mentions", "type_mentions", "build_events", "explain_pairs",
    "compare_rule_totals", "links_holding_events", "LinkResult", "FLAGS",
]

FLAGS = ["single_source", "claim_only", "wide_spread", "date_conflict", "location_conflict", "uncertain_attribution",
         "perpetrator_conflict"]
FLAG_OF_FIELD = {
    "date": "date_conflict",
    "published": "date_conflict",
    "location": "location_conflict",
    "killed": "wide_spread",
    "wounded": "wide_spread",
    "perpetrator": "uncertain_attribution",
    "attribution": "uncertain_attribution",
}
SUSPECTED_COLUMNS = ("is_attribution_suspected", "is_perpetrator_suspected", "is_suspected_attribution")
GEO_RANK = {name: rank for rank, name in enumerate(["place", "near_place", "admin2", "admin1", "region", "country", "unknown"])}
# What summarise_event reads of each typed mention.
EVENT_INPUT_COLUMNS = [
    "mention_id", "article_id", "role", "event_type", "sub_event_type", "date_lo", "date_hi", "date_span",
    "calendar_month", "date_text", "place", "place_key", "admin1", "country", "latitude", "longitude",
    "geo_precision", "perpetrator", "target", "killed", "killed_max", "wounded", "wounded_max", "casualties",
    "source", "source_type", "is_claim", "is_suspected", "published", "published_lo", "date_is_relative",
    "killed_is_vague", "wounded_is_vague", "killed_reading", "wounded_reading", "attackers_killed",
    "killed_qualifier", "wounded_qualifier",
]
EVENT_CHUNK_ROWS = 50_000
INTEGER_EVENT_COLUMNS = [
    "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
    "claimed_casualties", "n_mentions", "n_articles", "n_sources",
]
EVENT_TEXT_COLUMNS = [c for c in EVENTS_COLUMNS if c not in INTEGER_EVENT_COLUMNS + ["latitude", "longitude"]]


# ---------------------------------------------------------------------------------------------------------
# Typing


def type_mentions(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Return the mentions with typed helper columns: date bounds, numbers, booleans, source and publication date."""
    # A shallow copy: a column that needs no change keeps sharing the caller's memory (a million mentions' text
    # columns are hundreds of MB), and one that does is replaced, never written in place.
    frame = mentions.copy(deep=False)
    for column in MENTIONS_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    # Identifiers are kept exactly as written (a file name may begin with a tab or a space); other text is trimmed.
    text_columns = [c for c in MENTIONS_COLUMNS if c not in {"latitude", "longitude", "mention_id", "article_id",
                                                             "event_id"}]
    for column in ["mention_id", "article_id", "event_id"]:
        frame[column] = frame[column].astype("string")
    for column in text_columns:
        frame[column] = _trimmed(frame[column])
    frame["date_lo"], frame["date_hi"] = linkage_dates.parse_date_bounds(frame["date_start"], frame["date_end"], frame["date_precision"])
    frame["date_span"] = (frame["date_hi"] - frame["date_lo"]).astype("Int64")
    frame["calendar_month"] = linkage_dates.calendar_month_of(frame["date_lo"], frame["date_hi"], frame["date_text"])
    frame["place_key"] = linkage_dates.map_distinct(frame["place"], linkage.normalise_place).astype("string")
    for column in ["latitude", "longitude", "killed", "killed_max", "wounded", "wounded_max", "casualties"]:
        frame[column] = linkage.to_number(frame[column])
    words = frame["figure_text"] if "figure_text" in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    for kind in ("killed", "wounded"):
        # only a range can be a vague count ('dozens' as 24-99): the other rows are False without a Python call each
        ranges = np.flatnonzero(frame[f"{kind}_qualifier"].eq("range").fillna(False).to_numpy(dtype=bool))
        is_vague = np.zeros(len(frame), dtype=bool)
        is_vague[ranges] = [is_vague_figure("range", value, maximum, text) for value, maximum, text in zip(
            frame[kind].iloc[ranges].tolist(), frame[f"{kind}_max"].iloc[ranges].tolist(), words.iloc[ranges].tolist())]
        frame[f"{kind}_is_vague"] = is_vague
    # the attackers' own dead (helpers.sides): a total that adds them to the victims is not the victims' toll
    frame["attackers_killed"] = (linkage.to_number(frame["attackers_killed"]) if "attackers_killed" in frame.columns
                                 else pd.Series(np.nan, index=frame.index, dtype=float))
    frame["source_type"] = frame["source_type"].str.lower()
    frame["is_claim"] = linkage.to_bool(frame["is_claim"]) | frame["source_type"].eq("perpetrator_claim").fillna(False)
    frame["source_type"] = frame["source_type"].mask(frame["is_claim"], "perpetrator_claim")
    frame["source_type"] = frame["source_type"].fillna("unattributed")
    suspected = [column for column in SUSPECTED_COLUMNS if column in frame.columns]
    frame["is_suspected"] = linkage.to_bool(frame[suspected[0]]) if suspected else False

    info = _article_info(articles)
    # each mention's article found once for the three columns (-1: an article the table does not list)
    position = info.index.get_indexer(frame["article_id"])
    for column in ["published", "outlet", "title"]:
        values = info[column].astype("string").reset_index(drop=True)
        frame[column] = (values.take(np.maximum(position, 0)).set_axis(frame.index).mask(position < 0) if len(values)
                         else pd.Series(pd.NA, index=frame.index, dtype="string"))
    frame["published_lo"], frame["published_hi"] = linkage_dates.parse_date_bounds(
        frame["published"], frame["published"], frame["published"].fillna("unknown"))  # hi: a month's or year's end
    frame["weekday"] = linkage_dates.weekday_of(frame["date_lo"], frame["date_hi"], frame["date_text"])
    frame["date_is_relative"] = linkage_dates.is_relative_date(frame["date_lo"], frame["date_hi"], frame["published_lo"], frame["date_text"])
    # an article with no outlet is named by its headline or file (helpers.outlets), one name per article
    outlet = frame["outlet"].fillna(frame["article_id"].map(outlets.outlet_names(articles))).fillna(
        "the report " + frame["article_id"])
    claimant = frame["figure_source"].fillna(frame["perpetrator"]).fillna("perpetrator")
    frame["source"] = frame["figure_source"].fillna(outlet).where(~frame["is_claim"], claimant).astype("string")
    # A figure its report gives as replaced ('the initial toll of five', helpers.toll_readings) is only ever
    # replaced by another figure of the same report: only the rows of reports with several are read.
    shared = frame.duplicated(["article_id"], keep=False)
    for kind in ("killed", "wounded"):
        frame[f"{kind}_reading"] = figure_readings(frame, kind, rows=shared)
    return frame


def _trimmed(values: pd.Series) -> pd.Series:
    """Text with surrounding blanks removed and empty text missing; the same Series when nothing changes."""
    text = values.astype("string")
    trimmed = text.str.strip()
    lengths, trimmed_lengths = text.str.len(), trimmed.str.len()
    if lengths.eq(trimmed_lengths).all() and not trimmed_lengths.eq(0).any():
        return text
    return trimmed.replace("", pd.NA)


def _article_info(articles: pd.DataFrame) -> pd.DataFrame:
    """published (ISO day, month or year, or NA), outlet and title per article_id."""
    info = articles.copy() if articles is not None else pd.DataFrame(columns=["article_id"])
    for column in ["published", "outlet", "title"]:
        if column not in info.columns:
            info[column] = pd.NA
        info[column] = info[column].astype("string").str.strip().replace("", pd.NA)
    # a day, or a month or year when that is all the sidecar knows ('2008-09'): parse_date_bounds widens it
    day = info["published"].str.match(r"^\d{4}-\d{2}-\d{2}").fillna(False)
    partial = info["published"].str.fullmatch(r"\d{4}(?:-\d{2})?").fillna(False)
    info["published"] = info["published"].str.slice(0, 10).where(day, info["published"].where(partial))
    return info.drop_duplicates("article_id").set_index("article_id")[["published", "outlet", "title"]]


# ---------------------------------------------------------------------------------------------------------
# Linking


@dataclass
class LinkResult:
    """Everything linking decided: reports, scored pairs, the report of each mention and the group of each report."""

    reports: pd.DataFrame
    pairs: pd.DataFrame
    report_of_mention: pd.Series  # index: mention_id
    cluster_of_report: pd.Series  # index: report_id
    model: dict
    threshold: float
    n_compared: int = 0  # candidate pairs the blocking rules gave Splink to score


def link_mentions(
    typed: pd.DataFrame,
    *,
    settings_path: str | Path = LINKAGE_SETTINGS_PATH,
    decisions_path: str | Path | None = DECISIONS_PATH,
    match_threshold: float | None = None,
    train: bool = False,
    seed: int = 42,
    explain: bool = False,
    n_process: int = 1,
) -> LinkResult:
    """Group typed mentions into events: reports per article, Splink pair scores, constrained grouping, decisions.

    A collection too large to compare every pair of its reports is linked country by country
    (helpers.linkage_blocks), in `n_process` worker processes when above 1."""
    settings = linkage.load_settings(settings_path)
    decisions = linkage.read_decisions(decisions_path)
    if match_threshold is not None and not 0 < float(match_threshold) <= 1:
        raise ValueError(f"match_threshold must be a probability in (0, 1], got {float(match_threshold)}")
    if int(n_process) < 1:
        raise ValueError(f"n_process must be at least 1, got {n_process}")
    n_reports = int(linkage.report_group_keys(typed, decisions).nunique())
    threshold = float(linkage.match_threshold(settings, n_reports) if match_threshold is None else match_threshold)
    if linkage_blocks.uses_blocks(settings, n_reports, train=train, explain=explain):
        reports, pairs, report_ids, clusters, model, n_compared = linkage_blocks.link_by_blocks(
            typed, settings, decisions, threshold=threshold, seed=seed, n_process=int(n_process))
    else:
        reports, report_ids = linkage.build_reports(
            typed, decisions, words_top=linkage.words_top(settings, len(typed)),
            words_without_names=linkage.words_without_names(settings))
        merges, splits = linkage.decision_pairs(decisions, typed, report_ids)
        pairs, clusters, model, n_compared = linkage_blocks.link_reports(
            reports, settings, threshold=threshold, merges=merges, splits=splits, train=train, seed=seed,
            explain=explain)
    report_of_mention = pd.Series(report_ids.to_numpy(), index=typed["mention_id"].to_numpy(), dtype="string")
    return LinkResult(reports, pairs, report_of_mention, clusters, model, threshold, n_compared)


def explain_pairs(link: LinkResult, typed: pd.DataFrame) -> pd.DataFrame:
    """Scored pairs with the mentions on each side, each comparison's match weight and whether they were joined."""
    members = (
        typed.assign(report_id=typed["mention_id"].map(link.report_of_mention))
        .sort_values("mention_id", kind="mergesort").groupby("report_id")["mention_id"].agg(";".join)
    )
    pairs = link.pairs.copy()
    pairs.insert(0, "mentions_l", pairs["report_id_l"].map(members))
    pairs.insert(1, "mentions_r", pairs["report_id_r"].map(members))
    pairs["is_joined"] = pairs["report_id_l"].map(link.cluster_of_report).eq(pairs["report_id_r"].map(link.cluster_of_report))
    pairs["is_above_threshold"] = pairs["match_probability"] >= link.threshold
    pairs = pairs.drop(columns=["report_id_l", "report_id_r"])
    return pairs.sort_values(["match_probability", "mentions_l", "mentions_r"], ascending=[False, True, True],
                             kind="mergesort").reset_index(drop=True)


def links_holding_events(link: LinkResult, mentions_out: pd.DataFrame, *, min_reports: int = 3) -> pd.DataFrame:
    """For each event of at least `min_reports` reports, the links that hold it together: the strongest pairs
    that connect its reports (a maximum spanning tree of its pairs at or above the threshold), with each
    comparison's weight when the link was explained, and its weakest pair inside the event (`is_weakest`).

    Every join the grouping makes rests on at least one pair at or above the threshold, so the tree spans
    the event; a reader sees which report brought which others in, and on what evidence.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import minimum_spanning_tree

    event_of_report = (mentions_out.assign(report_id=mentions_out["mention_id"].map(link.report_of_mention))
                       .dropna(subset=["report_id"]).drop_duplicates("report_id")
                       .set_index("report_id")["event_id"])
    members = (mentions_out.assign(report_id=mentions_out["mention_id"].map(link.report_of_mention))
               .sort_values("mention_id", kind="mergesort").groupby("report_id")["mention_id"].agg(";".join))
    sizes = event_of_report.value_counts()
    large = set(sizes[sizes >= min_reports].index)
    pairs = link.pairs.assign(event_l=link.pairs["report_id_l"].map(event_of_report),
                              event_r=link.pairs["report_id_r"].map(event_of_report))
    inside = pairs[pairs["event_l"].eq(pairs["event_r"]).fillna(False) & pairs["event_l"].isin(large)]
    weights = [c for c in inside.columns if c.startswith("mw_")]
    rows = []
    for event_id, group in inside.groupby("event_l", sort=True):
        reports = sorted(set(group["report_id_l"]) | set(group["report_id_r"]))
        index = {report: number for number, report in enumerate(reports)}
        strong = group[group["match_probability"] >= link.threshold]
        # the tree of largest weights: scipy finds a minimum tree, so weights are turned around (and kept > 0)
        cost = (strong["match_weight"].max() + 1.0) - strong["match_weight"] if len(strong) else strong["match_weight"]
        graph = coo_matrix((cost.to_numpy(dtype=float) + 1e-9, (strong["report_id_l"].map(index).to_numpy(),
                                                                 strong["report_id_r"].map(index).to_numpy())),
                           shape=(len(reports), len(reports)))
        tree = minimum_spanning_tree(graph).tocoo()
        chosen = {(reports[min(a, b)], reports[max(a, b)]) for a, b in zip(tree.row.tolist(), tree.col.tolist())}
        is_tree = [(l, r) in chosen for l, r in zip(group["report_id_l"], group["report_id_r"])]
        weakest = group["match_probability"].idxmin()
        picked = group[pd.Series(is_tree, index=group.index) | group.index.isin([weakest])]
        for index_label, row in picked.iterrows():
            rows.append({"event_id": event_id, "mentions_l": members.get(row["report_id_l"]),
                         "mentions_r": members.get(row["report_id_r"]), "match_probability": row["match_probability"],
                         "is_weakest": index_label == weakest and not (row["report_id_l"], row["report_id_r"]) in chosen,
                         **{name: row[name] for name in weights}})
    columns = ["event_id", "mentions_l", "mentions_r", "match_probability", "is_weakest", *weights]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["event_id", "is_weakest", "match_probability", "mentions_l"],
                             ascending=[True, True, False, True], kind="mergesort").reset_index(drop=True)


def compare_rule_totals(events_by_rule: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Totals of killed and wounded low/best/high per rule set, and how many events have a killed figure."""
    rows = []
    for rules, events in events_by_rule.items():
        row = {"rules": rules, "n_events": len(events), "n_events_with_killed": int(events["killed_best"].notna().sum())}
        for column in ["killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high"]:
            row[column] = int(events[column].fillna(0).sum())
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------
# Events


def reconcile(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    rules: str = "ucdp",
    settings_path: str | Path = LINKAGE_SETTINGS_PATH,
    decisions_path: str | Path | None = DECISIONS_PATH,
    figure_rules_path: str | Path = FIGURE_RULES_PATH,
    match_threshold: float | None = None,
    train: bool = False,
    seed: int = 42,
    n_process: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Turn mentions into events, contradictions and the mentions with their event_id (all sorted).

    With `n_process` above 1, a large collection is linked and summarised in that many worker processes.

    `rules` chooses the figure rule set: 'ucdp' (the brief's rules), 'acled' (one conservative figure) or
    'range' (Airwars/IBC min-max). Linking does not depend on it.
    """
    check_rules(rules)
    if mentions["mention_id"].duplicated().any():
        raise ValueError("mention_id must be unique")
    typed = type_mentions(mentions, articles)
    link = link_mentions(typed, settings_path=settings_path, decisions_path=decisions_path,
                         match_threshold=match_threshold, train=train, seed=seed, n_process=n_process)
    typed, link = for_events(typed, link)
    return build_events(typed, link, rules=rules, figure_rules_path=figure_rules_path, original=mentions,
                        n_process=n_process)


def for_events(typed: pd.DataFrame, link: LinkResult) -> tuple[pd.DataFrame, LinkResult]:
    """What build_events (given the original mentions) reads of the typed mentions and of linking: the event inputs,
    and the report of each mention and group of each report, without the reports and pairs. At a million mentions
    the reports (with their word and name lists) and the typed columns the events do not read take about a GB: a
    caller that lets go of its own references frees them before the events are built."""
    link = replace(link, reports=link.reports.iloc[:0].copy(), pairs=link.pairs.iloc[:0].copy())
    return typed[EVENT_INPUT_COLUMNS], link


def build_events(
    typed: pd.DataFrame,
    link: LinkResult,
    *,
    rules: str = "ucdp",
    figure_rules_path: str | Path = FIGURE_RULES_PATH,
    original: pd.DataFrame | None = None,
    n_process: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Summarise each group of mentions into an event row and its contradiction rows; number the events.

    With `n_process` above 1, a large collection's groups are summarised in that many worker processes (chunks of
    EVENT_CHUNK_ROWS mentions); the tables are the same."""
    check_rules(rules)
    figure_rules = load_figure_rules(figure_rules_path)
    cluster_of_mention = typed["mention_id"].map(link.report_of_mention).map(link.cluster_of_report)
    # Mentions in group order, taken from `typed` a chunk at a time: a million mentions as dicts take gigabytes.
    keys = pd.DataFrame({"_cluster": cluster_of_mention.to_numpy(), "mention_id": typed["mention_id"].to_numpy()})
    keys = keys.sort_values(["_cluster", "mention_id"], kind="mergesort")
    order, keys = keys.index.to_numpy(), keys.reset_index(drop=True)
    inputs = typed[EVENT_INPUT_COLUMNS]
    frames, contradictions = [], []
    chunks = _cluster_chunks(keys["_cluster"], rows=EVENT_CHUNK_ROWS)
    cluster_values = keys["_cluster"].to_numpy()

    def chunk_frame(chunk: slice) -> pd.DataFrame:
        return inputs.iloc[order[chunk]].assign(_cluster=cluster_values[chunk])

    if int(n_process) > 1 and len(chunks) > 1:
        # Each group is summarised on its own, so chunks (which never cut a group) go to worker processes and come
        # back in order: the same events and contradictions as in one process. At most two chunks per worker wait
        # in the pool, so the input is not copied whole into the pool's queue.
        import concurrent.futures
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=int(n_process), mp_context=context) as pool:
            pending: list = []
            for chunk in chunks:
                pending.append(pool.submit(_summarise_chunk, chunk_frame(chunk), rules, figure_rules))
                while len(pending) > 2 * int(n_process):
                    frame, rows = pending.pop(0).result()
                    frames.append(frame)
                    contradictions.extend(rows)
            for future in pending:
                frame, rows = future.result()
                frames.append(frame)
                contradictions.extend(rows)
            del pending
    else:
        for chunk in chunks:
            frame, rows = _summarise_chunk(chunk_frame(chunk), rules, figure_rules)
            frames.append(frame)
            contradictions.extend(rows)

    events_frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else (frames[0] if frames else pd.DataFrame())
    del frames
    if len(events_frame):
        events_frame = _sorted_column_by_column(events_frame, ["_date_lo", "place", "_first_mention"])
        width = max(4, len(str(len(events_frame))))
        events_frame["event_id"] = [f"EV{number:0{width}d}" for number in range(1, len(events_frame) + 1)]
    else:
        events_frame = pd.DataFrame(columns=EVENTS_COLUMNS + ["_cluster"])
    event_of_cluster = dict(zip(events_frame["_cluster"], events_frame["event_id"]))
    contradictions_frame = pd.DataFrame(contradictions, columns=["_cluster"] + CONTRADICTIONS_COLUMNS[1:])
    del contradictions
    contradictions_frame.insert(0, "event_id", contradictions_frame.pop("_cluster").map(event_of_cluster))
    contradictions_frame = contradictions_frame.astype("string").sort_values(["event_id", "field", "values"], kind="mergesort")

    events_out = events_frame[EVENTS_COLUMNS].reset_index(drop=True)
    # let go of the frame before typing its columns: each column typed then frees its Python objects (at a million
    # mentions the events' text as Python strings holds hundreds of MB)
    del events_frame
    for column in INTEGER_EVENT_COLUMNS:
        events_out[column] = pd.to_numeric(events_out[column]).round().astype("Int64")
    for column in ["latitude", "longitude"]:
        events_out[column] = pd.to_numeric(events_out[column]).astype("Float64")
    events_out[EVENT_TEXT_COLUMNS] = events_out[EVENT_TEXT_COLUMNS].astype("string")
    if not events_out["event_id"].is_monotonic_increasing:  # numbered in this order above: no copy then
        events_out = events_out.sort_values("event_id", kind="mergesort")
    events_out = events_out.reset_index(drop=True)

    # A shallow copy: adding event_id leaves the caller's frame alone (copy-on-write), and sorting copies anyway.
    mentions_out = (original if original is not None else typed[MENTIONS_COLUMNS]).copy(deep=False)
    # each typed mention's event, by position (keys are the typed mentions in `order`): no dict of a million ids
    event_ids = np.empty(len(keys), dtype=object)
    event_ids[order] = keys["_cluster"].map(event_of_cluster).to_numpy(dtype=object)
    if mentions_out["mention_id"].astype("string").equals(typed["mention_id"].astype("string").set_axis(mentions_out.index)):
        mentions_out["event_id"] = pd.array(event_ids, dtype="string")
    else:  # another table of the same mentions: by id
        event_of_mention = pd.Series(event_ids, index=typed["mention_id"].to_numpy(), dtype="string")
        mentions_out["event_id"] = mentions_out["mention_id"].map(event_of_mention).astype("string")
    if not mentions_out["mention_id"].is_monotonic_increasing:  # annotate writes them sorted: no copy then
        mentions_out = mentions_out.sort_values("mention_id", kind="mergesort")
    mentions_out = mentions_out.reset_index(drop=True)
    return events_out, contradictions_frame.reset_index(drop=True), mentions_out


def _sorted_column_by_column(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The frame sorted by `by` (missing last, stable: what sort_values gives), its columns moved one at a time into
    the sorted frame, so that the frame is never held twice (at a million mentions the events are hundreds of MB).
    Empties `frame`."""
    order = frame[by].sort_values(by, na_position="last", kind="mergesort").index
    positions = frame.index.get_indexer(order)
    return pd.DataFrame({name: frame.pop(name).take(positions) for name in list(frame.columns)}, copy=False)


def _summarise_chunk(frame: pd.DataFrame, rules: str, figure_rules: dict) -> tuple[pd.DataFrame, list[dict]]:
    """The events (one row per group, `_cluster` its key) and contradiction rows of a frame of typed mentions sorted
    by group (`_cluster`)."""
    records = _records(frame)
    del frame
    events, contradictions = [], []
    start = 0
    while start < len(records):
        stop = start
        while stop < len(records) and records[stop]["_cluster"] == records[start]["_cluster"]:
            stop += 1
        event, rows = summarise_event(records[start:stop], rules=rules, figure_rules=figure_rules)
        event["_cluster"] = records[start]["_cluster"]
        events.append(event)
        contradictions.extend(rows)
        start = stop
    # a chunk's events become a frame at once: at a million mentions the dicts of every event take a GB; its text
    # columns are typed at once too (build_events types them all the same way after joining the chunks), so the
    # chunks wait as compact text rather than one Python string per value
    frame = pd.DataFrame(events)
    for column in EVENT_TEXT_COLUMNS:
        if column in frame.columns:
            frame[column] = frame[column].astype("string")
    return frame, contradictions


def _cluster_chunks(clusters: pd.Series, *, rows: int) -> list[slice]:
    """Slices of about `rows` consecutive rows of a frame sorted by cluster, never cutting a cluster in two."""
    values = clusters.to_numpy()
    starts = np.flatnonzero(values[1:] != values[:-1]) + 1 if len(values) else np.array([], dtype=int)
    bounds, start = [], 0
    for boundary in starts.tolist() + [len(values)]:
        if boundary - start >= rows or boundary == len(values):
            if boundary > start:
                bounds.append(slice(start, boundary))
            start = boundary
    return bounds


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values, missing values as None."""
    names = list(frame.columns)
    columns = []
    for name in names:
        values = frame[name].tolist()
        missing = frame[name].isna().to_numpy()
        if missing.any():
            values = [None if is_missing else value for value, is_missing in zip(values, missing.tolist())]
        columns.append(values)
    return [dict(zip(names, row)) for row in zip(*columns)]


def summarise_event(mentions: list[dict], *, rules: str, figure_rules: dict) -> tuple[dict, list[dict]]:
    """One event row (without its id) and its contradiction rows (keyed by the group) from its mentions."""
    cluster = mentions[0]["_cluster"]
    thresholds = figure_rules["contradictions"]
    rows: list[dict] = []

    def add(field: str, values: str, article_ids: set[str], note: str) -> None:
        rows.append({"_cluster": cluster, "field": field, "values": values,
                     "article_ids": ";".join(sorted(article_ids)), "note": note})

    date = choose_interval(mentions)
    for row in date_contradictions(mentions, date):
        add(**row)
    place = choose_place(mentions)
    for row in location_contradictions(mentions, place, max_km=thresholds["location_conflict_km"]):
        add(**row)
    perpetrator = choose_perpetrator(mentions)
    for row in attribution_contradictions(mentions):
        add(**row)

    reliability, classes = figure_rules["source_reliability"], speaker_classes(figure_rules)
    anonymous = anonymous_speakers(figure_rules)
    killed = choose_figures(mentions, "killed", rules, reliability, classes, anonymous)
    wounded = choose_figures(mentions, "wounded", rules, reliability, classes, anonymous)
    reference = {"killed": killed, "wounded": wounded} if rules == "ucdp" else {
        name: choose_figures(mentions, name, "ucdp", reliability, classes, anonymous) for name in ("killed", "wounded")
    }
    for name, chosen in reference.items():
        row = spread_contradiction(mentions, name, chosen, ratio=thresholds["wide_spread_ratio"])
        if row:
            add(**row)
    claim_value, claimant = claimed_casualties(mentions)

    articles = sorted({m["article_id"] for m in mentions})
    independent = sorted({m["source"] for m in mentions if not m["is_claim"]})
    claimants = sorted({m["source"] for m in mentions if m["is_claim"]} - set(independent))
    flags = {FLAG_OF_FIELD[row["field"]] for row in rows}
    if _blames_named_perpetrators_apart(mentions):
        flags.add("perpetrator_conflict")
    if len(independent) == 1:
        flags.add("single_source")
    if killed["best"] is None and wounded["best"] is None and claim_value is not None:
        flags.add("claim_only")

    rationale = _rationale(killed, wounded, claim_value, claimant, rules)
    event = {
        "_date_lo": date["lo"],
        "_first_mention": mentions[0]["mention_id"],
        "date_start": days_to_iso(date["lo"]),
        "date_end": days_to_iso(date["hi"]),
        "date_precision": date["precision"],
        "event_type": choose_by_support(mentions, "event_type"),
        "sub_event_type": choose_by_support(mentions, "sub_event_type"),
        **place["fields"],
        "perpetrator": perpetrator,
        "target": choose_by_support(mentions, "target"),
        "killed_low": killed["low"], "killed_best": killed["best"], "killed_high": killed["high"],
        "wounded_low": wounded["low"], "wounded_best": wounded["best"], "wounded_high": wounded["high"],
        "claimed_casualties": claim_value,
        "n_mentions": len(mentions),
        "n_articles": len(articles),
        "n_sources": len(independent),
        "sources": "; ".join(independent + [f"{name} (claim)" for name in claimants]),
        "article_ids": ";".join(articles),
        "mention_ids": ";".join(m["mention_id"] for m in mentions),
        "rationale": rationale,
        "flags": ";".join(flag for flag in FLAGS if flag in flags),
    }
    return event, rows


def _rationale(killed: dict, wounded: dict, claim_value: float | None, claimant: str, rules: str) -> str:
    """One sentence saying which figure was chosen and why."""
    parts = [chosen["reason"] for chosen in (killed, wounded) if chosen["reason"]]
    if claim_value is not None:
        parts.append(f"{claimant}'s claim of {int(claim_value)} casualties is kept apart in claimed_casualties")
    if not parts:
        return "No source gives a casualty figure."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + f" (rules: {rules})."


# ---------------------------------------------------------------------------------------------------------
# Dates


def choose_interval(mentions: list[dict]) -> dict:
    """The event's date: the intersection of the best-supported set of overlapping intervals.

    A month named without a year ("In August") is placed in the latest such month that starts on or before
    the latest dated report of the event, so that it can support or contradict the dated reports. Support
    is the number of distinct articles whose interval contains a day (then mentions, then the narrower
    intersection, then the earlier day). Intervals that do not overlap the chosen intersection conflict.
    """
    dated = [dict(m, _placed=False) for m in mentions if m["date_lo"] is not None]
    if not dated:
        return {"lo": None, "hi": None, "precision": "unknown", "agreeing": [], "conflicting": [], "n_placed": 0}
    anchor = max(m["date_hi"] for m in dated)
    for mention in mentions:
        if mention["date_lo"] is None and mention["calendar_month"] is not None:
            lo, hi = _latest_month_on_or_before(int(mention["calendar_month"]), anchor)
            dated.append(dict(mention, date_lo=lo, date_hi=hi, _placed=True))
    best_key, best = None, None
    for day in sorted({m["date_lo"] for m in dated}):
        covering = [m for m in dated if m["date_lo"] <= day <= m["date_hi"]]
        lo = max(m["date_lo"] for m in covering)
        hi = min(m["date_hi"] for m in covering)
        key = (len({m["article_id"] for m in covering}), len(covering), -(hi - lo), -day)
        if best_key is None or key > best_key:
            best_key, best = key, (lo, hi, covering)
    lo, hi, covering = best
    agreeing_ids = {m["mention_id"] for m in covering}
    conflicting = [m for m in dated if m["mention_id"] not in agreeing_ids and (m["date_hi"] < lo or m["date_lo"] > hi)]
    return {"lo": lo, "hi": hi, "precision": precision_of_days(hi - lo), "agreeing": covering,
            "conflicting": conflicting, "n_placed": sum(m["_placed"] for m in dated)}


def _latest_month_on_or_before(month: int, anchor: int) -> tuple[int, int]:
    """First and last day of the latest given calendar month that starts on or before day `anchor`."""
    anchor_day = datetime.date.fromisoformat(days_to_iso(anchor))
    year = anchor_day.year if month <= anchor_day.month else anchor_day.year - 1
    start = datetime.date(year, month, 1)
    stop = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return iso_to_days(start), iso_to_days(stop)


def _interval_text(lo: int, hi: int) -> str:
    """An interval as ISO text (one day when lo == hi)."""
    return days_to_iso(lo) if lo == hi else f"{days_to_iso(lo)}..{days_to_iso(hi)}"


MONTH_NAMES = {number: name for name, number in linkage_dates.MONTH_NAMES.items()}


def date_contradictions(mentions: list[dict], date: dict) -> list[dict]:
    """Rows for dates that do not overlap the event's chosen interval, and for publication dates before it."""
    rows = []
    if date["conflicting"]:
        groups: dict[str, set[str]] = {}
        for mention in date["agreeing"] + date["conflicting"]:
            groups.setdefault(_interval_text(mention["date_lo"], mention["date_hi"]), set()).add(mention["article_id"])
        values = "; ".join(f"{text} ({', '.join(sorted(ids))})" for text, ids in sorted(groups.items()))
        agreeing_articles = {m["article_id"] for m in date["agreeing"]}
        note = (f"keeps {_interval_text(date['lo'], date['hi'])}, supported by {len(agreeing_articles)} "
                f"article{'s' if len(agreeing_articles) > 1 else ''}")
        if date["n_placed"]:
            note += "; a month named without a year is placed in the year of the event's dated reports"
        suspects = sorted({
            f"{m['article_id']} ({m['published']})" for m in date["conflicting"]
            if m["date_is_relative"]
        })
        if suspects:
            note += ("; the other date was worked out from the publication date of " + ", ".join(suspects)
                     + ", which the other articles contradict")
        involved = agreeing_articles | {m["article_id"] for m in date["conflicting"]}
        rows.append({"field": "date", "values": values, "article_ids": involved, "note": note})

    named = [m for m in mentions if m["date_lo"] is None and m["calendar_month"] is not None]
    if named and date["lo"] is None:
        # No report carries a year: the months named without one must still agree with each other.
        months = [m["calendar_month"] for m in named]
        top = max(sorted(set(months)), key=lambda month: len({m["article_id"] for m in named if m["calendar_month"] == month}))
        odd = [m for m in named if m["calendar_month"] != top]
        reference = f"{MONTH_NAMES[top]} (year unknown)"
        reference_articles = {m["article_id"] for m in named if m["calendar_month"] == top}
        if odd:
            groups = {reference: set(reference_articles)}
            for mention in odd:
                groups.setdefault(f"{MONTH_NAMES[mention['calendar_month']]} (year unknown)", set()).add(mention["article_id"])
            values = "; ".join(f"{text} ({', '.join(sorted(ids))})" for text, ids in sorted(groups.items()))
            involved = set().union(*groups.values())
            rows.append({"field": "date", "values": values, "article_ids": involved,
                         "note": f"keeps {reference}; a month named without a year does not fit it"})

    if date["lo"] is not None:
        early = sorted({(m["article_id"], m["published"]) for m in mentions
                        if m["published_lo"] is not None and m["published_lo"] < date["lo"]})
        if early:
            values = "; ".join(f"published {published} ({article})" for article, published in early)
            rows.append({"field": "published", "values": values, "article_ids": {a for a, _ in early},
                         "note": f"published before the event's date {_interval_text(date['lo'], date['hi'])}"})
    return rows


# ---------------------------------------------------------------------------------------------------------
# Places, actors, types


def choose_place(mentions: list[dict]) -> dict:
    """The event's place: the place name cited by most articles, then the most precise, then the first mention."""
    placed = [m for m in mentions if m["place_key"] is not None]
    fields = {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None, "geo_precision": "unknown"}
    if not placed:
        others = [m for m in mentions if m["admin1"] or m["country"]]
        if others:
            chosen = min(others, key=lambda m: (GEO_RANK.get(m["geo_precision"] or "unknown", 9), m["mention_id"]))
            fields.update(admin1=chosen["admin1"], country=chosen["country"],
                          geo_precision=chosen["geo_precision"] or ("admin1" if chosen["admin1"] else "country"))
        return {"fields": fields, "chosen": None}
    support: dict[str, set[str]] = {}
    for mention in placed:
        support.setdefault(mention["place_key"], set()).add(mention["article_id"])

    def key(mention: dict) -> tuple:
        return (-len(support[mention["place_key"]]), GEO_RANK.get(mention["geo_precision"] or "unknown", 9),
                mention["latitude"] is None, mention["mention_id"])

    chosen = min(placed, key=key)
    fields.update(
        place=chosen["place"], admin1=chosen["admin1"], country=chosen["country"],
        latitude=chosen["latitude"], longitude=chosen["longitude"], geo_precision=chosen["geo_precision"] or "unknown",
    )
    if fields["country"] is None:
        fields["country"] = next((m["country"] for m in mentions if m["country"]), None)
    return {"fields": fields, "chosen": chosen}


def location_contradictions(mentions: list[dict], place: dict, *, max_km: float) -> list[dict]:
    """A row when mentions put the event at points more than `max_km` apart or in provinces that do not overlap."""
    chosen = place["chosen"]
    if chosen is None:
        return []
    far = []
    fine = linkage.FINE_GEO_PRECISIONS
    chosen_admin1 = set(linkage.split_names(chosen["admin1"]) or [])
    for mention in mentions:
        if mention["place_key"] is None or mention["place_key"] == chosen["place_key"]:
            continue
        both_points = (chosen["latitude"] is not None and mention["latitude"] is not None
                       and chosen["geo_precision"] in fine and mention["geo_precision"] in fine)
        if both_points:
            distance = haversine_km(chosen["latitude"], chosen["longitude"], mention["latitude"], mention["longitude"])
            if distance > max_km:
                far.append((mention, f"{distance:.0f} km"))
                continue
        admin1 = set(linkage.split_names(mention["admin1"]) or [])
        if chosen_admin1 and admin1 and not chosen_admin1 & admin1:
            far.append((mention, "another province"))
    if not far:
        return []
    groups: dict[str, set[str]] = {chosen["place"]: {m["article_id"] for m in mentions if m["place_key"] == chosen["place_key"]}}
    for mention, _ in far:
        groups.setdefault(mention["place"], set()).add(mention["article_id"])
    values = "; ".join(f"{name} ({', '.join(sorted(ids))})" for name, ids in sorted(groups.items()))
    gaps = ", ".join(sorted({f"{m['place']}: {gap}" for m, gap in far}))
    return [{"field": "location", "values": values, "article_ids": set().union(*groups.values()),
             "note": f"keeps {chosen['place']}, cited by most articles; far from it: {gaps}"}]


def choose_by_support(mentions: list[dict], field: str, *, prefer_firm: bool = False) -> str | None:
    """The value of a field cited by most articles (firm attributions before suspected ones), ties alphabetical."""
    support: dict[str, set[str]] = {}
    firm: dict[str, bool] = {}
    for mention in mentions:
        value = mention[field]
        if value is None:
            continue
        support.setdefault(value, set()).add(mention["article_id"])
        firm[value] = firm.get(value, False) or not mention.get("is_suspected", False)
    if not support:
        return None
    return min(support, key=lambda v: (not firm[v] if prefer_firm else False, -len(support[v]), v))


def _is_unnamed_attackers(value: str) -> bool:
    """Tell whether a perpetrator value is only the placeholder for unnamed attackers ('gunmen', 'militants')."""
    return all(part.strip() in GENERIC_ARMED_GROUPS for part in value.split(";"))


def _blames_named_perpetrators_apart(mentions: list[dict]) -> bool:
    """Tell whether two reports of an event, both stating a perpetrator without doubt, name different actors
    (unnamed attackers - 'gunmen' - beside a named group is a report knowing less, not a conflict; a suspicion is
    uncertain_attribution)."""
    named = {mention["perpetrator"] for mention in mentions
             if mention["perpetrator"] is not None and not mention.get("is_suspected")
             and not _is_unnamed_attackers(mention["perpetrator"])}
    return len(named) > 1


def _names_armed_group(value: str) -> bool:
    """Tell whether a perpetrator value names a non-state armed group (the kind the placeholder stands for)."""
    return any(part.strip() not in GENERIC_ARMED_GROUPS and actor_type_of(part.strip()) == "non-state armed group"
               for part in value.split(";"))


def choose_perpetrator(mentions: list[dict]) -> str | None:
    """The event's perpetrator: the value most articles cite (firm before suspected, ties alphabetical), except
    that a named armed group outranks the placeholder for unnamed attackers, however many articles say only
    'gunmen': a report naming the group ('suspected Boko Haram gunmen') is more specific than one that does not,
    and the corpus conventions code the group (a suspected group counts). State forces do not outrank it: the
    placeholder stands for an armed group, and forces on an event's rows are often the side that fought back."""
    chosen = choose_by_support(mentions, "perpetrator", prefer_firm=True)
    if chosen is None or not _is_unnamed_attackers(chosen):
        return chosen
    named = [mention for mention in mentions if mention["perpetrator"] is not None
             and _names_armed_group(mention["perpetrator"])]
    return choose_by_support(named, "perpetrator", prefer_firm=True) if named else chosen


def attribution_contradictions(mentions: list[dict]) -> list[dict]:
    """Rows for mentions that blame different perpetrators, and for attributions that are only suspected."""
    rows = []
    named: dict[str, set[str]] = {}
    for mention in mentions:
        if mention["perpetrator"] is not None:
            named.setdefault(mention["perpetrator"], set()).add(mention["article_id"])
    if len(named) > 1:
        values = "; ".join(f"{name} ({', '.join(sorted(ids))})" for name, ids in sorted(named.items()))
        rows.append({"field": "perpetrator", "values": values, "article_ids": set().union(*named.values()),
                     "note": "mentions blame different perpetrators"})
    suspected = [m for m in mentions if m.get("is_suspected")]
    if suspected:
        names: dict[str, set[str]] = {}
        for mention in suspected:
            names.setdefault(mention["perpetrator"] or "unnamed", set()).add(mention["article_id"])
        values = "; ".join(f"{name} suspected ({', '.join(sorted(ids))})" for name, ids in sorted(names.items()))
        firm = sorted({m["article_id"] for m in mentions if not m.get("is_suspected") and m["perpetrator"]})
        note = "attribution only suspected in these articles"
        note += f"; stated without doubt in {', '.join(firm)}" if firm else "; no article states it without doubt"
        rows.append({"field": "attribution", "values": values,
                     "article_ids": {m["article_id"] for m in suspected}, "note": note})
    return rows


def spread_contradiction(mentions: list[dict], field: str, chosen: dict, *, ratio: float) -> dict | None:
    """A row when two or more independent sources' latest figures differ by a factor of `ratio` or more (high/low)."""
    low, high = chosen["low"], chosen["high"]
    if len(chosen["sources"]) < 2 or low is None or high is None or high < ratio * low or high == 0:
        return None  # one source's own range ("several" as 3-9) is vagueness, not a disagreement
    by_source = chosen["sources"]
    articles = set(chosen["article_ids"])
    values = "; ".join(f"{source}: {int(value) if float(value).is_integer() else value}" for source, value in sorted(by_source.items()))
    spread = "inf" if low == 0 else f"{high / low:.2f}"
    return {"field": field, "values": values, "article_ids": articles,
            "note": f"sources' latest figures range {int(low)}-{int(high)} (high/low {spread} >= {ratio})"}

