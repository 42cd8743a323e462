"""The data contract (../shared/BRIEF.md): column order of every output table and how tables are written."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

LEDGER_COLUMNS = ["file", "article_id", "sha256", "bytes", "encoding", "status", "reason"]
LEDGER_STATUSES = ["ok", "duplicate", "empty", "not_text", "not_english", "error"]

ARTICLES_COLUMNS = ["article_id", "title", "outlet", "published", "published_from", "language", "n_words"]
PUBLISHED_FROM = ["sidecar", "text", "unknown"]

MENTIONS_COLUMNS = [
    "mention_id", "article_id", "event_id", "role", "event_type", "sub_event_type",
    "date_start", "date_end", "date_precision", "date_text",
    "location_text", "place", "admin1", "country", "latitude", "longitude", "geo_precision",
    "perpetrator", "target",
    "killed", "killed_qualifier", "killed_max",
    "wounded", "wounded_qualifier", "wounded_max",
    "casualties", "casualties_qualifier",
    "figure_source", "source_type", "is_claim",
    "char_start", "char_end", "evidence", "annotator",
]
ROLES = ["main", "background"]
DATE_PRECISIONS = ["day", "week", "month", "year", "unknown"]
GEO_PRECISIONS = ["place", "near_place", "admin2", "admin1", "country", "region", "unknown"]
QUALIFIERS = ["exact", "at_least", "more_than", "fewer_than", "approx", "range"]
SOURCE_TYPES = ["monitor", "government", "activists", "media", "perpetrator_claim", "unattributed"]
ANNOTATORS = ["rules", "human"]

EVENTS_COLUMNS = [
    "event_id", "date_start", "date_end", "date_precision", "event_type", "sub_event_type",
    "place", "admin1", "country", "latitude", "longitude", "geo_precision",
    "perpetrator", "target",
    "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
    "claimed_casualties", "n_mentions", "n_articles", "n_sources", "sources",
    "article_ids", "mention_ids", "rationale", "flags",
]

CONTRADICTIONS_COLUMNS = ["event_id", "field", "values", "article_ids", "note"]

CONTRACT = {
    "ledger": LEDGER_COLUMNS,
    "articles": ARTICLES_COLUMNS,
    "mentions": MENTIONS_COLUMNS,
    "events": EVENTS_COLUMNS,
    "contradictions": CONTRADICTIONS_COLUMNS,
}
SORT_KEYS = {
    "ledger": ["file"],
    "articles": ["article_id"],
    "mentions": ["mention_id"],
    "events": ["event_id"],
    "contradictions": ["event_id", "field", "values"],
}


def empty_table(name: str) -> pd.DataFrame:
    """Return a table of the contract with its columns and no rows."""
    return pd.DataFrame({column: pd.Series([], dtype="string") for column in CONTRACT[name]})


def check_columns(frame: pd.DataFrame, name: str) -> None:
    """Fail loudly when a contract table lacks a column or has them in another order."""
    expected = CONTRACT[name]
    present = list(frame.columns[: len(expected)])
    missing = [column for column in expected if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} table lacks contract columns: {missing}")
    if present != expected:
        raise ValueError(f"{name} table must start with the contract columns in order {expected}, got {present}")


def write_table(frame: pd.DataFrame, name: str, tables_dir: str | Path, *, parquet: bool = True) -> Path:
    """Validate a contract table (helpers.contract), write it as sorted UTF-8 CSV (LF endings) and typed Parquet
    beside it; return the CSV path."""
    check_columns(frame, name)
    from helpers import contract  # the pandera schemas; imported here because they read this module's lists

    contract.validate(frame, name)
    extra = [column for column in frame.columns if column not in CONTRACT[name]]
    ordered = frame[CONTRACT[name] + extra]
    keys = [key for key in SORT_KEYS[name] if key in ordered.columns]
    ordered = ordered.sort_values(keys, kind="mergesort").reset_index(drop=True) if len(ordered) else ordered
    tables_dir = Path(tables_dir)
    tables_dir.mkdir(parents=True, exist_ok=True)
    csv_path = tables_dir / f"{name}.csv"
    ordered.to_csv(csv_path, index=False, lineterminator="\n", encoding="utf-8")
    if parquet:
        contract.to_parquet(ordered, name, tables_dir / f"{name}.parquet")
    return csv_path


def read_table(name: str, tables_dir: str | Path) -> pd.DataFrame:
    """Read a contract table written by write_table, every column as text (typed by the stage that uses it)."""
    path = Path(tables_dir) / f"{name}.csv"
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8")
    check_columns(frame, name)
    return frame
