"""Human corrections of extracted mentions (data/corrections.csv): add, fix or delete, applied after extraction."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.schemas import MENTIONS_COLUMNS

CORRECTION_COLUMNS = ["action", "mention_id", "field", "value", "reason"]
ACTIONS = ["add", "fix", "delete"]
REPORT_COLUMNS = CORRECTION_COLUMNS + ["status"]
# Fields a correction may not set: the key itself and the annotator, which corrections set to "human".
PROTECTED_FIELDS = {"mention_id", "annotator"}


def load_corrections(path: str | Path | None) -> pd.DataFrame:
    """Read the corrections file as text; a missing file, None or '' means no corrections."""
    if path is None or str(path) == "" or not Path(path).exists():
        return pd.DataFrame({column: pd.Series([], dtype="string") for column in CORRECTION_COLUMNS})
    path = Path(path)
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != CORRECTION_COLUMNS:
        raise ValueError(f"{path.name} must have columns {CORRECTION_COLUMNS}, got {list(frame.columns)}")
    bad = sorted(set(frame["action"]) - set(ACTIONS))
    if bad:
        raise ValueError(f"{path.name} has unknown actions {bad}; use one of {ACTIONS}")
    if (frame["reason"].str.strip() == "").any():
        raise ValueError(f"every row of {path.name} needs a reason")
    return frame


def _convert(value: str, dtype) -> object:
    """Turn a correction's text value into the column's type; blank means unknown."""
    if value.strip() == "":
        return pd.NA
    if pd.api.types.is_bool_dtype(dtype):
        return value.strip().lower() in ("true", "1", "yes")
    if pd.api.types.is_integer_dtype(dtype):
        return int(value)
    if pd.api.types.is_float_dtype(dtype):
        return float(value)
    return value


def apply_corrections(mentions: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply corrections in file order; return the corrected mentions and a report with each row's status.

    fix sets one field of an existing mention; delete removes a mention; add creates a mention from all its
    rows (one field per row, article_id required). Touched mentions get annotator "human". Mention ids are
    derived from each mention's content (annotate.mention_id), so a row names one sentence's figure: when that
    sentence, figure or kind changes, no mention has the id any more, and the row is reported as "stale" and
    not applied — never re-pointed to another mention.
    """
    out = mentions.copy()
    statuses = []
    added: dict[str, dict[str, str]] = {}
    for row in corrections.itertuples(index=False):
        field = str(row.field).strip()
        if row.action == "add":
            if row.mention_id in set(out["mention_id"]):
                statuses.append("invalid: id exists")
                continue
            if field not in out.columns or field in PROTECTED_FIELDS:
                statuses.append(f"invalid: unknown field {field!r}")
                continue
            added.setdefault(row.mention_id, {})[field] = row.value
            statuses.append("applied")
            continue
        matches = out.index[out["mention_id"] == row.mention_id]
        if len(matches) == 0:
            statuses.append("stale: no mention has this id (its sentence, figure or kind changed); not applied")
            continue
        if row.action == "delete":
            out = out.drop(index=matches)
            statuses.append("applied")
            continue
        if field not in out.columns or field in PROTECTED_FIELDS:
            statuses.append(f"invalid: unknown field {field!r}")
            continue
        out.loc[matches, field] = _convert(row.value, out[field].dtype)
        out.loc[matches, "annotator"] = "human"
        statuses.append("applied")
    for mention_id, fields in added.items():
        if not fields.get("article_id"):
            index = [i for i, r in enumerate(corrections.itertuples(index=False)) if r.mention_id == mention_id]
            for i in index:
                statuses[i] = "invalid: add needs article_id"
            continue
        new = {column: pd.NA for column in out.columns}
        for field, value in fields.items():
            new[field] = _convert(value, out[field].dtype)
        new["mention_id"], new["annotator"] = mention_id, "human"
        out = pd.concat([out, pd.DataFrame([new]).astype(out.dtypes.to_dict())], ignore_index=True)
    report = corrections.assign(status=pd.array(statuses, dtype="string"))[REPORT_COLUMNS]
    out = out.sort_values("mention_id", kind="mergesort").reset_index(drop=True)
    ordered = [c for c in MENTIONS_COLUMNS if c in out.columns] + [c for c in out.columns if c not in MENTIONS_COLUMNS]
    return out[ordered], report
