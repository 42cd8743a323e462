"""Decide which mentions are the same real attack: build one report per article and attack, and score pairs of reports
with Splink (the grouping of scored pairs is `event_clustering`, the date readings `linkage_dates`)."""
from __future__ import annotations

import contextlib
import copy
import functools
import itertools
import json
import logging
import math
import re
import tempfile
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import yaml

from typing import TYPE_CHECKING

from helpers import numpy_blocking, pair_scores, report_certainty
from helpers.event_clustering import log_odds, positive_components
from helpers.linkage_dates import FIRM_DATE_MAX_SPAN_DAYS, map_distinct, month_index, year_of
from helpers.actors import GENERIC_ARMED_GROUPS, GENERIC_STATE_FORCES
from helpers.paths import DATA_DIR
from helpers.report_words import report_words

if TYPE_CHECKING:
    from helpers.linkage_session import SplinkSession

LINKAGE_SETTINGS_PATH = DATA_DIR / "linkage" / "splink_settings.yaml"
DECISIONS_PATH = DATA_DIR / "merge_split.csv"
DECISIONS_COLUMNS = ["decision", "mention_id", "other_mention_id", "reason"]
DECISIONS = ["merge", "split"]
FINE_GEO_PRECISIONS = {"place", "near_place"}


def firm_dates_by_place(settings: dict, n_reports: int) -> bool:
    """Whether two firm dates that conflict are kept apart only at one place (settings clustering
    `firm_dates_apart_only_at_one_place`): only when every pair of the collection is scored, so that the grouping
    sums the date conflict's strong no of every pair at different places (a blocked collection leaves most pairs
    unscored, and there a firm conflict stays a cannot-link wherever the reports are)."""
    return bool(settings.get("clustering", {}).get("firm_dates_apart_only_at_one_place")) and \
        compares_all_pairs(settings, n_reports)
# end linking6: weak dates --------------------------------------------------------------------------------
VAGUE_GEO_PRECISIONS = {"region", "country", "unknown"}
# Arabic article prefixes that transliterations keep or drop ("Al-Shola" / "Shula", "Deir ez-Zor" / "Deir Zor").
_ARTICLE_PREFIX = re.compile(r"^(?:a|e)(?:l|d|n|r|s|sh|t|th|z|dh)$")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")

# What build_reports reads of each typed mention.
REPORT_INPUT_COLUMNS = [
    "mention_id", "article_id", "is_claim", "date_lo", "date_hi", "date_span", "calendar_month", "weekday",
    "date_is_relative", "geo_precision", "place_key", "latitude", "longitude", "admin1", "country", "perpetrator", "target",
    "event_type", "sub_event_type", "killed", "killed_max", "killed_qualifier", "wounded", "wounded_max",
    "wounded_qualifier", "published_lo", "published_hi",
]
REPORT_COLUMNS = [
    "report_id", "article_id", "date_lo", "date_hi", "date_span", "month_lo", "month_hi", "date_year",
    "calendar_month", "weekday", "date_is_relative", "place_key", "latitude", "longitude", "is_vague_place",
    "is_country_stated", "admin1_key", "admin1_set", "admin1_weekday", "undated_admin1_weekday", "country_key", "unplaced_undated_country", "area_key", "area_weekday",
    "undated_area_weekday",
    "perpetrator_key", "perpetrator_set", "target_key", "target_set", "event_type", "sub_event_type",
    "killed_lo", "killed_hi", "killed_reach", "wounded_lo", "wounded_hi", "words", "published_lo", "published_hi",
]


# ---------------------------------------------------------------------------------------------------------
# Typing mentions


def warm_up() -> None:
    """Import the linkage libraries the functions below load lazily (the runner calls this in a waiting kernel)."""
    import duckdb  # noqa: F401
    import splink  # noqa: F401
    import splink.comparison_level_library  # noqa: F401


def normalise_place(name: object) -> object:
    """Return a transliteration-insensitive key for a place name (several places joined with ';' stay joined).

    Drops accents, Arabic article prefixes (al-, el-, ez-, ash-), vowels and doubled letters, so that
    "Deir ez-Zor", "Deir Ezzor" and "Deir el-Zour" or "Mayadeen" and "Mayadin" share a key.
    """
    if name is None or pd.isna(name) or not str(name).strip():
        return pd.NA
    keys = sorted({_place_skeleton(part) for part in str(name).split(";") if part.strip()} - {""})
    return ";".join(keys) if keys else pd.NA


def _place_skeleton(name: str) -> str:
    """Consonant skeleton of one place name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’`ʿʾ]", "", text)
    tokens = [token for token in re.split(r"[^a-z0-9]+", text) if token]
    tokens = [token for token in tokens if not _ARTICLE_PREFIX.fullmatch(token)]
    if len(tokens) > 1 and tokens[0] in {"the"}:
        tokens = tokens[1:]
    joined = "".join(tokens)
    skeleton = joined[:1] + _VOWELS.sub("", joined[1:]) if joined else ""
    # "ezzor" keeps its assimilated article without a hyphen; doubled consonants collapse all the same.
    skeleton = _REPEATS.sub(r"\1", skeleton)
    if skeleton[:1] in "aeiouy" and len(skeleton) > 1:
        skeleton = skeleton[1:]
    return skeleton


def split_names(value: object) -> list[str] | None:
    """Return the sorted distinct names of a ';'-joined field, or None when blank."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    names = sorted({part.strip() for part in str(value).split(";") if part.strip()})
    return names or None


def to_bool(values: pd.Series) -> pd.Series:
    """Read a boolean column written as true/false, 1/0 or yes/no (blank is False)."""
    text = values.astype("string").str.strip().str.lower()
    return text.isin(["true", "1", "yes", "y", "t"]).fillna(False).astype(bool)


def to_number(values: pd.Series) -> pd.Series:
    """Read a numeric column written as text (blank is NA); a column already numeric is only cast (a million values
    written out as text and read back cost seconds)."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        numbers = values.astype("Float64")
        return numbers.mask(np.isnan(numbers.to_numpy(dtype=np.float64, na_value=np.nan)))  # NaN read as NA too
    return pd.to_numeric(values.astype("string").str.replace(",", "", regex=False), errors="coerce").astype("Float64")


# ---------------------------------------------------------------------------------------------------------
# Settings and decisions


def learned_m_u_path(settings: dict, settings_path: str | Path = LINKAGE_SETTINGS_PATH) -> Path | None:
    """The file of m and u learned from labelled pairs that the settings name (beside the settings), or None."""
    options = settings.get("learned_m_u") or {}
    return Path(settings_path).parent / options["file"] if options.get("file") else None


def words_top(settings: dict, n_mentions: int) -> int | None:
    """How many distinctive words each report carries for the `words` comparison (settings `words`), or None when
    the collection has more mentions than `words.max_mentions` (the comparison then stays at its null level)."""
    options = settings.get("words") or {}
    if not options.get("top") or n_mentions > int(options.get("max_mentions", 0)):
        return None
    return int(options["top"])


def words_without_names(settings: dict) -> bool:
    """Whether a report's words leave out its own place and actor names (settings `words.without_names`)."""
    return bool((settings.get("words") or {}).get("without_names"))


def load_settings(path: str | Path = LINKAGE_SETTINGS_PATH, *, learned: bool = True) -> dict:
    """Read the linkage settings YAML and check that every stated probability has a reason.

    With `learned` (the default) and `learned_m_u.use` set, the m and u of each level found in the settings' `learned_m_u` file
    (written by `python -m helpers.linkage_training` from the world corpus's dev split) replace the stated
    priors; a level the file does not list keeps its prior.
    """
    settings = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    source = learned_m_u_path(settings, path) if learned and (settings.get("learned_m_u") or {}).get("use") else None
    if source is not None and source.exists():
        settings["learned_m_u"]["in_use"] = True
        table = pd.read_csv(source, dtype={"comparison": "string", "level": "string"})
        values = {(row.comparison, row.level): (float(row.m), float(row.u)) for row in table.itertuples(index=False)}
        for comparison in settings["comparisons"]:
            for level in comparison["levels"]:
                found = values.get((comparison["output_column_name"], level.get("label")))
                if found is not None and not level.get("is_null") and not level.get("stated"):
                    level["prior_m"], level["prior_u"] = level["m"], level["u"]
                    level["m"], level["u"] = found
    for comparison in settings["comparisons"]:
        for level in comparison["levels"]:
            if not level.get("reason"):
                raise ValueError(f"level {level.get('label')!r} of {comparison['output_column_name']} has no reason")
            if not level.get("is_null") and ("m" not in level or "u" not in level):
                raise ValueError(f"level {level.get('label')!r} of {comparison['output_column_name']} needs m and u")
    for rule in settings["blocking_rules"]:
        if not rule.get("reason"):
            raise ValueError(f"blocking rule {rule['sql']!r} has no reason")
    return settings


def read_decisions(path: str | Path | None = DECISIONS_PATH) -> pd.DataFrame:
    """Read manual merge/split decisions (one pair of mention ids per row, each with a reason)."""
    if path is None or str(path) == "" or not Path(path).exists():  # None, '' or a missing file: no decisions
        return pd.DataFrame({column: pd.Series([], dtype="string") for column in DECISIONS_COLUMNS})
    decisions = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""], comment="#")
    missing = [column for column in DECISIONS_COLUMNS if column not in decisions.columns]
    if missing:
        raise ValueError(f"decisions file {path} lacks columns {missing}")
    decisions["decision"] = decisions["decision"].str.strip().str.lower()
    bad = decisions[~decisions["decision"].isin(DECISIONS)]
    if len(bad):
        raise ValueError(f"decision must be one of {DECISIONS}, got {sorted(bad['decision'].dropna().unique())}")
    if decisions["reason"].isna().any():
        raise ValueError("every merge/split decision needs a reason")
    pairs = decisions.apply(lambda row: frozenset([row["mention_id"], row["other_mention_id"]]), axis=1)
    clash = set(pairs[decisions["decision"].eq("merge")]) & set(pairs[decisions["decision"].eq("split")])
    if clash:
        raise ValueError(f"the same pair is both merged and split: {sorted(sorted(pair) for pair in clash)}")
    return decisions[DECISIONS_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------
# Reports: what one article says about one attack


def article_event_keys(mentions: pd.DataFrame) -> pd.Series:
    """Return the annotator's within-article event key, or a fallback when the column is absent or blank.

    Without the annotator's key, mentions of one article that agree on role, date (and its words), place,
    provinces, actors and event type are taken as one attack (an article giving two sources' tolls for it).
    """
    if "article_event_key" not in mentions.columns:
        return _fallback_event_keys(mentions)
    key = mentions["article_event_key"].astype("string")
    known = key.notna() & key.str.strip().ne("")
    if known.all():  # the fallback (nine columns joined as text) is built only when some mention needs it
        return key
    return key.where(known, "auto:" + _fallback_event_keys(mentions))


def _fallback_event_keys(mentions: pd.DataFrame) -> pd.Series:
    """A mention's attack within its article when the annotator gave no key: role, date, place, actors and type."""
    fields = ["role", "date_start", "date_end", "date_text", "place", "admin1", "perpetrator", "target", "event_type"]
    fallback = mentions[fields[0]].astype("string").fillna("")
    for name in fields[1:]:
        fallback = fallback + "|" + mentions[name].astype("string").fillna("")
    return fallback


def build_reports(mentions: pd.DataFrame, decisions: pd.DataFrame | None = None, *,
                  words_top: int | None = None, words_without_names: bool = False) -> tuple[pd.DataFrame, pd.Series]:
    """Group typed mentions into reports (article x article_event_key) with the columns Splink compares.

    Returns the reports and, for each mention (same index as `mentions`), its report_id. A split decision
    between two mentions of one report moves the second into a report of its own. With `words_top`, each report
    carries its most distinctive words among the collection's reports (helpers.report_words); else none.
    """
    codes, uniques = pd.factorize(report_group_keys(mentions, decisions), sort=True)
    names = np.array([f"R{code:07d}" for code in range(len(uniques))], dtype=object)  # sorted, like the codes
    report_ids = pd.Series(names[codes], index=mentions.index, dtype="string")
    # Grouped by the whole-number codes (a million distinct text keys group several times slower); the
    # report_id text replaces them at the end.
    index = range(len(uniques))
    frame = mentions[[name for name in REPORT_INPUT_COLUMNS if name in mentions.columns]].assign(report_id=codes)
    credible = frame.loc[~frame["is_claim"]]

    lo_max = frame.groupby("report_id")["date_lo"].max()
    hi_min = frame.groupby("report_id")["date_hi"].min()
    ordered = frame.sort_values(["report_id", "date_span", "mention_id"], na_position="last", kind="mergesort")
    first_dated = ordered.dropna(subset=["date_lo"]).groupby("report_id")[["date_lo", "date_hi"]].first()
    reports = pd.DataFrame(index=pd.RangeIndex(len(uniques), name="report_id"))
    reports["article_id"] = frame.groupby("report_id")["article_id"].first()
    agree = lo_max <= hi_min
    reports["date_lo"] = lo_max.where(agree, first_dated["date_lo"].reindex(lo_max.index)).astype("Int64")
    reports["date_hi"] = hi_min.where(agree, first_dated["date_hi"].reindex(hi_min.index)).astype("Int64")
    reports["date_span"] = (reports["date_hi"] - reports["date_lo"]).astype("Int64")
    reports["month_lo"], reports["month_hi"] = month_index(reports["date_lo"]), month_index(reports["date_hi"])
    reports["date_year"] = year_of(reports["date_lo"]).where(
        year_of(reports["date_lo"]).eq(year_of(reports["date_hi"]))
    )
    reports["calendar_month"] = _only_value(frame, "calendar_month").astype("Int64")
    reports["weekday"] = _only_value(frame, "weekday").astype("Int64")
    dated = frame[frame["date_lo"].notna()]
    relative = dated.groupby("report_id")["date_is_relative"].all()
    reports["date_is_relative"] = relative.reindex(reports.index).fillna(False).astype(bool)

    by_geo = frame.assign(_fine=frame["geo_precision"].isin(FINE_GEO_PRECISIONS))
    by_geo = by_geo.sort_values(["report_id", "_fine", "mention_id"], ascending=[True, False, True], kind="mergesort")
    reports["place_key"] = by_geo.dropna(subset=["place_key"]).groupby("report_id")["place_key"].first()
    points = by_geo[by_geo["_fine"] & by_geo["latitude"].notna() & by_geo["longitude"].notna()]
    reports["latitude"] = points.groupby("report_id")["latitude"].first().astype("Float64")
    reports["longitude"] = points.groupby("report_id")["longitude"].first().astype("Float64")
    vague = frame["geo_precision"].isin(VAGUE_GEO_PRECISIONS) | frame["geo_precision"].isna()
    reports["is_vague_place"] = vague.groupby(frame["report_id"]).all().astype(bool)
    # a country the report's own words name (helpers.report_certainty), not one a gazetteer lookup or the article gave
    stated = (report_certainty.is_country_stated(mentions["location_text"], mentions["country"], mentions["admin1"])
              if {"location_text", "country", "admin1"} <= set(mentions.columns)
              else pd.Series(False, index=mentions.index))
    reports["is_country_stated"] = (pd.Series(stated.to_numpy(), index=frame.index).groupby(frame["report_id"]).any()
                                    .reindex(reports.index).fillna(False).astype(bool))
    admin1 = frame.assign(admin1=map_distinct(frame["admin1"], normalise_place).astype("string"))
    if "country" not in frame.columns:
        frame = frame.assign(country=pd.Series(pd.NA, index=frame.index, dtype="string"))
    for name, source in [("admin1", admin1), ("perpetrator", frame), ("target", frame), ("country", frame)]:
        sets = _union_of_names(source, name, index, leave_out=_GENERIC_ACTORS if name in ACTOR_FIELDS else frozenset())
        reports[f"{name}_set"] = sets
        reports[f"{name}_key"] = _joined_names(sets)
    with_weekday = reports["admin1_key"].notna() & reports["weekday"].notna()
    reports["admin1_weekday"] = (reports["admin1_key"] + "|" + reports["weekday"].astype("string")).where(with_weekday)
    reports["undated_admin1_weekday"] = reports["admin1_weekday"].where(reports["date_lo"].isna())
    reports["unplaced_undated_country"] = reports["country_key"].where(
        reports["date_lo"].isna() & reports["admin1_key"].isna())
    reports["area_key"] = area_keys(reports["latitude"], reports["longitude"], reports["admin1_key"],
                                    reports["country_key"])
    with_area = reports["area_key"].notna() & reports["weekday"].notna()
    reports["area_weekday"] = (reports["area_key"] + "|" + reports["weekday"].astype("string")).where(with_area)
    reports["undated_area_weekday"] = reports["area_weekday"].where(reports["date_lo"].isna())
    for name in ["event_type", "sub_event_type"]:
        reports[name] = _most_frequent(frame, name).astype("string")
    reports["killed_lo"], reports["killed_hi"], reports["killed_reach"] = figure_bounds(credible, "killed")
    reports["wounded_lo"], reports["wounded_hi"], _ = figure_bounds(credible, "wounded")
    # linking7: an undated report is bounded by its article's publication (it cannot tell a later attack)
    for name, how in [("published_lo", "min"), ("published_hi", "max")]:
        reports[name] = (frame.groupby("report_id")[name].agg(how).astype("Int64") if name in frame.columns
                         else pd.Series(pd.NA, index=reports.index, dtype="Int64"))
    reports["words"] = (report_words(mentions, report_ids, top=words_top,
                                     without_names=words_without_names).reindex(names.tolist()).to_numpy()
                        if words_top else None)  # by report name; the frame is indexed by its code
    reports = reports.reset_index(drop=True)
    reports.insert(0, "report_id", pd.Series(names.tolist()))  # the same text dtype as an index of str
    for name in ["place_key", "admin1_key", "country_key", "unplaced_undated_country", "perpetrator_key", "target_key", "admin1_weekday", "undated_admin1_weekday",
                 "area_key", "area_weekday", "undated_area_weekday"]:
        reports[name] = reports[name].astype("string")
    return reports[REPORT_COLUMNS], report_ids


# "At least 20" or "more than 20" is open upwards: later counts of the same attack (23, 28) agree with it, a count of
# eight does not. Its reach is taken as this many times the figure, about how far one attack's count rises between the
# first reports and the last (a closed range or an exact figure reaches only its own top).
OPEN_FIGURE_FACTOR = 1.5
OPEN_QUALIFIERS = ("at_least", "more_than")


def figure_bounds(credible: pd.DataFrame, kind: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per report (the frame's report_id), the lowest and highest `kind` figure ("killed" or "wounded") its credible
    mentions give (a range's maximum is its top), and the highest it reaches when a figure given as a lower bound
    ("at least 20") counts up to OPEN_FIGURE_FACTOR times itself."""
    if kind not in credible.columns:
        empty = pd.Series(pd.NA, index=pd.Index([], name="report_id"), dtype="Float64")
        return empty, empty, empty
    figure = credible[kind].astype("Float64")
    top = credible[f"{kind}_max"].astype("Float64").fillna(figure) if f"{kind}_max" in credible.columns else figure
    reach = top
    if f"{kind}_qualifier" in credible.columns:
        is_open = credible[f"{kind}_qualifier"].isin(OPEN_QUALIFIERS).fillna(False).to_numpy(dtype=bool)
        opened = (figure * OPEN_FIGURE_FACTOR).round().astype("Float64")  # whole people
        reach = top.mask(is_open & (opened > top).fillna(False).to_numpy(dtype=bool), opened)
    groups = credible["report_id"]
    return (figure.groupby(groups).min().astype("Float64"), top.groupby(groups).max().astype("Float64"),
            reach.groupby(groups).max().astype("Float64"))


def report_group_keys(mentions: pd.DataFrame, decisions: pd.DataFrame | None = None) -> pd.Series:
    """Each mention's report as a text key (article and article_event_key, a split decision apart); sorted, the
    distinct keys give the reports' order and ids (build_reports)."""
    group = mentions["article_id"].astype("string") + "\x1f" + article_event_keys(mentions)
    if decisions is not None and len(decisions):
        group = _apply_split_decisions(mentions, group, decisions)
    return group


# Placeholders for a generic word ("gunmen", "the police"): a report that names no group is not evidence against
# one that does (the first reports of an attack seldom know who did it), so linking treats them as unknown.
ACTOR_FIELDS = ("perpetrator", "target")
_GENERIC_ACTORS = frozenset(GENERIC_ARMED_GROUPS) | frozenset(GENERIC_STATE_FORCES)


AREA_DEGREES = 0.5  # a neighbourhood cell: about 55 km north-south


def area_keys(latitude: pd.Series, longitude: pd.Series, admin1_key: pd.Series, country_key: pd.Series) -> pd.Series:
    """A report's neighbourhood for blocking: its half-degree grid cell when it is placed on the map, else its
    provinces, else its countries. Undated reports are compared with the reports of their neighbourhood
    through it, whatever their perpetrator or place name."""
    placed = latitude.notna() & longitude.notna()
    out = ("p:" + admin1_key.astype("string")).fillna("c:" + country_key.astype("string")).astype("string")
    if placed.any():
        row = np.floor(latitude[placed].astype("float64").to_numpy() / AREA_DEGREES).astype(np.int64)
        column = np.floor(longitude[placed].astype("float64").to_numpy() / AREA_DEGREES).astype(np.int64)
        out[placed] = [f"g:{r}:{c}" for r, c in zip(row.tolist(), column.tolist())]
    return out


def _apply_split_decisions(mentions: pd.DataFrame, group: pd.Series, decisions: pd.DataFrame) -> pd.Series:
    """Give the second mention of each split pair that shares a report a report of its own."""
    group = group.copy()
    by_mention = pd.Series(group.to_numpy(), index=mentions["mention_id"].to_numpy())
    for row in decisions[decisions["decision"].eq("split")].itertuples():
        if row.mention_id in by_mention.index and row.other_mention_id in by_mention.index:
            if by_mention[row.mention_id] == by_mention[row.other_mention_id]:
                where = mentions["mention_id"].eq(row.other_mention_id)
                group[where] = group[where] + "\x1fsplit:" + row.other_mention_id
    return group


def _union_of_names(frame: pd.DataFrame, name: str, index, *,
                    leave_out: frozenset[str] = frozenset()) -> pd.Series:
    """Per report of `index`, the sorted distinct names of a ';'-joined column other than `leave_out` (None when
    none)."""
    # by distinct values: a million mentions name a few thousand sets, so each set is read and filtered once, and
    # a report's union is taken in Python only when its mentions give two different sets (one list per distinct
    # set, shared by the reports that give it; nothing changes these lists in place)
    codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
    sets: list[tuple[str, ...] | None] = []
    for value in uniques:
        parts = _name_parts(value)
        if parts and leave_out:
            parts = tuple(part for part in parts if part not in leave_out)
        sets.append(parts or None)
    named = np.array([parts is not None for parts in sets] + [False], dtype=bool)[codes]  # code -1: missing
    reports, codes = frame["report_id"].to_numpy()[named], codes[named]
    positions = pd.Index(index).get_indexer(reports)
    pairs = np.unique(np.stack([positions.astype(np.int64), codes.astype(np.int64)], axis=1), axis=0) if len(codes) \
        else np.empty((0, 2), dtype=np.int64)
    result = np.full(len(index), None, dtype=object)
    lists: dict[tuple[str, ...], list[str]] = {}
    starts = np.flatnonzero(np.r_[True, pairs[1:, 0] != pairs[:-1, 0]]) if len(pairs) else np.array([], dtype=int)
    stops = np.r_[starts[1:], len(pairs)]
    for start, stop in zip(starts.tolist(), stops.tolist()):
        if stop - start == 1:
            names = sets[pairs[start, 1]]
        else:
            names = tuple(sorted(set().union(*(sets[code] for code in pairs[start:stop, 1].tolist()))))
        result[pairs[start, 0]] = lists.setdefault(names, list(names))
    return pd.Series(result, index=index, dtype=object)


def _joined_names(sets: pd.Series) -> pd.Series:
    """The ';'-joined key of each report's list of names (NA when none), joined once per distinct list."""
    keys: dict[int, str] = {}
    return pd.Series([keys.setdefault(id(names), ";".join(names)) if isinstance(names, list) else pd.NA
                      for names in sets.tolist()], index=sets.index, dtype="string")


def _name_parts(value: object) -> tuple[str, ...] | None:
    """The sorted distinct names of one ';'-joined value (None when blank)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return tuple(sorted({part.strip() for part in str(value).split(";")} - {""})) or None


def _only_value(frame: pd.DataFrame, name: str) -> pd.Series:
    """Per report, the value of a column when its mentions give exactly one (NA when none or several)."""
    grouped = frame.groupby("report_id")[name]
    return grouped.first().where(grouped.nunique().eq(1))


def _most_frequent(frame: pd.DataFrame, name: str) -> pd.Series:
    """Per report, the most frequent value of a column (alphabetically first on ties)."""
    counts = frame.dropna(subset=[name]).groupby(["report_id", name]).size().rename("n").reset_index()
    counts = counts.sort_values(["report_id", "n", name], ascending=[True, False, True], kind="mergesort")
    return counts.drop_duplicates("report_id").set_index("report_id")[name]


# ---------------------------------------------------------------------------------------------------------
# Splink


def splink_settings_dict(settings: dict, *, probability_two_random_records_match: float | None = None) -> dict:
    """Translate the reviewable YAML into a Splink settings dictionary (same SQL on DuckDB and Spark)."""
    # Splink parses each level's SQL to build it (about half a second for all of them): a collection linked country
    # by country asks for the same comparisons once per block, so they are built once per distinct comparisons.
    comparisons = copy.deepcopy(_splink_comparisons(json.dumps(settings["comparisons"], sort_keys=True)))
    prior = probability_two_random_records_match or settings["probability_two_random_records_match"]
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "report_id",
        "probability_two_random_records_match": float(prior),
        "blocking_rules_to_generate_predictions": [rule["sql"] for rule in settings["blocking_rules"]],
        "comparisons": comparisons,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": ["article_id"],
    }


@functools.lru_cache(maxsize=8)
def _splink_comparisons(comparisons_json: str) -> list[dict]:
    """Splink's comparison dictionaries for the settings' comparisons (given as JSON, a hashable key)."""
    import splink.comparison_level_library as cll

    comparisons = []
    for comparison in json.loads(comparisons_json):
        levels = []
        for level in comparison["levels"]:
            if "distance_km" in level:
                creator = cll.DistanceInKMLevel("latitude", "longitude", level["distance_km"], not_null=True)
            elif "array_intersect" in level:
                creator = cll.ArrayIntersectLevel(level["array_intersect"],
                                                  min_intersection=int(level.get("min_intersection", 1)))
            elif level.get("else"):
                creator = cll.ElseLevel()
            else:
                creator = cll.CustomLevel(_unless_farther(level, cll), label_for_charts=level.get("label"))
            options = {"label_for_charts": level.get("label")}
            if level.get("is_null"):
                options["is_null_level"] = True
            else:
                options.update(m_probability=float(level["m"]), u_probability=float(level["u"]))
            levels.append(creator.configure(**options))
        comparisons.append(
            {
                "output_column_name": comparison["output_column_name"],
                "comparison_description": comparison.get("description", ""),
                "comparison_levels": [level.get_comparison_level("duckdb").as_dict() for level in levels],
            }
        )
    return comparisons


# linking7: a shared name yields to the map ------------------------------------------------------------------
def _unless_farther(level: dict, cll) -> str:
    """A custom level's SQL; with `unless_farther_km`, it holds only when the two reports are not both placed on
    the map further apart than that (two places whose names share a key, such as "Aqrah" and "Al Qayyarah", or
    one name resolved to two places, are compared by their distance instead)."""
    sql = level["sql"]
    if "unless_farther_km" not in level:
        return sql
    near = cll.DistanceInKMLevel("latitude", "longitude", float(level["unless_farther_km"]), not_null=True)
    near_sql = near.get_comparison_level("duckdb").sql_condition
    return (f"({sql}) AND (latitude_l IS NULL OR latitude_r IS NULL OR longitude_l IS NULL OR longitude_r IS NULL "
            f"OR ({near_sql}))")
# end linking7: a shared name yields to the map --------------------------------------------------------------


@contextlib.contextmanager
def quiet_splink():
    """Silence Splink's and DuckDB's progress output and warnings (notebook outputs must be deterministic)."""
    logger = logging.getLogger("splink")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.ERROR)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


# The blocking rule that compares every pair of reports from different articles (to learn m and u from a labelled corpus).
ALL_PAIRS_RULE = "l.article_id <> r.article_id"
# Reports per chunk on each side when Splink scores a large corpus (see score_pairs): at a million reports, 2 x 2
# chunks keep DuckDB's share of the peak memory small at little cost in time.
PREDICT_CHUNK_REPORTS = 500_000
# Blocked pairs scored at once when numpy blocks (helpers.numpy_blocking): bounds the cannot-link and scoring arrays.
BLOCKED_PAIRS_PER_SCORE = 2_000_000
# What DuckDB may hold while it scores; beyond it, it writes to a temporary folder (the scored pairs of a million
# reports are tens of millions of rows, most of which the grouping never reads).
DUCKDB_MEMORY_LIMIT = "1GB"
DUCKDB_SPILL_LIMIT = "8GB"

_ARROW_TYPES = {
    "report_id": pa.string(), "article_id": pa.string(), "date_lo": pa.int64(), "date_hi": pa.int64(),
    "date_span": pa.int64(), "month_lo": pa.int64(), "month_hi": pa.int64(), "date_year": pa.int64(),
    "calendar_month": pa.int64(), "weekday": pa.int64(), "date_is_relative": pa.bool_(), "place_key": pa.string(),
    "latitude": pa.float64(), "longitude": pa.float64(), "is_vague_place": pa.bool_(), "is_country_stated": pa.bool_(), "admin1_key": pa.string(),
    "admin1_weekday": pa.string(), "undated_admin1_weekday": pa.string(), "area_key": pa.string(), "country_key": pa.string(), "unplaced_undated_country": pa.string(),
    "area_weekday": pa.string(), "undated_area_weekday": pa.string(), "admin1_set": pa.list_(pa.string()), "perpetrator_key": pa.string(),
    "perpetrator_set": pa.list_(pa.string()), "target_key": pa.string(), "target_set": pa.list_(pa.string()),
    "event_type": pa.string(), "sub_event_type": pa.string(), "killed_lo": pa.float64(), "killed_hi": pa.float64(),
    "killed_reach": pa.float64(), "wounded_lo": pa.float64(), "wounded_hi": pa.float64(),
    "words": pa.list_(pa.string()), "published_lo": pa.int64(), "published_hi": pa.int64(),
}


def _to_arrow(reports: pd.DataFrame) -> pa.Table:
    """Convert reports to Arrow with explicit types (lists stay lists, missing values are nulls)."""
    arrays = {}
    for name, kind in _ARROW_TYPES.items():
        column = reports[name]
        if pa.types.is_list(kind):
            arrays[name] = pa.array([value if isinstance(value, list) else None for value in column.tolist()], type=kind)
        elif pa.types.is_boolean(kind):
            arrays[name] = pa.array(column.astype(bool).to_numpy(), type=kind)
        else:
            arrays[name] = pa.Array.from_pandas(column.astype({pa.string(): "string", pa.int64(): "Int64"}.get(kind, "Float64")), type=kind)
    return pa.table(arrays)


def score_pairs(
    reports: pd.DataFrame,
    settings: dict,
    *,
    train: bool = False,
    seed: int = 42,
    threshold: float | None = None,
    explain: bool = False,
) -> tuple[pd.DataFrame, dict, int]:
    """Score candidate pairs of reports with Splink on DuckDB; return pairs at or above `threshold`, the model
    and how many candidate pairs the blocking rules gave Splink to compare.

    The model is the settings' priors unless `train` is set and there are at least
    `min_reports_to_train` reports, in which case u is estimated by random sampling and m by EM.
    With `explain`, the pairs also carry one match-weight column per comparison (`mw_date`, ...).
    Pairs come back with report_id_l < report_id_r, sorted by both.
    """
    table, model, n_compared = score_pair_table(reports, settings, train=train, seed=seed, explain=explain)
    return pairs_frame(table, reports, threshold), model, n_compared


def pairs_frame(table: pa.Table, reports: pd.DataFrame, threshold: float | None = None) -> pd.DataFrame:
    """The scored pairs of score_pair_table at or above `threshold` (all when None) with their report_ids."""
    if threshold is not None:
        import pyarrow.compute as pc

        table = table.filter(pc.greater_equal(table["match_probability"], threshold))
    pairs = table.to_pandas()
    report_ids = pd.Index(reports["report_id"].astype(str))
    for side in ["report_id_l", "report_id_r"]:
        pairs[side] = pd.Series(report_ids.take(pairs[side].to_numpy()), index=pairs.index, dtype="string")
    return pairs.astype({"match_weight": "float64", "match_probability": "float64"})


def connect_duckdb(spill_folder: str, *, threads: int | None = None):
    """A DuckDB connection in memory for scoring pairs, spilling to `spill_folder` beyond DUCKDB_MEMORY_LIMIT."""
    import duckdb

    connection = duckdb.connect(":memory:")
    # DuckDB holds the scored pairs within a memory limit and writes what does not fit to a temporary folder
    # (itself bounded, so that a runaway query stops with an error rather than filling the disk).
    connection.execute(f"SET temp_directory = '{spill_folder}'")
    connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    connection.execute(f"SET max_temp_directory_size = '{DUCKDB_SPILL_LIMIT}'")
    connection.execute("SET preserve_insertion_order = false")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    with contextlib.suppress(duckdb.Error):
        # In Jupyter DuckDB refuses to touch this setting without ipywidgets (and then draws no bar).
        connection.execute("SET enable_progress_bar = false")
    return connection


def score_pair_table(
    reports: pd.DataFrame,
    settings: dict,
    *,
    train: bool = False,
    seed: int = 42,
    explain: bool = False,
    grouping: tuple[float, list[tuple[int, int]]] | None = None,
    collection_reports: int | None = None,
    threads: int | None = None,
    sample_u: bool = True,
    session: "SplinkSession | None" = None,
    scorer_kind: str = "numpy",
    blocker_kind: str = "numpy",
) -> tuple[pa.Table, dict, int]:
    """Score every candidate pair with Splink; return them as Arrow (report_id_l < report_id_r as positions in
    `reports`, which build_reports sorts by report_id), the model and the number of pairs compared.

    With `grouping` (the match threshold and the manual merges as pairs of positions), only the pairs the grouping
    reads come back: those at or above the threshold, and those below it whose reports the pairs above the
    threshold (and the merges) connect. DuckDB keeps the others, which are most of the pairs of a large corpus,
    until they are dropped (see cluster_reports).

    `collection_reports` is the size of the whole collection when `reports` is one block of it (linkage_blocks):
    whether to compare every pair or to train, and from which size u and the prior are the collection's own,
    follow the collection; the prior is then the block's own. Without `sample_u`, the settings' u is kept as given
    (settings_with_sampled_u counted it on the collection's sample). `threads` caps DuckDB's. With `session`
    (helpers.linkage_session), the blocks of a collection are scored one after another on one DuckDB connection
    and one Splink linker, which give the same pairs and scores as a connection and a linker of their own.
    With `scorer_kind` "numpy" (the default) the blocked pairs are compared and scored with numpy
    (helpers.pair_scores: the same levels and weights), with "splink" by Splink's predict in DuckDB. With numpy
    scoring and `blocker_kind` "numpy" (the default) the blocking rules are evaluated with numpy too
    (helpers.numpy_blocking: the same candidate pairs) instead of DuckDB's self-joins, unless every pair is compared
    or a rule is beyond it."""
    empty = pa.table({"report_id_l": pa.array([], pa.int64()), "report_id_r": pa.array([], pa.int64()),
                      "match_weight": pa.array([], pa.float64()), "match_probability": pa.array([], pa.float64())})
    if len(reports) < 2:
        return empty, splink_settings_dict(settings), 0
    import duckdb
    from splink import DuckDBAPI, Linker

    if not reports["report_id"].is_monotonic_increasing:
        raise ValueError("reports must be sorted by report_id")
    minimum = int(settings.get("min_reports_to_train", 1000))
    n_collection = int(collection_reports or len(reports))
    if train and n_collection < minimum:
        warnings.warn(
            f"train_linkage: {len(reports)} reports are fewer than min_reports_to_train={minimum}; "
            "keeping the prior m/u probabilities",
            stacklevel=2,
        )
        train = False
    if session is not None and (train or explain or sample_u):
        raise ValueError("a Splink session scores blocks only (no training, explaining or sampling of u)")
    with quiet_splink(), contextlib.ExitStack() as stack:
        if session is None:
            spill_folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="linkage-duckdb-"))
            connection = connect_duckdb(spill_folder, threads=threads)
            stack.callback(connection.close)
            db_api = DuckDBAPI(connection)
        else:
            connection, db_api = session.connection, session.db_api
        # Splink joins and compares pairs by id: whole numbers in the ids' sorted order cost DuckDB less than text.
        arrow = _to_arrow(reports)
        numbers = np.arange(len(reports), dtype=np.int64)
        arrow = arrow.set_column(arrow.schema.get_field_index("report_id"), "report_id", pa.array(numbers, pa.int64()))
        table = db_api.register(arrow, table_name="reports") if session is None else session.use_reports(arrow)
        compares_all = compares_all_pairs(settings, n_collection)
        if compares_all and not train and settings.get("u_from_collection"):
            level_pairs, labels = all_pair_levels(connection, table, settings)
            prior = compared_pair_prior(settings, len(reports), len(level_pairs)) if settings.get(
                "prior_from_compared_pairs") else None
            settings = u_from_collection(settings, level_pairs, labels, prior=prior)
        elif sample_u and not train and n_collection >= minimum and settings.get("u_from_collection_sample_reports"):
            sample = _sample_positions(len(reports), int(settings["u_from_collection_sample_reports"]), seed)
            sampled = db_api.register(arrow.take(pa.array(sample)), table_name="sampled_reports")
            settings = _u_from_sample(connection, sampled, settings)
            sampled.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
        settings_dict = splink_settings_dict(settings)
        settings_dict["retain_intermediate_calculation_columns"] = explain
        if compares_all:
            settings_dict["blocking_rules_to_generate_predictions"] = [ALL_PAIRS_RULE]
        # Splink's settings validation only logs warnings, which quiet_splink silences; it parses every rule's and
        # level's SQL again for each Linker (about a second each, once per country block of a large collection).
        # numpy compares and scores the blocked pairs with Splink's levels and weights (helpers.pair_scores), and
        # blocks them with its rules (helpers.numpy_blocking), unless explaining, training, asked not to, or the
        # SQL is beyond them: then Splink's linker blocks (and scores) in DuckDB.
        scorer = blocks = None
        if scorer_kind == "numpy" and not explain and not train and pair_scores.PairScorer.supports(settings_dict):
            scorer, columns = pair_scores.PairScorer(settings_dict), pair_scores.ReportColumns(arrow)
            scored_parts = []
            rules = settings_dict["blocking_rules_to_generate_predictions"]
            if blocker_kind == "numpy" and not compares_all and numpy_blocking.supports(rules, columns):
                blocks = numpy_blocking.blocked_pairs(columns, rules)
        linker = None if blocks is not None else \
            Linker(table, settings_dict, log_level=None, validate_settings=False) if session is None else \
            session.linker_for(table, settings_dict)
        failures = _train(linker, reports, settings, seed) if train else []
        names = [f"mw_{c['output_column_name']}" for c in settings["comparisons"]] if explain else []
        # Pairs all but certain to be different attacks are not kept (unless explaining): at a million reports
        # they are most pairs, and the grouping would only add a large negative number for them.
        by_place = firm_dates_by_place(settings, n_collection)  # linking6: every pair's date conflict is summed
        floor = None if explain or by_place else settings["clustering"].get("min_pair_probability")
        extra = "".join(f", {name}" for name in names)
        # A large corpus is scored in chunks of reports on each side (every pair falls in exactly one chunk pair),
        # so DuckDB never joins all candidate pairs at once. Each chunk's blocked pairs are computed once (its
        # predict reuses them) so that their number can be reported. The scores stay in DuckDB (table `scored`).
        chunks = 0 if blocks is not None else max(1, math.ceil(len(reports) / PREDICT_CHUNK_REPORTS))
        n_compared = 0
        if blocks is not None:
            for start in range(0, len(blocks[0]), BLOCKED_PAIRS_PER_SCORE):
                stop = start + BLOCKED_PAIRS_PER_SCORE
                scored_parts.append(pair_scores.score_blocked_pairs(
                    scorer, columns, blocks[0][start:stop], blocks[1][start:stop],
                    clustering=settings["clustering"] if grouping is not None else None, firm_dates_by_place=by_place,
                    floor=floor))
                n_compared += scored_parts[-1][3]
            del blocks
        for index, (left, right) in enumerate(itertools.product(range(1, chunks + 1), repeat=2)):
            sides = {"left_chunk": (left, chunks), "right_chunk": (right, chunks)} if chunks > 1 else {}
            blocked = linker.inference.compute_blocked_pairs_for_predict_chunk(**sides) if sides else \
                linker.inference.compute_blocked_pairs_for_predict()
            if scorer is not None:
                keys = connection.sql(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name}").fetchnumpy()
                blocked.drop_table_from_database_and_remove_from_cache()
                scored_parts.append(pair_scores.score_blocked_pairs(
                    scorer, columns, np.asarray(keys["join_key_l"], dtype=np.int64),
                    np.asarray(keys["join_key_r"], dtype=np.int64),
                    clustering=settings["clustering"] if grouping is not None else None, firm_dates_by_place=by_place,
                    floor=floor))
                n_compared += scored_parts[-1][3]
                del keys
                continue
            n_compared += int(connection.sql(f"SELECT count(*) FROM {blocked.physical_name}").fetchall()[0][0])
            if grouping is not None and not explain:
                # pairs that the grouping's cannot-links drop (pair_cannot_link) are not scored at all
                connection.execute(_delete_cannot_link_sql(blocked.physical_name, settings["clustering"],
                                                           firm_dates_by_place=by_place))
            predict = linker.inference.predict_chunk if sides else linker.inference.predict
            predictions = predict(**sides, threshold_match_probability=floor, warning_mode="never")
            blocked.drop_table_from_database_and_remove_from_cache()
            connection.execute(
                f"{'CREATE TABLE scored AS' if index == 0 else 'INSERT INTO scored'} SELECT LEAST(report_id_l, "
                f"report_id_r) AS report_id_l, GREATEST(report_id_l, report_id_r) AS report_id_r, match_weight, "
                f"match_probability{extra} "
                f"FROM {predictions.physical_name}")
            predictions.drop_table_from_database_and_remove_from_cache()
        # The stated prior describes a folder of a few dozen reports. In a large corpus each report meets many more
        # reports of other attacks through blocking, so the share of compared pairs that match is smaller (see
        # compared_pair_prior); Splink's weights include the prior's log-odds, so each is shifted by the
        # difference. The shift is never positive: a pair below the floor before it is below it after.
        shift = 0.0
        if not train and (n_collection >= minimum or compares_all) and settings.get("prior_from_compared_pairs"):
            prior = compared_pair_prior(settings, len(reports), n_compared)
            shift = float(log_odds(np.array([prior]))[0] - log_odds(np.array([settings_dict[
                "probability_two_random_records_match"]]))[0])
            settings_dict["probability_two_random_records_match"] = prior
        if scorer is not None:
            pairs = pair_scores.shifted_pairs(scored_parts, shift, floor, len(reports), grouping)
            del scored_parts
            model = settings_dict
        else:
            pairs, model = _shifted_pairs_in_duckdb(connection, shift, floor, extra, len(reports), grouping, explain), \
                (linker.misc.save_model_to_json(overwrite=True) if train else settings_dict)
            if session is not None:  # the next block starts from an empty connection but for its input view
                connection.execute("DROP VIEW shifted")
                connection.execute("DROP TABLE scored")
    for failure in failures:
        warnings.warn(f"train_linkage: EM kept the prior m probabilities for {failure}", stacklevel=2)
    return pairs, model, n_compared


def _shifted_pairs_in_duckdb(connection, shift: float, floor: float | None, extra: str, n_reports: int,
                             grouping: tuple[float, list[tuple[int, int]]] | None, explain: bool) -> pa.Table:
    """The pairs Splink scored into DuckDB's table `scored`, with their weights shifted by `shift` (view `shifted`),
    those the grouping reads when grouping, else all of them, sorted by both positions."""
    weight = f"match_weight + {shift!r}"
    shifted = f"{weight} AS match_weight, 1 / (1 + pow(2, -({weight}))) AS match_probability" if shift else \
        "match_weight, match_probability"  # Splink's own figures when nothing moves
    above_floor = f" WHERE {weight} >= {float(log_odds(np.array([floor]))[0])!r}" if shift and floor else ""
    connection.execute(f"CREATE OR REPLACE VIEW shifted AS SELECT report_id_l, report_id_r, {shifted}{extra} FROM scored"
                       f"{above_floor}")
    if grouping is not None and not explain:
        return _pairs_for_grouping(connection, n_reports, *grouping)
    # ordered and sorted in DuckDB, and fetched as Arrow: no Python object per pair on the way
    return connection.sql("SELECT * FROM shifted ORDER BY 1, 2").to_arrow_table()


def _u_from_sample(connection, sampled, settings: dict) -> dict:
    """The settings with u counted on the pairs (settings `u_from_collection_sample_rule`) of a random sample of a
    large collection's reports, a Splink table registered on `connection`."""
    level_pairs, labels = all_pair_levels(connection, sampled, settings, settings.get("u_from_collection_sample_rule"))
    # Among reports drawn at random from a large collection nearly every pair is two different attacks: every pair
    # counts in full, without the expectation-maximisation rounds of a small folder.
    return u_from_collection({**settings, "u_from_collection_rounds": 0}, level_pairs, labels)


def settings_with_sampled_u(sample: pd.DataFrame, settings: dict) -> dict:
    """The settings with each level's u counted on the reports `sample` (build_reports' columns) drawn at random from
    a large collection, as score_pair_table counts it on its own sample: for a collection linked block by block,
    whose blocks then take these settings with `sample_u=False`."""
    import duckdb
    from splink import DuckDBAPI

    with quiet_splink():
        connection = duckdb.connect(":memory:")
        arrow = _to_arrow(sample)
        arrow = arrow.set_column(arrow.schema.get_field_index("report_id"), "report_id",
                                 pa.array(np.arange(len(sample), dtype=np.int64), pa.int64()))
        table = DuckDBAPI(connection).register(arrow, table_name="sampled_reports")
        settings = _u_from_sample(connection, table, settings)
        connection.close()
    return settings


def _delete_cannot_link_sql(blocked: str, clustering: dict, *, firm_dates_by_place: bool = False) -> str:
    """SQL deleting from Splink's table of blocked pairs (join_key_l, join_key_r: report positions, table
    `reports`) the pairs whose dates or points a cannot-link keeps apart, as pair_cannot_link decides. Points
    are kept up to a kilometre beyond the limit, so that SQL's arithmetic never drops a pair that numpy's
    keeps: cluster_reports decides those few itself."""
    strict, loose = float(clustering["max_date_gap_days"]), float(clustering["max_relative_date_gap_days"] or
                                                                      clustering["max_date_gap_days"])
    km = float(clustering["max_distance_km"]) + 1.0
    gap = "GREATEST(l.date_lo, r.date_lo) - LEAST(l.date_hi, r.date_hi)"
    distance = ("2 * 6371.0088 * asin(least(1.0, sqrt(pow(sin(radians(r.latitude - l.latitude) / 2), 2) + "
                "cos(radians(l.latitude)) * cos(radians(r.latitude)) * "
                "pow(sin(radians(r.longitude - l.longitude) / 2), 2))))")
    return (f"DELETE FROM {blocked} WHERE rowid IN (SELECT b.rowid FROM {blocked} b "
            f"JOIN reports l ON b.join_key_l = l.report_id JOIN reports r ON b.join_key_r = r.report_id "
            f"WHERE ({gap} > {loose!r}) OR ({gap} > {strict!r} AND NOT l.date_is_relative "
            f"AND NOT r.date_is_relative AND l.date_span <= {FIRM_DATE_MAX_SPAN_DAYS} "  # linking6: firm dates only
            f"AND r.date_span <= {FIRM_DATE_MAX_SPAN_DAYS}{' AND l.place_key = r.place_key' if firm_dates_by_place else ''}) "
            f"OR (l.latitude IS NOT NULL AND r.latitude IS NOT NULL AND "
            f"{distance} > {km!r}))")


def _pairs_for_grouping(connection, n_reports: int, threshold: float, merges: list[tuple[int, int]]) -> pa.Table:
    """Of the scored pairs in DuckDB (view `shifted`), those the grouping reads: at or above the threshold, and below it
    within a group of reports that the pairs above it and the merges connect (cluster_reports ignores the rest),
    sorted by both positions."""
    positive = connection.sql(f"SELECT * FROM shifted WHERE match_probability >= {float(threshold)!r}").to_arrow_table()
    left, right = positive["report_id_l"].to_numpy(), positive["report_id_r"].to_numpy()
    component = positive_components(n_reports, left, right, np.ones(len(left), dtype=bool), merges)
    members = np.flatnonzero(component >= 0)
    connection.register("grouped", pa.table({"report_id": pa.array(members, pa.int64()),
                                             "component": pa.array(component[members], pa.int64())}))
    # both ends in some group (semi-joins: a join on the group number would pair every two members of a group)
    negative = connection.sql(
        f"SELECT * FROM shifted WHERE match_probability < {float(threshold)!r} AND report_id_l IN "
        "(SELECT report_id FROM grouped) AND report_id_r IN (SELECT report_id FROM grouped)").to_arrow_table()
    same = component[negative["report_id_l"].to_numpy()] == component[negative["report_id_r"].to_numpy()]
    negative = negative.filter(pa.array(same))
    pairs = pa.concat_tables([positive, negative.cast(positive.schema)])
    return pairs.sort_by([("report_id_l", "ascending"), ("report_id_r", "ascending")])


# Splink's level value (gamma) of a comparison's null level: one value unknown, neither for nor against.
NULL_LEVEL = -1


def u_from_collection(settings: dict, pairs: pd.DataFrame, labels: dict[str, dict[int, str]], *,
                      prior: float | None = None) -> dict:
    """The settings with each level's u re-estimated from the collection being linked: the share of its pairs of
    reports at that level among the pairs that describe different attacks and whose two values are known, blended
    with the stated or learned u as `u_from_collection_prior_pairs` pseudo-pairs, so that a small folder keeps
    close to it.

    u is how often two different attacks agree by chance, which depends on the collection: in a folder about one
    conflict every report names the same group, among reports from many countries few do. Which pairs are
    different attacks is not known, so each pair counts by its chance of being two attacks under the model
    (m fixed, the prior `prior` or the stated one, u as estimated so far), repeated `u_from_collection_rounds`
    times: expectation-maximisation of u alone, starting from every pair counted in full. Counting every pair
    as different attacks, the reports of one attack told by several articles (a tenth of the pairs of a small
    folder) would make their own agreement look common and weigh it down.

    Shares among known pairs, as m is: a level's weight log2(m / u) compares how often reports of one attack and of
    different attacks agree when both name, say, a perpetrator. Counted over all pairs instead, u would fall or
    rise with how often reports name one at all (in a folder where every report names its perpetrator, far more
    often than in the labelled corpus m was learned from), and every level of the comparison would weigh less.

    A level marked `stated` keeps its stated u: its m and u are shares among the pairs that agree on what another
    comparison already weighs (a perpetrator among the reports of one country), which a share of all pairs is not.

    A level stated as evidence against (m below its stated u) and marked `keeps_direction` keeps u at least m: the
    collection may weaken that no to neutral but never turn it into a yes (a share of all pairs, most of them
    dated, put the undated-report levels' u below their m).
    """
    import copy

    settings = copy.deepcopy(settings)
    k = float(settings.get("u_from_collection_prior_pairs", 100))
    rounds = int(settings.get("u_from_collection_rounds", 0))
    gammas, tables = {}, {}
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        gammas[name] = pairs[f"gamma_{name}"].to_numpy()
        value_of = {label: value for value, label in labels[name].items()}
        tables[name] = [(value_of.get(level.get("label")), level) for level in comparison["levels"]
                        if not level.get("is_null") and not level.get("stated")]
    different = np.ones(len(pairs), dtype=np.float64)  # each pair's weight as two different attacks
    for round_number in range(rounds + 1):
        for name, levels in tables.items():
            gamma = gammas[name]
            known = gamma != NULL_LEVEL
            n = float(different[known].sum())
            for value, level in levels:
                seen = float(different[gamma == value].sum())
                prior_u = float(level.get("_stated_u", level["u"]))
                level["_stated_u"] = prior_u
                level["u"] = min(max((seen + k * prior_u) / (n + k), 1e-6), 1.0)
                if level.get("keeps_direction") and float(level["m"]) < prior_u:
                    level["u"] = max(level["u"], float(level["m"]))  # a stated no stays a no (or neutral)
        if round_number == rounds:
            break
        start = float(prior if prior is not None else settings["probability_two_random_records_match"])
        weight = np.full(len(pairs), float(log_odds(np.array([start]))[0]))
        for name, levels in tables.items():
            gamma = gammas[name]
            for value, level in levels:
                weight[gamma == value] += math.log2(float(level["m"]) / float(level["u"]))
        different = 1.0 - 1.0 / (1.0 + np.power(2.0, -weight))
    for levels in tables.values():
        for _, level in levels:
            level.pop("_stated_u", None)
    return settings


def match_threshold(settings: dict, n_reports: int) -> float:
    """The match probability from which two reports are one attack: `match_threshold` when every pair is compared
    (u and the prior then come from the collection itself, so a probability above one half is more likely one
    attack than not), else `blocked_match_threshold` (default: the same), for a collection too large for that."""
    if compares_all_pairs(settings, n_reports):
        return float(settings["match_threshold"])
    return float(settings.get("blocked_match_threshold", settings["match_threshold"]))


def _sample_positions(n: int, size: int, seed: int) -> np.ndarray:
    """`size` distinct positions among n (all of them when n <= size), sorted, drawn with a fixed seed."""
    if n <= size:
        return np.arange(n, dtype=np.int64)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False)).astype(np.int64)


def compares_all_pairs(settings: dict, n_reports: int) -> bool:
    """Whether every pair of reports from different articles is compared (settings `compare_all_pairs_max_reports`):
    blocking only bounds the cost, and a collection this small costs little without it."""
    return n_reports <= int(settings.get("compare_all_pairs_max_reports") or 0)


def compared_pair_prior(settings: dict, n_reports: int, n_compared: int) -> float:
    """The share of compared pairs that describe one attack: with each attack told by `reports_per_attack`
    reports, n reports hold about n x (reports_per_attack - 1) / 2 matching pairs, nearly all of which blocking
    compares; divided by the pairs it compares. Never above the stated prior, which holds for a small folder."""
    stated = float(settings["probability_two_random_records_match"])
    if n_compared <= 0:
        return stated
    matching = n_reports * (float(settings["reports_per_attack"]) - 1) / 2
    return min(stated, max(matching / n_compared, 1e-6))


def all_pair_levels(connection, table, settings: dict, rule: str | None = None, *,
                    scorer_kind: str = "numpy") -> tuple[pd.DataFrame, dict[str, dict[int, str]]]:
    """Every pair of reports from different articles of a Splink table registered on a DuckDB connection (or only
    those a blocking `rule` gives), with each comparison's level (Splink's gamma value, columns
    `gamma_<comparison>`) and the label of each level value per comparison. Splink blocks; the levels are
    evaluated with numpy (helpers.pair_scores) unless `scorer_kind` is "splink" or their SQL is beyond it."""
    from splink import Linker

    settings_dict = splink_settings_dict(settings)
    settings_dict.update(retain_intermediate_calculation_columns=True, retain_matching_columns=True,
                         blocking_rules_to_generate_predictions=[rule or ALL_PAIRS_RULE])
    linker = Linker(table, settings_dict, log_level=None, validate_settings=False)  # see score_pair_table
    names = [comparison["output_column_name"] for comparison in settings["comparisons"]]
    if scorer_kind == "numpy" and pair_scores.PairScorer.supports(settings_dict):
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        keys = connection.sql(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name} ORDER BY 1, 2").fetchnumpy()
        blocked.drop_table_from_database_and_remove_from_cache()
        scorer = pair_scores.PairScorer(settings_dict)
        left, right = np.asarray(keys["join_key_l"], np.int64), np.asarray(keys["join_key_r"], np.int64)
        inputs = connection.sql(f"SELECT * FROM {table.physical_name} ORDER BY report_id").to_arrow_table()
        ids = inputs["report_id"].to_numpy()  # whole numbers, sorted: a pair's ids to the reports' positions
        gammas = scorer.gammas(pair_scores.ReportColumns(inputs), np.searchsorted(ids, left), np.searchsorted(ids, right))
        pairs = pd.DataFrame({"report_id_l": left, "report_id_r": right,
                              **{f"gamma_{name}": gammas[name].astype(np.int32) for name in names}})
        return pairs, scorer.labels()
    predictions = linker.inference.predict()
    columns = ", ".join(f"gamma_{name}" for name in names)
    pairs = connection.sql(f"SELECT report_id_l, report_id_r, {columns} FROM {predictions.physical_name} "
                           "ORDER BY 1, 2").df()
    predictions.drop_table_from_database_and_remove_from_cache()
    labels = {comparison.output_column_name: {level.comparison_vector_value: level.label_for_charts
                                              for level in comparison.comparison_levels}
              for comparison in linker._settings_obj.comparisons}
    return pairs, labels


def count_pairs_by_rule(reports: pd.DataFrame, settings: dict, *, record_sample_proportion: float = 1.0) -> pd.DataFrame:
    """How many candidate pairs each blocking rule adds (pairs an earlier rule caught are not counted again).

    Splink's blocking analysis, run on the same ids and columns as score_pairs; the cumulative count of the last
    rule is the number of pairs score_pairs compares. Below 1, `record_sample_proportion` estimates the counts
    from a sample of reports on each side (Splink scales them up), for corpora too large to join in full.
    """
    import duckdb
    from splink import DuckDBAPI
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    rules = settings["blocking_rules"]
    with quiet_splink():
        connection = duckdb.connect(":memory:")
        arrow = _to_arrow(reports)
        numbers, _ = pd.factorize(reports["report_id"], sort=True)
        arrow = arrow.set_column(arrow.schema.get_field_index("report_id"), "report_id", pa.array(numbers, pa.int64()))
        table = DuckDBAPI(connection).register(arrow, table_name="reports")
        records = count_comparisons_from_blocking_rules(
            table, blocking_rules=[rule["sql"] for rule in rules], link_type="dedupe_only",
            unique_id_column_name="report_id", record_sample_proportion=record_sample_proportion,
        )
        connection.close()
    return pd.DataFrame({
        "rule": [rule["sql"] for rule in rules],
        "reason": [" ".join(str(rule["reason"]).split()) for rule in rules],
        "marginal_pairs": [int(record["marginal_comparison_count"]) for record in records],
        "cumulative_pairs": [int(record["cumulative_comparison_count"]) for record in records],
    })


def _train(linker, reports: pd.DataFrame, settings: dict, seed: int) -> list[str]:
    """Estimate the prior from a strict rule, u by random sampling and m by EM (fixing u), starting from the priors.

    Returns the EM sessions that failed; their m probabilities stay at the priors.
    """
    failures: list[str] = []
    linker.training.estimate_probability_two_random_records_match(
        [settings["training_rule"]], recall=float(settings["recall_of_training_rule"])
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=min(5e6, len(reports) ** 2 / 4), seed=seed)
    for rule in settings.get("em_training_blocking_rules", []):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule["sql"], fix_u_probabilities=True, record_sample_proportion=1.0
            )
        except ValueError as error:  # a level seen only in non-matches drives its m to 0, which Splink refuses
            failures.append(f"{rule['sql']!r}: {error}")
    return failures


# ---------------------------------------------------------------------------------------------------------
# Grouping


def decision_pairs(decisions: pd.DataFrame, mentions: pd.DataFrame, report_ids: pd.Series) -> tuple[list, list]:
    """Translate merge/split decisions on mention ids into pairs of report ids (unknown ids are ignored)."""
    merges, splits = [], []
    if decisions is None or not len(decisions):
        return merges, splits  # no dict of every mention id for nothing
    report_of = dict(zip(mentions["mention_id"], report_ids))
    for row in decisions.itertuples(index=False):
        left, right = report_of.get(row.mention_id), report_of.get(row.other_mention_id)
        if left is None or right is None:
            continue
        (merges if row.decision == "merge" else splits).append((left, right))
    return merges, splits


def unknown_decision_ids(decisions: pd.DataFrame, mentions: pd.DataFrame) -> list[str]:
    """Mention ids named in the decisions file that are not in this run's mentions."""
    named = set(decisions["mention_id"].dropna()) | set(decisions["other_mention_id"].dropna())
    return sorted(named - set(mentions["mention_id"]))


def settings_table(settings: dict) -> pd.DataFrame:
    """The stated priors as a table: one row per comparison level with m, u, its match weight and reason."""
    rows = []
    for comparison in settings["comparisons"]:
        for level in comparison["levels"]:
            is_null = bool(level.get("is_null"))
            m, u = (None, None) if is_null else (float(level["m"]), float(level["u"]))
            rows.append({
                "comparison": comparison["output_column_name"],
                "level": level.get("label", ""),
                "m": m,
                "u": u,
                "match_weight": 0.0 if is_null else round(math.log2(m / u), 2),
                "reason": " ".join(str(level["reason"]).split()),
            })
    return pd.DataFrame(rows)
