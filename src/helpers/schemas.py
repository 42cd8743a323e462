"""The data contract (../shared/BRIEF.md): column order of every output table and how tables are written."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

LEDGER_COLUMNS = ["file", "article_id", "sha256", "bytes", "encoding", "status", "reason"]
LEDGER_STATUSES = ["ok", "duplicate", "empty", "not_text", "not_english", "error"]

ARTICLES_COLUMNS = ["article_id", "title", "outlet", "published", "published_from", "language", "n_words"]
PUBLISHED_FROM = ["sidecar", "text", "url", "unknown"]

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


# CSV injection (OWASP): a spreadsheet runs a cell that begins with one of these characters as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A cell that is only a number ("-3.5", "+12", "1e-3") is read as that number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _is_live(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS) and _PLAIN_NUMBER.fullmatch(text) is None


def neutralise_cell(value: object) -> object:
    """Neutralise a text cell a spreadsheet would run as a formula by prefixing a single quote (OWASP).

    A cell that already begins with quotes before such a character gets one more quote, so that
    restore_cell gives back exactly the value written; numbers and other values are left alone.
    """
    if not isinstance(value, str) or not value:
        return value
    return "'" + value if _is_live(value.lstrip("'")) else value


def restore_cell(value: object) -> object:
    """Undo neutralise_cell: the raw value of a cell read from a CSV this module wrote."""
    if isinstance(value, str) and value.startswith("'") and _is_live(value.lstrip("'")):
        return value[1:]
    return value


# Cells that may need a change: quotes, then a trigger (the few cells the per-cell functions must look at).
_MAY_BE_LIVE = r"'*[=+\-@\t\r]"


def _map_text_cells(frame: pd.DataFrame, function, pattern: str) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not (pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)):
            continue
        texts = series.dropna()
        texts = texts[texts.map(lambda value: isinstance(value, str))] if series.dtype == object else texts
        candidates = texts.index[texts.astype("string").str.match(pattern).fillna(False).to_numpy(dtype=bool)]
        if len(candidates):
            series = series.copy()
            series.loc[candidates] = series.loc[candidates].map(function)
            out[column] = series
    out.columns = [function(str(column)) for column in out.columns]
    return out


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame whose text cells are neutralised for spreadsheets (numeric columns untouched)."""
    return _map_text_cells(frame, neutralise_cell, _MAY_BE_LIVE)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo neutralise_frame on a frame read from CSV."""
    return _map_text_cells(frame, restore_cell, "'" + _MAY_BE_LIVE)


# A quoted field, or a row end outside quotes.
_QUOTED_OR_ROW_END = re.compile(r'"[^"]*(?:""[^"]*)*"|\r\n')


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a frame as CSV the way every table, export and figure datum of a run is written: UTF-8, LF,
    no index, and every text cell a spreadsheet would run as a formula neutralised (neutralise_cell).

    Python's csv module quotes a field holding a line break only when the break is in its line terminator,
    so with "\n" a carriage return inside a cell would split the row; rows are written with "\r\n" (every
    cell holding either character is then quoted) and the row ends outside quotes turned into "\n".
    """
    path = Path(path)
    safe = neutralise_frame(frame)
    if not _has_carriage_return(safe):
        safe.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        return path
    text = safe.to_csv(index=False, lineterminator="\r\n")
    text = _QUOTED_OR_ROW_END.sub(lambda match: "\n" if match.group() == "\r\n" else match.group(), text)
    path.write_bytes(text.encode("utf-8"))
    return path


def _has_carriage_return(frame: pd.DataFrame) -> bool:
    if any("\r" in str(column) for column in frame.columns):
        return True
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype):
            if series.dropna().astype(str).str.contains("\r", regex=False).any():
                return True
    return False


def read_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV written by write_csv as text, blank cells as missing, with the raw (un-neutralised) values."""
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8")
    return restore_frame(frame)


def write_table(frame: pd.DataFrame, name: str, tables_dir: str | Path, *, parquet: bool = True) -> Path:
    """Validate a contract table (helpers.contract), write it as sorted UTF-8 CSV (LF endings, formulas
    neutralised) and typed Parquet beside it (raw values); return the CSV path."""
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
    write_csv(ordered, csv_path)
    if parquet:
        contract.to_parquet(ordered, name, tables_dir / f"{name}.parquet")
    return csv_path


def read_table(name: str, tables_dir: str | Path) -> pd.DataFrame:
    """Read a contract table written by write_table, every column as text (typed by the stage that uses it), with
    its raw values (a neutralised cell comes back as it was before write_table quoted it)."""
    frame = read_csv(Path(tables_dir) / f"{name}.csv")
    check_columns(frame, name)
    return frame
