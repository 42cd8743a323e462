"""Reading and typing the reconciled tables for plotting, and the small summary tables the notebook shows."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import schemas
from helpers.visualise.style import format_figure


_EVENT_NUMBERS = [
    "latitude", "longitude", "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best",
    "wounded_high", "claimed_casualties", "n_mentions", "n_articles", "n_sources",
]
_MENTION_NUMBERS = [
    "latitude", "longitude", "killed", "killed_max", "wounded", "wounded_max", "casualties", "char_start", "char_end",
]
_TRUE = {"true", "1", "yes", "t"}
# --------------------------------------------------------------------------------------------------------------
# Reading and typing the tables



def _typed(frame: pd.DataFrame, numbers: list[str], dates: list[str]) -> pd.DataFrame:
    """Numbers as floats (NaN when blank), dates as datetimes (NaT when blank), all other text blank-filled."""
    typed = frame.copy()
    for column in typed.columns:
        if column in numbers:
            typed[column] = pd.to_numeric(typed[column], errors="coerce").astype("float64")
        elif column in dates:
            typed[column] = pd.to_datetime(typed[column], errors="coerce", format="ISO8601")
        else:
            typed[column] = typed[column].astype("string").fillna("").str.strip()
    return typed


def type_events(events: pd.DataFrame) -> pd.DataFrame:
    """Type the events table read as text: figures and coordinates as numbers, dates as datetimes."""
    return _typed(events, _EVENT_NUMBERS, ["date_start", "date_end"])


def type_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Type the mentions table read as text and add `is_claim` as a boolean."""
    typed = _typed(mentions, _MENTION_NUMBERS, ["date_start", "date_end"])
    typed["is_claim"] = typed["is_claim"].str.lower().isin(_TRUE)
    return typed


def type_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Type the articles table read as text: `published` as a datetime (NaT when blank)."""
    return _typed(articles, ["n_words"], ["published"])


def read_tables(tables_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read and type the contract tables this stage draws from; a table not written yet is empty."""
    tables_dir = Path(tables_dir)
    raw = {}
    for name in ("articles", "mentions", "events", "contradictions"):
        exists = (tables_dir / f"{name}.csv").exists()
        raw[name] = schemas.read_table(name, tables_dir) if exists else schemas.empty_table(name)
    return {
        "articles": type_articles(raw["articles"]),
        "mentions": type_mentions(raw["mentions"]),
        "events": type_events(raw["events"]),
        "contradictions": _typed(raw["contradictions"], [], []),
    }


def linked_mentions(mentions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The mentions that belong to a reconciled event; the others cannot be placed on an event's figure."""
    return mentions[mentions["event_id"].isin(set(events["event_id"]))]


def sort_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (undated last), ties by id: the order every figure lists them in."""
    return events.sort_values(["date_start", "date_end", "event_id"], na_position="last", kind="mergesort")


# --------------------------------------------------------------------------------------------------------------
# Tables


def flag_counts(events: pd.DataFrame) -> pd.DataFrame:
    """How many events carry each flag (flags are ';'- or ','-separated in the events table)."""
    flags = events["flags"].str.split(r"\s*[;,]\s*", regex=True).explode()
    flags = flags[flags.notna() & (flags != "")]
    counts = flags.value_counts().rename_axis("flag").reset_index(name="events")
    return counts.sort_values(["events", "flag"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def events_overview(events: pd.DataFrame) -> pd.DataFrame:
    """The events table as a reader scans it: date, place, actors, figures, sources and flags."""
    ordered = sort_events(events)
    view = pd.DataFrame({
        "event_id": ordered["event_id"],
        "date": ordered["date_start"].dt.strftime("%Y-%m-%d").fillna("unknown"),
        "precision": ordered["date_precision"],
        "place": ordered["place"].str.replace(";", ", "),
        "admin1": ordered["admin1"],
        "perpetrator": ordered["perpetrator"],
        "killed_best": ordered["killed_best"].map(format_figure),
        "killed_range": [_range_text(r.killed_low, r.killed_high) for r in ordered.itertuples()],
        "claimed": ordered["claimed_casualties"].map(format_figure),
        "n_sources": ordered["n_sources"].astype("Int64"),
        "flags": ordered["flags"].str.replace(";", ", "),
    })
    return view.reset_index(drop=True)


def _range_text(low: float, high: float) -> str:
    """A low–high range as text: one figure when they agree, blank when both are unknown."""
    if pd.isna(low) and pd.isna(high):
        return ""
    if low == high:
        return format_figure(low)
    return f"{format_figure(low) or '?'}–{format_figure(high) or '?'}"
