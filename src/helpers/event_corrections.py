"""Human corrections of reconciled events (data/event_corrections.csv): set an event's date, place or figures.

An event's id (EV0001 ...) changes from run to run, so a correction names the event by one of its mentions
(`mention_id`, stable): "the event that holds this mention". Moving a mention to another event, merging and
splitting events are pairs of mention ids in data/merge_split.csv (helpers.linkage), which linking applies.
A correction whose mention is in no event of this run is reported as stale and never applied elsewhere.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR
from helpers.schemas import DATE_PRECISIONS, GEO_PRECISIONS

EVENT_CORRECTIONS_PATH = DATA_DIR / "event_corrections.csv"
EVENT_CORRECTION_COLUMNS = ["mention_id", "field", "value", "reason"]
REPORT_COLUMNS = EVENT_CORRECTION_COLUMNS + ["event_id", "status"]
INTEGER_FIELDS = ["killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
                  "claimed_casualties"]
SETTABLE = {
    "date_start": "date", "date_end": "date", "date_precision": DATE_PRECISIONS, "place": "text", "admin1": "text",
    "country": "text", "latitude": "number", "longitude": "number", "geo_precision": GEO_PRECISIONS,
    "perpetrator": "text", "target": "text", "event_type": "text", "sub_event_type": "text",
    **{field: "integer" for field in INTEGER_FIELDS},
}


def empty_corrections() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype="string") for column in EVENT_CORRECTION_COLUMNS})


def load_event_corrections(path: str | Path | None) -> pd.DataFrame:
    """Read event corrections as text; a blank path means none. A named file that is missing raises
    FileNotFoundError (the caller reports it); a file without the columns or a reason per row raises ValueError."""
    if path is None or str(path).strip() == "":
        return empty_corrections()
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"event corrections file {path} does not exist")
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != EVENT_CORRECTION_COLUMNS:
        raise ValueError(f"{path.name} must have columns {EVENT_CORRECTION_COLUMNS}, got {list(frame.columns)}")
    if (frame["reason"].str.strip() == "").any():
        raise ValueError(f"every row of {path.name} needs a reason")
    return frame


def _check_value(field: str, value: str) -> str | None:
    """Why a value cannot go into a field, or None when it can."""
    kind = SETTABLE[field]
    value = value.strip()
    if value == "":
        return None
    if isinstance(kind, list):
        return None if value in kind else f"must be one of {kind}"
    try:
        if kind == "date":
            pd.Timestamp(value)
            return None if len(value) == 10 else "must be YYYY-MM-DD"
        if kind == "integer":
            int(value)
        if kind == "number":
            float(value)
    except ValueError:
        return f"must be {kind}"
    return None


def apply_event_corrections(events: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Set fields of the events that hold the named mentions; return the events and a report per row.

    Status: "applied"; "stale: no event holds this mention" (the mention is gone, or its id changed);
    "invalid: ..." for a field that cannot be set or a value of the wrong kind. An applied row marks the
    event's rationale with what was set by hand and why.
    """
    out = events.copy()
    holder = {m: e for e, ids in zip(out["event_id"], out["mention_ids"]) for m in str(ids).split(";") if m}
    statuses, event_ids = [], []
    for row in corrections.itertuples(index=False):
        field, value = str(row.field).strip(), str(row.value)
        event_id = holder.get(str(row.mention_id).strip())
        event_ids.append(event_id)
        if field not in SETTABLE:
            statuses.append(f"invalid: {field!r} cannot be set (one of {sorted(SETTABLE)})")
            continue
        problem = _check_value(field, value)
        if problem:
            statuses.append(f"invalid: {field} {problem}")
            continue
        if event_id is None:
            statuses.append("stale: no event holds this mention")
            continue
        at = out.index[out["event_id"] == event_id]
        new = pd.NA if value.strip() == "" else value.strip()
        if new is not pd.NA and SETTABLE[field] in ("integer", "number"):
            new = int(new) if SETTABLE[field] == "integer" else float(new)
        column = out[field]
        out[field] = column.astype(object) if column.dtype != object else column
        out.loc[at, field] = new
        note = f" Set by hand: {field} = {value.strip() or 'unknown'} ({row.reason.strip()})."
        out.loc[at, "rationale"] = out.loc[at, "rationale"].fillna("").astype(str) + note
        statuses.append("applied")
    for field in set(corrections["field"].str.strip()) & set(SETTABLE) & set(out.columns):
        if SETTABLE[field] == "integer":
            out[field] = pd.array(pd.to_numeric(out[field], errors="coerce"), dtype="Int64")
        elif SETTABLE[field] == "number":
            out[field] = pd.to_numeric(out[field], errors="coerce").astype("float64")
        else:
            out[field] = out[field].astype("string")
    report = corrections.assign(event_id=pd.array(event_ids, dtype="string"),
                                status=pd.array(statuses, dtype="string"))[REPORT_COLUMNS]
    return out, report
