"""What became of every human correction in a run, so that none can miss silently.

Notebook 02 (mention corrections) and notebook 03 (merge/split decisions, event corrections) each write
their part of tables/corrections_status.csv: one row per corrections file (ok, none, or missing when the user
named a file that does not exist) and one row per correction with its status (applied, stale: the mention
or event it names is gone, invalid). The report's front page lists every row that was not applied.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import schemas

STATUS_FILE = "corrections_status.csv"
STATUS_COLUMNS = ["stage", "file", "row", "action", "mention_id", "other_mention_id", "field", "value", "status"]
STAGES = ["annotate", "reconcile"]


def file_row(stage: str, path: str | Path | None, n_rows: int | None = None) -> dict:
    """The row of one corrections file: 'none' when no file is named, 'missing' when the named file does not
    exist, else 'ok: N rows'."""
    named = path is not None and str(path).strip() != ""
    if not named:
        status = "none: no file named"
    elif not Path(path).exists():
        status = "missing: the file does not exist"
    else:
        status = f"ok: {n_rows if n_rows is not None else 0} rows"
    return {"stage": stage, "file": Path(str(path)).name if named else "", "row": "", "action": "file", "status": status}


def is_missing(path: str | Path | None) -> bool:
    """A file was named and is not there."""
    return path is not None and str(path).strip() != "" and not Path(path).exists()


def rows_of(stage: str, path: str | Path, report: pd.DataFrame) -> list[dict]:
    """One status row per correction of a report (file order; row numbers count from 1 after the header)."""
    name = Path(str(path)).name
    out = []
    for number, record in enumerate(report.to_dict("records"), start=1):
        out.append({"stage": stage, "file": name, "row": str(number),
                    "action": record.get("action", record.get("decision", "set")),
                    "mention_id": record.get("mention_id", ""), "other_mention_id": record.get("other_mention_id", ""),
                    "field": record.get("field", ""), "value": record.get("value", ""), "status": record["status"]})
    return out


def decision_report(decisions: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Each merge/split decision with its status: stale when a mention it names is not in this run."""
    present = set(mentions["mention_id"].dropna())
    statuses = []
    for row in decisions.itertuples(index=False):
        gone = [m for m in (row.mention_id, row.other_mention_id) if m not in present]
        statuses.append("applied" if not gone else f"stale: no such mention {', '.join(map(str, gone))}")
    return decisions.assign(status=pd.array(statuses, dtype="string"))


def write_status(rows: list[dict], tables_dir: str | Path, stage: str) -> pd.DataFrame:
    """Replace this stage's rows of tables/corrections_status.csv and return the whole table (sorted)."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
    path = Path(tables_dir) / STATUS_FILE
    old = read_status(tables_dir)
    new = pd.DataFrame(rows, columns=STATUS_COLUMNS).astype("string").fillna("")
    table = pd.concat([old[old["stage"] != stage], new], ignore_index=True)
    table["_stage"] = table["stage"].map({s: i for i, s in enumerate(STAGES)})
    table["_row"] = pd.to_numeric(table["row"], errors="coerce").fillna(0)
    table = table.sort_values(["_stage", "file", "_row"], kind="mergesort").drop(columns=["_stage", "_row"])
    path.parent.mkdir(parents=True, exist_ok=True)
    schemas.write_csv(table, path)  # the run's one CSV writer: user values that look like formulas are neutralised
    return table.reset_index(drop=True)


def read_status(tables_dir: str | Path) -> pd.DataFrame:
    """The run's corrections status table (empty when no stage wrote one)."""
    path = Path(tables_dir) / STATUS_FILE
    if not path.exists():
        return pd.DataFrame({column: pd.Series([], dtype="string") for column in STATUS_COLUMNS})
    return schemas.read_csv(path).fillna("")


def problems(status: pd.DataFrame) -> pd.DataFrame:
    """The rows a user must look at: a missing file, a stale or invalid correction."""
    bad = status["status"].str.startswith(("missing", "stale", "invalid"))
    return status[bad].reset_index(drop=True)
